package dev.wharf.bench;

import java.net.URI;

/**
 * The settings of one scenario run.
 *
 * @param endpoint the server, on loopback
 * @param scenario send-batch, single-send, receive-delete, e2e-latency, fifo, sns-fanout or kinesis-*
 * @param mode light (pre-signed requests replayed on Netty) or sdk (the AWS SDK v2 SqsClient)
 * @param connections concurrent connections (or SDK threads)
 * @param rate offered requests per second (messages per second for e2e-latency); 0 for a closed loop
 * @param groups FIFO message groups (fifo only)
 * @param subscribers SQS queues subscribed to the topic (sns-fanout only)
 * @param raw whether the subscriptions use raw message delivery (sns-fanout only)
 * @param shards the stream's shards (kinesis-put-batch and kinesis-get-drain; kinesis-limits uses one)
 * @param recordsPerPut records in each PutRecords (kinesis-*)
 * @param getRecordsLimit GetRecords' Limit (kinesis-get-drain)
 * @param cbor whether Kinesis requests are AWS CBOR 1.1 rather than JSON 1.1 (kinesis-*)
 */
record Options(
        URI endpoint,
        String scenario,
        String mode,
        String server,
        String durability,
        long serverPid,
        long clockTicksPerSecond,
        int connections,
        int consumers,
        double rate,
        int groups,
        int bodyBytes,
        int batchSize,
        double warmupSeconds,
        double seconds,
        double prefillSeconds,
        long prefillMax,
        int generatorThreads,
        int subscribers,
        boolean raw,
        int shards,
        int recordsPerPut,
        int getRecordsLimit,
        boolean cbor) {

    String label() {
        return switch (scenario) {
            case "fifo" -> "fifo-" + groups;
            case "e2e-latency" -> "e2e-latency-" + Math.round(rate);
            case "sns-fanout" -> "sns-fanout-" + subscribers + (raw ? "-raw" : "-envelope");
            case "kinesis-put-batch", "kinesis-get-drain", "kinesis-limits" -> scenario + (cbor ? "-cbor" : "");
            case "kinesis-subscribe-latency" -> scenario + "-" + Math.round(rate);
            default -> scenario;
        };
    }

    ProcessProbe serverProbe() {
        return new ProcessProbe(serverPid, clockTicksPerSecond);
    }
}
