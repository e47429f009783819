package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.KinesisError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Shard iterators as self-contained tokens: the stream (account, name and store id, so that an iterator of a deleted
 * stream does not read a new one of the same name), the shard, the ordinal to read from, the earliest arrival time to
 * return (AT_TIMESTAMP, until the first record), and when the iterator was made, for its five-minute expiry. Nothing is
 * kept on the server, so any number of iterators costs no memory, and they survive a restart as AWS's do.
 *
 * <p>The token is opaque to clients, as AWS's are: base64 of a version byte and the fields. A token that does not
 * decode is {@code InvalidArgumentException} "Invalid ShardIterator.", as AWS answers.
 */
final class ShardIterators {

    private static final byte VERSION = 1;
    /** The model's bound on ShardIterator. */
    static final int LENGTH_MAX = 512;

    /** What an iterator holds. */
    record Position(
            String accountId,
            String streamName,
            long streamId,
            int shard,
            long ordinal,
            long notBeforeMillis,
            long issuedMillis) {}

    private ShardIterators() {}

    static String encode(Position position) {
        byte[] account = position.accountId().getBytes(StandardCharsets.UTF_8);
        byte[] name = position.streamName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 2 + account.length + 2 + name.length + 8 + 4 + 8 + 8 + 8);
        out.put(VERSION);
        out.putShort((short) account.length).put(account);
        out.putShort((short) name.length).put(name);
        out.putLong(position.streamId())
                .putInt(position.shard())
                .putLong(position.ordinal())
                .putLong(position.notBeforeMillis())
                .putLong(position.issuedMillis());
        return Base64.getEncoder().encodeToString(out.array());
    }

    /**
     * The position a token holds.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} for a token Wharf did not make
     */
    static Position decode(String token) {
        Position position = tryDecode(token);
        if (position == null) {
            throw KinesisError.InvalidArgument.with("Invalid ShardIterator.");
        }
        return position;
    }

    private static @Nullable Position tryDecode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != VERSION) {
                return null;
            }
            String account = string(in);
            String name = string(in);
            Position position =
                    new Position(account, name, in.getLong(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
            boolean sane = !in.hasRemaining()
                    && position.streamId() >= 0
                    && position.shard() >= 0
                    && position.ordinal() >= 0
                    && position.issuedMillis() >= 0;
            return sane ? position : null;
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String string(ByteBuffer in) {
        int length = in.getShort();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
