package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.OrcSerDe;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcConf;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.impl.PhysicalFsWriter;
import org.apache.orc.impl.writer.WriterEncryptionVariant;
import org.jspecify.annotations.Nullable;

/**
 * An ORC file of a table's rows, as Firehose's OrcSerDe writes them, with ORC's own types for Hive's. The serializer's
 * Compression (SNAPPY by default), BlockSizeBytes (256 MiB), RowIndexStride (10,000), EnablePadding (false),
 * PaddingTolerance (0.05), BloomFilterColumns, BloomFilterFalsePositiveProbability (0.05), DictionaryKeyThreshold (0.8)
 * and FormatVersion (V0_12) are applied; its StripeSizeBytes (64 MiB) is the stripe size up to {@link
 * ColumnarWriter#MAX_BUFFERED_BYTES}. Timestamps are written in UTC.
 *
 * <p>The file is written through a stream of Wharf's own, never through Hadoop's FileSystem cache, which would ask
 * Hadoop's user machinery for the current user.
 */
public final class OrcFileWriter implements ColumnarWriter {

    private static final long DEFAULT_STRIPE_SIZE = 64L * 1024 * 1024;
    private static final long DEFAULT_BLOCK_SIZE = 256L * 1024 * 1024;

    private final Writer writer;
    private final HiveType table;
    private final VectorizedRowBatch batch;

    private OrcFileWriter(Writer writer, HiveType table, VectorizedRowBatch batch) {
        this.writer = writer;
        this.table = table;
        this.batch = batch;
    }

    public static OrcFileWriter open(OrcSerDe serDe, HiveType table, Path file) throws IOException {
        Configuration conf = new Configuration(false);
        conf.setClassLoader(OrcFileWriter.class.getClassLoader());
        if (serDe.dictionaryKeyThreshold() != null) {
            OrcConf.DICTIONARY_KEY_SIZE_THRESHOLD.setDouble(conf, serDe.dictionaryKeyThreshold());
        }
        TypeDescription schema = schema(table);
        OrcFile.WriterOptions options = OrcFile.writerOptions(conf)
                .setSchema(schema)
                .fileSystem(new RawLocalFileSystem())
                .compress(CompressionKind.valueOf(serDe.compression() == null ? "SNAPPY" : serDe.compression()))
                .stripeSize(Math.min(
                        serDe.stripeSizeBytes() == null ? DEFAULT_STRIPE_SIZE : serDe.stripeSizeBytes(),
                        MAX_BUFFERED_BYTES))
                .blockSize(serDe.blockSizeBytes() == null ? DEFAULT_BLOCK_SIZE : serDe.blockSizeBytes())
                .rowIndexStride(serDe.rowIndexStride() == null ? 10_000 : serDe.rowIndexStride())
                .blockPadding(Boolean.TRUE.equals(serDe.enablePadding()))
                .paddingTolerance(serDe.paddingTolerance() == null ? 0.05 : serDe.paddingTolerance())
                .bloomFilterFpp(
                        serDe.bloomFilterFalsePositiveProbability() == null
                                ? 0.05
                                : serDe.bloomFilterFalsePositiveProbability())
                .version("V0_11".equals(serDe.formatVersion()) ? OrcFile.Version.V_0_11 : OrcFile.Version.V_0_12)
                .useUTCTimestamp(true);
        if (serDe.bloomFilterColumns() != null && !serDe.bloomFilterColumns().isEmpty()) {
            options.bloomFilterColumns(String.join(",", serDe.bloomFilterColumns()));
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        try {
            options.physicalWriter(
                    new PhysicalFsWriter(new FSDataOutputStream(out, null), options, new WriterEncryptionVariant[0]));
            Writer writer = OrcFile.createWriter(new org.apache.hadoop.fs.Path(file.toUri()), options);
            return new OrcFileWriter(writer, table, schema.createRowBatch(1024));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The ORC schema of a table, built field by field (names as held, whatever characters they have). */
    static TypeDescription schema(HiveType type) {
        return switch (type.kind()) {
            case BOOLEAN -> TypeDescription.createBoolean();
            case TINYINT -> TypeDescription.createByte();
            case SMALLINT -> TypeDescription.createShort();
            case INT -> TypeDescription.createInt();
            case BIGINT -> TypeDescription.createLong();
            case FLOAT -> TypeDescription.createFloat();
            case DOUBLE -> TypeDescription.createDouble();
            case DECIMAL ->
                TypeDescription.createDecimal().withPrecision(type.precision()).withScale(type.scale());
            case STRING -> TypeDescription.createString();
            case VARCHAR -> TypeDescription.createVarchar().withMaxLength(type.precision());
            case CHAR -> TypeDescription.createChar().withMaxLength(type.precision());
            case BINARY -> TypeDescription.createBinary();
            case DATE -> TypeDescription.createDate();
            case TIMESTAMP -> TypeDescription.createTimestamp();
            case ARRAY -> TypeDescription.createList(schema(type.children().get(0)));
            case MAP ->
                TypeDescription.createMap(
                        schema(type.children().get(0)), schema(type.children().get(1)));
            case STRUCT -> {
                TypeDescription struct = TypeDescription.createStruct();
                for (int i = 0; i < type.names().size(); i++) {
                    struct.addField(type.names().get(i), schema(type.children().get(i)));
                }
                yield struct;
            }
        };
    }

    @Override
    public void write(@Nullable Object[] row) throws IOException {
        int at = batch.size++;
        for (int i = 0; i < row.length; i++) {
            set(batch.cols[i], at, table.children().get(i), row[i]);
        }
        if (batch.size == batch.getMaxSize()) {
            flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (batch.size > 0) {
            flush();
        }
        writer.close();
    }

    private void flush() throws IOException {
        writer.addRowBatch(batch);
        batch.reset();
    }

    /** Sets one value of a column vector, growing a list's or map's child vectors as needed. */
    @SuppressWarnings("unchecked")
    private static void set(ColumnVector vector, int at, HiveType type, @Nullable Object value) {
        if (value == null) {
            vector.noNulls = false;
            vector.isNull[at] = true;
            return;
        }
        vector.isNull[at] = false;
        switch (type.kind()) {
            case BOOLEAN -> ((LongColumnVector) vector).vector[at] = (Boolean) value ? 1 : 0;
            case TINYINT, SMALLINT, INT, DATE -> ((LongColumnVector) vector).vector[at] = (Integer) value;
            case BIGINT -> ((LongColumnVector) vector).vector[at] = (Long) value;
            case FLOAT -> ((DoubleColumnVector) vector).vector[at] = (Float) value;
            case DOUBLE -> ((DoubleColumnVector) vector).vector[at] = (Double) value;
            case DECIMAL -> ((DecimalColumnVector) vector).set(at, HiveDecimal.create((BigDecimal) value));
            case STRING, VARCHAR, CHAR ->
                ((BytesColumnVector) vector).setVal(at, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BINARY -> ((BytesColumnVector) vector).setVal(at, (byte[]) value);
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                Timestamp timestamp = new Timestamp(instant.toEpochMilli());
                timestamp.setNanos(instant.getNano());
                ((TimestampColumnVector) vector).set(at, timestamp);
            }
            case ARRAY -> {
                ListColumnVector list = (ListColumnVector) vector;
                List<@Nullable Object> elements = (List<@Nullable Object>) value;
                int offset = list.childCount;
                list.offsets[at] = offset;
                list.lengths[at] = elements.size();
                list.childCount += elements.size();
                list.child.ensureSize(list.childCount, true);
                for (int i = 0; i < elements.size(); i++) {
                    set(list.child, offset + i, type.children().get(0), elements.get(i));
                }
            }
            case MAP -> {
                MapColumnVector map = (MapColumnVector) vector;
                Map<Object, @Nullable Object> entries = (Map<Object, @Nullable Object>) value;
                int offset = map.childCount;
                map.offsets[at] = offset;
                map.lengths[at] = entries.size();
                map.childCount += entries.size();
                map.keys.ensureSize(map.childCount, true);
                map.values.ensureSize(map.childCount, true);
                int i = offset;
                for (Map.Entry<Object, @Nullable Object> entry : entries.entrySet()) {
                    set(map.keys, i, type.children().get(0), entry.getKey());
                    set(map.values, i, type.children().get(1), entry.getValue());
                    i++;
                }
            }
            case STRUCT -> {
                StructColumnVector struct = (StructColumnVector) vector;
                Object[] fields = (Object[]) value;
                for (int i = 0; i < fields.length; i++) {
                    set(struct.fields[i], at, type.children().get(i), fields[i]);
                }
            }
        }
    }
}
