package dev.wharf.common;

/** An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    private static final int PARTS = 6;

    public static Arn of(String service, String region, String accountId, String resource) {
        return new Arn("aws", service, region, accountId, resource);
    }

    /**
     * Parses an ARN.
     *
     * @throws IllegalArgumentException when the text is not an ARN
     */
    public static Arn parse(String text) {
        String[] parts = text.split(":", PARTS);
        if (parts.length != PARTS || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not an ARN: " + text);
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
