package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.BOB;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.START;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.bare;
import static dev.wharf.firehose.engine.FirehoseFixture.empty;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.AmazonOpenSearchServerlessDestinationConfiguration;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.CloudWatchLoggingOptions;
import dev.wharf.firehose.api.DataFormatConversionConfiguration;
import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfiguration;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.DescribeDeliveryStreamRequest;
import dev.wharf.firehose.api.DestinationDescription;
import dev.wharf.firehose.api.DynamicPartitioningConfiguration;
import dev.wharf.firehose.api.EncryptionConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationDescription;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.IcebergDestinationConfiguration;
import dev.wharf.firehose.api.KMSEncryptionConfig;
import dev.wharf.firehose.api.KinesisStreamSourceConfiguration;
import dev.wharf.firehose.api.ListDeliveryStreamsRequest;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamRequest;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationDescription;
import dev.wharf.firehose.api.SnowflakeDestinationConfiguration;
import dev.wharf.firehose.api.SplunkDestinationConfiguration;
import dev.wharf.firehose.api.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CreateDeliveryStream and DescribeDeliveryStream on the engine, with a clock the test moves: the checks of a new
 * stream and the errors they answer, its CREATING time, and the defaults that AWS describes.
 */
class FirehoseEngineTest {

    private static final String VALID = "1 validation error detected: ";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private String create(CreateRequestBuilder request) {
        return String.valueOf(
                fixture.firehose.createDeliveryStream(ALICE, request.build()).deliveryStreamARN());
    }

    private void createFails(CreateRequestBuilder request, FirehoseError error, String message) {
        assertError(() -> fixture.firehose.createDeliveryStream(ALICE, request.build()), error, message);
    }

    private void invalidDestination(ExtendedS3DestinationConfiguration destination, String message) {
        createFails(
                CreateRequestBuilder.named("refused").extended(destination), FirehoseError.InvalidArgument, message);
    }

    private List<String> names() {
        return Objects.requireNonNull(fixture.firehose
                .listDeliveryStreams(ALICE, new ListDeliveryStreamsRequest(null, null, null))
                .deliveryStreamNames());
    }

    @Test
    void createAnswersAnArnOfTheServersRegionTheCallersAccountAndTheName() {
        assertThat(create(CreateRequestBuilder.named("clicks").extended(bare("logs"))))
                .isEqualTo("arn:aws:firehose:us-east-1:111111111111:deliverystream/clicks");
        assertThat(fixture.describe("clicks").deliveryStreamARN())
                .isEqualTo("arn:aws:firehose:us-east-1:111111111111:deliverystream/clicks");
    }

    @Test
    void aNameOfEveryAllowedCharacterAndOfSixtyFourCharactersIsAccepted() {
        create(CreateRequestBuilder.named("Az09_.-").extended(bare("logs")));
        create(CreateRequestBuilder.named("n".repeat(64)).extended(bare("logs")));

        assertThat(names()).containsExactly("Az09_.-", "n".repeat(64));
    }

    @Test
    void aNameOutsideTheModelsPatternOrLengthIsAValidationException() {
        String pattern = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
        createFails(
                CreateRequestBuilder.named("bad/name").extended(bare("logs")),
                FirehoseError.Validation,
                VALID + "Value 'bad/name' at 'deliveryStreamName' failed to satisfy constraint: " + pattern);
        createFails(
                CreateRequestBuilder.named("n".repeat(65)).extended(bare("logs")),
                FirehoseError.Validation,
                VALID + "Value '" + "n".repeat(65) + "' at 'deliveryStreamName' failed to satisfy constraint: Member"
                        + " must have length less than or equal to 64");
        createFails(
                CreateRequestBuilder.named("").extended(bare("logs")),
                FirehoseError.Validation,
                "2 validation errors detected: Value '' at 'deliveryStreamName' failed to satisfy constraint: Member"
                        + " must have length greater than or equal to 1; Value '' at 'deliveryStreamName' failed to"
                        + " satisfy constraint: " + pattern);
        createFails(
                CreateRequestBuilder.named(null).extended(bare("logs")),
                FirehoseError.Validation,
                VALID + "Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null");
        assertThat(names()).isEmpty();
    }

    @Test
    void aNameTakenInTheAccountIsResourceInUseEvenWhileItsStreamIsBeingDeleted() {
        create(CreateRequestBuilder.named("clicks").extended(bare("logs")));
        createFails(
                CreateRequestBuilder.named("clicks").extended(bare("other")),
                FirehoseError.ResourceInUse,
                "Firehose clicks under accountId 111111111111 already exists");

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("clicks");
        createFails(
                CreateRequestBuilder.named("clicks").extended(bare("other")),
                FirehoseError.ResourceInUse,
                "Firehose clicks under accountId 111111111111 already exists");
        assertThat(fixture.describe("clicks").deliveryStreamStatus()).isEqualTo("DELETING");
    }

    @Test
    void aRequestMustGiveExactlyOneDestination() {
        createFails(
                CreateRequestBuilder.named("none"),
                FirehoseError.InvalidArgument,
                "Exactly one destination configuration must be given; the request has 0.");
        createFails(
                CreateRequestBuilder.named("two")
                        .extended(bare("logs"))
                        .s3(new S3DestinationConfiguration(
                                ROLE, "arn:aws:s3:::logs", null, null, null, null, null, null)),
                FirehoseError.InvalidArgument,
                "Exactly one destination configuration must be given; the request has 2.");
        createFails(
                CreateRequestBuilder.named("two")
                        .extended(bare("logs"))
                        .splunk(empty(SplunkDestinationConfiguration.class)),
                FirehoseError.InvalidArgument,
                "Exactly one destination configuration must be given; the request has 2.");
        assertThat(names()).isEmpty();
    }

    @Test
    void theDestinationsNotServedAreRefusedNamingTheirConfigurationNamingItsConfiguration() {
        List<Function<CreateRequestBuilder, CreateRequestBuilder>> others = List.of(
                request -> request.serverless(empty(AmazonOpenSearchServerlessDestinationConfiguration.class)),
                request -> request.snowflake(empty(SnowflakeDestinationConfiguration.class)),
                request -> request.iceberg(empty(IcebergDestinationConfiguration.class)));
        List<String> named = List.of(
                "AmazonOpenSearchServerlessDestinationConfiguration",
                "SnowflakeDestinationConfiguration",
                "IcebergDestinationConfiguration");
        for (int i = 0; i < others.size(); i++) {
            createFails(
                    others.get(i).apply(CreateRequestBuilder.named("other")),
                    FirehoseError.InvalidArgument,
                    "Wharf does not deliver to a destination given by " + named.get(i)
                            + " yet; use ExtendedS3DestinationConfiguration.");
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void aSourceOtherThanDirectPutIsRefusedAndAnUnknownTypeIsAValidationException() {
        for (String type : List.of("MSKAsSource", "DatabaseAsSource")) {
            createFails(
                    CreateRequestBuilder.named("sourced").type(type).extended(bare("logs")),
                    FirehoseError.InvalidArgument,
                    "Wharf does not read a " + type + " source yet.");
        }
        createFails(
                CreateRequestBuilder.named("sourced").type("Carrier").extended(bare("logs")),
                FirehoseError.Validation,
                VALID + "Value 'Carrier' at 'deliveryStreamType' failed to satisfy constraint: Member must satisfy"
                        + " enum value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]");
        createFails(
                CreateRequestBuilder.named("sourced")
                        .kinesisSource(new KinesisStreamSourceConfiguration(
                                "arn:aws:kinesis:us-east-1:111111111111:stream/s", ROLE))
                        .extended(bare("logs")),
                FirehoseError.InvalidArgument,
                "KinesisStreamSourceConfiguration is only allowed with the KinesisStreamAsSource type.");

        create(CreateRequestBuilder.named("direct").type("DirectPut").extended(bare("logs")));
        assertThat(fixture.describe("direct").deliveryStreamType()).isEqualTo("DirectPut");
        assertThat(names()).containsExactly("direct");
    }

    @Test
    void bufferingHintsOutsideTheirRangeAreAValidationExceptionNamingTheMembersPath() {
        String member = "extendedS3DestinationConfiguration.bufferingHints.";
        invalidHints(
                new BufferingHints(0, null),
                VALID + "Value '0' at '" + member + "sizeInMBs' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 1");
        invalidHints(
                new BufferingHints(129, null),
                VALID + "Value '129' at '" + member + "sizeInMBs' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 128");
        invalidHints(
                new BufferingHints(null, 901),
                VALID + "Value '901' at '" + member + "intervalInSeconds' failed to satisfy constraint: Member must"
                        + " have value less than or equal to 900");
        invalidHints(
                new BufferingHints(0, -1),
                "2 validation errors detected: Value '0' at '" + member + "sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1; Value '-1' at '" + member
                        + "intervalInSeconds' failed to satisfy constraint: Member must have value greater than or"
                        + " equal to 0");
        createFails(
                CreateRequestBuilder.named("hinted")
                        .s3(new S3DestinationConfiguration(
                                ROLE, "arn:aws:s3:::logs", null, null, new BufferingHints(129, 60), null, null, null)),
                FirehoseError.Validation,
                VALID + "Value '129' at 's3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 128");

        create(CreateRequestBuilder.named("smallest").extended(extended("logs", null, null, hints(1, 0), null, null)));
        create(CreateRequestBuilder.named("largest")
                .extended(extended("logs", null, null, hints(128, 900), null, null)));
        assertThat(bufferingOf("smallest")).isEqualTo(hints(1, 0));
        assertThat(bufferingOf("largest")).isEqualTo(hints(128, 900));
    }

    private void invalidHints(BufferingHints hints, String message) {
        createFails(
                CreateRequestBuilder.named("hinted").extended(extended("logs", null, null, hints, null, null)),
                FirehoseError.Validation,
                message);
    }

    private static BufferingHints hints(int sizeMb, int seconds) {
        return new BufferingHints(sizeMb, seconds);
    }

    private BufferingHints bufferingOf(String name) {
        return Objects.requireNonNull(extendedOf(fixture.describe(name)).bufferingHints());
    }

    private static DestinationDescription destinationOf(DeliveryStreamDescription description) {
        return Objects.requireNonNull(description.destinations()).getFirst();
    }

    private static ExtendedS3DestinationDescription extendedOf(DeliveryStreamDescription description) {
        return Objects.requireNonNull(destinationOf(description).extendedS3DestinationDescription());
    }

    @Test
    void aCompressionFormatOutsideTheEnumIsAValidationException() {
        createFails(
                CreateRequestBuilder.named("packed").extended(extended("logs", null, null, null, "BZIP2", null)),
                FirehoseError.Validation,
                VALID + "Value 'BZIP2' at 'extendedS3DestinationConfiguration.compressionFormat' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy,"
                        + " HADOOP_SNAPPY]");
        for (String format : List.of("GZIP", "ZIP")) {
            create(CreateRequestBuilder.named(format).extended(extended("logs", null, null, null, format, null)));
            assertThat(extendedOf(fixture.describe(format)).compressionFormat()).isEqualTo(format);
        }
    }

    private static ExtendedS3DestinationConfiguration withKeyOptions(
            @Nullable String extension, @Nullable String zone) {
        ExtendedS3DestinationConfiguration base = extended("logs", null, null, null, "GZIP", null);
        return new ExtendedS3DestinationConfiguration(
                base.roleARN(),
                base.bucketARN(),
                null,
                null,
                null,
                "GZIP",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                extension,
                zone);
    }

    @Test
    void aFileExtensionMustStartWithAPeriodAndOnlyUtcIsServedAsTheKeysTimeZone() {
        createFails(
                CreateRequestBuilder.named("ext").extended(withKeyOptions("json", null)),
                FirehoseError.Validation,
                VALID + "Value 'json' at 'extendedS3DestinationConfiguration.fileExtension' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: ^$|\\.[0-9a-z!\\-_.*'()]+");
        createFails(
                CreateRequestBuilder.named("zone").extended(withKeyOptions(null, "Asia/Tokyo")),
                FirehoseError.InvalidArgument,
                "Wharf evaluates the timestamps of object keys in UTC only; CustomTimeZone Asia/Tokyo is not served"
                        + " yet.");
        create(CreateRequestBuilder.named("utc").extended(withKeyOptions(".json.gz", "UTC")));
        assertThat(extendedOf(fixture.describe("utc")).fileExtension()).isEqualTo(".json.gz");
    }

    @Test
    void aDestinationWithoutItsRoleOrBucketOrWithABadBucketArnIsAValidationException() {
        createFails(
                CreateRequestBuilder.named("roleless")
                        .extended(new ExtendedS3DestinationConfiguration(
                                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null)),
                FirehoseError.Validation,
                "2 validation errors detected: Value null at 'extendedS3DestinationConfiguration.roleARN' failed to"
                        + " satisfy constraint: Member must not be null; Value null at"
                        + " 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member must"
                        + " not be null");
        createFails(
                CreateRequestBuilder.named("bucketless")
                        .s3(new S3DestinationConfiguration(ROLE, "logs", null, null, null, null, null, null)),
                FirehoseError.Validation,
                VALID + "Value 'logs' at 's3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member"
                        + " must satisfy regular expression pattern: arn:.*:s3:::[\\w\\.\\-]{1,255}");
    }

    @Test
    void prefixExpressionsFirehoseDoesNotKnowOrPutInTheWrongPrefixAreInvalidArguments() {
        String errors = "errors/!{firehose:error-output-type}/";
        invalidDestination(
                extended("logs", "!{unknown:thing}/", errors, null, null, null),
                "The expression !{unknown:thing} has an unknown namespace: use timestamp, firehose,"
                        + " partitionKeyFromQuery or partitionKeyFromLambda.");
        invalidDestination(
                extended("logs", "!{firehose:error-output-type}/", errors, null, null, null),
                "The expression !{firehose:error-output-type} is not allowed in Prefix; it may only be used in"
                        + " ErrorOutputPrefix.");
        invalidDestination(
                extended("logs", "by-day/!{timestamp:yyyy-MM-dd}/", null, null, null, null),
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        invalidDestination(
                extended("logs", "by-day/!{timestamp:yyyy-MM-dd}/", "", null, null, null),
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        invalidDestination(
                extended("logs", "!{firehose:stream-name}/", errors, null, null, null),
                "The expression !{firehose:stream-name} names an unknown firehose value: use random-string or"
                        + " error-output-type.");
        invalidDestination(
                extended("logs", "!{timestamp:}/", errors, null, null, null),
                "The expression !{timestamp:} needs a date and time pattern.");
        invalidDestination(
                extended("logs", "!{timestamp}/", errors, null, null, null),
                "The expression !{timestamp:} needs a date and time pattern.");
        invalidDestination(
                extended("logs", "!{partitionKeyFromQuery:customer}/", errors, null, null, null),
                "Prefix can use partitionKeyFromQuery and partitionKeyFromLambda only when dynamic partitioning is"
                        + " enabled.");
        invalidDestination(
                extended("logs", "open/!{timestamp:yyyy", errors, null, null, null),
                "The expression at position 5 of the prefix \"open/!{timestamp:yyyy\" is not closed with '}'.");
        invalidDestination(
                extended("logs", "by-day/!{timestamp:yyyy}/", "errors/!{timestamp:yyyy}/", null, null, null),
                "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.");
        createFails(
                CreateRequestBuilder.named("refused")
                        .extended(extended("logs", "!{timestamp:bb}/", errors, null, null, null)),
                FirehoseError.InvalidArgument,
                "The expression !{timestamp:bb} has a pattern that does not parse: Unknown pattern letter: b");
        assertThat(names()).isEmpty();

        create(CreateRequestBuilder.named("custom")
                .extended(extended(
                        "logs",
                        "by-day/!{timestamp:yyyy-MM-dd}/!{firehose:random-string}/",
                        errors,
                        null,
                        null,
                        null)));
        create(CreateRequestBuilder.named("literal").extended(extended("logs", "raw/", "failed/", null, null, null)));
        assertThat(extendedOf(fixture.describe("custom")).errorOutputPrefix()).isEqualTo(errors);
        assertThat(extendedOf(fixture.describe("literal")).prefix()).isEqualTo("raw/");
    }

    @Test
    void theExtendedFeaturesWharfDoesNotDeliverAreRefusedRatherThanIgnored() {
        ExtendedS3DestinationConfiguration base = bare("logs");
        invalidDestination(
                withExtras(base, new ProcessingConfiguration(true, List.of()), null, null),
                "ProcessingConfiguration is enabled, so it must name at least one processor.");
        invalidDestination(
                withExtras(base, null, new DataFormatConversionConfiguration(null, null, null, null), null),
                "InputFormatConfiguration must not be null");
        invalidDestination(
                withExtras(base, null, null, new DynamicPartitioningConfiguration(null, true)),
                "ErrorOutputPrefix cannot be null or empty when dynamic partitioning is enabled.");
        invalidDestination(
                extended("logs", null, null, null, null, "Enabled"),
                "S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
        createFails(
                CreateRequestBuilder.named("refused").extended(extended("logs", null, null, null, null, "Sometimes")),
                FirehoseError.Validation,
                VALID + "Value 'Sometimes' at 'extendedS3DestinationConfiguration.s3BackupMode' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [Disabled, Enabled]");

        create(CreateRequestBuilder.named("off")
                .extended(withExtras(
                        base,
                        new ProcessingConfiguration(false, List.of()),
                        new DataFormatConversionConfiguration(null, null, null, false),
                        new DynamicPartitioningConfiguration(null, false))));
        assertThat(extendedOf(fixture.describe("off")).processingConfiguration())
                .isEqualTo(new ProcessingConfiguration(false, List.of()));
    }

    private static ExtendedS3DestinationConfiguration withExtras(
            ExtendedS3DestinationConfiguration base,
            @Nullable ProcessingConfiguration processing,
            @Nullable DataFormatConversionConfiguration conversion,
            @Nullable DynamicPartitioningConfiguration partitioning) {
        return new ExtendedS3DestinationConfiguration(
                base.roleARN(),
                base.bucketARN(),
                base.prefix(),
                base.errorOutputPrefix(),
                base.bufferingHints(),
                base.compressionFormat(),
                base.encryptionConfiguration(),
                base.cloudWatchLoggingOptions(),
                processing,
                base.s3BackupMode(),
                base.s3BackupConfiguration(),
                conversion,
                partitioning,
                base.fileExtension(),
                base.customTimeZone());
    }

    @Test
    void tagsGivenAtCreationAreKeptAndTheirLimitsChecked() {
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(new Tag("k" + i, "v"));
        }
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        CreateRequestBuilder.named("tagged")
                                .extended(bare("logs"))
                                .tags(many)
                                .build()),
                FirehoseError.Validation,
                VALID + "Value '" + many + "' at 'tags' failed to satisfy constraint: Member must have length less than"
                        + " or equal to 50");
        createFails(
                CreateRequestBuilder.named("tagged").extended(bare("logs")).tags(List.of(new Tag("aws:owner", "me"))),
                FirehoseError.Validation,
                VALID + "Value 'aws:owner' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
        createFails(
                CreateRequestBuilder.named("tagged")
                        .extended(bare("logs"))
                        .tags(List.of(new Tag("team", "a#b"), new Tag("k".repeat(129), "v"))),
                FirehoseError.Validation,
                "2 validation errors detected: Value 'a#b' at 'tags.1.member.value' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: ^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$;"
                        + " Value '" + "k".repeat(129) + "' at 'tags.2.member.key' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 128");
        assertThat(names()).isEmpty();

        create(CreateRequestBuilder.named("tagged")
                .extended(bare("logs"))
                .tags(List.of(new Tag("team", "data"), new Tag("cost", null))));
        assertThat(fixture.firehose
                        .listTagsForDeliveryStream(ALICE, new ListTagsForDeliveryStreamRequest("tagged", null, null))
                        .tags())
                .containsExactly(new Tag("cost", ""), new Tag("team", "data"));
    }

    @Test
    void theAccountsStreamQuotaIsALimitExceededExceptionAndADeletedStreamFreesItsPlace() {
        try (FirehoseFixture small = new FirehoseFixture(
                new FirehoseConfig(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), Duration.ofHours(24)))) {
            small.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("one", bare("logs")));
            small.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("two", bare("logs")));
            assertError(
                    () -> small.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("three", bare("logs"))),
                    FirehoseError.LimitExceeded,
                    "You have already consumed your firehose quota of 2 hoses.");

            small.firehose.createDeliveryStream(BOB, FirehoseFixture.create("three", bare("logs")));

            small.clock.advance(Duration.ofSeconds(1));
            small.delete("one");
            assertError(
                    () -> small.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("three", bare("logs"))),
                    FirehoseError.LimitExceeded,
                    "You have already consumed your firehose quota of 2 hoses.");
            small.clock.advance(Duration.ofSeconds(1));
            small.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("three", bare("logs")));
            assertThat(small.firehose
                            .listDeliveryStreams(ALICE, new ListDeliveryStreamsRequest(null, null, null))
                            .deliveryStreamNames())
                    .containsExactly("three", "two");
        }
    }

    @Test
    void accountsAreIsolated() {
        create(CreateRequestBuilder.named("clicks").extended(bare("alice")));
        fixture.firehose.createDeliveryStream(BOB, FirehoseFixture.create("clicks", bare("bob")));
        fixture.firehose.createDeliveryStream(BOB, FirehoseFixture.create("views", bare("bob")));

        assertThat(names()).containsExactly("clicks");
        assertThat(fixture.firehose
                        .listDeliveryStreams(BOB, new ListDeliveryStreamsRequest(null, null, null))
                        .deliveryStreamNames())
                .containsExactly("clicks", "views");
        assertThat(extendedOf(fixture.describe("clicks")).bucketARN()).isEqualTo("arn:aws:s3:::alice");
        DeliveryStreamDescription bobs = Objects.requireNonNull(fixture.firehose
                .describeDeliveryStream(BOB, new DescribeDeliveryStreamRequest("clicks", null, null))
                .deliveryStreamDescription());
        assertThat(bobs.deliveryStreamARN()).isEqualTo("arn:aws:firehose:us-east-1:222222222222:deliverystream/clicks");
        assertThat(extendedOf(bobs).bucketARN()).isEqualTo("arn:aws:s3:::bob");
        assertError(
                () -> fixture.describe("views"),
                FirehoseError.ResourceNotFound,
                "Firehose views under account 111111111111 not found.");
    }

    @Test
    void aStreamIsCreatingUntilItsTransitionHasPassedThenActive() {
        create(CreateRequestBuilder.named("clicks").extended(bare("logs")));
        DeliveryStreamDescription creating = fixture.describe("clicks");
        assertThat(creating.deliveryStreamStatus()).isEqualTo("CREATING");
        assertThat(creating.deliveryStreamName()).isEqualTo("clicks");
        assertThat(creating.deliveryStreamType()).isEqualTo("DirectPut");
        assertThat(creating.versionId()).isEqualTo("1");
        assertThat(creating.createTimestamp()).isEqualTo(START);
        assertThat(creating.lastUpdateTimestamp()).isNull();
        assertThat(creating.hasMoreDestinations()).isFalse();

        fixture.clock.advance(Duration.ofMillis(999));
        assertThat(fixture.describe("clicks").deliveryStreamStatus()).isEqualTo("CREATING");
        fixture.clock.advance(Duration.ofMillis(1));
        DeliveryStreamDescription active = fixture.describe("clicks");
        assertThat(active.deliveryStreamStatus()).isEqualTo("ACTIVE");
        assertThat(active.versionId()).isEqualTo("1");
        assertThat(active.createTimestamp()).isEqualTo(START);
    }

    @Test
    void aBareDestinationIsDescribedBothWaysWithAwssDefaults() {
        create(CreateRequestBuilder.named("clicks").extended(bare("logs")));
        DeliveryStreamDescription description = fixture.describe("clicks");

        assertThat(description.destinations()).hasSize(1);
        DestinationDescription destination = destinationOf(description);
        assertThat(destination.destinationId()).isEqualTo("destinationId-000000000001");
        BufferingHints hints = new BufferingHints(5, 300);
        EncryptionConfiguration none = new EncryptionConfiguration("NoEncryption", null);
        CloudWatchLoggingOptions logging = new CloudWatchLoggingOptions(false, null, null);
        assertThat(destination.s3DestinationDescription())
                .isEqualTo(new S3DestinationDescription(
                        ROLE, "arn:aws:s3:::logs", "", null, hints, "UNCOMPRESSED", none, logging));
        assertThat(destination.extendedS3DestinationDescription())
                .isEqualTo(new ExtendedS3DestinationDescription(
                        ROLE,
                        "arn:aws:s3:::logs",
                        "",
                        null,
                        hints,
                        "UNCOMPRESSED",
                        none,
                        logging,
                        null,
                        "Disabled",
                        null,
                        null,
                        null,
                        null,
                        null));
        assertThat(destination.redshiftDestinationDescription()).isNull();
        assertThat(destination.httpEndpointDestinationDescription()).isNull();
        assertThat(description.deliveryStreamEncryptionConfiguration())
                .isEqualTo(new DeliveryStreamEncryptionConfiguration(null, null, "DISABLED", null));
    }

    @Test
    void theMembersGivenAreDescribedAsGivenAndAMissingHintTakesItsDefault() {
        EncryptionConfiguration kms =
                new EncryptionConfiguration(null, new KMSEncryptionConfig("arn:aws:kms:us-east-1:111111111111:key/k"));
        CloudWatchLoggingOptions logging = new CloudWatchLoggingOptions(true, "/firehose", "clicks");
        create(CreateRequestBuilder.named("clicks")
                .s3(new S3DestinationConfiguration(
                        ROLE,
                        "arn:aws:s3:::logs",
                        "raw/",
                        "failed/",
                        new BufferingHints(null, 60),
                        "GZIP",
                        kms,
                        logging)));

        DestinationDescription destination = destinationOf(fixture.describe("clicks"));
        S3DestinationDescription expected = new S3DestinationDescription(
                ROLE, "arn:aws:s3:::logs", "raw/", "failed/", new BufferingHints(5, 60), "GZIP", kms, logging);
        assertThat(destination.s3DestinationDescription()).isEqualTo(expected);
        ExtendedS3DestinationDescription extended =
                Objects.requireNonNull(destination.extendedS3DestinationDescription());
        assertThat(List.of(
                        extended.prefix(),
                        extended.errorOutputPrefix(),
                        extended.compressionFormat(),
                        extended.s3BackupMode()))
                .containsExactly("raw/", "failed/", "GZIP", "Disabled");
        assertThat(extended.bufferingHints()).isEqualTo(new BufferingHints(5, 60));
        assertThat(extended.encryptionConfiguration()).isEqualTo(kms);
        assertThat(extended.cloudWatchLoggingOptions()).isEqualTo(logging);
    }

    @Test
    void anEncryptionAskedForAtCreationIsEnablingThenEnabled() {
        create(CreateRequestBuilder.named("secret")
                .extended(bare("logs"))
                .encryption(new DeliveryStreamEncryptionConfigurationInput(null, "AWS_OWNED_CMK")));
        assertThat(fixture.describe("secret").deliveryStreamEncryptionConfiguration())
                .isEqualTo(new DeliveryStreamEncryptionConfiguration(null, "AWS_OWNED_CMK", "ENABLING", null));
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(fixture.describe("secret").deliveryStreamEncryptionConfiguration())
                .isEqualTo(new DeliveryStreamEncryptionConfiguration(null, "AWS_OWNED_CMK", "ENABLED", null));

        createFails(
                CreateRequestBuilder.named("keyless")
                        .extended(bare("logs"))
                        .encryption(new DeliveryStreamEncryptionConfigurationInput(null, "CUSTOMER_MANAGED_CMK")),
                FirehoseError.InvalidArgument,
                "KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
    }

    @Test
    void describingAStreamThatIsNotThereIsResourceNotFound() {
        assertError(
                () -> fixture.describe("missing"),
                FirehoseError.ResourceNotFound,
                "Firehose missing under account 111111111111 not found.");
        assertError(
                () -> fixture.describe("bad name"),
                FirehoseError.Validation,
                VALID + "Value 'bad name' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void describePagesDestinationsAfterTheExclusiveStartDestinationId() {
        create(CreateRequestBuilder.named("clicks").extended(bare("logs")));

        assertThat(describe("clicks", null, "destinationId-000000000000").destinations())
                .extracting(DestinationDescription::destinationId)
                .containsExactly("destinationId-000000000001");
        DeliveryStreamDescription after = describe("clicks", 1, "destinationId-000000000001");
        assertThat(after.destinations()).isEmpty();
        assertThat(after.hasMoreDestinations()).isFalse();
        assertThat(describe("clicks", 10_000, null).destinations()).hasSize(1);

        assertError(
                () -> describe("clicks", 0, null),
                FirehoseError.Validation,
                VALID + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or"
                        + " equal to 1");
        assertError(
                () -> describe("clicks", null, "destination_1"),
                FirehoseError.Validation,
                VALID + "Value 'destination_1' at 'exclusiveStartDestinationId' failed to satisfy constraint: Member"
                        + " must satisfy regular expression pattern: [a-zA-Z0-9-]+");
    }

    private DeliveryStreamDescription describe(String name, @Nullable Integer limit, @Nullable String start) {
        return Objects.requireNonNull(fixture.firehose
                .describeDeliveryStream(ALICE, new DescribeDeliveryStreamRequest(name, limit, start))
                .deliveryStreamDescription());
    }
}
