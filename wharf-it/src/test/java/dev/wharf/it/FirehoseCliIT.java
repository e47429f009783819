package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Firehose through both AWS CLIs (v1 from pip, v2 from Debian): create, describe, put and put-batch (with the CLIs'
 * own blob handling), tags, errors and delete, and the delivered object read back with {@code aws s3}.
 */
@WharfTest
class FirehoseCliIT {

    static java.util.stream.Stream<S3CliIT.Cli> clis() {
        return S3CliIT.clis();
    }

    @ParameterizedTest(name = "CLI {0}")
    @MethodSource("clis")
    void theFirehoseCommandsWork(S3CliIT.Cli cli, WharfHandle wharf, @TempDir Path dir) throws Exception {
        assertThat(S3CliIT.version(cli)).contains(cli.name().equals("v1") ? "aws-cli/1." : "aws-cli/2.");
        Path config = S3CliIT.config(dir);
        String stream = "cli-" + cli.name();
        String bucket = "cli-firehose-" + cli.name();
        assertThat(S3CliIT.aws(cli, config, wharf, "s3", "mb", "s3://" + bucket).exitCode())
                .isZero();
        CliAndBoto3IT.Result created = S3CliIT.aws(
                cli,
                config,
                wharf,
                "firehose",
                "create-delivery-stream",
                "--delivery-stream-name",
                stream,
                "--extended-s3-destination-configuration",
                "RoleARN=arn:aws:iam::000000000000:role/f,BucketARN=arn:aws:s3:::" + bucket
                        + ",BufferingHints={SizeInMBs=1,IntervalInSeconds=60},Prefix=cli/",
                "--tags",
                "Key=team,Value=data");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream);

        Instant deadline = Instant.now().plusSeconds(10);
        CliAndBoto3IT.Result described;
        do {
            described = S3CliIT.aws(
                    cli, config, wharf, "firehose", "describe-delivery-stream", "--delivery-stream-name", stream);
        } while (!described.stdout().contains("\"ACTIVE\"") && Instant.now().isBefore(deadline));
        assertThat(described.stdout())
                .contains("\"DeliveryStreamStatus\": \"ACTIVE\"")
                .contains("\"VersionId\": \"1\"");

        // v1 sends the blob as given; v2 reads it as base64 unless told to take it raw.
        List<String> raw = cli.name().equals("v2") ? List.of("--cli-binary-format", "raw-in-base64-out") : List.of();
        CliAndBoto3IT.Result put = S3CliIT.aws(
                cli,
                config,
                wharf,
                concat(
                        List.of(
                                "firehose",
                                "put-record",
                                "--delivery-stream-name",
                                stream,
                                "--record",
                                "Data=hello-cli"),
                        raw));
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        assertThat(put.stdout()).contains("\"RecordId\"");

        // The Debian CLI v2's model still holds IntervalInSeconds to at least 60, so the buffer is filled instead: a
        // batch of two 600,000-byte records from a file passes the 1 MiB size at once.
        String big = "x".repeat(600_000);
        Path records = dir.resolve("records.json");
        Files.writeString(records, "[{\"Data\": \"" + big + "\"}, {\"Data\": \"" + big + "\"}]");
        CliAndBoto3IT.Result batch = S3CliIT.aws(
                cli,
                config,
                wharf,
                concat(
                        List.of(
                                "firehose",
                                "put-record-batch",
                                "--delivery-stream-name",
                                stream,
                                "--records",
                                "file://" + records),
                        raw));
        assertThat(batch.exitCode()).as(batch.stderr()).isZero();
        assertThat(batch.stdout()).contains("\"FailedPutCount\": 0");

        CliAndBoto3IT.Result tags = S3CliIT.aws(
                cli, config, wharf, "firehose", "list-tags-for-delivery-stream", "--delivery-stream-name", stream);
        assertThat(tags.stdout()).contains("\"Key\": \"team\"").contains("\"Value\": \"data\"");

        Instant delivered = Instant.now().plusSeconds(15);
        CliAndBoto3IT.Result listed;
        do {
            Thread.sleep(200);
            listed = S3CliIT.aws(cli, config, wharf, "s3", "ls", "--recursive", "s3://" + bucket);
        } while (!listed.stdout().contains(stream + "-1-") && Instant.now().isBefore(delivered));
        assertThat(listed.stdout()).containsPattern("cli/\\d{4}/\\d{2}/\\d{2}/\\d{2}/" + stream + "-1-");
        String key = listed.stdout().strip().split("\\s+")[3];
        Path local = dir.resolve("object");
        assertThat(S3CliIT.aws(cli, config, wharf, "s3", "cp", "s3://" + bucket + "/" + key, local.toString())
                        .exitCode())
                .isZero();
        assertThat(Files.readString(local)).isEqualTo("hello-cli" + big + big);

        CliAndBoto3IT.Result missing = S3CliIT.aws(
                cli, config, wharf, "firehose", "describe-delivery-stream", "--delivery-stream-name", "cli-none");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr())
                .contains("ResourceNotFoundException")
                .contains("Firehose cli-none under account 000000000000 not found.");

        CliAndBoto3IT.Result deleted =
                S3CliIT.aws(cli, config, wharf, "firehose", "delete-delivery-stream", "--delivery-stream-name", stream);
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }
}
