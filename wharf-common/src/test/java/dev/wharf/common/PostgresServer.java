package dev.wharf.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server for tests, started from the machine's packages (Debian's {@code postgresql}, which {@code
 * .ci/run} installs): a fresh cluster in a temporary folder, on a free loopback port, trusting local connections,
 * stopped and removed by {@link #close()}. As root, the server runs as the {@code postgres} user, since PostgreSQL
 * refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path bin;
    private final Path folder;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path folder, int port, boolean asPostgres) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The folder of the newest PostgreSQL's programs on this machine, or null when none is installed. */
    public static @Nullable Path installed() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts a server with the user {@code wharf} (password {@code wharf-secret}) and the database {@code dev}.
     *
     * @throws IllegalStateException when PostgreSQL is not installed or does not start
     */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = installed();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install postgresql");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("wharf-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, folder, port, root);
        if (root) {
            run(List.of("chown", "-R", "postgres", folder.toString()), folder);
        }
        Path data = folder.resolve("data");
        server.as(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "wharf",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync"));
        server.as(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-w",
                "-t",
                "30",
                "-l",
                folder.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        server.as(List.of(
                bin.resolve("createdb").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "wharf",
                "dev"));
        return server;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database of the server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs SQL with psql in database {@code dev} and returns its unaligned, tuples-only output. */
    public String sql(String statement) throws IOException, InterruptedException {
        return as(List.of(
                        bin.resolve("psql").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        "wharf",
                        "-d",
                        "dev",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-A",
                        "-t",
                        "-c",
                        statement))
                .strip();
    }

    @Override
    public void close() {
        try {
            as(List.of(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    folder.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop"));
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // The folder goes whether or not the server stopped cleanly.
        } finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String as(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        // In the server's own folder, which the postgres user may enter, unlike the build's working directory.
        return run(full, folder);
    }

    private static String run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new String(output, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int major(Path bin) {
        Path version = bin.getParent();
        try {
            return version == null ? 0 : Integer.parseInt(String.valueOf(version.getFileName()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
