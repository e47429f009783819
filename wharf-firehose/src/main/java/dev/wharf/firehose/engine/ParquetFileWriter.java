package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.ParquetSerDe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.jspecify.annotations.Nullable;

/**
 * A Parquet file of a table's rows, as Firehose's ParquetSerDe writes them: every column optional; tinyint, smallint
 * and int as INT32 (with INT(8) and INT(16) annotations for the first two), bigint INT64, decimal a fixed-length
 * byte array with the DECIMAL annotation, strings BINARY (STRING), date INT32 (DATE), timestamp INT96 (as Hive's
 * Parquet writer stores it), arrays and maps in the LIST and MAP layouts of the format's specification.
 *
 * <p>The serializer's Compression (SNAPPY by default), PageSizeBytes (1 MiB), EnableDictionaryCompression (false),
 * MaxPaddingBytes (0) and WriterVersion (V1) are applied; its BlockSizeBytes (256 MiB) is the row group size up to
 * {@link ColumnarWriter#MAX_BUFFERED_BYTES}.
 */
public final class ParquetFileWriter implements ColumnarWriter {

    private static final long DEFAULT_BLOCK_SIZE = 256L * 1024 * 1024;
    private static final int DEFAULT_PAGE_SIZE = 1024 * 1024;
    /** The days from the Julian day 0 to 1970-01-01, as INT96 timestamps count them. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588;

    private static final long NANOS_PER_DAY = 86_400L * 1_000_000_000L;

    private final ParquetWriter<@Nullable Object[]> writer;

    private ParquetFileWriter(ParquetWriter<@Nullable Object[]> writer) {
        this.writer = writer;
    }

    public static ParquetFileWriter open(ParquetSerDe serDe, HiveType table, Path file) throws IOException {
        MessageType schema = schema(table);
        long blockSize = serDe.blockSizeBytes() == null ? DEFAULT_BLOCK_SIZE : serDe.blockSizeBytes();
        ParquetWriter<@Nullable Object[]> writer = new Builder(new LocalOutputFile(file), schema, table)
                .withConf(configuration())
                .withWriteMode(Mode.OVERWRITE)
                .withCompressionCodec(
                        CompressionCodecName.valueOf(serDe.compression() == null ? "SNAPPY" : serDe.compression()))
                .withRowGroupSize(Math.min(blockSize, MAX_BUFFERED_BYTES))
                .withPageSize(serDe.pageSizeBytes() == null ? DEFAULT_PAGE_SIZE : serDe.pageSizeBytes())
                .withDictionaryEncoding(Boolean.TRUE.equals(serDe.enableDictionaryCompression()))
                .withMaxPaddingSize(serDe.maxPaddingBytes() == null ? 0 : serDe.maxPaddingBytes())
                .withWriterVersion(
                        "V2".equals(serDe.writerVersion())
                                ? ParquetProperties.WriterVersion.PARQUET_2_0
                                : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
        return new ParquetFileWriter(writer);
    }

    /** An empty Hadoop configuration that finds classes (codecs) where this class was found. */
    private static Configuration configuration() {
        Configuration conf = new Configuration(false);
        conf.setClassLoader(ParquetFileWriter.class.getClassLoader());
        return conf;
    }

    @Override
    public void write(@Nullable Object[] row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The Parquet schema of a table, named {@code hive_schema} as Hive names it. */
    static MessageType schema(HiveType table) {
        List<Type> fields = new ArrayList<>();
        for (int i = 0; i < table.names().size(); i++) {
            fields.add(type(table.names().get(i), table.children().get(i), Type.Repetition.OPTIONAL));
        }
        return new MessageType("hive_schema", fields);
    }

    private static Type type(String name, HiveType type, Type.Repetition repetition) {
        return switch (type.kind()) {
            case BOOLEAN ->
                Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case TINYINT ->
                Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(8, true))
                        .named(name);
            case SMALLINT ->
                Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(16, true))
                        .named(name);
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case DECIMAL ->
                Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                        .length(decimalBytes(type.precision()))
                        .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()))
                        .named(name);
            case STRING, VARCHAR, CHAR ->
                Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case DATE ->
                Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType())
                        .named(name);
            case TIMESTAMP ->
                Types.primitive(PrimitiveTypeName.INT96, repetition).named(name);
            case ARRAY ->
                Types.buildGroup(repetition)
                        .as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(
                                Type.Repetition.REPEATED,
                                "list",
                                type("element", type.children().get(0), Type.Repetition.OPTIONAL)))
                        .named(name);
            case MAP ->
                Types.buildGroup(repetition)
                        .as(LogicalTypeAnnotation.mapType())
                        .addField(new GroupType(
                                Type.Repetition.REPEATED,
                                "key_value",
                                type("key", type.children().get(0), Type.Repetition.REQUIRED),
                                type("value", type.children().get(1), Type.Repetition.OPTIONAL)))
                        .named(name);
            case STRUCT -> {
                List<Type> fields = new ArrayList<>();
                for (int i = 0; i < type.names().size(); i++) {
                    fields.add(type(type.names().get(i), type.children().get(i), Type.Repetition.OPTIONAL));
                }
                yield new GroupType(repetition, name, fields);
            }
        };
    }

    /** The bytes of the smallest two's-complement integer that holds every unscaled value of this precision. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }

    /** Builds the writer over a local file with {@link RowWriteSupport}. */
    private static final class Builder extends ParquetWriter.Builder<@Nullable Object[], Builder> {
        private final MessageType schema;
        private final HiveType table;

        Builder(OutputFile file, MessageType schema, HiveType table) {
            super(file);
            this.schema = schema;
            this.table = table;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<@Nullable Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, table);
        }

        @Override
        protected WriteSupport<@Nullable Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, table);
        }
    }

    /** Writes one row through Parquet's record consumer, field by field. */
    private static final class RowWriteSupport extends WriteSupport<@Nullable Object[]> {
        private final MessageType schema;
        private final HiveType table;
        private @Nullable RecordConsumer consumer;

        RowWriteSupport(MessageType schema, HiveType table) {
            this.schema = schema;
            this.table = table;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(@Nullable Object[] row) {
            RecordConsumer out = java.util.Objects.requireNonNull(consumer);
            out.startMessage();
            fields(out, table, row);
            out.endMessage();
        }

        private static void fields(RecordConsumer out, HiveType struct, @Nullable Object[] values) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value != null) {
                    String name = struct.names().get(i);
                    out.startField(name, i);
                    value(out, struct.children().get(i), value);
                    out.endField(name, i);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static void value(RecordConsumer out, HiveType type, Object value) {
            switch (type.kind()) {
                case BOOLEAN -> out.addBoolean((Boolean) value);
                case TINYINT, SMALLINT, INT, DATE -> out.addInteger((Integer) value);
                case BIGINT -> out.addLong((Long) value);
                case FLOAT -> out.addFloat((Float) value);
                case DOUBLE -> out.addDouble((Double) value);
                case DECIMAL ->
                    out.addBinary(
                            Binary.fromConstantByteArray(decimal((BigDecimal) value, decimalBytes(type.precision()))));
                case STRING, VARCHAR, CHAR -> out.addBinary(Binary.fromString((String) value));
                case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
                case TIMESTAMP -> out.addBinary(Binary.fromConstantByteArray(int96((Instant) value)));
                case ARRAY -> {
                    out.startGroup();
                    List<@Nullable Object> list = (List<@Nullable Object>) value;
                    if (!list.isEmpty()) {
                        out.startField("list", 0);
                        for (Object element : list) {
                            out.startGroup();
                            if (element != null) {
                                out.startField("element", 0);
                                value(out, type.children().get(0), element);
                                out.endField("element", 0);
                            }
                            out.endGroup();
                        }
                        out.endField("list", 0);
                    }
                    out.endGroup();
                }
                case MAP -> {
                    out.startGroup();
                    Map<Object, @Nullable Object> map = (Map<Object, @Nullable Object>) value;
                    if (!map.isEmpty()) {
                        out.startField("key_value", 0);
                        for (Map.Entry<Object, @Nullable Object> entry : map.entrySet()) {
                            out.startGroup();
                            out.startField("key", 0);
                            value(out, type.children().get(0), entry.getKey());
                            out.endField("key", 0);
                            if (entry.getValue() != null) {
                                out.startField("value", 1);
                                value(out, type.children().get(1), entry.getValue());
                                out.endField("value", 1);
                            }
                            out.endGroup();
                        }
                        out.endField("key_value", 0);
                    }
                    out.endGroup();
                }
                case STRUCT -> {
                    out.startGroup();
                    fields(out, type, (Object[]) value);
                    out.endGroup();
                }
            }
        }

        /** A decimal's unscaled value as a big-endian two's-complement integer of {@code length} bytes. */
        private static byte[] decimal(BigDecimal value, int length) {
            byte[] unscaled = value.unscaledValue().toByteArray();
            byte[] out = new byte[length];
            byte fill = (byte) (value.signum() < 0 ? 0xff : 0);
            int pad = length - unscaled.length;
            for (int i = 0; i < pad; i++) {
                out[i] = fill;
            }
            System.arraycopy(unscaled, 0, out, pad, unscaled.length);
            return out;
        }

        /** An INT96 timestamp: the nanoseconds of the day then the Julian day, both little-endian. */
        private static byte[] int96(Instant instant) {
            long epochDay = Math.floorDiv(instant.getEpochSecond(), 86_400L);
            long nanosOfDay = Math.floorMod(instant.getEpochSecond(), 86_400L) * 1_000_000_000L + instant.getNano();
            if (nanosOfDay >= NANOS_PER_DAY) {
                throw new IllegalStateException("nanos of the day out of range: " + nanosOfDay);
            }
            return ByteBuffer.allocate(12)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(nanosOfDay)
                    .putInt((int) (epochDay + JULIAN_EPOCH_DAY))
                    .array();
        }
    }
}
