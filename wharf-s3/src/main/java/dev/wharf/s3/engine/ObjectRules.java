package dev.wharf.s3.engine;

import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3Limits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** S3's rules for what an object carries: its key, user metadata, tags and storage class. */
final class ObjectRules {

    static final String STANDARD = "STANDARD";
    private static final List<String> STORAGE_CLASSES = List.of(
            "STANDARD",
            "REDUCED_REDUNDANCY",
            "STANDARD_IA",
            "ONEZONE_IA",
            "INTELLIGENT_TIERING",
            "GLACIER",
            "DEEP_ARCHIVE",
            "GLACIER_IR",
            "EXPRESS_ONEZONE");

    private ObjectRules() {}

    static String key(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            throw S3Error.InvalidArgument.with("A key must be specified", "ArgumentName", "key", "ArgumentValue", "");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > S3Limits.MAX_KEY_BYTES) {
            throw S3Error.KeyTooLongError.with(
                    "Your key is too long",
                    "Size",
                    Integer.toString(bytes),
                    "MaxSizeAllowed",
                    Integer.toString(S3Limits.MAX_KEY_BYTES));
        }
        return key;
    }

    /** The user metadata, names lower-cased as S3 stores them, within S3's 2 KB. */
    static Map<String, String> metadata(@Nullable Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> stored = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String name = entry.getKey().toLowerCase(java.util.Locale.ROOT);
            bytes += name.getBytes(StandardCharsets.UTF_8).length
                    + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            stored.put(name, entry.getValue());
        }
        if (bytes > S3Limits.MAX_METADATA_BYTES) {
            throw S3Error.MetadataTooLarge.with(
                    "Your metadata headers exceed the maximum allowed metadata size.",
                    "Size",
                    Integer.toString(bytes),
                    "MaxSizeAllowed",
                    Integer.toString(S3Limits.MAX_METADATA_BYTES));
        }
        return stored;
    }

    static String storageClass(@Nullable String storageClass) {
        if (storageClass == null || storageClass.isEmpty()) {
            return STANDARD;
        }
        if (!STORAGE_CLASSES.contains(storageClass)) {
            throw S3Error.InvalidArgument.with(
                    "Invalid storage class.", "ArgumentName", "x-amz-storage-class", "ArgumentValue", storageClass);
        }
        return storageClass;
    }

    /** The tags of an {@code x-amz-tagging} header, a URL-encoded query such as {@code k1=v1&k2=v2}. */
    static Map<String, String> tagsOfHeader(@Nullable String header) {
        if (header == null || header.isEmpty()) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : header.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (tags.put(key, value) != null) {
                throw S3Error.InvalidTag.with("Cannot provide multiple Tags with the same key", "TagKey", key);
            }
        }
        return checkTags(tags);
    }

    static Map<String, String> tagsOf(ObjectShapes.@Nullable Tagging tagging) {
        if (tagging == null || tagging.tagSet() == null) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (ObjectShapes.Tag tag : tagging.tagSet()) {
            String key = tag.key() == null ? "" : tag.key();
            if (tags.put(key, tag.value() == null ? "" : tag.value()) != null) {
                throw S3Error.InvalidTag.with("Cannot provide multiple Tags with the same key", "TagKey", key);
            }
        }
        return checkTags(tags);
    }

    private static Map<String, String> checkTags(Map<String, String> tags) {
        if (tags.size() > S3Limits.MAX_TAGS) {
            throw S3Error.InvalidTag.with("Object tags cannot be greater than 10");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty()
                    || tag.getKey().codePointCount(0, tag.getKey().length()) > S3Limits.MAX_TAG_KEY_CHARS) {
                throw S3Error.InvalidTag.with("The TagKey you have provided is invalid", "TagKey", tag.getKey());
            }
            if (tag.getValue().codePointCount(0, tag.getValue().length()) > S3Limits.MAX_TAG_VALUE_CHARS) {
                throw S3Error.InvalidTag.with(
                        "The TagValue you have provided is invalid",
                        "TagKey",
                        tag.getKey(),
                        "TagValue",
                        tag.getValue());
            }
        }
        return tags;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.InvalidArgument.with(
                    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters"
                            + " without tag name duplicates.",
                    "ArgumentName",
                    "x-amz-tagging",
                    "ArgumentValue",
                    text);
        }
    }
}
