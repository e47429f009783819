package dev.wharf.bench.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one fuzz run: waits for the server, reads its idle memory, builds the fixture and the valid requests, sends
 * the cases from several workers within the run's bounds, checks the server is still alive and healthy, deletes
 * what the run stored, reads its idle memory again, and prints one JSON summary line and a table.
 */
final class Fuzzer {

    /** Each category's share of the cases. */
    static final Map<FuzzCase.Category, Double> SHARES = Map.of(
            FuzzCase.Category.JSON, 0.35,
            FuzzCase.Category.QUERY, 0.30,
            FuzzCase.Category.SIGV4, 0.15,
            FuzzCase.Category.HTTP, 0.20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_NANOS = 30_000_000_000L;
    private static final int HEALTHY_WAIT_SECONDS = 60;
    /** RSS after the run counts as back to idle within this fraction of the idle figure before. */
    private static final double RSS_TOLERANCE = 0.10;

    private final FuzzConfig config;
    private final PrintStream out;
    private final PrintStream log;

    Fuzzer(FuzzConfig config, PrintStream out, PrintStream log) {
        this.config = config;
        this.out = out;
        this.log = log;
    }

    /** Runs and returns the exit status: 0 with no violation, 1 with some. */
    int run() throws Exception {
        URI endpoint = config.endpoint();
        InetSocketAddress address = loopback(endpoint);
        String hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
        waitHealthy(address, hostHeader);
        FuzzReport report =
                new FuzzReport(config.seed(), log, config.verbose(), config.failuresFile(), config.failuresMax());
        ObjectNode summary = JSON.createObjectNode()
                .put("scenario", config.replayIndex() >= 0 ? "fuzz-replay" : "fuzz")
                .put("seed", config.seed())
                .put("endpoint", endpoint.toString());
        ServerWatch idleProbe = new ServerWatch(config.serverPid(), address, hostHeader, report, budget());
        sleep(config.idleSeconds());
        long rssBeforeKb = idleProbe.rssKb();
        try (FuzzFixture fixture = new FuzzFixture(endpoint, config.accessKey(), config.secretKey())) {
            String run = Long.toString(Math.floorMod(System.nanoTime(), 60_466_176L), 36);
            FuzzSchedule schedule = schedule(endpoint, fixture.setUp(run), hostHeader);
            summary.put("run", run);
            summary.put("mutations", schedule.mutations().size()).put("cycle", schedule.cycleLength());
            FuzzBudget budget = budget();
            long start = System.nanoTime();
            long peakKb;
            try (ServerWatch watch = new ServerWatch(config.serverPid(), address, hostHeader, report, budget)) {
                watch.start();
                runWorkers(address, hostHeader, schedule, budget, report);
                peakKb = watch.peakKb();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            summary.put("seconds", round(seconds)).put("time_capped", budget.timedOut());
            afterRun(address, hostHeader, report, summary);
            summary.put("queues_deleted", deleteQueues(fixture, idleProbe));
            sleep(config.idleSeconds());
            long rssAfterKb = idleProbe.rssKb();
            rss(summary, rssBeforeKb, peakKb, rssAfterKb);
            summary.put("requests_per_s", round(report.requests() / Math.max(seconds, 1e-3)));
        }
        scanLog(report, summary);
        report.close();
        report.writeTo(summary);
        summary.put("passed", report.violations() == 0);
        out.println(summary);
        report.printTable(log, config.examples());
        log.printf(
                Locale.ROOT,
                "fuzz: %d requests in %.1f s; RSS idle %.1f MB, peak %.1f MB, idle after %.1f MB; %s%n",
                report.requests(),
                summary.path("seconds").asDouble(),
                summary.path("rss_idle_before_mb").asDouble(),
                summary.path("rss_peak_mb").asDouble(),
                summary.path("rss_idle_after_mb").asDouble(),
                report.violations() == 0 ? "no violations" : report.violations() + " violations");
        return report.violations() == 0 ? 0 : 1;
    }

    private FuzzBudget budget() {
        return config.replayIndex() >= 0
                ? new FuzzBudget(config.replayIndex(), 1, Long.MAX_VALUE, config.seconds())
                : new FuzzBudget(0, Long.MAX_VALUE, config.requests(), config.seconds());
    }

    private FuzzSchedule schedule(URI endpoint, FuzzFixture.State state, String hostHeader) {
        RequestSigner signer =
                new RequestSigner(config.accessKey(), config.secretKey(), endpoint.getHost(), endpoint.getPort());
        JsonCases json = new JsonCases(SdkCapture.json(endpoint, state), signer, hostHeader);
        QueryCases query = new QueryCases(SdkCapture.query(endpoint, state), signer, hostHeader);
        SigV4Cases sigv4 = new SigV4Cases(json, query, signer);
        HttpCases http = new HttpCases(json, query, signer, hostHeader);
        return new FuzzSchedule(config.seed(), List.of(json, query, sigv4, http), SHARES);
    }

    private void runWorkers(
            InetSocketAddress address, String hostHeader, FuzzSchedule schedule, FuzzBudget budget, FuzzReport report)
            throws InterruptedException {
        byte[] probe = ("GET " + HttpCases.HEALTH + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (config.replayIndex() >= 0) {
            FuzzCase replayed = schedule.caseAt(config.replayIndex());
            log.println("fuzz: replaying seed " + config.seed() + " index " + replayed.index() + ", "
                    + replayed.category().label + "/" + replayed.mutation() + " (" + replayed.operation() + "), "
                    + replayed.plan() + "\n  request: " + Printable.bytes(replayed.bytes(), 64 * 1024));
        }
        int workers = config.replayIndex() >= 0 ? 1 : config.connections();
        List<Thread> threads = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform()
                    .name("fuzz-worker-" + i)
                    .start(new FuzzWorker(address, schedule, budget, report, probe)));
        }
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_NANOS;
        for (Thread thread : threads) {
            while (!thread.join(java.time.Duration.ofSeconds(1))) {
                if (System.nanoTime() - nextProgress > 0) {
                    nextProgress += PROGRESS_NANOS;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    log.printf(
                            Locale.ROOT,
                            "fuzz: %.0f s, %d requests (%.0f/s), %d violations%n",
                            seconds,
                            report.requests(),
                            report.requests() / seconds,
                            report.violations());
                }
            }
        }
    }

    private void afterRun(InetSocketAddress address, String hostHeader, FuzzReport report, ObjectNode summary) {
        String health = ServerWatch.health(address, hostHeader, 10_000);
        boolean alive = config.serverPid() <= 0
                || java.nio.file.Files.exists(java.nio.file.Path.of("/proc", Long.toString(config.serverPid())));
        summary.put("server_alive", alive).put("health_after", health);
        if (!alive) {
            report.serverViolation(
                    new Violation.Finding(Violation.SERVER_DOWN, "the server process is gone after the run"));
        } else if (!health.equals("200 ready")) {
            report.serverViolation(
                    new Violation.Finding(Violation.SERVER_DOWN, "health check after the run: " + health));
        }
    }

    private int deleteQueues(FuzzFixture fixture, ServerWatch probe) {
        if (!probe.alive()) {
            return 0;
        }
        try {
            return fixture.deleteCreatedQueues();
        } catch (RuntimeException e) {
            log.println("fuzz: could not delete the run's queues: " + e);
            return -1;
        }
    }

    private void rss(ObjectNode summary, long beforeKb, long peakKb, long afterKb) {
        summary.put("server_pid", config.serverPid());
        if (config.serverPid() <= 0) {
            return;
        }
        summary.put("rss_idle_before_mb", round(beforeKb / 1024.0))
                .put("rss_peak_mb", round(Math.max(peakKb, afterKb) / 1024.0))
                .put("rss_idle_after_mb", round(afterKb / 1024.0))
                .put("rss_after_minus_before_mb", round((afterKb - beforeKb) / 1024.0))
                .put("rss_back_to_idle", afterKb <= beforeKb * (1 + RSS_TOLERANCE));
    }

    private void scanLog(FuzzReport report, ObjectNode summary) throws IOException {
        if (config.serverLog() == null) {
            return;
        }
        ServerLog.Scan scan = ServerLog.scan(config.serverLog());
        scan.writeTo(summary.putObject("server_log"));
        if (scan.forged() > 0) {
            report.serverViolation(new Violation.Finding(
                    Violation.LOG_FORGING, scan.forged() + " forged lines, the first: " + scan.firstForged()));
        }
    }

    /** The endpoint's address; anything but loopback is refused, since the run is hostile by design. */
    static InetSocketAddress loopback(URI endpoint) throws IOException {
        if (!"http".equals(endpoint.getScheme()) || endpoint.getHost() == null || endpoint.getPort() <= 0) {
            throw new IllegalArgumentException("the endpoint must be http://127.0.0.1:PORT, not " + endpoint);
        }
        InetAddress host = InetAddress.getByName(endpoint.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("the fuzzer only targets loopback; " + endpoint + " is not");
        }
        return new InetSocketAddress(host, endpoint.getPort());
    }

    private void waitHealthy(InetSocketAddress address, String hostHeader) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY_WAIT_SECONDS * 1_000_000_000L;
        String health = "";
        while (System.nanoTime() - deadline < 0) {
            health = ServerWatch.health(address, hostHeader, 2_000);
            if (health.equals("200 ready")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server at " + address + " is not healthy: " + health);
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
