package dev.wharf.storage;

/**
 * Names one blob of an {@link ObjectStore}: a body of bytes that lives beside the store's records (as a file of the
 * data directory in the embedded backend) rather than in them.
 *
 * @param value the id, 1 to 64 characters of {@code [0-9a-z-]}, unique within the store for its lifetime
 */
public record BlobId(String value) {
    public BlobId {
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(BlobId::allowed)) {
            throw new IllegalArgumentException("not a blob id: " + value);
        }
    }

    private static boolean allowed(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-';
    }
}
