package dev.wharf.kinesis.engine;

import java.util.regex.Pattern;

/** Shard ids as AWS writes them: {@code shardId-} and a twelve-digit index, numbered from 0 in order of creation. */
final class ShardIds {

    private static final Pattern ID = Pattern.compile("shardId-(\\d{12})");

    private ShardIds() {}

    /** Every answer to PutRecords names a shard per record, so this does not go through a Formatter. */
    static String of(int index) {
        String digits = Integer.toString(index);
        return "shardId-" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    /** The index of a shard id, or -1 when the string is not one. */
    static int indexOf(String shardId) {
        var matcher = ID.matcher(shardId);
        if (!matcher.matches()) {
            return -1;
        }
        long index = Long.parseLong(matcher.group(1));
        return index > Integer.MAX_VALUE ? -1 : (int) index;
    }
}
