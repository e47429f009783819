package dev.wharf.kpl;

import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordFailedException;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * Puts user records with the real Kinesis Producer Library (its native daemon, as the jar ships it) to a Kinesis
 * endpoint over HTTPS, and writes what the KPL answered for each, for KplIT to compare with what a consumer reads.
 *
 * <p>Arguments are {@code key=value}: {@code stream}; {@code host} and {@code port}, the HTTPS endpoint for both
 * Kinesis and CloudWatch (the daemon speaks HTTPS only; its certificate is not verified); {@code in}, a file of user
 * records, one a line: partition key, explicit hash key (empty for none) and data, tab-separated; {@code out}, where
 * the results go, written whole once every record has its answer: per record {@code OK}, its partition key, data,
 * shard id, sequence number and the number of attempts, or {@code FAILED} with the last attempt's error, after a
 * line {@code WARMUP} for each record of the warm-up ({@link #warmUp});
 * {@code metricsUploadDelayMillis}, how often the daemon uploads its metrics to CloudWatch; {@code lingerMillis}, how
 * long to stay up after the results, so that the daemon uploads its metrics before the producer is destroyed.
 * Everything else is the KPL's default, aggregation included.
 */
public final class KplProducer {

    /** How long the KPL may take to answer every record; its own record TTL is 30 s. */
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    /** How many pairs the warm-up puts at most, {@link #WARM_UP_PAUSE_MILLIS} apart, before it gives up. */
    private static final int WARM_UP_ATTEMPTS_MAX = 50;

    private static final long WARM_UP_PAUSE_MILLIS = 200;

    private KplProducer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            arg.put(a.substring(0, eq), a.substring(eq + 1));
        }
        KinesisProducer producer = new KinesisProducer(configuration(arg));
        try {
            List<String> results = new ArrayList<>(warmUp(producer, arg.get("stream")));
            results.addAll(put(producer, arg.get("stream"), Path.of(arg.get("in"))));
            Path out = Path.of(arg.get("out"));
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.write(tmp, results, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(Long.parseLong(arg.getOrDefault("lingerMillis", "0")));
        } finally {
            producer.destroy();
        }
    }

    static KinesisProducerConfiguration configuration(Map<String, String> arg) {
        String host = arg.get("host");
        long port = Long.parseLong(arg.get("port"));
        return new KinesisProducerConfiguration()
                .setRegion("us-east-1")
                .setCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .setKinesisEndpoint(host)
                .setKinesisPort(port)
                .setCloudwatchEndpoint(host)
                .setCloudwatchPort(port)
                .setVerifyCertificate(false)
                .setMetricsUploadDelay(Long.parseLong(arg.getOrDefault("metricsUploadDelayMillis", "60000")))
                .setLogLevel("info");
    }

    /**
     * Puts pairs of records under one partition key until the KPL aggregates a pair into one Kinesis record (both
     * answered with the same sequence number): the daemon sends every record by itself, unaggregated, until it has
     * listed the stream's shards, which it starts doing on the first record put to the stream. So the records of
     * {@code in} are all put with aggregation at work. Each warm-up record is written to the results as {@code WARMUP}.
     */
    private static List<String> warmUp(KinesisProducer producer, String stream)
            throws InterruptedException, TimeoutException {
        List<String> results = new ArrayList<>();
        for (int attempt = 0; attempt < WARM_UP_ATTEMPTS_MAX; attempt++) {
            List<ListenableFuture<UserRecordResult>> pair = new ArrayList<>();
            for (String half : new String[] {"a", "b"}) {
                String data = "warmup-" + attempt + half;
                pair.add(producer.addUserRecord(stream, "warmup", StandardCharsets.UTF_8.encode(data)));
            }
            List<String> sequenceNumbers = new ArrayList<>();
            for (int i = 0; i < pair.size(); i++) {
                try {
                    UserRecordResult result = pair.get(i).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    sequenceNumbers.add(result.getSequenceNumber());
                    results.add(String.join(
                            "\t",
                            "WARMUP",
                            "warmup",
                            "warmup-" + attempt + (i == 0 ? "a" : "b"),
                            result.getShardId(),
                            result.getSequenceNumber(),
                            Integer.toString(result.getAttempts().size())));
                } catch (ExecutionException e) {
                    throw new IllegalStateException("warm-up record failed: " + lastError(e.getCause()), e);
                }
            }
            if (sequenceNumbers.get(0).equals(sequenceNumbers.get(1))) {
                return results;
            }
            Thread.sleep(WARM_UP_PAUSE_MILLIS);
        }
        throw new IllegalStateException("the KPL aggregated no pair of records in " + WARM_UP_ATTEMPTS_MAX + " tries");
    }

    private static List<String> put(KinesisProducer producer, String stream, Path in)
            throws IOException, InterruptedException, TimeoutException {
        List<String[]> records = new ArrayList<>();
        List<ListenableFuture<UserRecordResult>> answers = new ArrayList<>();
        for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
            String[] record = line.split("\t", -1);
            records.add(record);
            String explicitHashKey = record[1].isEmpty() ? null : record[1];
            answers.add(producer.addUserRecord(
                    stream, record[0], explicitHashKey, StandardCharsets.UTF_8.encode(record[2])));
        }
        producer.flush();
        List<String> results = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        for (int i = 0; i < records.size(); i++) {
            String[] record = records.get(i);
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                UserRecordResult result = answers.get(i).get(left, TimeUnit.NANOSECONDS);
                results.add(String.join(
                        "\t",
                        "OK",
                        record[0],
                        record[2],
                        result.getShardId(),
                        result.getSequenceNumber(),
                        Integer.toString(result.getAttempts().size())));
            } catch (ExecutionException e) {
                results.add(String.join("\t", "FAILED", record[0], record[2], lastError(e.getCause())));
            }
        }
        return results;
    }

    private static String lastError(Throwable cause) {
        if (cause instanceof UserRecordFailedException failed) {
            List<Attempt> attempts = failed.getResult().getAttempts();
            if (!attempts.isEmpty()) {
                Attempt last = attempts.get(attempts.size() - 1);
                return last.getErrorCode() + ": " + last.getErrorMessage();
            }
        }
        return String.valueOf(cause);
    }
}
