package dev.wharf.bench.fuzz;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one fuzz run.
 *
 * @param endpoint the server; only a loopback address is accepted
 * @param requests the requests to send (the run stops at the first of this count and the time cap)
 * @param seconds the time cap of the fuzzing phase
 * @param connections concurrent workers, each with its keep-alive connection
 * @param serverPid the server's process, whose memory and life are watched; 0 for none
 * @param replayIndex the one case to send and print in full, or -1 for a run
 * @param idleSeconds how long the server is left idle before its idle memory is read, before and after the run
 * @param failuresFile where every violation goes as a JSON line (bounded by {@code failuresMax}), or null
 * @param serverLog the server's log, scanned after the run for forged lines, or null
 * @param examples failure groups printed with their example at the end
 */
record FuzzConfig(
        URI endpoint,
        long requests,
        long seed,
        double seconds,
        int connections,
        long serverPid,
        String accessKey,
        String secretKey,
        long replayIndex,
        double idleSeconds,
        @Nullable Path failuresFile,
        long failuresMax,
        @Nullable Path serverLog,
        int examples,
        boolean verbose) {

    /** The smoke's bounds: a few seconds, every mutation several times over. */
    static final long SMOKE_REQUESTS = 6_000;

    static final double SMOKE_SECONDS = 20;
}
