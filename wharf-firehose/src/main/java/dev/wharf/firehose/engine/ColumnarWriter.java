package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.Serializer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes the rows of one converted object into a local file, as Parquet or ORC: rows from {@link JsonRows}, the file
 * complete once closed. The implementations are the only classes that reach Parquet's, ORC's and Hadoop's; they are
 * loaded through {@link FormatLibraries}, so those libraries load with the first converting delivery and never at
 * server start (and, in a packaged server, from their own directory, never on the class path). Public only so that
 * the implementations, loaded apart, can implement it. Not thread-safe.
 */
public interface ColumnarWriter extends Closeable {

    /**
     * The largest row group (Parquet) or stripe (ORC) that a writer holds in memory before writing it out, whatever
     * the serializer's BlockSizeBytes or StripeSizeBytes: the heap of a delivery stays bounded.
     */
    long MAX_BUFFERED_BYTES = 16L * 1024 * 1024;

    /** Adds one row. */
    void write(@Nullable Object[] row) throws IOException;

    /** Ends the file (its footer written); the file is then complete. */
    @Override
    void close() throws IOException;

    /** A writer of a destination's output format into {@code file}, which exists and is empty. */
    static ColumnarWriter open(ExtendedS3DestinationConfiguration destination, HiveType table, Path file)
            throws IOException {
        Serializer serializer = Objects.requireNonNull(
                Objects.requireNonNull(Objects.requireNonNull(destination.dataFormatConversionConfiguration())
                                .outputFormatConfiguration())
                        .serializer());
        if (serializer.orcSerDe() != null) {
            return FormatLibraries.open("dev.wharf.firehose.engine.OrcFileWriter", serializer.orcSerDe(), table, file);
        }
        return FormatLibraries.open(
                "dev.wharf.firehose.engine.ParquetFileWriter",
                Objects.requireNonNull(serializer.parquetSerDe()),
                table,
                file);
    }
}
