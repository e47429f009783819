package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Firehose's scenario, {@code firehose-put-batch}: PutRecordBatch of {@code --batch} records (at most 500) of {@code
 * --body-bytes} each into a delivery stream whose Extended S3 destination is a bucket of the same server, with GZIP
 * and buffering hints of 5 MiB or 60 s, so that a run delivers objects as it goes; a message is one record. AWS JSON
 * 1.1, signed once for {@code firehose} and replayed; the bucket is made over S3's REST API.
 */
final class FirehoseScenarios implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "application/x-amz-json-1.1";

    private final Options options;
    private final SqsRequests signer;
    private final LightClient client;
    private final Meter meter = new Meter();
    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final String bucket = "bench-fh-" + suffix;
    private final String stream = "bench-" + suffix;

    FirehoseScenarios(Options options) {
        this.options = options;
        this.signer = new SqsRequests(options.endpoint());
        this.client = new LightClient(options.endpoint(), options.generatorThreads());
    }

    static boolean handles(String scenario) {
        return scenario.startsWith("firehose-");
    }

    Meter.Measurement run() throws Exception {
        if (!options.scenario().equals("firehose-put-batch")) {
            throw new IllegalArgumentException("unknown scenario " + options.scenario());
        }
        expect(client.call(signer.s3(SdkHttpMethod.PUT, "/" + bucket, Map.of(), new byte[0])), "CreateBucket");
        ObjectNode create = JSON.createObjectNode().put("DeliveryStreamName", stream);
        create.putObject("ExtendedS3DestinationConfiguration")
                .put("RoleARN", "arn:aws:iam::000000000000:role/bench")
                .put("BucketARN", "arn:aws:s3:::" + bucket)
                .put("CompressionFormat", "GZIP")
                .putObject("BufferingHints")
                .put("SizeInMBs", 5)
                .put("IntervalInSeconds", 60);
        expect(call("CreateDeliveryStream", create), "CreateDeliveryStream");
        awaitActive();
        int records = Math.max(1, Math.min(500, options.batchSize()));
        ObjectNode batch = JSON.createObjectNode().put("DeliveryStreamName", stream);
        ArrayNode list = batch.putArray("Records");
        byte[] data = new byte[Math.max(1, options.bodyBytes())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        String encoded = Base64.getEncoder().encodeToString(data);
        for (int i = 0; i < records; i++) {
            list.addObject().put("Data", encoded);
        }
        ByteBuf put = signer.json("firehose", "Firehose_20150804.PutRecordBatch", TYPE, JSON.writeValueAsBytes(batch));
        // One answer read back first: every record must be accepted, or the scenario measures errors.
        JsonNode first = JSON.readTree(expect(client.call(put), "PutRecordBatch"));
        if (first.path("FailedPutCount").asInt(-1) != 0
                || first.path("RequestResponses").size() != records) {
            throw new IllegalStateException("PutRecordBatch did not accept all " + records + " records: " + first);
        }
        return ClosedLoop.run(
                client,
                options,
                meter,
                List.of(put),
                (response, latencyNanos) -> {
                    if (response.status().code() == 200) {
                        meter.record(latencyNanos, records);
                    } else {
                        meter.error(
                                "PutRecordBatch answered " + response.status().code() + ": "
                                        + response.content().toString(StandardCharsets.UTF_8));
                    }
                },
                options.warmupSeconds());
    }

    private LightClient.Response call(String operation, ObjectNode body) throws Exception {
        return client.call(
                signer.json("firehose", "Firehose_20150804." + operation, TYPE, JSON.writeValueAsBytes(body)));
    }

    private void awaitActive() throws Exception {
        ObjectNode describe = JSON.createObjectNode().put("DeliveryStreamName", stream);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode answer = JSON.readTree(expect(call("DescribeDeliveryStream", describe), "DescribeDeliveryStream"));
            if (answer.path("DeliveryStreamDescription")
                    .path("DeliveryStreamStatus")
                    .asText()
                    .equals("ACTIVE")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("delivery stream " + stream + " did not become ACTIVE in 30 s");
    }

    private static byte[] expect(LightClient.Response answer, String operation) {
        if (answer.status() != 200) {
            throw new IllegalStateException(operation + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.body();
    }

    @Override
    public void close() {
        client.close();
    }
}
