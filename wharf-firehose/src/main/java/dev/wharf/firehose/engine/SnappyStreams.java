package dev.wharf.firehose.engine;

import java.io.IOException;
import java.io.OutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

/**
 * The two Snappy encodings of a destination's {@code CompressionFormat}, kept apart from {@link Compression} so that
 * snappy-java's classes, and the native library that its {@code Snappy} class loads when first used, are loaded only
 * when a Snappy or HADOOP_SNAPPY stream is delivered (or its error output written), never at server start.
 *
 * <p>Both stream: each holds one block of input (64 KiB framed, 32 KiB Hadoop) and writes it compressed as it fills.
 */
final class SnappyStreams {

    /** Hadoop's own default block ({@code io.compression.codec.snappy.buffersize}), so Hadoop readers need no more. */
    private static final int HADOOP_BLOCK = 256 * 1024;

    private SnappyStreams() {}

    /**
     * {@code Snappy}: Snappy's framing format (a stream identifier, then chunks of at most 64 KiB of input, each with
     * its CRC-32C), which snappy's own tools, python-snappy and snappy-java's {@code SnappyFramedInputStream} read.
     */
    static OutputStream framed(OutputStream sink) throws IOException {
        return new SnappyFramedOutputStream(sink);
    }

    /**
     * {@code HADOOP_SNAPPY}: the block format of Hadoop's {@code SnappyCodec} (each block the length of its input, then
     * the compressed length and bytes of each piece, all lengths as 4-byte big-endian integers, no header), which
     * Hadoop, Hive, Spark and Athena read from {@code .hsnappy} objects.
     */
    static OutputStream hadoop(OutputStream sink) {
        return new SnappyHadoopCompatibleOutputStream(sink, HADOOP_BLOCK);
    }
}
