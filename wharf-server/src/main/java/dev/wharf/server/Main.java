package dev.wharf.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code wharf} command line: {@code start}, {@code version} and {@code --help}. */
@Command(
        name = "wharf",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A self-hosted server that speaks the AWS messaging APIs.",
        subcommands = {Main.Start.class, Main.VersionCommand.class})
public final class Main implements Runnable {

    @Spec
    @SuppressWarnings("NullAway.Init") // picocli injects it before run().
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wharf " + WharfServer.version()};
        }
    }

    /** {@code wharf version}. */
    @Command(name = "version", description = "Print the version and exit.")
    static final class VersionCommand implements Runnable {
        @Spec
        @SuppressWarnings("NullAway.Init") // picocli injects it before run().
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println("wharf " + WharfServer.version());
        }
    }

    /** {@code wharf start}: runs the server in the foreground until SIGTERM or SIGINT. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the server in the foreground.")
    static final class Start implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init") // picocli injects it before call().
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--host", description = "Address to bind (default 127.0.0.1, or WHARF_HOST).")
        @Nullable
        String host;

        @Option(names = "--port", description = "HTTP port (default 4566, or WHARF_PORT); 0 picks a free one.")
        @Nullable
        Integer port;

        @Option(names = "--tls-port", description = "HTTPS port (default off, or WHARF_TLS_PORT).")
        @Nullable
        Integer tlsPort;

        @Option(names = "--data-dir", description = "Data directory (default ~/.wharf/data, or WHARF_DATA_DIR).")
        @Nullable
        Path dataDir;

        @Option(names = "--storage", description = "Durability: sync (default), relaxed or memory.")
        @Nullable
        String storage;

        @Option(names = "--config", description = "YAML config file.")
        @Nullable
        Path config;

        @Option(names = "--insecure", description = "Allow a non-loopback address without credentials.")
        boolean insecure;

        /** Starts, prints the ready line and stops: the launcher's training run for the class-data archive. */
        @Option(names = "--exit-when-ready", hidden = true)
        boolean exitWhenReady;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            WharfConfig settings;
            WharfServer server;
            try {
                ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
                settings = file.resolve(
                        System.getenv(), new ConfigFile.Overrides(host, port, tlsPort, dataDir, storage, insecure));
                server = WharfServer.start(settings);
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("wharf: " + e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            if (!exitWhenReady) {
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    server.close();
                                    stopped.countDown();
                                },
                                "wharf-shutdown"));
            }
            String tls = server.tlsEndpoint() == null ? "" : " and " + server.tlsEndpoint();
            String where = settings.storage() == dev.wharf.storage.DurabilityMode.MEMORY
                    ? "no data directory"
                    : "data " + settings.dataDir().toAbsolutePath();
            out.println("Wharf " + WharfServer.version() + " ready on " + server.endpoint() + tls + ", " + where
                    + ", storage " + settings.storage().configName());
            out.flush();
            if (exitWhenReady) {
                server.close();
                return 0;
            }
            stopped.await();
            return 0;
        }
    }
}
