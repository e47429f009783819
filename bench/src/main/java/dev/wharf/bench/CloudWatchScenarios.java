package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudWatch's scenarios, in AWS JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.<Operation>}), the
 * encoding that every CloudWatch server measured speaks alike (moto has no RPC v2 CBOR), signed once and replayed:
 *
 * <ul>
 *   <li>{@code cloudwatch-put}: PutMetricData of {@code --batch} values (a message is one value), of one metric
 *       over ten dimension values, as a fleet of workers publishes a latency;
 *   <li>{@code cloudwatch-get}: after a prefill of PutMetricData, GetMetricData of four statistics of four of those
 *       series over the last hour at one minute (a message is one request), as a dashboard or an alarm reads.
 * </ul>
 */
final class CloudWatchScenarios implements AutoCloseable {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET = "GraniteServiceVersion20100801.";
    private static final int VARIANTS = 8;
    private static final int WORKERS = 10;

    private final Options options;
    private final SqsRequests signer;
    private final LightClient client;
    private final Meter meter = new Meter();
    private final String namespace = "Bench/" + Long.toString(System.nanoTime() % 100_000_000L, 36);

    CloudWatchScenarios(Options options) {
        this.options = options;
        this.signer = new SqsRequests(options.endpoint());
        this.client = new LightClient(options.endpoint(), options.generatorThreads());
    }

    static boolean handles(String scenario) {
        return scenario.startsWith("cloudwatch-");
    }

    Meter.Measurement run() throws Exception {
        return switch (options.scenario()) {
            case "cloudwatch-put" -> put();
            case "cloudwatch-get" -> get();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
        };
    }

    private ByteBuf request(String operation, ObjectNode body) {
        return signer.json("monitoring", TARGET + operation, CONTENT_TYPE, SqsRequests.toBytes(body));
    }

    /** PutMetricData variants: the same series, different values, so that nothing is answered from a cache. */
    private List<ByteBuf> puts() {
        List<ByteBuf> puts = new ArrayList<>(VARIANTS);
        for (int variant = 0; variant < VARIANTS; variant++) {
            Random random = new Random(variant);
            ObjectNode body = SqsRequests.object().put("Namespace", namespace);
            ArrayNode data = body.putArray("MetricData");
            for (int i = 0; i < options.batchSize(); i++) {
                ObjectNode datum = data.addObject().put("MetricName", "Latency").put("Unit", "Milliseconds");
                datum.putArray("Dimensions").addObject().put("Name", "Worker").put("Value", "w" + (i % WORKERS));
                datum.put("Value", Math.round(random.nextDouble() * 500_000) / 1000.0);
            }
            puts.add(request("PutMetricData", body));
        }
        return puts;
    }

    private Meter.Measurement put() throws Exception {
        List<ByteBuf> puts = puts();
        expectOk(client.call(puts.get(0)), "PutMetricData");
        return closedLoop(puts, (response, latencyNanos) -> {
            if (response.status().code() == 200) {
                meter.record(latencyNanos, options.batchSize());
            } else {
                meter.error("PutMetricData answered " + response.status().code() + ": " + text(response));
            }
        });
    }

    private Meter.Measurement get() throws Exception {
        prefill(puts());
        long now = java.time.Clock.systemUTC().millis() / 1000;
        ObjectNode body =
                SqsRequests.object().put("StartTime", now - now % 60 - 3600).put("EndTime", now - now % 60 + 300);
        ArrayNode queries = body.putArray("MetricDataQueries");
        String[] stats = {"Average", "Maximum", "Sum", "SampleCount"};
        for (int worker = 0; worker < 4; worker++) {
            for (String stat : stats) {
                ObjectNode metricStat = queries.addObject()
                        .put("Id", "q" + worker + stat.toLowerCase(java.util.Locale.ROOT))
                        .putObject("MetricStat")
                        .put("Period", 60)
                        .put("Stat", stat);
                ObjectNode metric = metricStat
                        .putObject("Metric")
                        .put("Namespace", namespace)
                        .put("MetricName", "Latency");
                metric.putArray("Dimensions").addObject().put("Name", "Worker").put("Value", "w" + worker);
            }
        }
        ByteBuf get = request("GetMetricData", body);
        // The prefill's values must be read back, or the scenario measures empty answers.
        JsonNode answer = expectOk(client.call(get), "GetMetricData");
        JsonNode results = answer.path("MetricDataResults");
        if (results.size() != queries.size() || results.path(0).path("Values").isEmpty()) {
            throw new IllegalStateException("GetMetricData did not return the prefill's datapoints: " + answer);
        }
        return closedLoop(List.of(get), (response, latencyNanos) -> {
            if (response.status().code() == 200) {
                meter.record(latencyNanos, 1);
            } else {
                meter.error("GetMetricData answered " + response.status().code() + ": " + text(response));
            }
        });
    }

    /** Puts on every connection until the prefill's time or value count is reached. */
    private void prefill(List<ByteBuf> puts) throws InterruptedException {
        AtomicLong values = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        long deadline = System.nanoTime() + (long) (options.prefillSeconds() * 1e9);
        CountDownLatch finished = new CountDownLatch(options.connections());
        List<LightClient.Connection> connections =
                client.connect(options.connections(), (connection, response, latencyNanos) -> {
                    if (response.status().code() != 200) {
                        meter.error(
                                "PutMetricData answered " + response.status().code() + ": " + text(response));
                    }
                    long put = values.addAndGet(options.batchSize());
                    if (put + (long) options.connections() * options.batchSize() <= options.prefillMax()
                            && System.nanoTime() < deadline) {
                        connection.send(puts.get((int) (issued.getAndIncrement() % puts.size())), System.nanoTime());
                    } else {
                        finished.countDown();
                    }
                });
        for (LightClient.Connection connection : connections) {
            connection.send(puts.get((int) (issued.getAndIncrement() % puts.size())), System.nanoTime());
        }
        if (!finished.await((long) (options.prefillSeconds() + 60), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the prefill's last answers did not come within a minute");
        }
        for (LightClient.Connection connection : connections) {
            connection.close();
        }
    }

    private Meter.Measurement closedLoop(List<ByteBuf> requests, Pool.Handler handler) throws Exception {
        return ClosedLoop.run(client, options, meter, requests, handler, options.warmupSeconds());
    }

    private static JsonNode expectOk(LightClient.Response answer, String operation) throws IOException {
        if (answer.status() != 200) {
            throw new IllegalStateException(operation + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.body().length == 0 ? SqsRequests.object() : SqsRequests.JSON.readTree(answer.body());
    }

    private static String text(FullHttpResponse response) {
        return response.content().toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
