package dev.wharf.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real KCL worker ({@code dev.wharf.kcl.KclWorker} of {@code wharf-kcl-worker} or {@code wharf-kcl2-worker}) in a
 * JVM of its own, and the events it wrote to its event log: what it processed, checkpointed and lost.
 */
final class KclWorkerProcess implements AutoCloseable {

    /** One line of a worker's event log: when, what ({@code REC}, {@code CKPT}, {@code INIT}, …) and its fields. */
    record Event(long atMillis, String type, List<String> fields, String worker) {

        String shardId() {
            return fields.get(0);
        }

        /** A record's data, for a {@code REC} event. */
        String data() {
            return fields.get(4);
        }

        String partitionKey() {
            return fields.get(3);
        }

        String sequenceNumber() {
            return fields.get(1);
        }
    }

    /** Which KCL: the classpath file its worker module writes, from the system property failsafe sets. */
    enum Kcl {
        V3("wharf.kcl3.worker"),
        V2("wharf.kcl2.worker");

        private final String property;

        Kcl(String property) {
            this.property = property;
        }

        String classPath() {
            return moduleClassPath(property, defaultModule(), "worker.classpath");
        }

        private String defaultModule() {
            return this == V3 ? "wharf-kcl-worker" : "wharf-kcl2-worker";
        }
    }

    /**
     * The class path of a program that a module outside wharf-parent builds for the suites to run as a process: its
     * classes and the classpath file its build writes, from the target directory that the system property
     * {@code property} names (failsafe sets it), or else from the module's target beside this one.
     */
    static String moduleClassPath(String property, String module, String classPathFile) {
        Path target = Path.of(System.getProperty(property, "../" + module + "/target"));
        try {
            return target.resolve("classes") + ":"
                    + Files.readString(target.resolve(classPathFile)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("build " + module + " first (-am)", e);
        }
    }

    private final String worker;
    private final Process process;
    private final Path events;
    private final long startedMillis = System.currentTimeMillis();

    private KclWorkerProcess(String worker, Process process, Path events) {
        this.worker = worker;
        this.process = process;
        this.events = events;
    }

    /** Starts worker {@code worker} with the {@code key=value} settings given; its log goes to {@code dir}. */
    static KclWorkerProcess start(Kcl kcl, Path dir, String worker, Map<String, String> settings) throws IOException {
        Path events = dir.resolve(worker + ".events");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                kcl.classPath(),
                "dev.wharf.kcl.KclWorker",
                "worker=" + worker,
                "out=" + events));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(worker + ".log").toFile())
                .start();
        return new KclWorkerProcess(worker, process, events);
    }

    String worker() {
        return worker;
    }

    /** When the JVM was launched, by the wall clock the worker's event times use. */
    long startedMillis() {
        return startedMillis;
    }

    /** Every event the worker wrote so far, in order; a last line cut short by a kill is left out. */
    List<Event> events() {
        return read(events, worker);
    }

    static List<Event> read(Path file, String worker) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Event> read = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return read;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] parts = line.split("\t", -1);
            read.add(new Event(
                    Long.parseLong(parts[0]), parts[1], List.of(Arrays.copyOfRange(parts, 2, parts.length)), worker));
        }
        return read;
    }

    /** SIGKILL: the worker stops where it is, holding its leases until they expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
