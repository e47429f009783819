package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An alarm's tags: at most 50, keys 1 to 128 characters and values up to 256, merged by key. */
final class Tags {

    static final int MAX_TAGS = 50;

    private Tags() {}

    /** The tags of {@code before} with {@code added} put over them by key. */
    static List<Tag> merge(List<Tag> before, @Nullable List<Tag> added) {
        Map<String, String> tags = new LinkedHashMap<>();
        before.forEach(tag -> tags.put(String.valueOf(tag.key()), String.valueOf(tag.value())));
        if (added != null) {
            for (int i = 0; i < added.size(); i++) {
                Tag tag = added.get(i);
                String key = MetricReads.require(tag.key(), "Tags.member." + (i + 1) + ".Key");
                String value = MetricReads.require(tag.value(), "Tags.member." + (i + 1) + ".Value");
                if (key.isEmpty() || key.length() > 128) {
                    throw MetricRules.constraint(
                            "tags.member." + (i + 1) + ".key", key, "Member must have length between 1 and 128");
                }
                if (value.length() > 256) {
                    throw MetricRules.constraint(
                            "tags.member." + (i + 1) + ".value",
                            value,
                            "Member must have length less than or equal to 256");
                }
                tags.put(key, value);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw dev.wharf.cloudwatch.api.CloudWatchError.LimitExceeded.with(
                    "The resource would have more than " + MAX_TAGS + " tags.");
        }
        List<Tag> out = new ArrayList<>(tags.size());
        tags.forEach((key, value) -> out.add(new Tag(key, value)));
        return out;
    }

    static List<Tag> remove(List<Tag> before, Set<String> keys) {
        return before.stream().filter(tag -> !keys.contains(tag.key())).toList();
    }
}
