package dev.wharf.sns.engine;

import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.Tag;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks tags as AWS's tagging rules for SNS do: counts, lengths, characters and the reserved {@code aws:} prefix. */
final class Tags {

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {}

    /** The tags as a map in request order, after checking each. */
    static Map<String, String> check(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            String key = tag.key();
            String value = tag.value() == null ? "" : tag.value();
            if (key == null
                    || key.isEmpty()
                    || key.length() > SnsLimits.TAG_KEY_LENGTH_MAX
                    || !ALLOWED.matcher(key).matches()) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Tags Reason: Tag key is invalid.");
            }
            if (key.startsWith("aws:")) {
                throw SnsError.InvalidParameter.with(
                        "Invalid parameter: Tags Reason: Tag keys may not begin with the reserved prefix aws:.");
            }
            if (value.length() > SnsLimits.TAG_VALUE_LENGTH_MAX
                    || !ALLOWED.matcher(value).matches()) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Tags Reason: Tag value is invalid.");
            }
            if (map.put(key, value) != null) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Duplicated keys are not allowed.");
            }
        }
        requireWithinQuota(map.size());
        return map;
    }

    static void requireWithinQuota(int count) {
        if (count > SnsLimits.TAGS_MAX) {
            throw SnsError.TagLimitExceeded.with("Could not complete request: tag quota of per resource exceeded");
        }
    }

    static void requireKeys(Collection<String> keys) {
        for (String key : keys) {
            if (key == null || key.isEmpty() || key.length() > SnsLimits.TAG_KEY_LENGTH_MAX) {
                throw SnsError.InvalidParameter.with("Invalid parameter: TagKeys Reason: Tag key is invalid.");
            }
        }
    }
}
