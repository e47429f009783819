package dev.wharf.sns.engine.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses from {@code bottom} to {@code top}, both included, of one family: a policy's {@code cidr}, or the one
 * address that a policy's string value spells.
 */
record IpRange(IpAddress bottom, IpAddress top) {

    /** The range of one address: AWS matches a policy's string that is an address against addresses, not text. */
    static IpRange of(IpAddress address) {
        return new IpRange(address, address);
    }

    /**
     * Reads a {@code cidr} value with AWS's errors, in AWS's order: the slash, the mask bits, the address, and last the
     * mask's size for the address's family. These errors carry no position, unlike the policy's other errors.
     */
    static IpRange parseCidr(String cidr) {
        List<String> parts = splitAsJavaDoes(cidr);
        if (parts.size() != 2) {
            throw InvalidFilterPolicy.of("Malformed CIDR, one '/' required");
        }
        int maskBits;
        try {
            maskBits = Integer.parseInt(parts.get(1));
        } catch (NumberFormatException e) {
            throw InvalidFilterPolicy.of("Malformed CIDR, mask bits must be an integer");
        }
        if (maskBits < 0) {
            throw InvalidFilterPolicy.of("Malformed CIDR, mask bits must not be negative");
        }
        String text = parts.get(0);
        if (!IpAddress.looksLikeAddress(text)) {
            throw InvalidFilterPolicy.of("Nonstandard IP address: " + text);
        }
        IpAddress address = IpAddress.parse(text);
        if (address == null) {
            throw InvalidFilterPolicy.of("Invalid IP address: " + text);
        }
        // AWS refuses a mask as long as the address, so a CIDR always names more than one address.
        if (address.v6() && maskBits > 127) {
            throw InvalidFilterPolicy.of("IPv6 mask bits must be < 128");
        }
        if (!address.v6() && maskBits > 31) {
            throw InvalidFilterPolicy.of("IPv4 mask bits must be < 32");
        }
        return new IpRange(address.withHostBits(maskBits, false), address.withHostBits(maskBits, true));
    }

    boolean contains(IpAddress address) {
        return address.v6() == bottom.v6() && address.compareTo(bottom) >= 0 && address.compareTo(top) <= 0;
    }

    /**
     * Splits on {@code '/'} as Java's {@code String.split("/")} does, which AWS's matcher uses: trailing empty parts are
     * dropped, so {@code "10.0.0.0/8/"} has two parts, and text without a slash has one.
     */
    private static List<String> splitAsJavaDoes(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', start)) {
            parts.add(text.substring(start, slash));
            start = slash + 1;
        }
        parts.add(text.substring(start));
        if (!text.isEmpty()) {
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
        }
        return parts;
    }
}
