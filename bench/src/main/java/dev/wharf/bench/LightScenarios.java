package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios driven by the light generator: every static request is signed once and replayed; only requests
 * whose body must change (deletes, e2e sends, FIFO deduplication ids) are signed one by one.
 */
final class LightScenarios implements AutoCloseable {

    /** Thrown when the server says it does not support what a scenario needs; the run prints a skipped line. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason);
        }
    }

    private final Options options;
    private final SqsRequests requests;
    private final LightClient client;
    private final Meter meter = new Meter();
    private final ObjectNode notes = SqsRequests.object();
    private final String runId = Long.toString(System.nanoTime() % 100_000_000L, 36);

    LightScenarios(Options options) {
        this.options = options;
        this.requests = new SqsRequests(options.endpoint());
        boolean openLoop = options.rate() > 0 || options.scenario().equals("e2e-latency");
        this.client = new LightClient(options.endpoint(), openLoop ? 1 : options.generatorThreads());
    }

    Meter.Measurement run() throws Exception {
        return switch (options.scenario()) {
            case "send-batch" -> sendBatch();
            case "single-send" -> singleSend();
            case "receive-delete" -> receiveDelete(0);
            case "fifo" -> receiveDelete(options.groups());
            case "e2e-latency" -> e2eLatency();
            case "sns-fanout" -> snsFanout();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
        };
    }

    private Meter.Measurement sendBatch() throws Exception {
        String queueUrl = createQueue(false);
        ByteBuf request = requests.request(
                "SendMessageBatch",
                SqsRequests.sendMessageBatch(
                        queueUrl, options.batchSize(), SqsRequests.body(options.bodyBytes()), 0, 0));
        check(client.call(request), "SendMessageBatch");
        return options.rate() > 0 ? openLoop(request, options.batchSize()) : closedLoop(request, options.batchSize());
    }

    private Meter.Measurement singleSend() throws Exception {
        String queueUrl = createQueue(false);
        ByteBuf request = requests.request(
                "SendMessage", SqsRequests.sendMessage(queueUrl, SqsRequests.body(options.bodyBytes())));
        check(client.call(request), "SendMessage");
        return options.rate() > 0 ? openLoop(request, 1) : closedLoop(request, 1);
    }

    /**
     * Publishes to a topic that fans out to {@code subscribers} SQS queues (raw or enveloped); a message is one
     * Publish, so the server's CPU per delivery is its CPU per message over the subscriber count.
     */
    private Meter.Measurement snsFanout() throws Exception {
        String name = "bench-" + options.label() + "-" + runId;
        String topic = xmlText(sns("Action=CreateTopic&Version=2010-03-31&Name=" + name), "TopicArn");
        for (int i = 0; i < options.subscribers(); i++) {
            String queueUrl = createQueue(false, "-" + i);
            String queueArn = parse(client.call(requests.request(
                                    "GetQueueAttributes",
                                    SqsRequests.object()
                                            .put("QueueUrl", queueUrl)
                                            .set(
                                                    "AttributeNames",
                                                    SqsRequests.JSON
                                                            .createArrayNode()
                                                            .add("QueueArn"))))
                            .body())
                    .path("Attributes")
                    .path("QueueArn")
                    .asText();
            sns("Action=Subscribe&Version=2010-03-31&Protocol=sqs&TopicArn=" + encode(topic) + "&Endpoint="
                    + encode(queueArn)
                    + (options.raw()
                            ? "&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true"
                            : ""));
        }
        ByteBuf request = requests.query(
                "sns",
                "Action=Publish&Version=2010-03-31&TopicArn=" + encode(topic) + "&Message="
                        + encode(SqsRequests.body(options.bodyBytes())));
        LightClient.Response first = client.call(request);
        if (first.status() != 200) {
            throw new IllegalStateException("Publish answered " + first.status() + ": " + first.text());
        }
        notes.put("subscribers", options.subscribers());
        notes.put("raw_delivery", options.raw());
        return closedLoop(request, 1);
    }

    private String sns(String form) {
        LightClient.Response answer = client.call(requests.query("sns", form));
        if (answer.status() != 200) {
            throw new Unsupported("SNS answered " + answer.status() + ": " + answer.text());
        }
        return answer.text();
    }

    private static String xmlText(String xml, String element) {
        int start = xml.indexOf("<" + element + ">");
        int end = xml.indexOf("</" + element + ">");
        if (start < 0 || end < start) {
            throw new IllegalStateException("no " + element + " in " + xml);
        }
        return xml.substring(start + element.length() + 2, end);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Each connection sends its next request as soon as the previous one is answered. */
    private Meter.Measurement closedLoop(ByteBuf request, int messagesPerRequest) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<LightClient.Connection> connections =
                client.connect(options.connections(), (connection, response, latencyNanos) -> {
                    if (response.status().code() == 200) {
                        meter.record(latencyNanos, messagesPerRequest);
                    } else {
                        meter.error(response.status() + " " + text(response));
                    }
                    if (running.get()) {
                        connection.send(request, System.nanoTime());
                    }
                });
        for (LightClient.Connection connection : connections) {
            connection.send(request, System.nanoTime());
        }
        try {
            return meter.measure(options.warmupSeconds(), options.seconds(), options.serverProbe(), () -> false);
        } finally {
            running.set(false);
        }
    }

    /** Offers {@code rate} requests a second, whatever the server does, over a pool of connections. */
    private Meter.Measurement openLoop(ByteBuf request, int messagesPerRequest) throws Exception {
        Pool pool = new Pool(
                (response, latencyNanos) -> {
                    if (response.status().code() == 200) {
                        meter.record(latencyNanos, messagesPerRequest);
                    } else {
                        meter.error(response.status() + " " + text(response));
                    }
                },
                meter);
        pool.open(client.connect(options.connections(), pool));
        Ticker ticker = tick(options.rate(), intendedNanos -> pool.submit(request, intendedNanos));
        try {
            return meter.measure(options.warmupSeconds(), options.seconds(), options.serverProbe(), () -> false);
        } finally {
            ticker.cancel();
        }
    }

    private Ticker tick(double rate, Ticker.Offer offer) {
        return Ticker.start(client.eventLoop(), rate, offer);
    }

    /**
     * Sends at the offered rate, one message per SendMessage with the intended send time in its body, while
     * long-polling consumers receive, note the delay, and delete in batches on connections of their own.
     */
    private Meter.Measurement e2eLatency() throws Exception {
        String queueUrl = createQueue(false);
        String padding = SqsRequests.body(Math.max(0, options.bodyBytes() - 24));
        Pool senders = new Pool(
                (response, latencyNanos) -> {
                    if (response.status().code() != 200) {
                        meter.error(response.status() + " " + text(response));
                    }
                },
                meter);
        senders.open(client.connect(options.connections(), senders));
        Pool deleters = new Pool(
                (response, latencyNanos) -> {
                    if (response.status().code() != 200) {
                        meter.error(response.status() + " " + text(response));
                    }
                },
                meter);
        deleters.open(client.connect(2, deleters));
        ByteBuf receive = requests.request("ReceiveMessage", SqsRequests.receiveMessage(queueUrl, 10, 20));
        AtomicBoolean running = new AtomicBoolean(true);
        List<LightClient.Connection> consumers =
                client.connect(options.consumers(), (connection, response, latencyNanos) -> {
                    long now = System.nanoTime();
                    List<String> handles = new ArrayList<>();
                    if (response.status().code() == 200) {
                        for (JsonNode message : parse(response).path("Messages")) {
                            String body = message.path("Body").asText();
                            meter.recordMessage(now - Long.parseLong(body.substring(2, body.indexOf(';'))));
                            handles.add(message.path("ReceiptHandle").asText());
                        }
                    } else {
                        meter.error(response.status() + " " + text(response));
                    }
                    if (running.get()) {
                        connection.send(receive, now);
                    }
                    if (!handles.isEmpty()) {
                        deleters.submit(
                                requests.request(
                                        "DeleteMessageBatch", SqsRequests.deleteMessageBatch(queueUrl, handles)),
                                now);
                    }
                });
        for (LightClient.Connection consumer : consumers) {
            consumer.send(receive, System.nanoTime());
        }
        Ticker ticker = tick(
                options.rate(),
                intendedNanos -> senders.submit(
                        requests.request(
                                "SendMessage", SqsRequests.sendMessage(queueUrl, "t=" + intendedNanos + ";" + padding)),
                        intendedNanos));
        try {
            return meter.measure(options.warmupSeconds(), options.seconds(), options.serverProbe(), () -> false);
        } finally {
            ticker.cancel();
            running.set(false);
        }
    }

    /**
     * Fills a queue (FIFO with {@code groups} groups when groups > 0) for at most the prefill time or count, then
     * drains it with ReceiveMessage(10) and DeleteMessageBatch on each connection in turn.
     */
    private Meter.Measurement receiveDelete(int groups) throws Exception {
        String queueUrl = createQueue(groups > 0);
        long filled = prefill(queueUrl, groups);
        Bench.LOG.info("prefilled {} messages", filled);
        notes.put("prefilled", filled);
        long prefilled = filled - (groups == 1 ? probeGroupExclusion(queueUrl) : 0);
        ByteBuf receive = requests.request("ReceiveMessage", SqsRequests.receiveMessage(queueUrl, 10, 1));
        AtomicLong deleted = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<LightClient.Connection> connections = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            connections.add(client.connect(new DrainLoop(queueUrl, receive, deleted, prefilled, running)));
        }
        for (LightClient.Connection connection : connections) {
            connection.send(receive, System.nanoTime());
        }
        try {
            // No warm-up of its own: the prefill warmed the server, and a warm-up could drain a small queue.
            return meter.measure(0, options.seconds(), options.serverProbe(), () -> deleted.get() >= prefilled);
        } finally {
            running.set(false);
        }
    }

    /**
     * Checks FIFO order the cheap way: with one group, a second receive must return nothing while the first one's
     * messages are in flight. Notes the outcome, deletes what it received, and returns how many.
     */
    private long probeGroupExclusion(String queueUrl) {
        ByteBuf receive = requests.request("ReceiveMessage", SqsRequests.receiveMessage(queueUrl, 10, 0));
        List<String> first = handles(client.call(receive));
        List<String> second = handles(client.call(receive));
        notes.put("fifo_group_exclusive", !first.isEmpty() && second.isEmpty());
        long deleted = 0;
        for (List<String> handles : List.of(first, second)) {
            if (!handles.isEmpty()) {
                LightClient.Response answer = client.call(
                        requests.request("DeleteMessageBatch", SqsRequests.deleteMessageBatch(queueUrl, handles)));
                deleted += handles.size() - parse(answer.body()).path("Failed").size();
            }
        }
        return deleted;
    }

    private static List<String> handles(LightClient.Response answer) {
        List<String> handles = new ArrayList<>();
        for (JsonNode message : parse(answer.body()).path("Messages")) {
            handles.add(message.path("ReceiptHandle").asText());
        }
        return handles;
    }

    ObjectNode notes() {
        return notes;
    }

    /** One connection's receive, delete, receive… cycle; the latency recorded is the whole cycle's. */
    private final class DrainLoop implements LightClient.Listener {
        private final String queueUrl;
        private final ByteBuf receive;
        private final AtomicLong deleted;
        private final long target;
        private final AtomicBoolean running;
        private boolean deleting;
        private int batch;

        DrainLoop(String queueUrl, ByteBuf receive, AtomicLong deleted, long target, AtomicBoolean running) {
            this.queueUrl = queueUrl;
            this.receive = receive;
            this.deleted = deleted;
            this.target = target;
            this.running = running;
        }

        @Override
        public void onResponse(LightClient.Connection connection, FullHttpResponse response, long latencyNanos) {
            long now = System.nanoTime();
            if (response.status().code() != 200) {
                meter.error(response.status() + " " + text(response));
                deleting = false;
            } else if (deleting) {
                deleting = false;
                JsonNode answer = parse(response);
                int failed = answer.path("Failed").size();
                if (failed > 0) {
                    meter.error("DeleteMessageBatch failed entries: " + answer.path("Failed"));
                }
                meter.record(latencyNanos, batch - failed);
                deleted.addAndGet(batch - failed);
            } else {
                List<String> handles = new ArrayList<>();
                for (JsonNode message : parse(response).path("Messages")) {
                    handles.add(message.path("ReceiptHandle").asText());
                }
                if (!handles.isEmpty()) {
                    deleting = true;
                    batch = handles.size();
                    ByteBuf delete =
                            requests.request("DeleteMessageBatch", SqsRequests.deleteMessageBatch(queueUrl, handles));
                    connection.send(delete, now - latencyNanos);
                    return;
                }
            }
            if (running.get() && deleted.get() < target) {
                connection.send(receive, now);
            }
        }
    }

    /** Sends batches on every connection until the prefill count or time is reached; returns messages accepted. */
    private long prefill(String queueUrl, int groups) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + (long) (options.prefillSeconds() * 1e9);
        String body = SqsRequests.body(options.bodyBytes());
        ByteBuf fixed = requests.request(
                "SendMessageBatch", SqsRequests.sendMessageBatch(queueUrl, options.batchSize(), body, 0, 0));
        java.util.function.Supplier<ByteBuf> next = () -> groups == 0
                ? fixed
                : requests.request(
                        "SendMessageBatch",
                        SqsRequests.sendMessageBatch(
                                queueUrl, options.batchSize(), body, groups, sequence.getAndAdd(options.batchSize())));
        ByteBuf first = next.get();
        check(client.call(first), "SendMessageBatch");
        accepted.addAndGet(options.batchSize());
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(options.connections());
        List<LightClient.Connection> connections =
                client.connect(options.connections(), (connection, response, latencyNanos) -> {
                    if (response.status().code() == 200) {
                        accepted.addAndGet(options.batchSize()
                                - parse(response).path("Failed").size());
                    }
                    if (accepted.get() < options.prefillMax() && System.nanoTime() < deadline) {
                        connection.send(next.get(), System.nanoTime());
                    } else {
                        finished.countDown();
                    }
                });
        for (LightClient.Connection connection : connections) {
            connection.send(next.get(), System.nanoTime());
        }
        finished.await();
        for (LightClient.Connection connection : connections) {
            connection.close();
        }
        return accepted.get();
    }

    private String createQueue(boolean fifo) {
        return createQueue(fifo, "");
    }

    private String createQueue(boolean fifo, String suffix) {
        String name = "bench-" + options.label() + "-" + runId + suffix + (fifo ? ".fifo" : "");
        LightClient.Response answer = client.call(requests.request("CreateQueue", SqsRequests.createQueue(name, fifo)));
        if (answer.status() != 200) {
            if (fifo) {
                throw new Unsupported("CreateQueue FIFO answered " + answer.status() + ": " + answer.text());
            }
            throw new IllegalStateException("CreateQueue answered " + answer.status() + ": " + answer.text());
        }
        JsonNode url = parse(answer.body()).path("QueueUrl");
        // The ceiling server answers {} to everything: any URL will do for it.
        return url.isTextual() ? url.asText() : options.endpoint() + "/000000000000/" + name;
    }

    /** Fails on an error answer, or skips when the answer says the operation or feature is unsupported. */
    private static void check(LightClient.Response answer, String operation) {
        String text = answer.text();
        if (answer.status() != 200) {
            if (text.contains("Unsupported") || text.contains("not implement") || text.contains("FIFO")) {
                throw new Unsupported(operation + " answered " + answer.status() + ": " + text);
            }
            throw new IllegalStateException(operation + " answered " + answer.status() + ": " + text);
        }
        JsonNode failed = parse(answer.body()).path("Failed");
        if (failed.size() > 0) {
            String reason = failed.get(0).toString();
            if (reason.contains("Unsupported") || reason.contains("FIFO") || reason.contains("MessageGroupId")) {
                throw new Unsupported(operation + " failed entries: " + reason);
            }
            throw new IllegalStateException(operation + " failed entries: " + failed);
        }
    }

    private static JsonNode parse(FullHttpResponse response) {
        try (InputStream in =
                new io.netty.buffer.ByteBufInputStream(response.content().duplicate())) {
            return SqsRequests.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer: " + e, e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? SqsRequests.object() : SqsRequests.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer: " + e, e);
        }
    }

    private static String text(FullHttpResponse response) {
        return response.content().toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
