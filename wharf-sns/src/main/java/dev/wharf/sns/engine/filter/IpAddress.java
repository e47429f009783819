package dev.wharf.sns.engine.filter;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address, as AWS's matcher reads one from a policy's {@code cidr} or string value, or from a message.
 *
 * <p>AWS first asks whether text looks like an address: digits in four dotted parts, or only hexadecimal digits and
 * colons with at least one colon. Only text that looks like one is parsed; text that does but is no valid address (such
 * as {@code 10.0.0.256}) is an error in a {@code cidr} and an ordinary string elsewhere. An IPv4-mapped IPv6 address
 * ({@code ::ffff:a00:1}) is the IPv4 address it maps, as Java's {@code InetAddress}, which AWS uses, reads it. Nothing
 * here resolves a host name.
 *
 * @param v6 whether the address is an IPv6 one
 * @param high the upper 64 bits of an IPv6 address, 0 for IPv4
 * @param low the lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address
 */
record IpAddress(boolean v6, long high, long low) {

    /** Longer text is no address; the longest IPv6 text without an embedded IPv4 part has 39 characters. */
    private static final int TEXT_MAX = 64;

    /** Whether the text has the shape that AWS parses as an address. */
    static boolean looksLikeAddress(String text) {
        return looksLikeV4(text) || looksLikeV6(text);
    }

    /** The address that the text spells, or null when it spells none. */
    static @Nullable IpAddress parse(String text) {
        if (text.length() > TEXT_MAX) {
            return null;
        }
        if (looksLikeV4(text)) {
            return parseV4(text);
        }
        return looksLikeV6(text) ? parseV6(text) : null;
    }

    /** The number of bits of this address's family. */
    int bits() {
        return v6 ? 128 : 32;
    }

    /** Compares two addresses of the same family as unsigned numbers. */
    int compareTo(IpAddress other) {
        int high = Long.compareUnsigned(this.high, other.high);
        return high != 0 ? high : Long.compareUnsigned(low, other.low);
    }

    /** This address with its host bits, those after the first {@code prefixBits}, all cleared or all set. */
    IpAddress withHostBits(int prefixBits, boolean set) {
        int hostBits = bits() - prefixBits;
        long lowMask = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
        long highMask = hostBits <= 64 ? 0 : (hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1);
        return set
                ? new IpAddress(v6, high | highMask, low | lowMask)
                : new IpAddress(v6, high & ~highMask, low & ~lowMask);
    }

    private static boolean looksLikeV4(String text) {
        int dots = 0;
        boolean digitBefore = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (!digitBefore) {
                    return false;
                }
                dots++;
                digitBefore = false;
            } else if (c >= '0' && c <= '9') {
                digitBefore = true;
            } else {
                return false;
            }
        }
        return dots == 3 && digitBefore;
    }

    private static boolean looksLikeV6(String text) {
        boolean colon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return colon;
    }

    private static @Nullable IpAddress parseV4(String text) {
        long value = 0;
        int start = 0;
        for (int part = 0; part < 4; part++) {
            int end = part == 3 ? text.length() : text.indexOf('.', start);
            // Java refuses leading zeros, which other readers take for octal, as ambiguous.
            if (end - start > 3 || (end - start > 1 && text.charAt(start) == '0')) {
                return null;
            }
            int octet = Integer.parseInt(text, start, end, 10);
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
            start = end + 1;
        }
        return new IpAddress(false, 0, value);
    }

    private static @Nullable IpAddress parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        long[] head = groups(gap < 0 ? text : text.substring(0, gap));
        long[] tail = gap < 0 ? new long[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
            return null;
        }
        long[] all = new long[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long high = (all[0] << 48) | (all[1] << 32) | (all[2] << 16) | all[3];
        long low = (all[4] << 48) | (all[5] << 32) | (all[6] << 16) | all[7];
        if (high == 0 && (low >>> 32) == 0xffffL) {
            return new IpAddress(false, 0, low & 0xffff_ffffL);
        }
        return new IpAddress(true, high, low);
    }

    /** The 16-bit groups of colon-separated hexadecimal text, none for empty text, or null when malformed. */
    private static long @Nullable [] groups(String text) {
        if (text.isEmpty()) {
            return new long[0];
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 8) {
            return null;
        }
        long[] groups = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 4) {
                return null;
            }
            groups[i] = Long.parseLong(parts[i], 16);
        }
        return groups;
    }
}
