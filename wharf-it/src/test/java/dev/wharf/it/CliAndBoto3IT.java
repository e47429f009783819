package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI and boto3 from the machine, against a real server: the CLI from Java, boto3 through its pytest suite.
 */
@WharfTest
class CliAndBoto3IT {

    private static final long TIMEOUT_SECONDS = 120;

    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command with the test keys, unless {@code env} names others; {@code env} wins over every default. */
    static Result run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("wharf-cmd", ".out");
        Path err = java.nio.file.Files.createTempFile("wharf-cmd", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(
                process.exitValue(),
                java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Result aws(WharfHandle wharf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("aws", "--endpoint-url", wharf.endpoint().toString(), "sqs"));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    private static Result awsSns(WharfHandle wharf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("aws", "--endpoint-url", wharf.endpoint().toString(), "sns"));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    @Test
    void awsCliPublishesToATopicThatFansOutToAQueue(WharfHandle wharf) throws Exception {
        Result topic = awsSns(wharf, "create-topic", "--name", "cli-topic");
        assertThat(topic.exitCode()).as(topic.stderr()).isZero();
        assertThat(topic.stdout()).contains("arn:aws:sns:us-east-1:000000000000:cli-topic");
        String topicArn = "arn:aws:sns:us-east-1:000000000000:cli-topic";
        assertThat(aws(wharf, "create-queue", "--queue-name", "cli-topic-q").exitCode())
                .isZero();
        Result subscribed = awsSns(
                wharf,
                "subscribe",
                "--topic-arn",
                topicArn,
                "--protocol",
                "sqs",
                "--notification-endpoint",
                "arn:aws:sqs:us-east-1:000000000000:cli-topic-q",
                "--attributes",
                "RawMessageDelivery=true");
        assertThat(subscribed.exitCode()).as(subscribed.stderr()).isZero();
        assertThat(subscribed.stdout()).contains(topicArn + ":");
        Result published = awsSns(wharf, "publish", "--topic-arn", topicArn, "--message", "from-the-cli");
        assertThat(published.exitCode()).as(published.stderr()).isZero();
        assertThat(published.stdout()).contains("MessageId");
        Result received = aws(wharf, "receive-message", "--queue-url", wharf.endpoint() + "/000000000000/cli-topic-q");
        assertThat(received.stdout()).contains("from-the-cli");
        Result missing = awsSns(wharf, "get-topic-attributes", "--topic-arn", topicArn + "-none");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("NotFound").contains("Topic does not exist");
    }

    @Test
    void awsCliManagesQueues(WharfHandle wharf) throws Exception {
        Result created = aws(wharf, "create-queue", "--queue-name", "cli-q", "--attributes", "DelaySeconds=7");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains(wharf.endpoint() + "/000000000000/cli-q");
        Result attributes = aws(
                wharf,
                "get-queue-attributes",
                "--queue-url",
                wharf.endpoint() + "/000000000000/cli-q",
                "--attribute-names",
                "DelaySeconds");
        assertThat(attributes.stdout()).contains("\"DelaySeconds\": \"7\"");
        Result listed = aws(wharf, "list-queues", "--queue-name-prefix", "cli-");
        assertThat(listed.stdout()).contains("cli-q");
        Result missing = aws(wharf, "get-queue-url", "--queue-name", "cli-none");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr())
                .contains("AWS.SimpleQueueService.NonExistentQueue")
                .contains("The specified queue does not exist.");
        Result deleted = aws(wharf, "delete-queue", "--queue-url", wharf.endpoint() + "/000000000000/cli-q");
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
    }

    @Test
    void awsCliSendsReceivesAndDeletesMessages(WharfHandle wharf) throws Exception {
        String url = wharf.endpoint() + "/000000000000/cli-messages";
        assertThat(aws(wharf, "create-queue", "--queue-name", "cli-messages").exitCode())
                .isZero();
        Result sent = aws(wharf, "send-message", "--queue-url", url, "--message-body", "from the cli");
        assertThat(sent.exitCode()).as(sent.stderr()).isZero();
        assertThat(sent.stdout()).contains("\"MD5OfMessageBody\"").contains("\"MessageId\"");
        Result received = aws(wharf, "receive-message", "--queue-url", url, "--wait-time-seconds", "1");
        assertThat(received.stdout()).contains("\"Body\": \"from the cli\"");
        String handle = received.stdout().replaceAll("(?s).*\"ReceiptHandle\": \"([^\"]+)\".*", "$1");
        Result deleted = aws(wharf, "delete-message", "--queue-url", url, "--receipt-handle", handle);
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        Result purged = aws(wharf, "purge-queue", "--queue-url", url);
        assertThat(purged.exitCode()).isZero();
        Result again = aws(wharf, "purge-queue", "--queue-url", url);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("AWS.SimpleQueueService.PurgeQueueInProgress");
    }

    private static Result awsKinesis(WharfHandle wharf, String... args) throws IOException, InterruptedException {
        return awsService(wharf, "kinesis", args);
    }

    private static Result awsService(WharfHandle wharf, String service, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("aws", "--endpoint-url", wharf.endpoint().toString(), service, "--output", "json"));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    @Test
    void awsCliPutsMetricsReadsThemAndSetsAnAlarm(WharfHandle wharf) throws Exception {
        // The CLI's botocore speaks Smithy RPC v2 CBOR to CloudWatch.
        String minute = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .minusSeconds(120)
                .toString();
        Result put = awsService(
                wharf,
                "cloudwatch",
                "put-metric-data",
                "--namespace",
                "Cli/App",
                "--metric-name",
                "Jobs",
                "--dimensions",
                "Queue=work",
                "--value",
                "7",
                "--unit",
                "Count",
                "--timestamp",
                minute);
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        Result stats = awsService(
                wharf,
                "cloudwatch",
                "get-metric-statistics",
                "--namespace",
                "Cli/App",
                "--metric-name",
                "Jobs",
                "--dimensions",
                "Name=Queue,Value=work",
                "--start-time",
                minute,
                "--end-time",
                java.time.Instant.parse(minute).plusSeconds(60).toString(),
                "--period",
                "60",
                "--statistics",
                "Sum");
        assertThat(stats.exitCode()).as(stats.stderr()).isZero();
        assertThat(stats.stdout()).contains("\"Sum\": 7.0").contains("\"Unit\": \"Count\"");
        Result alarm = awsService(
                wharf,
                "cloudwatch",
                "put-metric-alarm",
                "--alarm-name",
                "cli-alarm",
                "--namespace",
                "Cli/App",
                "--metric-name",
                "Jobs",
                "--statistic",
                "Sum",
                "--period",
                "60",
                "--evaluation-periods",
                "1",
                "--threshold",
                "5",
                "--comparison-operator",
                "GreaterThanThreshold");
        assertThat(alarm.exitCode()).as(alarm.stderr()).isZero();
        Result described = awsService(wharf, "cloudwatch", "describe-alarms", "--alarm-names", "cli-alarm");
        assertThat(described.stdout()).contains("\"StateValue\": \"INSUFFICIENT_DATA\"");
        Result missing = awsService(
                wharf,
                "cloudwatch",
                "set-alarm-state",
                "--alarm-name",
                "no-such-alarm",
                "--state-value",
                "OK",
                "--state-reason",
                "x");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFound");
    }

    @Test
    void awsCliPutsAndReadsKinesisRecords(WharfHandle wharf) throws Exception {
        assertThat(awsKinesis(wharf, "create-stream", "--stream-name", "cli-stream", "--shard-count", "1")
                        .exitCode())
                .isZero();
        Result waited = awsKinesis(wharf, "wait", "stream-exists", "--stream-name", "cli-stream");
        assertThat(waited.exitCode()).as(waited.stderr()).isZero();
        Result put = awsKinesis(
                wharf, "put-record", "--stream-name", "cli-stream", "--partition-key", "k", "--data", "hello");
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        assertThat(put.stdout()).contains("\"ShardId\": \"shardId-000000000000\"");
        Result iterator = awsKinesis(
                wharf,
                "get-shard-iterator",
                "--stream-name",
                "cli-stream",
                "--shard-id",
                "shardId-000000000000",
                "--shard-iterator-type",
                "TRIM_HORIZON",
                "--query",
                "ShardIterator",
                "--output",
                "text");
        assertThat(iterator.exitCode()).as(iterator.stderr()).isZero();
        Result records = awsKinesis(
                wharf, "get-records", "--shard-iterator", iterator.stdout().strip());
        assertThat(records.exitCode()).as(records.stderr()).isZero();
        // The CLI shows blobs as base64: "hello" is aGVsbG8=.
        assertThat(records.stdout()).contains("\"Data\": \"aGVsbG8=\"").contains("\"PartitionKey\": \"k\"");
        Result missing = awsKinesis(wharf, "get-records", "--shard-iterator", "bm90IGFuIGl0ZXJhdG9y");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("InvalidArgumentException").contains("Invalid ShardIterator.");
    }

    @Test
    void awsCliCreatesATableAndWritesAndQueriesItems(WharfHandle wharf) throws Exception {
        Result created = awsService(
                wharf,
                "dynamodb",
                "create-table",
                "--table-name",
                "cli-table",
                "--attribute-definitions",
                "AttributeName=pk,AttributeType=S",
                "AttributeName=sk,AttributeType=N",
                "--key-schema",
                "AttributeName=pk,KeyType=HASH",
                "AttributeName=sk,KeyType=RANGE",
                "--billing-mode",
                "PAY_PER_REQUEST");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("\"TableStatus\": \"CREATING\"");
        Result waited = awsService(wharf, "dynamodb", "wait", "table-exists", "--table-name", "cli-table");
        assertThat(waited.exitCode()).as(waited.stderr()).isZero();
        for (int sk = 1; sk <= 3; sk++) {
            Result put = awsService(
                    wharf,
                    "dynamodb",
                    "put-item",
                    "--table-name",
                    "cli-table",
                    "--item",
                    "{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"" + sk + "\"}}");
            assertThat(put.exitCode()).as(put.stderr()).isZero();
        }
        Result queried = awsService(
                wharf,
                "dynamodb",
                "query",
                "--table-name",
                "cli-table",
                "--key-condition-expression",
                "pk = :p AND sk > :s",
                "--expression-attribute-values",
                "{\":p\": {\"S\": \"a\"}, \":s\": {\"N\": \"1\"}}");
        assertThat(queried.exitCode()).as(queried.stderr()).isZero();
        assertThat(queried.stdout()).contains("\"Count\": 2").contains("\"ScannedCount\": 2");
        Result failed = awsService(
                wharf,
                "dynamodb",
                "put-item",
                "--table-name",
                "cli-table",
                "--item",
                "{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"1\"}}",
                "--condition-expression",
                "attribute_not_exists(pk)");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr())
                .contains("ConditionalCheckFailedException")
                .contains("The conditional request failed");
    }

    @Test
    void boto3SuitePasses(WharfHandle wharf) throws Exception {
        String tests = System.getProperty("wharf.python.tests", "src/test/python");
        Result result = run(
                Map.of("WHARF_ENDPOINT", wharf.endpoint().toString()),
                List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", tests));
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).containsPattern("\\d+ passed");
    }
}
