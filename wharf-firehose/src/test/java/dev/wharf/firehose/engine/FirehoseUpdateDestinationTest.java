package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.START;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.empty;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.ExtendedS3DestinationDescription;
import dev.wharf.firehose.api.ExtendedS3DestinationUpdate;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.RedshiftDestinationUpdate;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationDescription;
import dev.wharf.firehose.api.S3DestinationUpdate;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UpdateDestination: its optimistic VersionId, how an update merges into the destination, and its errors. */
class FirehoseUpdateDestinationTest {

    private static final String VALID = "1 validation error detected: ";
    private static final String DESTINATION = "destinationId-000000000001";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static UpdateDestinationRequest request(
            @Nullable String name,
            @Nullable String version,
            @Nullable String destinationId,
            @Nullable S3DestinationUpdate s3,
            @Nullable ExtendedS3DestinationUpdate extended) {
        return new UpdateDestinationRequest(
                name, version, destinationId, s3, extended, null, null, null, null, null, null, null, null);
    }

    private static ExtendedS3DestinationUpdate extendedUpdate(
            @Nullable String prefix,
            @Nullable String errorPrefix,
            @Nullable BufferingHints hints,
            @Nullable String compression) {
        return new ExtendedS3DestinationUpdate(
                null,
                null,
                prefix,
                errorPrefix,
                hints,
                compression,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static S3DestinationUpdate s3Update(
            @Nullable String bucketArn, @Nullable BufferingHints hints, @Nullable String compression) {
        return new S3DestinationUpdate(null, bucketArn, null, null, hints, compression, null, null);
    }

    private void update(String name, String version, ExtendedS3DestinationUpdate update) {
        fixture.firehose.updateDestination(ALICE, request(name, version, DESTINATION, null, update));
    }

    private void updateFails(UpdateDestinationRequest request, FirehoseError error, String message) {
        assertError(() -> fixture.firehose.updateDestination(ALICE, request), error, message);
    }

    private ExtendedS3DestinationDescription extendedOf(String name) {
        return Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe(name).destinations())
                        .getFirst()
                        .extendedS3DestinationDescription());
    }

    private S3DestinationDescription s3Of(String name) {
        return Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe(name).destinations())
                        .getFirst()
                        .s3DestinationDescription());
    }

    @Test
    void anUpdateBumpsTheVersionStampsTheTimeAndReplacesOnlyTheMembersItNames() {
        fixture.active("clicks", extended("logs", "before/", 1, 60, "GZIP"));
        fixture.clock.advance(Duration.ofSeconds(5));

        update("clicks", "1", extendedUpdate("after/", null, new BufferingHints(null, 120), null));

        DeliveryStreamDescription updated = fixture.describe("clicks");
        assertThat(updated.versionId()).isEqualTo("2");
        assertThat(updated.lastUpdateTimestamp()).isEqualTo(START.plusSeconds(6));
        assertThat(updated.createTimestamp()).isEqualTo(START);
        assertThat(updated.deliveryStreamStatus()).isEqualTo("ACTIVE");
        ExtendedS3DestinationDescription destination = extendedOf("clicks");
        assertThat(destination.prefix()).isEqualTo("after/");
        assertThat(destination.bufferingHints())
                .as("the size hint not named is kept")
                .isEqualTo(new BufferingHints(1, 120));
        assertThat(destination.compressionFormat()).isEqualTo("GZIP");
        assertThat(destination.bucketARN()).isEqualTo("arn:aws:s3:::logs");
        assertThat(destination.roleARN()).isEqualTo(ROLE);

        fixture.clock.advance(Duration.ofSeconds(1));
        update("clicks", "2", extendedUpdate(null, null, null, "UNCOMPRESSED"));
        assertThat(fixture.describe("clicks").versionId()).isEqualTo("3");
        assertThat(fixture.describe("clicks").lastUpdateTimestamp()).isEqualTo(START.plusSeconds(7));
        assertThat(extendedOf("clicks").prefix()).isEqualTo("after/");
        assertThat(extendedOf("clicks").compressionFormat()).isEqualTo("UNCOMPRESSED");
    }

    @Test
    void aVersionThatIsNotTheCurrentOneIsAConcurrentModification() {
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        updateFails(
                request("clicks", "2", DESTINATION, null, extendedUpdate("x/", null, null, null)),
                FirehoseError.ConcurrentModification,
                "Cannot update firehose: clicks since the current version id: 1 and specified version id: 2 do not"
                        + " match");

        update("clicks", "1", extendedUpdate("y/", null, null, null));
        updateFails(
                request("clicks", "1", DESTINATION, null, extendedUpdate("x/", null, null, null)),
                FirehoseError.ConcurrentModification,
                "Cannot update firehose: clicks since the current version id: 2 and specified version id: 1 do not"
                        + " match");
        assertThat(extendedOf("clicks").prefix()).isEqualTo("y/");
    }

    @Test
    void aDestinationIdThatIsNotTheStreamsIsAnInvalidArgument() {
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        updateFails(
                request("clicks", "1", "destinationId-000000000002", null, extendedUpdate("x/", null, null, null)),
                FirehoseError.InvalidArgument,
                "Destination Id destinationId-000000000002 not found");
        assertThat(fixture.describe("clicks").versionId()).isEqualTo("1");
    }

    @Test
    void anS3UpdateChangesAStreamMadeWithAnS3DestinationAndOneMadeWithAnExtendedOne() {
        fixture.firehose.createDeliveryStream(
                ALICE,
                CreateRequestBuilder.named("plain")
                        .s3(new S3DestinationConfiguration(
                                ROLE, "arn:aws:s3:::logs", "raw/", null, null, null, null, null))
                        .build());
        fixture.active("fancy", extended("logs", "raw/", 1, 60, "UNCOMPRESSED"));

        for (String name : List.of("plain", "fancy")) {
            fixture.firehose.updateDestination(
                    ALICE, request(name, "1", DESTINATION, s3Update("arn:aws:s3:::archive", null, "ZIP"), null));
            assertThat(fixture.describe(name).versionId()).isEqualTo("2");
            S3DestinationDescription described = s3Of(name);
            assertThat(described.bucketARN()).isEqualTo("arn:aws:s3:::archive");
            assertThat(described.compressionFormat()).isEqualTo("ZIP");
            assertThat(described.prefix()).isEqualTo("raw/");
            assertThat(extendedOf(name).bucketARN()).isEqualTo("arn:aws:s3:::archive");
        }
        assertThat(s3Of("plain").bufferingHints()).isEqualTo(new BufferingHints(5, 300));
        assertThat(s3Of("fancy").bufferingHints()).isEqualTo(new BufferingHints(1, 60));
    }

    @Test
    void aStreamThatIsNotActiveCannotBeUpdated() {
        fixture.firehose.createDeliveryStream(
                ALICE, FirehoseFixture.create("young", extended("logs", null, 1, 60, "UNCOMPRESSED")));
        updateFails(
                request("young", "1", DESTINATION, null, extendedUpdate("x/", null, null, null)),
                FirehoseError.ResourceInUse,
                "Firehose young is not in the ACTIVE state; it is CREATING.");

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("young");
        updateFails(
                request("young", "1", DESTINATION, null, extendedUpdate("x/", null, null, null)),
                FirehoseError.ResourceInUse,
                "Firehose young is not in the ACTIVE state; it is DELETING.");

        fixture.clock.advance(Duration.ofSeconds(1));
        updateFails(
                request("young", "1", DESTINATION, null, extendedUpdate("x/", null, null, null)),
                FirehoseError.ResourceNotFound,
                "Firehose young under account 111111111111 not found.");
    }

    @Test
    void anUpdateMustNameExactlyOneDestinationAndOnlyAnS3One() {
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        updateFails(
                request("clicks", "1", DESTINATION, null, null),
                FirehoseError.InvalidArgument,
                "Exactly one destination update must be given; the request has 0.");
        updateFails(
                request(
                        "clicks",
                        "1",
                        DESTINATION,
                        s3Update(null, null, "GZIP"),
                        extendedUpdate(null, null, null, "GZIP")),
                FirehoseError.InvalidArgument,
                "Exactly one destination update must be given; the request has 2.");
        updateFails(
                new UpdateDestinationRequest(
                        "clicks",
                        "1",
                        DESTINATION,
                        null,
                        null,
                        empty(RedshiftDestinationUpdate.class),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                FirehoseError.InvalidArgument,
                "Changing the destination type to or from S3 is not supported at this time.");
        assertThat(fixture.describe("clicks").versionId()).isEqualTo("1");
    }

    @Test
    void anUpdatedDestinationIsCheckedAsANewOneIsUnderTheUpdatesMember() {
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        updateFails(
                request(
                        "clicks",
                        "1",
                        DESTINATION,
                        null,
                        extendedUpdate(null, null, new BufferingHints(null, 901), null)),
                FirehoseError.Validation,
                VALID + "Value '901' at 'extendedS3DestinationUpdate.bufferingHints.intervalInSeconds' failed to"
                        + " satisfy constraint: Member must have value less than or equal to 900");
        updateFails(
                request("clicks", "1", DESTINATION, s3Update(null, new BufferingHints(129, null), null), null),
                FirehoseError.Validation,
                VALID + "Value '129' at 's3DestinationUpdate.bufferingHints.sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 128");
        updateFails(
                request("clicks", "1", DESTINATION, s3Update(null, null, "LZ4"), null),
                FirehoseError.Validation,
                VALID + "Value 'LZ4' at 's3DestinationUpdate.compressionFormat' failed to satisfy constraint: Member"
                        + " must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]");
        updateFails(
                request("clicks", "1", DESTINATION, null, extendedUpdate("!{timestamp:yyyy}/", null, null, null)),
                FirehoseError.InvalidArgument,
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        updateFails(
                request(
                        "clicks",
                        "1",
                        DESTINATION,
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
                                new ProcessingConfiguration(true, List.of()),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                FirehoseError.InvalidArgument,
                "ProcessingConfiguration is enabled, so it must name at least one processor.");

        DeliveryStreamDescription unchanged = fixture.describe("clicks");
        assertThat(unchanged.versionId()).isEqualTo("1");
        assertThat(unchanged.lastUpdateTimestamp()).isNull();
        assertThat(extendedOf("clicks").bufferingHints()).isEqualTo(new BufferingHints(1, 60));

        update(
                "clicks",
                "1",
                extendedUpdate("!{timestamp:yyyy}/", "errors/!{firehose:error-output-type}/", null, null));
        assertThat(extendedOf("clicks").prefix()).isEqualTo("!{timestamp:yyyy}/");
    }

    @Test
    void theRequestsOwnMembersAreCheckedFirst() {
        updateFails(
                request("clicks", "v1", DESTINATION, null, null),
                FirehoseError.Validation,
                VALID + "Value 'v1' at 'currentDeliveryStreamVersionId' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [0-9]+");
        updateFails(
                request("clicks", "1", null, null, null),
                FirehoseError.Validation,
                VALID + "Value null at 'destinationId' failed to satisfy constraint: Member must not be null");
        updateFails(
                request(null, null, DESTINATION, null, null),
                FirehoseError.Validation,
                "2 validation errors detected: Value null at 'deliveryStreamName' failed to satisfy constraint: Member"
                        + " must not be null; Value null at 'currentDeliveryStreamVersionId' failed to satisfy"
                        + " constraint: Member must not be null");
        updateFails(
                request("missing", "1", DESTINATION, null, extendedUpdate("x/", null, null, null)),
                FirehoseError.ResourceNotFound,
                "Firehose missing under account 111111111111 not found.");
    }
}
