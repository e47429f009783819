package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The bench's {@code fuzz} command: sends malformed and hostile requests to a server on loopback and judges them. */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        description = "Send malformed and hostile requests of every protocol to a server on 127.0.0.1; print one JSON"
                + " summary line, and exit 1 on any violation.")
public final class FuzzCommand implements Callable<Integer> {

    @Option(names = "--endpoint", required = true, description = "http://127.0.0.1:PORT (loopback only)")
    URI endpoint = URI.create("http://127.0.0.1:4566");

    @Option(names = "--requests", defaultValue = "1000000", description = "requests to send (default ${DEFAULT-VALUE})")
    long requests;

    @Option(names = "--seed", defaultValue = "1", description = "the run's seed: the same seed sends the same cases")
    long seed;

    @Option(names = "--max-seconds", defaultValue = "1800", description = "time cap of the fuzzing phase")
    double seconds;

    @Option(names = "--connections", defaultValue = "8", description = "concurrent workers")
    int connections;

    @Option(names = "--server-pid", defaultValue = "0", description = "the server's pid: its RSS and life are watched")
    long serverPid;

    @Option(names = "--access-key", defaultValue = "test", description = "the access key requests are signed with")
    String accessKey = "test";

    @Option(names = "--secret-key", defaultValue = "test", description = "the secret key requests are signed with")
    String secretKey = "test";

    @Option(names = "--smoke", description = "CI's check: " + FuzzConfig.SMOKE_REQUESTS + " requests, a few seconds")
    boolean smoke;

    @Option(names = "--replay", defaultValue = "-1", description = "send only the case of this index, and print it")
    long replay;

    @Option(
            names = "--idle-seconds",
            defaultValue = "35",
            description = "idle time before each idle RSS reading: Wharf releases its heap 10 s after its last request"
                    + " ends, and a fuzzed long poll may wait 20 s")
    double idleSeconds;

    @Option(names = "--failures", description = "write every violation here, one JSON line each (bounded)")
    @Nullable
    Path failures;

    @Option(names = "--failures-max", defaultValue = "20000", description = "the most lines in --failures")
    long failuresMax;

    @Option(names = "--server-log", description = "the server's log, scanned afterwards for forged lines")
    @Nullable
    Path serverLog;

    @Option(names = "--examples", defaultValue = "40", description = "failure groups printed with an example")
    int examples;

    @Option(names = "--verbose", description = "print every answer")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
        if (requests < 1 || seconds <= 0 || connections < 1 || connections > 256 || failuresMax < 0) {
            log.println("fuzz: --requests, --max-seconds, --connections (1-256) and --failures-max must be positive");
            return 2;
        }
        FuzzConfig config = new FuzzConfig(
                endpoint,
                smoke ? FuzzConfig.SMOKE_REQUESTS : requests,
                seed,
                smoke ? FuzzConfig.SMOKE_SECONDS : seconds,
                connections,
                serverPid,
                accessKey,
                secretKey,
                replay,
                smoke ? 1 : idleSeconds,
                failures,
                failuresMax,
                serverLog,
                examples,
                verbose || replay >= 0);
        return new Fuzzer(config, out, log).run();
    }
}
