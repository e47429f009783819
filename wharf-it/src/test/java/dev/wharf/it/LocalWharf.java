package dev.wharf.it;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A real Wharf in the test's process, on a free loopback port, accepting any well-formed signature: the settings the
 * in-process end-to-end tests share. Tests that need a separate process use {@code WharfProcess} instead.
 */
final class LocalWharf {

    private LocalWharf() {}

    /** An SNS client of the SDK v2 for a server at {@code endpoint}, with the test credentials every IT uses. */
    static SnsClient sns(String endpoint) {
        return client(SnsClient.builder(), endpoint);
    }

    /** A client of the SDK v2 for a server at {@code endpoint}, with the test credentials every IT uses. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** A server over the store in {@code dataDir}, with the default limits and SNS settings. */
    static WharfServer start(Path dataDir, DurabilityMode mode) throws Exception {
        return start(dataDir, mode, WharfConfig.Limits.defaults(), WharfConfig.Sns.defaults());
    }

    /** A server that keeps nothing, with the given transport limits and the default SNS settings. */
    static WharfServer inMemory(WharfConfig.Limits limits) throws Exception {
        return start(Path.of("unused"), DurabilityMode.MEMORY, limits, WharfConfig.Sns.defaults());
    }

    /** A server that keeps nothing, reaching endpoints outside it as {@code sns} says. */
    static WharfServer inMemory(WharfConfig.Sns sns) throws Exception {
        return start(Path.of("unused"), DurabilityMode.MEMORY, WharfConfig.Limits.defaults(), sns);
    }

    /** A server that keeps nothing and whose services publish their AWS/ metrics every few seconds. */
    static WharfServer inMemory(WharfConfig.CloudWatch cloudWatch) throws Exception {
        return start(Path.of("unused"), DurabilityMode.MEMORY, cloudWatch);
    }

    /** A server over the store in {@code dataDir} whose services publish their AWS/ metrics every few seconds. */
    static WharfServer start(Path dataDir, DurabilityMode mode, WharfConfig.CloudWatch cloudWatch) throws Exception {
        return WharfServer.start(config(dataDir, mode, WharfConfig.Limits.defaults(), WharfConfig.Sns.defaults(), -1)
                .withCloudWatch(cloudWatch));
    }

    /** A server that keeps nothing, with Firehose's settings (the tables its format conversion may name). */
    static WharfServer inMemory(WharfConfig.Firehose firehose) throws Exception {
        return WharfServer.start(config(
                        Path.of("unused"),
                        DurabilityMode.MEMORY,
                        WharfConfig.Limits.defaults(),
                        WharfConfig.Sns.defaults(),
                        -1)
                .withFirehose(firehose));
    }

    /**
     * A server for Amazon MQ's suites: at most {@code maxBrokers} brokers, on a free range of ports of their own, with
     * TLS-only transports when {@code tls} is set.
     */
    static WharfServer withMq(Path dataDir, DurabilityMode mode, int maxBrokers, boolean tls) throws Exception {
        return WharfServer.start(mqConfig(dataDir, mode, maxBrokers, tls));
    }

    /** The settings of {@link #withMq}. */
    static WharfConfig mqConfig(Path dataDir, DurabilityMode mode, int maxBrokers, boolean tls) throws Exception {
        return config(dataDir, mode, WharfConfig.Limits.defaults(), WharfConfig.Sns.defaults(), -1)
                .withMq(new WharfConfig.Mq(freePortRange(maxBrokers * 20), maxBrokers, 32, tls));
    }

    /**
     * The first of {@code count} consecutive ports on the loopback address that nothing listens on now; another process
     * may still take one before the test does, which the test then reports as a broker that failed to start.
     */
    static int freePortRange(int count) throws Exception {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(40_000 - count);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of " + count + " ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return true;
    }

    /** A server that keeps nothing, with the given transport limits, and HTTPS on a free port besides HTTP. */
    static WharfServer inMemoryWithTls(WharfConfig.Limits limits) throws Exception {
        return start(Path.of("unused"), DurabilityMode.MEMORY, limits, WharfConfig.Sns.defaults(), 0);
    }

    private static WharfServer start(Path dataDir, DurabilityMode mode, WharfConfig.Limits limits, WharfConfig.Sns sns)
            throws Exception {
        return start(dataDir, mode, limits, sns, -1);
    }

    private static WharfServer start(
            Path dataDir, DurabilityMode mode, WharfConfig.Limits limits, WharfConfig.Sns sns, int tlsPort)
            throws Exception {
        return WharfServer.start(config(dataDir, mode, limits, sns, tlsPort));
    }

    private static WharfConfig config(
            Path dataDir, DurabilityMode mode, WharfConfig.Limits limits, WharfConfig.Sns sns, int tlsPort) {
        return new WharfConfig(
                "127.0.0.1",
                0,
                tlsPort,
                null,
                null,
                dataDir,
                mode,
                null,
                WharfConfig.DEFAULT_REGION,
                List.of(),
                false,
                limits,
                List.of(),
                sns);
    }
}
