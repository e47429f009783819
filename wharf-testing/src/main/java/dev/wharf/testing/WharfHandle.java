package dev.wharf.testing;

import dev.wharf.server.WharfServer;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** A running test server: its endpoints, its data directory, and ready-made SDK clients for it. */
public final class WharfHandle {

    /** The access key that test clients sign with when the server accepts any signature. */
    public static final String ACCESS_KEY = "test";

    public static final String SECRET_KEY = "test";

    private final WharfServer server;
    private final @Nullable Path dataDir;

    WharfHandle(WharfServer server, @Nullable Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public WharfServer server() {
        return server;
    }

    /** The HTTP endpoint, such as {@code http://127.0.0.1:39211}. */
    public URI endpoint() {
        return URI.create(server.endpoint());
    }

    public int port() {
        return server.port();
    }

    /** The data directory, or null in the memory mode. */
    public @Nullable Path dataDir() {
        return dataDir;
    }

    /** An SDK v2 SQS client (AWS JSON protocol) for this server, signing with the given keys. */
    public SqsClient sqs(String accessKey, String secretKey) {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** An SDK v2 SQS client that signs with the test keys. */
    public SqsClient sqs() {
        return sqs(ACCESS_KEY, SECRET_KEY);
    }

    /** An SDK v2 STS client (AWS Query protocol) for this server, signing with the given keys. */
    public StsClient sts(String accessKey, String secretKey) {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** An SDK v2 STS client that signs with the test keys. */
    public StsClient sts() {
        return sts(ACCESS_KEY, SECRET_KEY);
    }

    /** An SDK v2 SNS client for this server. */
    public SnsClient sns(String accessKey, String secretKey) {
        return SnsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** An SDK v2 SNS client that signs with the test keys. */
    public SnsClient sns() {
        return sns(ACCESS_KEY, SECRET_KEY);
    }
}
