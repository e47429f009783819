package dev.wharf.protocol.cbor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/** What the golden tests of every SDK client share: a client without a network, and the stored request bodies. */
public final class OfflineSdk {

    private OfflineSdk() {}

    /**
     * A client over {@code http}, with static credentials and no retries, so that one call is one request.
     *
     * @param builder the service's client builder, such as {@code KinesisClient.builder()}
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, CapturingHttpClient http) {
        return builder.endpointOverride(URI.create("http://localhost:4566"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(http)
                .build();
    }

    /** A stored body: a class-path resource of hex digits, the bytes that the SDK sent when it was captured. */
    public static byte[] hexResource(String resource) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(OfflineSdk.class.getClassLoader().getResourceAsStream(resource), resource)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
