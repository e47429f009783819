package dev.wharf.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real KCL worker in a JVM of its own, and the events its record processors wrote to its event log: what they
 * processed, checkpointed and lost. The worker is {@code dev.wharf.kcl.KclWorker} of {@code wharf-kcl-worker} or
 * {@code wharf-kcl2-worker}, or the KCL's MultiLangDaemon with the Node.js processor of {@code wharf-kcl-multilang}.
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
        V3("wharf.kcl3.worker", "wharf-kcl-worker"),
        V2("wharf.kcl2.worker", "wharf-kcl2-worker");

        private final String property;
        private final String module;

        Kcl(String property, String module) {
            this.property = property;
            this.module = module;
        }

        String classPath() {
            return moduleClassPath(property, module, "worker.classpath");
        }
    }

    /**
     * The class path of a program that a module outside wharf-parent builds for the suites to run as a process: its
     * classes and the classpath file its build writes, from the target directory that the system property
     * {@code property} names (failsafe sets it), or else from the module's target beside this one.
     */
    static String moduleClassPath(String property, String module, String classPathFile) {
        Path target = target(property, module);
        return target.resolve("classes") + ":" + readClassPath(target, classPathFile, module);
    }

    /** The property failsafe sets to {@code wharf-kcl-multilang/target}, where the daemon and processor are. */
    private static final String MULTILANG_PROPERTY = "wharf.kcl.multilang";

    private static final String MULTILANG_MODULE = "wharf-kcl-multilang";

    /** The KCL's MultiLangDaemon, run as its users run it: its {@code main} with a properties file. */
    private static final String MULTILANG_DAEMON = "software.amazon.kinesis.multilang.MultiLangDaemon";

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
        List<String> args = new ArrayList<>(List.of("worker=" + worker, "out=" + events(dir, worker)));
        settings.forEach((key, value) -> args.add(key + "=" + value));
        return launch(dir, worker, kcl.classPath(), "dev.wharf.kcl.KclWorker", args, Map.of());
    }

    /**
     * Starts the KCL's MultiLangDaemon ({@code wharf-kcl-multilang}) as worker {@code worker}, with the daemon
     * properties given and the module's Node.js record processor as its executable, which writes this worker's
     * event log; {@code environment} is added to the daemon's, which its processes inherit. The Node.js packages
     * must have been installed in {@link #nodeProcessorDirectory()}.
     */
    static KclWorkerProcess startMultiLang(
            Path dir, String worker, Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        Path target = target(MULTILANG_PROPERTY, MULTILANG_MODULE);
        Properties daemon = new Properties();
        daemon.putAll(properties);
        // The daemon splits the executable's command at spaces, so no path in it may hold one.
        daemon.setProperty(
                "executableName",
                String.join(
                        " ",
                        "node",
                        nodeProcessorDirectory().resolve("processor.js").toString(),
                        events(dir, worker).toString()));
        daemon.setProperty("workerId", worker);
        Path file = dir.resolve(worker + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            daemon.store(out, "The MultiLangDaemon of " + worker);
        }
        return launch(
                dir,
                worker,
                readClassPath(target, "daemon.classpath", MULTILANG_MODULE),
                MULTILANG_DAEMON,
                List.of("--properties-file", file.toString()),
                environment);
    }

    /** Where {@code wharf-kcl-multilang}'s build put the Node.js record processor and its lock file. */
    static Path nodeProcessorDirectory() {
        return target(MULTILANG_PROPERTY, MULTILANG_MODULE).resolve("node");
    }

    private static KclWorkerProcess launch(
            Path dir, String worker, String classPath, String main, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath,
                main));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(worker + ".log").toFile());
        builder.environment().putAll(environment);
        return new KclWorkerProcess(worker, builder.start(), events(dir, worker));
    }

    private static Path events(Path dir, String worker) {
        return dir.resolve(worker + ".events");
    }

    private static Path target(String property, String module) {
        return Path.of(System.getProperty(property, "../" + module + "/target"));
    }

    private static String readClassPath(Path target, String file, String module) {
        try {
            return Files.readString(target.resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("build " + module + " first (-am)", e);
        }
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

    /**
     * SIGKILL: the worker stops where it is, holding its leases until they expire. The processes it started (the
     * MultiLangDaemon's record processors) are killed with it, so that none outlives a test.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        killAll(children);
    }

    /** How a {@link #stop}ped worker ended: in time or killed, and the processes of its own it left running. */
    record Stopped(boolean exitedInTime, List<Long> leftRunning) {}

    /**
     * SIGTERM, as an operator stops a worker, and waits at most {@code atMost} for it to exit: the worker's shutdown
     * hook, if it has one, runs first. A worker that does not exit in time, and any process it started that is
     * still running once it has, are killed, and the answer says so.
     */
    Stopped stop(Duration atMost) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        boolean exited = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            kill();
        }
        List<ProcessHandle> running =
                children.stream().filter(ProcessHandle::isAlive).toList();
        killAll(running);
        return new Stopped(exited, running.stream().map(ProcessHandle::pid).toList());
    }

    /** The processes the worker started that are running now. */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    private static void killAll(List<ProcessHandle> processes) {
        for (ProcessHandle child : processes) {
            child.destroyForcibly();
        }
        for (ProcessHandle child : processes) {
            child.onExit()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> child)
                    .join();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
