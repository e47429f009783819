package dev.wharf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from {@code /proc}: utime + stime from {@code /proc/PID/stat}, and
 * VmRSS and VmHWM from {@code /proc/PID/status}. A probe of pid 0 measures nothing and answers zero.
 */
public final class ProcessProbe {

    private final long pid;
    private final long clockTicksPerSecond;
    private volatile long rssPeakKb;

    public ProcessProbe(long pid, long clockTicksPerSecond) {
        this.pid = pid;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    static ProcessProbe self(long clockTicksPerSecond) {
        return new ProcessProbe(ProcessHandle.current().pid(), clockTicksPerSecond);
    }

    boolean present() {
        return pid > 0;
    }

    /** User plus system CPU seconds the process has used so far (children not included). */
    double cpuSeconds() {
        if (pid <= 0) {
            return 0;
        }
        String stat = read("stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (double) (utime + stime) / clockTicksPerSecond;
    }

    /** The value in kB of a {@code /proc/PID/status} line such as {@code VmRSS}, or 0. */
    public long statusKb(String name) {
        if (pid <= 0) {
            return 0;
        }
        for (String line : read("status").split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** Starts sampling VmRSS every 50 ms until the returned sampler is closed; {@link #rssPeakKb} keeps the peak. */
    AutoCloseable sampleRss() {
        rssPeakKb = statusKb("VmRSS");
        Thread sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    rssPeakKb = Math.max(rssPeakKb, statusKb("VmRSS"));
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return; // The process ended.
                }
            }
        });
        return () -> {
            sampler.interrupt();
            sampler.join();
        };
    }

    long rssPeakKb() {
        return rssPeakKb;
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file, e);
        }
    }
}
