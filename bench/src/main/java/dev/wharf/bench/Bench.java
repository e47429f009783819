package dev.wharf.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.bench.fuzz.FuzzCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bench's command line: {@code run} measures one scenario and prints one JSON line; {@code ceiling} serves;
 * {@code fuzz} sends hostile requests and judges the answers.
 */
@Command(
        name = "wharf-bench",
        mixinStandardHelpOptions = true,
        subcommands = {Bench.Run.class, Bench.Ceiling.class, FuzzCommand.class},
        description = "Wharf's benchmark instrument.")
public final class Bench {

    static final Logger LOG = LoggerFactory.getLogger("dev.wharf.bench");

    /** Results go to standard output, one JSON object a line; logs go to standard error. */
    static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);

    private Bench() {}

    public static void main(String[] args) {
        int status =
                new CommandLine(new Bench()).setOverwrittenOptionsAllowed(true).execute(args);
        OUT.flush();
        Runtime.getRuntime().halt(status);
    }

    /** Measures one scenario against one server. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one scenario; print one JSON line.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--endpoint", required = true, description = "http://127.0.0.1:PORT")
        URI endpoint = URI.create("http://127.0.0.1:4566");

        @Option(
                names = "--scenario",
                required = true,
                description = "send-batch, single-send, receive-delete, e2e-latency, fifo, sns-fanout,"
                        + " kinesis-put-batch, kinesis-get-drain, kinesis-limits, kinesis-subscribe-latency,"
                        + " cloudwatch-put, cloudwatch-get, dynamodb-put, dynamodb-get, dynamodb-update, dynamodb-query,"
                        + " s3-put, s3-get, s3-list, firehose-put-batch")
        String scenario = "send-batch";

        @Option(names = "--mode", defaultValue = "light", description = "light or sdk")
        String mode = "light";

        @Option(names = "--server", defaultValue = "wharf", description = "the server's name in the results")
        String server = "wharf";

        @Option(names = "--durability", defaultValue = "-", description = "the server's durability, for the results")
        String durability = "-";

        @Option(names = "--server-pid", defaultValue = "0", description = "pid whose CPU and RSS are measured")
        long serverPid;

        @Option(names = "--clk-tck", defaultValue = "100", description = "clock ticks a second (getconf CLK_TCK)")
        long clockTicks = 100;

        @Option(names = "--connections", defaultValue = "16")
        int connections = 16;

        @Option(names = "--consumers", defaultValue = "4", description = "long-polling consumers (e2e-latency)")
        int consumers = 4;

        @Option(names = "--rate", defaultValue = "0", description = "offered requests/s (open loop); 0: closed loop")
        double rate;

        @Option(names = "--groups", defaultValue = "1", description = "FIFO message groups (fifo)")
        int groups = 1;

        @Option(names = "--body-bytes", defaultValue = "200")
        int bodyBytes = 200;

        @Option(names = "--batch", defaultValue = "10")
        int batch = 10;

        @Option(names = "--warmup", defaultValue = "2", description = "warm-up seconds")
        double warmup = 2;

        @Option(names = "--seconds", defaultValue = "5", description = "measured seconds (at most)")
        double seconds = 5;

        @Option(names = "--prefill-seconds", defaultValue = "5", description = "receive-delete and fifo fill time")
        double prefillSeconds = 5;

        @Option(names = "--prefill-max", defaultValue = "200000", description = "receive-delete and fifo fill count")
        long prefillMax = 200_000;

        @Option(names = "--threads", defaultValue = "1", description = "generator event loops (closed loop)")
        int threads = 1;

        @Option(
                names = "--subscribers",
                defaultValue = "1",
                description = "queues subscribed to the topic (sns-fanout)")
        int subscribers = 1;

        @Option(names = "--raw", description = "raw message delivery (sns-fanout)")
        boolean raw;

        @Option(
                names = "--shards",
                defaultValue = "4",
                description = "the stream's shards (kinesis-put-batch, -get-drain)")
        int shards = 4;

        @Option(
                names = "--records-per-put",
                defaultValue = "500",
                description = "records in each PutRecords (kinesis-*)")
        int recordsPerPut = 500;

        @Option(names = "--get-limit", defaultValue = "10000", description = "GetRecords' Limit (kinesis-get-drain)")
        int getRecordsLimit = 10_000;

        @Option(names = "--cbor", description = "Kinesis requests in AWS CBOR 1.1 instead of JSON 1.1 (kinesis-*)")
        boolean cbor;

        @Option(names = "--min-rate", defaultValue = "-1", description = "exit 1 unless msgs_per_s exceeds this")
        double minRate = -1;

        @Override
        public Integer call() throws Exception {
            Options options = new Options(
                    endpoint,
                    scenario,
                    mode,
                    server,
                    durability,
                    serverPid,
                    clockTicks,
                    connections,
                    consumers,
                    rate,
                    groups,
                    bodyBytes,
                    batch,
                    warmup,
                    seconds,
                    prefillSeconds,
                    prefillMax,
                    threads,
                    subscribers,
                    raw,
                    shards,
                    recordsPerPut,
                    getRecordsLimit,
                    cbor);
            ObjectNode line = header(options);
            try {
                Meter.Measurement measurement;
                if (CloudWatchScenarios.handles(scenario)) {
                    try (CloudWatchScenarios scenarios = new CloudWatchScenarios(options)) {
                        measurement = scenarios.run();
                    }
                } else if (DynamoDbScenarios.handles(scenario)) {
                    try (DynamoDbScenarios scenarios = new DynamoDbScenarios(options)) {
                        measurement = scenarios.run();
                    }
                } else if (FirehoseScenarios.handles(scenario)) {
                    try (FirehoseScenarios scenarios = new FirehoseScenarios(options)) {
                        measurement = scenarios.run();
                    }
                } else if (S3Scenarios.handles(scenario)) {
                    try (S3Scenarios scenarios = new S3Scenarios(options)) {
                        measurement = scenarios.run();
                    }
                } else if (KinesisScenarios.handles(scenario)) {
                    try (KinesisScenarios scenarios = new KinesisScenarios(options)) {
                        measurement = scenarios.run();
                        line.setAll(scenarios.notes());
                    }
                } else if (mode.equals("sdk")) {
                    try (SdkScenarios scenarios = new SdkScenarios(options)) {
                        measurement = scenarios.run();
                    }
                } else {
                    try (LightScenarios scenarios = new LightScenarios(options)) {
                        measurement = scenarios.run();
                        line.setAll(scenarios.notes());
                    }
                }
                double perSecond = write(line, measurement);
                OUT.println(line);
                return perSecond > minRate ? 0 : 1;
            } catch (LightScenarios.Unsupported e) {
                line.put("skipped", e.getMessage());
                OUT.println(line);
                return 0;
            }
        }

        private ObjectNode header(Options options) {
            ObjectNode line = SqsRequests.object()
                    .put("scenario", options.label())
                    .put("server", server)
                    .put("mode", mode)
                    .put("durability", durability)
                    .put("connections", connections);
            if (rate > 0) {
                line.put("rate", rate);
            }
            return line;
        }

        private static double write(ObjectNode line, Meter.Measurement m) {
            double perSecond = m.seconds() > 0 ? m.messages() / m.seconds() : 0;
            Histogram latency = m.latencyMicros();
            line.put("messages", m.messages())
                    .put("seconds", round(m.seconds(), 3))
                    .put("msgs_per_s", round(perSecond, 1))
                    .put("latency_p50_us", latency.getValueAtPercentile(50))
                    .put("latency_p99_us", latency.getValueAtPercentile(99))
                    .put("latency_p999_us", latency.getValueAtPercentile(99.9))
                    .put("latency_max_us", latency.getMaxValue())
                    .put("server_cpu_seconds", round(m.serverCpuSeconds(), 2))
                    .put(
                            "server_cpu_us_per_msg",
                            m.messages() > 0 ? round(m.serverCpuSeconds() * 1e6 / m.messages(), 2) : 0)
                    .put("server_peak_rss_mb", round(m.serverRssPeakKb() / 1024.0, 1))
                    .put("server_vmhwm_mb", round(m.serverHwmKb() / 1024.0, 1))
                    .put("generator_cpu_seconds", round(m.generatorCpuSeconds(), 2))
                    .put("requests", m.requests())
                    .put("errors", m.errors());
            return perSecond;
        }

        private static double round(double value, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(value * scale) / scale;
        }
    }

    /** Serves the ceiling until killed. */
    @Command(
            name = "ceiling",
            mixinStandardHelpOptions = true,
            description = "Serve fixed 200 answers for the bench's SQS requests.")
    static final class Ceiling implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0")
        int port;

        @Option(names = "--body-bytes", defaultValue = "200", description = "the bench's message body size, for MD5s")
        int bodyBytes;

        @Option(names = "--batch", defaultValue = "10", description = "the bench's SendMessageBatch size")
        int batchSize;

        @Option(names = "--nio", description = "Java NIO instead of native epoll (the server's own choice)")
        boolean nio;

        @Override
        public Integer call() throws InterruptedException {
            try (CeilingServer server = new CeilingServer("127.0.0.1", port, bodyBytes, batchSize, nio)) {
                OUT.println("Ceiling ready on http://127.0.0.1:" + server.port());
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }
}
