package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.wharf.bench.fuzz.FuzzCase.Plan;
import dev.wharf.bench.fuzz.FuzzReport.Outcome;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends cases to the server over plain blocking sockets and judges the answers. Plain sockets, not Netty: a fuzzer
 * needs exact bytes on the wire, half-closes and resets, and a strict reader of its own, where an HTTP client's
 * decoder would forgive the very framing faults it must catch.
 *
 * <p>Confined to one thread. Cases sent on the keep-alive connection share it; every other case opens its own.
 */
final class FuzzWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FuzzWorker.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int STREAM_CHUNK = 64 * 1024;
    /** Generator faults logged one by one; they are the fuzzer's bugs, not the server's. */
    private static final int GENERATOR_ERRORS_LOGGED = 5;

    private final InetSocketAddress server;
    private final FuzzSchedule schedule;
    private final FuzzBudget budget;
    private final FuzzReport report;
    private final byte[] healthProbe;
    private @Nullable Connection keepAlive;
    private int generatorErrors;

    FuzzWorker(
            InetSocketAddress server, FuzzSchedule schedule, FuzzBudget budget, FuzzReport report, byte[] healthProbe) {
        this.server = server;
        this.schedule = schedule;
        this.budget = budget;
        this.report = report;
        this.healthProbe = healthProbe.clone();
    }

    @Override
    public void run() {
        try {
            for (long index = budget.next(); index >= 0; index = budget.next()) {
                FuzzCase fuzzCase;
                try {
                    fuzzCase = schedule.caseAt(index);
                } catch (RuntimeException e) {
                    if (++generatorErrors <= GENERATOR_ERRORS_LOGGED) {
                        LOG.error("the generator failed on index {}", index, e);
                    }
                    continue;
                }
                budget.spent(fuzzCase.plan().requests() + (fuzzCase.plan().probeAfter() ? 1 : 0));
                execute(fuzzCase);
                report.caseDone();
            }
        } finally {
            closeKeepAlive();
        }
    }

    /**
     * Closes a connection whose case has run far past its timeout: a blocking write has no timeout of its own, and a
     * server that stops reading must not stop the run.
     */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("fuzz-watchdog").unstarted(r));

    /** How long past its timeout a case may run before the watchdog closes its connection. */
    private static final int WATCHDOG_GRACE_MILLIS = 20_000;

    /** One open socket with its reader. */
    private static final class Connection implements Closeable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final ResponseReader reader;
        int exchanges;
        volatile boolean killed;

        /** Runs {@code work} with the watchdog armed for {@code timeoutMillis} plus the grace. */
        <T> T guarded(int timeoutMillis, IoWork<T> work) throws IOException {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(
                    () -> {
                        killed = true;
                        close();
                    },
                    timeoutMillis + WATCHDOG_GRACE_MILLIS,
                    TimeUnit.MILLISECONDS);
            try {
                return work.run();
            } finally {
                alarm.cancel(false);
            }
        }

        Connection(InetSocketAddress server) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
            reader = new ResponseReader(in);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a socket the server already reset: nothing left to free.
            }
        }
    }

    /** Socket work that the watchdog guards. */
    private interface IoWork<T> {
        T run() throws IOException;
    }

    void execute(FuzzCase fuzzCase) {
        try {
            if (fuzzCase.plan().delivery() == FuzzCase.Delivery.KEEP_ALIVE) {
                onKeepAlive(fuzzCase);
            } else {
                onFresh(fuzzCase);
            }
        } catch (IOException e) {
            // Could not connect at all: the server is down, or out of sockets; the watch tells which.
            report.outcome(fuzzCase, Outcome.CLOSED, null);
            report.violation(fuzzCase, new Violation.Finding(Violation.NO_RESPONSE, "cannot connect: " + e), null);
            closeKeepAlive();
        }
    }

    private void onKeepAlive(FuzzCase fuzzCase) throws IOException {
        // Two attempts at most: the second runs only when a reused connection turned out to be closed.
        for (int attempt = 0; attempt < 2; attempt++) {
            Connection connection = keepAlive;
            if (connection == null) {
                connection = new Connection(server);
                keepAlive = connection;
            }
            boolean reused = connection.exchanges++ > 0;
            connection.socket.setSoTimeout(fuzzCase.plan().timeoutMillis());
            Connection writing = connection;
            try {
                connection.guarded(fuzzCase.plan().timeoutMillis(), () -> {
                    writing.out.write(fuzzCase.bytes());
                    writing.out.flush();
                    return true;
                });
            } catch (IOException e) {
                // The server may have closed a reused connection between two requests; one retry on a new one.
                closeKeepAlive();
                if (reused && attempt == 0) {
                    continue;
                }
                // A write that fails can still have an answer waiting (an early 413): nothing to read it from now.
                report.outcome(fuzzCase, Outcome.CLOSED, null);
                report.violation(fuzzCase, new Violation.Finding(Violation.NO_RESPONSE, "write failed: " + e), null);
                return;
            }
            boolean retryable = reused && attempt == 0;
            Answer answer = connection.guarded(
                    fuzzCase.plan().timeoutMillis(),
                    () -> read(fuzzCase, writing, fuzzCase.plan().head(), true, retryable));
            if (answer.retry()) {
                closeKeepAlive();
                continue;
            }
            ResponseReader.RawResponse response = answer.response();
            if (response == null || response.closes() || connection.in.available() > 0) {
                if (response != null && !response.closes() && connection.in.available() > 0) {
                    report.violation(
                            fuzzCase,
                            new Violation.Finding(
                                    Violation.MALFORMED_RESPONSE,
                                    "bytes after the answer: "
                                            + Printable.bytes(
                                                    connection.in.readNBytes(connection.in.available()), 200)),
                            response);
                }
                closeKeepAlive();
            }
            return;
        }
    }

    /** What {@link #read} got: an answer, none (what came instead is recorded), or a reason to send again. */
    private record Answer(ResponseReader.@Nullable RawResponse response, boolean retry) {
        static final Answer NONE = new Answer(null, false);
        /** A reused connection closed before answering: the server may have closed it between requests. */
        static final Answer RETRY = new Answer(null, true);
    }

    /**
     * Reads and judges one answer.
     *
     * @param answerDue whether the request was complete, so that a close without an answer is a violation
     */
    private Answer read(FuzzCase fuzzCase, Connection connection, boolean head, boolean answerDue, boolean mayRetry) {
        ResponseReader.RawResponse response;
        try {
            response = connection.reader.read(head);
        } catch (ResponseReader.Closed e) {
            if (mayRetry) {
                return Answer.RETRY;
            }
            report.outcome(fuzzCase, Outcome.CLOSED, null);
            if (answerDue) {
                report.violation(
                        fuzzCase, new Violation.Finding(Violation.NO_RESPONSE, String.valueOf(e.getMessage())), null);
            }
            return Answer.NONE;
        } catch (SocketTimeoutException e) {
            report.outcome(fuzzCase, Outcome.TIMEOUT, null);
            report.violation(
                    fuzzCase,
                    new Violation.Finding(
                            Violation.TIMEOUT, "no answer in " + fuzzCase.plan().timeoutMillis() + " ms"),
                    null);
            return Answer.NONE;
        } catch (IOException e) {
            if (connection.killed) {
                report.outcome(fuzzCase, Outcome.TIMEOUT, null);
                report.violation(
                        fuzzCase,
                        new Violation.Finding(
                                Violation.TIMEOUT, "the case ran past its timeout and the watchdog closed it"),
                        null);
                return Answer.NONE;
            }
            report.outcome(fuzzCase, Outcome.MALFORMED, null);
            report.violation(
                    fuzzCase,
                    new Violation.Finding(Violation.MALFORMED_RESPONSE, String.valueOf(e.getMessage())),
                    null);
            return Answer.NONE;
        }
        judge(fuzzCase, response, fuzzCase.shape(), head);
        return new Answer(response, false);
    }

    private void judge(FuzzCase fuzzCase, ResponseReader.RawResponse response, FuzzCase.Shape shape, boolean head) {
        report.outcome(fuzzCase, Outcome.of(response), response);
        for (Violation.Finding finding : ResponseCheck.check(response, shape, fuzzCase.operation(), head)) {
            report.violation(fuzzCase, finding, response);
        }
    }

    private void onFresh(FuzzCase fuzzCase) throws IOException {
        Plan plan = fuzzCase.plan();
        try (Connection connection = new Connection(server)) {
            connection.socket.setSoTimeout(plan.timeoutMillis());
            connection.guarded(plan.timeoutMillis() * (plan.pipeline().size() + 2), () -> {
                exchange(fuzzCase, connection);
                return true;
            });
        }
    }

    /** Sends a case on its own connection and reads what its plan says is due. */
    private void exchange(FuzzCase fuzzCase, Connection connection) throws IOException {
        Plan plan = fuzzCase.plan();
        boolean written = send(fuzzCase, connection);
        switch (plan.expect()) {
            case NOTHING -> report.outcome(fuzzCase, Outcome.NOT_AWAITED, null);
            case PIPELINE -> onPipeline(fuzzCase, connection);
            case RESPONSE, RESPONSE_OR_CLOSE -> {
                boolean due = plan.expect() == FuzzCase.Expect.RESPONSE && written;
                ResponseReader.RawResponse response =
                        read(fuzzCase, connection, plan.head(), due, false).response();
                if (response != null) {
                    afterAnswer(fuzzCase, connection, response);
                }
            }
        }
    }

    /** Writes the case as its plan says; false when the server stopped taking bytes before the end. */
    private boolean send(FuzzCase fuzzCase, Connection connection) throws IOException {
        Plan plan = fuzzCase.plan();
        byte[] bytes = fuzzCase.bytes();
        try {
            switch (plan.delivery()) {
                case SPLIT -> {
                    SplittableRandom sizes = new SplittableRandom(fuzzCase.index());
                    for (int at = 0; at < bytes.length; ) {
                        int size = Math.min(bytes.length - at, 1 + sizes.nextInt(7));
                        connection.out.write(bytes, at, size);
                        connection.out.flush();
                        at += size;
                    }
                }
                case STREAM -> {
                    connection.out.write(bytes);
                    byte[] chunk = streamChunk();
                    for (long sent = 0;
                            sent < plan.streamBytes() && connection.in.available() == 0;
                            sent += STREAM_CHUNK) {
                        connection.out.write(chunk);
                    }
                    connection.out.flush();
                }
                default -> {
                    connection.out.write(bytes);
                    connection.out.flush();
                }
            }
            switch (plan.delivery()) {
                case HALF_CLOSE -> connection.socket.shutdownOutput();
                case RESET -> {
                    connection.socket.setSoLinger(true, 0);
                    connection.close();
                }
                case CLOSE -> connection.close();
                default -> {}
            }
            return true;
        } catch (IOException e) {
            // The server closed or reset while taking the bytes; an answer it sent first may still be readable.
            return false;
        }
    }

    private static byte[] streamChunk() {
        byte[] head = (Integer.toHexString(STREAM_CHUNK) + "\r\n").getBytes(ISO_8859_1);
        byte[] chunk = new byte[head.length + STREAM_CHUNK + 2];
        System.arraycopy(head, 0, chunk, 0, head.length);
        java.util.Arrays.fill(chunk, head.length, head.length + STREAM_CHUNK, (byte) 'x');
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /** Checks what must hold after a single answer: a close when framing was ambiguous, and a stream in step. */
    private void afterAnswer(FuzzCase fuzzCase, Connection connection, ResponseReader.RawResponse response)
            throws IOException {
        Plan plan = fuzzCase.plan();
        if (plan.closeExpected() && !response.closes()) {
            report.violation(
                    fuzzCase,
                    new Violation.Finding(
                            Violation.KEPT_ALIVE, "answered " + response.status() + " and kept the connection open"),
                    response);
        }
        if (!plan.probeAfter() || response.closes()) {
            return;
        }
        try {
            connection.out.write(healthProbe);
            connection.out.flush();
            ResponseReader.RawResponse probe = connection.reader.read(false);
            report.outcome(fuzzCase, Outcome.of(probe), probe);
            if (probe.status() != 200 || !new String(probe.body(), ISO_8859_1).contains("\"status\"")) {
                report.violation(
                        fuzzCase,
                        new Violation.Finding(
                                Violation.STREAM_DESYNC, "health check after the case answered " + probe.status()),
                        probe);
            }
        } catch (IOException e) {
            report.outcome(fuzzCase, Outcome.MALFORMED, null);
            report.violation(
                    fuzzCase,
                    new Violation.Finding(Violation.STREAM_DESYNC, "health check after the case: " + e.getMessage()),
                    response);
        }
    }

    private void onPipeline(FuzzCase fuzzCase, Connection connection) {
        List<FuzzCase.Pipelined> expected = fuzzCase.plan().pipeline();
        boolean closing = false;
        for (int i = 0; i < expected.size(); i++) {
            FuzzCase.Pipelined request = expected.get(i);
            if (closing) {
                report.outcome(fuzzCase, Outcome.CLOSED, null);
                continue;
            }
            ResponseReader.RawResponse response;
            try {
                response = connection.reader.read(request.head());
            } catch (ResponseReader.Closed e) {
                report.outcome(fuzzCase, Outcome.CLOSED, null);
                report.violation(
                        fuzzCase,
                        new Violation.Finding(
                                Violation.PIPELINE_DROPPED,
                                "closed mid-pipeline: after " + i + " of " + expected.size() + " answers"),
                        null);
                closing = true;
                continue;
            } catch (IOException e) {
                report.outcome(
                        fuzzCase, e instanceof SocketTimeoutException ? Outcome.TIMEOUT : Outcome.MALFORMED, null);
                report.violation(
                        fuzzCase,
                        new Violation.Finding(
                                e instanceof SocketTimeoutException ? Violation.TIMEOUT : Violation.MALFORMED_RESPONSE,
                                "pipelined answer " + i + ": " + e.getMessage()),
                        null);
                closing = true;
                continue;
            }
            String body = new String(response.body(), ISO_8859_1);
            if (!request.marker().isEmpty() && !body.contains(request.marker())) {
                report.violation(
                        fuzzCase,
                        new Violation.Finding(
                                Violation.OUT_OF_ORDER,
                                "an answer for another request: answer " + i + " lacks " + request.marker()),
                        response);
                // The answer belongs to another request, whose shape is not known here.
                judge(fuzzCase, response, FuzzCase.Shape.ANY, request.head());
            } else {
                judge(fuzzCase, response, request.shape(), request.head());
            }
            closing = response.closes();
        }
    }

    private void closeKeepAlive() {
        Connection connection = keepAlive;
        keepAlive = null;
        if (connection != null) {
            connection.close();
        }
    }
}
