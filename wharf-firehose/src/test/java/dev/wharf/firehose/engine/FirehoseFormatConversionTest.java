package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.DataFormatConversionConfiguration;
import dev.wharf.firehose.api.Deserializer;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationUpdate;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.HiveJsonSerDe;
import dev.wharf.firehose.api.InputFormatConfiguration;
import dev.wharf.firehose.api.OpenXJsonSerDe;
import dev.wharf.firehose.api.OrcSerDe;
import dev.wharf.firehose.api.OutputFormatConfiguration;
import dev.wharf.firehose.api.ParquetSerDe;
import dev.wharf.firehose.api.SchemaConfiguration;
import dev.wharf.firehose.api.Serializer;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record format conversion: JSON records delivered as Parquet and ORC objects, read back with Parquet's and ORC's own
 * readers; records that do not parse or do not fit the table in the error output; and AWS's rules for the
 * configuration.
 */
class FirehoseFormatConversionTest {

    static final String COLUMNS = "struct<id:int,name:string,score:double,amount:decimal(10,2),ok:boolean,day:date,"
            + "at:timestamp,tags:array<string>,attrs:map<string,int>,geo:struct<lat:double,lon:double>,big:bigint,"
            + "small:tinyint>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FirehoseFixture fixture = new FirehoseFixture(FirehoseFixture.CONFIG.withTables(Map.of(
            "analytics.clicks", COLUMNS, "analytics.events", "struct<user_id:bigint,event_type:string,ts:timestamp>")));

    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path temp;

    @AfterEach
    void close() {
        fixture.close();
    }

    static Deserializer openX() {
        return new Deserializer(new OpenXJsonSerDe(null, null, null), null);
    }

    static Serializer parquet() {
        return new Serializer(new ParquetSerDe(null, null, null, null, null, null), null);
    }

    static Serializer orc() {
        return new Serializer(null, new OrcSerDe(null, null, null, null, null, null, null, null, null, null));
    }

    static DataFormatConversionConfiguration conversion(
            @Nullable Deserializer deserializer, @Nullable Serializer serializer, String table) {
        return new DataFormatConversionConfiguration(
                new SchemaConfiguration(ROLE, null, "analytics", table, null, null),
                new InputFormatConfiguration(deserializer),
                new OutputFormatConfiguration(serializer),
                true);
    }

    static ExtendedS3DestinationConfiguration converting(
            String bucket,
            @Nullable BufferingHints hints,
            @Nullable String compression,
            @Nullable DataFormatConversionConfiguration conversion) {
        return new ExtendedS3DestinationConfiguration(
                ROLE,
                "arn:aws:s3:::" + bucket,
                "data/",
                "errors/!{firehose:error-output-type}/",
                hints,
                compression,
                null,
                null,
                null,
                null,
                null,
                conversion,
                null,
                null,
                null);
    }

    private static final String FIRST = "{\"id\":1,\"Name\":\"alice\",\"score\":1.5,\"amount\":\"12.345\",\"ok\":true,"
            + "\"day\":\"2026-12-02\",\"at\":\"2026-12-02T17:04:05.123Z\",\"tags\":[\"a\",\"b\"],\"attrs\":{\"x\":1},"
            + "\"geo\":{\"lat\":1.0,\"lon\":2.0},\"big\":9000000000,\"small\":7}{\"id\":2,\"name\":\"bob\"}";
    private static final String NOT_JSON = "{\"id\":";
    private static final String MISFIT = "{\"id\":\"abc\"}";
    private static final String THIRD = "{\"id\":3,\"extra\":\"ignored\",\"tags\":[],\"at\":1764695045}";

    /** Puts the four records (three rows in two good records, one that does not parse, one that does not fit). */
    private void putRecords(String stream) {
        fixture.put(stream, FIRST);
        fixture.put(stream, NOT_JSON);
        fixture.put(stream, MISFIT);
        fixture.put(stream, THIRD);
    }

    private Path download(String bucket, String key) throws IOException {
        Path file = temp.resolve(key.substring(key.lastIndexOf('/') + 1));
        Files.write(file, fixture.body(bucket, key));
        return file;
    }

    private List<BucketShapes.ListedObject> under(String bucket, String prefix) {
        return fixture.objects(bucket).stream()
                .filter(o -> o.key().startsWith(prefix))
                .toList();
    }

    static List<Group> parquetRows(Path file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                org.apache.parquet.io.RecordReader<Group> records = new ColumnIOFactory()
                        .getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(records.read());
                }
            }
        }
        return rows;
    }

    static Instant int96(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buffer.getLong();
        long day = buffer.getInt() - 2_440_588L;
        return Instant.ofEpochSecond(day * 86_400L).plusNanos(nanos);
    }

    @Test
    void jsonRecordsAreDeliveredAsOneParquetObjectWithTheTablesColumnsTypesAndValues() throws IOException {
        fixture.bucket("lake");
        fixture.active(
                "clicks",
                converting("lake", new BufferingHints(64, 0), null, conversion(openX(), parquet(), "clicks")));
        putRecords("clicks");
        fixture.deliver();

        List<BucketShapes.ListedObject> data = under("lake", "data/");
        assertThat(data).hasSize(1);
        String key = data.get(0).key();
        assertThat(key).matches("data/2026/12/02/17/clicks-1-2026-12-02-17-04-06-[0-9a-f-]{36}\\.parquet");
        Path file = download("lake", key);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getFieldCount()).isEqualTo(12);
            assertThat(schema.getType("id").asPrimitiveType().getPrimitiveTypeName())
                    .isEqualTo(PrimitiveTypeName.INT32);
            assertThat(schema.getType("name").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
            assertThat(schema.getType("amount").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
            assertThat(schema.getType("day").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
            assertThat(schema.getType("at").asPrimitiveType().getPrimitiveTypeName())
                    .isEqualTo(PrimitiveTypeName.INT96);
            assertThat(schema.getType("tags").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.listType());
            assertThat(schema.getType("attrs").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.mapType());
            assertThat(schema.getType("big").asPrimitiveType().getPrimitiveTypeName())
                    .isEqualTo(PrimitiveTypeName.INT64);
            assertThat(schema.getType("small").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.intType(8, true));
            assertThat(reader.getRowGroups())
                    .extracting(BlockMetaData::getRowCount)
                    .containsExactly(3L);
            assertThat(reader.getRowGroups().get(0).getColumns().get(0).getCodec())
                    .as("ParquetSerDe's default compression")
                    .isEqualTo(CompressionCodecName.SNAPPY);
        }
        List<Group> rows = parquetRows(file);
        assertThat(rows).hasSize(3);
        Group alice = rows.get(0);
        assertThat(alice.getInteger("id", 0)).isEqualTo(1);
        assertThat(alice.getString("name", 0))
                .as("keys match columns case-insensitively")
                .isEqualTo("alice");
        assertThat(alice.getDouble("score", 0)).isEqualTo(1.5);
        assertThat(new BigDecimal(new BigInteger(alice.getBinary("amount", 0).getBytes()), 2))
                .isEqualByComparingTo("12.35");
        assertThat(alice.getBoolean("ok", 0)).isTrue();
        assertThat(LocalDate.ofEpochDay(alice.getInteger("day", 0))).isEqualTo(LocalDate.parse("2026-12-02"));
        assertThat(int96(alice.getInt96("at", 0).getBytes())).isEqualTo(Instant.parse("2026-12-02T17:04:05.123Z"));
        Group tags = alice.getGroup("tags", 0);
        assertThat(tags.getFieldRepetitionCount("list")).isEqualTo(2);
        assertThat(tags.getGroup("list", 1).getString("element", 0)).isEqualTo("b");
        Group entry = alice.getGroup("attrs", 0).getGroup("key_value", 0);
        assertThat(entry.getString("key", 0)).isEqualTo("x");
        assertThat(entry.getInteger("value", 0)).isEqualTo(1);
        assertThat(alice.getGroup("geo", 0).getDouble("lon", 0)).isEqualTo(2.0);
        assertThat(alice.getLong("big", 0)).isEqualTo(9_000_000_000L);
        assertThat(alice.getInteger("small", 0)).isEqualTo(7);

        Group bob = rows.get(1);
        assertThat(bob.getInteger("id", 0)).isEqualTo(2);
        assertThat(bob.getString("name", 0)).isEqualTo("bob");
        assertThat(bob.getFieldRepetitionCount("score"))
                .as("a missing key is null")
                .isZero();
        Group third = rows.get(2);
        assertThat(third.getInteger("id", 0)).isEqualTo(3);
        assertThat(third.getGroup("tags", 0).getFieldRepetitionCount("list")).isZero();
        assertThat(int96(third.getInt96("at", 0).getBytes()))
                .as("epoch seconds")
                .isEqualTo(Instant.ofEpochSecond(1_764_695_045L));

        assertFailedRecords("lake");
    }

    /** The two failed records, as format-conversion-failed documents under the error prefix. */
    private void assertFailedRecords(String bucket) throws IOException {
        List<BucketShapes.ListedObject> failed = under(bucket, "errors/");
        assertThat(failed).hasSize(1);
        String key = failed.get(0).key();
        assertThat(key)
                .startsWith("errors/format-conversion-failed/")
                .doesNotEndWith(".parquet")
                .doesNotEndWith(".orc");
        String[] lines = new String(fixture.body(bucket, key), StandardCharsets.UTF_8)
                .strip()
                .split("\n");
        assertThat(lines).hasSize(2);
        JsonNode notJson = JSON.readTree(lines[0]);
        assertThat(new String(Base64.getDecoder().decode(notJson.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo(NOT_JSON);
        assertThat(notJson.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.MalformedData");
        assertThat(notJson.get("lastErrorMessage").asText()).startsWith("The record is not valid JSON");
        assertThat(notJson.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(notJson.get("arrivalTimestamp").asLong()).isEqualTo(FirehoseFixture.START.toEpochMilli() + 1000);
        JsonNode table = notJson.get("dataCatalogTable");
        assertThat(table.get("databaseName").asText()).isEqualTo("analytics");
        assertThat(table.get("catalogId").asText()).isEqualTo(ALICE.accountId());
        assertThat(table.get("region").asText()).isEqualTo("us-east-1");
        JsonNode misfit = JSON.readTree(lines[1]);
        assertThat(new String(Base64.getDecoder().decode(misfit.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo(MISFIT);
        assertThat(misfit.get("lastErrorMessage").asText())
                .isEqualTo("The value 'abc' of column 'id' does not fit its type int.");
    }

    @Test
    void jsonRecordsAreDeliveredAsOneOrcObjectReadBackWithOrcsReader() throws IOException {
        fixture.bucket("lake");
        fixture.active(
                "clicks", converting("lake", new BufferingHints(64, 0), null, conversion(openX(), orc(), "clicks")));
        putRecords("clicks");
        fixture.deliver();

        List<BucketShapes.ListedObject> data = under("lake", "data/");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).key()).endsWith(".orc");
        Path file = download("lake", data.get(0).key());
        RawLocalFileSystem fs = new RawLocalFileSystem();
        fs.initialize(java.net.URI.create("file:///"), new Configuration(false));
        Reader reader = OrcFile.createReader(
                new org.apache.hadoop.fs.Path(file.toUri()),
                OrcFile.readerOptions(new Configuration(false)).filesystem(fs).maxLength(Files.size(file)));
        assertThat(reader.getSchema().toString()).isEqualTo(COLUMNS);
        assertThat(reader.getNumberOfRows()).isEqualTo(3);
        assertThat(reader.getCompressionKind().name())
                .as("OrcSerDe's default compression")
                .isEqualTo("SNAPPY");
        VectorizedRowBatch batch = reader.getSchema().createRowBatch();
        try (RecordReader rows = reader.rows()) {
            assertThat(rows.nextBatch(batch)).isTrue();
        }
        assertThat(batch.size).isEqualTo(3);
        LongColumnVector id = (LongColumnVector) batch.cols[0];
        assertThat(new long[] {id.vector[0], id.vector[1], id.vector[2]}).containsExactly(1, 2, 3);
        assertThat(((BytesColumnVector) batch.cols[1]).toString(0)).isEqualTo("alice");
        DoubleColumnVector score = (DoubleColumnVector) batch.cols[2];
        assertThat(score.vector[0]).isEqualTo(1.5);
        assertThat(score.isNull[1]).isTrue();
        assertThat(((DecimalColumnVector) batch.cols[3])
                        .vector[0]
                        .getHiveDecimal()
                        .bigDecimalValue())
                .isEqualByComparingTo("12.35");
        assertThat(((LongColumnVector) batch.cols[4]).vector[0]).isEqualTo(1);
        assertThat(((LongColumnVector) batch.cols[5]).vector[0])
                .isEqualTo(LocalDate.parse("2026-12-02").toEpochDay());
        assertThat(((TimestampColumnVector) batch.cols[6]).asScratchTimestamp(0).toInstant())
                .isEqualTo(Instant.parse("2026-12-02T17:04:05.123Z"));
        ListColumnVector tags = (ListColumnVector) batch.cols[7];
        assertThat(tags.lengths[0]).isEqualTo(2);
        assertThat(((BytesColumnVector) tags.child).toString((int) tags.offsets[0] + 1))
                .isEqualTo("b");
        assertThat(tags.lengths[2]).isZero();
        MapColumnVector attrs = (MapColumnVector) batch.cols[8];
        assertThat(((BytesColumnVector) attrs.keys).toString((int) attrs.offsets[0]))
                .isEqualTo("x");
        assertThat(((LongColumnVector) attrs.values).vector[(int) attrs.offsets[0]])
                .isEqualTo(1);
        StructColumnVector geo = (StructColumnVector) batch.cols[9];
        assertThat(((DoubleColumnVector) geo.fields[1]).vector[0]).isEqualTo(2.0);
        assertThat(geo.isNull[1]).isTrue();
        assertThat(((LongColumnVector) batch.cols[10]).vector[0]).isEqualTo(9_000_000_000L);
        assertThat(((LongColumnVector) batch.cols[11]).vector[0]).isEqualTo(7);

        assertFailedRecords("lake");
    }

    @Test
    void theSerializersCompressionAndOptionsApplyToTheFile() throws IOException {
        fixture.bucket("lake");
        fixture.active(
                "gzip",
                converting(
                        "lake",
                        new BufferingHints(64, 0),
                        "UNCOMPRESSED",
                        conversion(
                                openX(),
                                new Serializer(
                                        new ParquetSerDe(64 * 1024 * 1024, 64 * 1024, "GZIP", true, 0, "V2"), null),
                                "clicks")));
        fixture.active(
                "zlib",
                converting(
                        "lake",
                        new BufferingHints(64, 0),
                        null,
                        conversion(
                                openX(),
                                new Serializer(
                                        null,
                                        new OrcSerDe(
                                                8 * 1024 * 1024,
                                                64 * 1024 * 1024,
                                                1000,
                                                true,
                                                0.1,
                                                "ZLIB",
                                                List.of("id"),
                                                0.01,
                                                0.5,
                                                "V0_11")),
                                "clicks")));
        fixture.put("gzip", THIRD);
        fixture.put("zlib", THIRD);
        fixture.deliver();

        for (BucketShapes.ListedObject object : under("lake", "data/")) {
            Path file = download("lake", object.key());
            if (object.key().contains("/gzip-")) {
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                    assertThat(reader.getRowGroups().get(0).getColumns().get(0).getCodec())
                            .isEqualTo(CompressionCodecName.GZIP);
                }
                assertThat(parquetRows(file)).singleElement().satisfies(row -> assertThat(row.getInteger("id", 0))
                        .isEqualTo(3));
            } else {
                RawLocalFileSystem fs = new RawLocalFileSystem();
                fs.initialize(java.net.URI.create("file:///"), new Configuration(false));
                Reader reader = OrcFile.createReader(
                        new org.apache.hadoop.fs.Path(file.toUri()),
                        OrcFile.readerOptions(new Configuration(false))
                                .filesystem(fs)
                                .maxLength(Files.size(file)));
                assertThat(reader.getCompressionKind().name()).isEqualTo("ZLIB");
                assertThat(reader.getFileVersion()).isEqualTo(OrcFile.Version.V_0_11);
                assertThat(reader.getRowIndexStride()).isEqualTo(1000);
                assertThat(reader.getNumberOfRows()).isEqualTo(1);
            }
        }
        assertThat(under("lake", "data/")).hasSize(2);
    }

    @Test
    void theOpenXOptionsAndTheHiveTimestampFormatsAreApplied() throws IOException {
        fixture.bucket("lake");
        fixture.active(
                "exact",
                converting(
                        "lake",
                        new BufferingHints(64, 0),
                        null,
                        conversion(
                                new Deserializer(new OpenXJsonSerDe(true, false, Map.of("ts", "when")), null),
                                parquet(),
                                "events")));
        fixture.active(
                "hive",
                converting(
                        "lake",
                        new BufferingHints(64, 0),
                        null,
                        conversion(
                                new Deserializer(null, new HiveJsonSerDe(List.of("dd/MM/yyyy HH:mm", "millis"))),
                                parquet(),
                                "events")));
        // Case-sensitive: "User_Id" names no column; dots become underscores; "when" is mapped to ts.
        fixture.put("exact", "{\"user_id\":5,\"User_Id\":6,\"event.type\":\"click\",\"when\":\"2026-01-02 03:04:05\"}");
        fixture.put(
                "hive", "{\"USER_ID\":7,\"event.type\":\"view\",\"ts\":\"02/01/2026 03:04\"}{\"ts\":1767323045000}");
        fixture.deliver();

        for (BucketShapes.ListedObject object : under("lake", "data/")) {
            List<Group> rows = parquetRows(download("lake", object.key()));
            if (object.key().contains("/exact-")) {
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).getLong("user_id", 0)).isEqualTo(5);
                assertThat(rows.get(0).getString("event_type", 0)).isEqualTo("click");
                assertThat(int96(rows.get(0).getInt96("ts", 0).getBytes()))
                        .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
            } else {
                assertThat(rows).hasSize(2);
                assertThat(rows.get(0).getLong("user_id", 0)).isEqualTo(7);
                assertThat(rows.get(0).getFieldRepetitionCount("event_type"))
                        .as("the Hive SerDe does not turn dots into underscores")
                        .isZero();
                assertThat(int96(rows.get(0).getInt96("ts", 0).getBytes()))
                        .isEqualTo(Instant.parse("2026-01-02T03:04:00Z"));
                assertThat(int96(rows.get(1).getInt96("ts", 0).getBytes()))
                        .isEqualTo(Instant.ofEpochMilli(1_767_323_045_000L));
            }
        }
        assertThat(under("lake", "data/")).hasSize(2);
    }

    @Test
    void aBufferWhoseRecordsAllFailWritesOnlyTheErrorOutput() throws IOException {
        fixture.bucket("lake");
        fixture.active(
                "clicks",
                converting("lake", new BufferingHints(64, 0), null, conversion(openX(), parquet(), "clicks")));
        fixture.put("clicks", "[{\"id\":1},{\"id\":2}]");
        fixture.put("clicks", "   ");
        fixture.deliver();

        assertThat(under("lake", "data/")).isEmpty();
        List<BucketShapes.ListedObject> failed = under("lake", "errors/format-conversion-failed/");
        assertThat(failed).hasSize(1);
        String[] lines = new String(fixture.body("lake", failed.get(0).key()), StandardCharsets.UTF_8)
                .strip()
                .split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[0]).get("lastErrorMessage").asText())
                .isEqualTo("The record's JSON must be objects, one after another, not an array.");
        assertThat(JSON.readTree(lines[1]).get("lastErrorMessage").asText())
                .isEqualTo("The record holds no JSON object.");
    }

    @Test
    void aConvertingDestinationFollowsAwsRulesAndIsDescribedWithItsDefaults() {
        DataFormatConversionConfiguration good = conversion(openX(), parquet(), "clicks");
        assertError(
                () -> fixture.active("gz", converting("lake", null, "GZIP", good)),
                FirehoseError.InvalidArgument,
                "The S3 destination's compression format must be set to UNCOMPRESSED when data format conversion is"
                        + " enabled. To enable compression within the converted output format, set the appropriate"
                        + " serialization option in the output format configuration.");
        assertError(
                () -> fixture.active("small", converting("lake", new BufferingHints(5, 60), null, good)),
                FirehoseError.InvalidArgument,
                "BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled.");
        assertError(
                () -> fixture.active(
                        "noin",
                        converting(
                                "lake",
                                null,
                                null,
                                new DataFormatConversionConfiguration(
                                        good.schemaConfiguration(), null, good.outputFormatConfiguration(), null))),
                FirehoseError.InvalidArgument,
                "InputFormatConfiguration must not be null");
        assertError(
                () -> fixture.active("noser", converting("lake", null, null, conversion(openX(), null, "clicks"))),
                FirehoseError.InvalidArgument,
                "Serializer must not be null");
        assertError(
                () -> fixture.active(
                        "two",
                        converting(
                                "lake",
                                null,
                                null,
                                conversion(
                                        new Deserializer(new OpenXJsonSerDe(null, null, null), new HiveJsonSerDe(null)),
                                        parquet(),
                                        "clicks"))),
                FirehoseError.InvalidArgument,
                "More than one deserializer specified. Only one may be chosen.");
        assertError(
                () -> fixture.active("notable", converting("lake", null, null, conversion(openX(), parquet(), ""))),
                FirehoseError.InvalidArgument,
                "SchemaConfiguration.TableName must not be null or empty");
        assertError(
                () -> fixture.active("unknown", converting("lake", null, null, conversion(openX(), parquet(), "nope"))),
                FirehoseError.InvalidArgument,
                "Wharf has no Glue Data Catalog, and its config file declares no table analytics.nope: add it under"
                        + " firehose.tables as 'analytics.nope: struct<column:type,...>' (Glue/Hive column types) and"
                        + " restart Wharf.");
        assertError(
                () -> fixture.active(
                        "block",
                        converting(
                                "lake",
                                null,
                                null,
                                conversion(
                                        openX(),
                                        new Serializer(new ParquetSerDe(1024, null, "LZO", null, null, null), null),
                                        "clicks"))),
                FirehoseError.Validation,
                "2 validation errors detected: Value '1024' at 'extendedS3DestinationConfiguration"
                        + ".dataFormatConversionConfiguration.outputFormatConfiguration.serializer.parquetSerDe"
                        + ".blockSizeBytes' failed to satisfy constraint: Member must have value greater than or"
                        + " equal to 67108864; Value 'LZO' at 'extendedS3DestinationConfiguration"
                        + ".dataFormatConversionConfiguration.outputFormatConfiguration.serializer.parquetSerDe"
                        + ".compression' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [UNCOMPRESSED, GZIP, SNAPPY]");

        fixture.active("clicks", converting("lake", null, null, good));
        var description = Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe("clicks").destinations())
                        .get(0)
                        .extendedS3DestinationDescription());
        assertThat(description.bufferingHints()).isEqualTo(new BufferingHints(128, 300));
        assertThat(description.compressionFormat()).isEqualTo("UNCOMPRESSED");
        assertThat(description.dataFormatConversionConfiguration()).isEqualTo(good);

        // An update that names an unknown table is refused like a creation.
        assertError(
                () -> fixture.firehose.updateDestination(
                        ALICE,
                        new UpdateDestinationRequest(
                                "clicks",
                                fixture.describe("clicks").versionId(),
                                "destinationId-000000000001",
                                null,
                                new ExtendedS3DestinationUpdate(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        conversion(openX(), orc(), "other"),
                                        null,
                                        null,
                                        null),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                FirehoseError.InvalidArgument,
                "Wharf has no Glue Data Catalog, and its config file declares no table analytics.other: add it under"
                        + " firehose.tables as 'analytics.other: struct<column:type,...>' (Glue/Hive column types) and"
                        + " restart Wharf.");
    }
}
