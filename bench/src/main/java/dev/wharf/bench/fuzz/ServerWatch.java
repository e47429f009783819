package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.wharf.bench.ProcessProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches the server while the run goes: samples its resident memory every 50 ms (the peak is reported), checks
 * every 200 ms that its process lives, and every 5 s that it answers its health check. A dead or unhealthy server is
 * a violation, and a dead one ends the run.
 */
final class ServerWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 50;
    private static final int ALIVE_EVERY = 4;
    private static final int HEALTH_EVERY = 100;
    private static final int HEALTH_TIMEOUT_MILLIS = 10_000;
    /** Health failures reported one by one; more only count. */
    private static final int HEALTH_REPORTS_MAX = 5;

    private final long pid;
    private final ProcessProbe probe;
    private final InetSocketAddress server;
    private final String hostHeader;
    private final FuzzReport report;
    private final FuzzBudget budget;
    private volatile long peakKb;
    private volatile boolean running = true;
    private int healthFailures;
    private final Thread thread;

    ServerWatch(long pid, InetSocketAddress server, String hostHeader, FuzzReport report, FuzzBudget budget) {
        this.pid = pid;
        this.probe = new ProcessProbe(pid, 100);
        this.server = server;
        this.hostHeader = hostHeader;
        this.report = report;
        this.budget = budget;
        this.peakKb = rssKb();
        this.thread = Thread.ofPlatform().daemon().name("fuzz-server-watch").unstarted(this::watch);
    }

    void start() {
        thread.start();
    }

    /** The server's VmRSS now, in kB; 0 when no pid was given or the process is gone. */
    long rssKb() {
        if (pid <= 0) {
            return 0;
        }
        try {
            return probe.statusKb("VmRSS");
        } catch (RuntimeException e) {
            return 0;
        }
    }

    long peakKb() {
        return peakKb;
    }

    boolean alive() {
        return pid <= 0 || Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    private void watch() {
        for (long tick = 1; running; tick++) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            peakKb = Math.max(peakKb, rssKb());
            if (tick % ALIVE_EVERY == 0 && !alive()) {
                report.serverViolation(new Violation.Finding(Violation.SERVER_DOWN, "the server process exited"));
                budget.stop();
                return;
            }
            if (tick % HEALTH_EVERY == 0) {
                String health = health(server, hostHeader, HEALTH_TIMEOUT_MILLIS);
                if (!health.equals("200 ready") && ++healthFailures <= HEALTH_REPORTS_MAX) {
                    report.serverViolation(
                            new Violation.Finding(Violation.SERVER_DOWN, "health check during the run: " + health));
                }
            }
        }
    }

    /** Asks the server's health check on a connection of its own: {@code 200 ready}, or what went wrong. */
    static String health(InetSocketAddress server, String hostHeader, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + HttpCases.HEALTH + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
                    .getBytes(ISO_8859_1));
            out.flush();
            ResponseReader.RawResponse response =
                    new ResponseReader(new java.io.BufferedInputStream(socket.getInputStream())).read(false);
            String body = new String(response.body(), ISO_8859_1);
            return response.status() == 200 && body.contains("\"ready\"")
                    ? "200 ready"
                    : response.status() + " " + Printable.text(body, 200);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
