package dev.wharf.bench;

import java.net.URI;

/**
 * The settings of one scenario run.
 *
 * @param endpoint the server, on loopback
 * @param scenario send-batch, single-send, receive-delete, e2e-latency or fifo
 * @param mode light (pre-signed requests replayed on Netty) or sdk (the AWS SDK v2 SqsClient)
 * @param connections concurrent connections (or SDK threads)
 * @param rate offered requests per second (messages per second for e2e-latency); 0 for a closed loop
 * @param groups FIFO message groups (fifo only)
 * @param subscribers SQS queues subscribed to the topic (sns-fanout only)
 * @param raw whether the subscriptions use raw message delivery (sns-fanout only)
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
        boolean raw) {

    String label() {
        return switch (scenario) {
            case "fifo" -> "fifo-" + groups;
            case "e2e-latency" -> "e2e-latency-" + Math.round(rate);
            case "sns-fanout" -> "sns-fanout-" + subscribers + (raw ? "-raw" : "-envelope");
            default -> scenario;
        };
    }

    ProcessProbe serverProbe() {
        return new ProcessProbe(serverPid, clockTicksPerSecond);
    }
}
