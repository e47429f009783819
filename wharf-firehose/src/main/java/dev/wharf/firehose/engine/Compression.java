package dev.wharf.firehose.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The encoders of a destination's {@code CompressionFormat}, shared by delivered objects and the error output, so that
 * each format is written in one place.
 */
final class Compression {

    private Compression() {}

    /**
     * An encoder that compresses what is written to it into {@code sink}; closing it finishes the format (and does not
     * close the sink unless the format's writer does).
     *
     * @param format the destination's CompressionFormat
     * @param entryName the name of a ZIP archive's one entry
     * @throws IllegalArgumentException for a format that Wharf does not write
     */
    static OutputStream encoder(String format, OutputStream sink, String entryName) {
        try {
            return switch (format) {
                case "GZIP" -> new GZIPOutputStream(sink, 64 * 1024);
                case "ZIP" -> {
                    ZipOutputStream zip = new ZipOutputStream(sink);
                    zip.putNextEntry(new ZipEntry(entryName));
                    yield zip;
                }
                case "Snappy" -> SnappyStreams.framed(sink);
                case "HADOOP_SNAPPY" -> SnappyStreams.hadoop(sink);
                case "UNCOMPRESSED" -> sink;
                default -> throw new IllegalArgumentException("no encoder for " + format);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of a ZIP archive's entry in the object named {@code name}: the name without its {@code .zip}. */
    static String entryName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }
}
