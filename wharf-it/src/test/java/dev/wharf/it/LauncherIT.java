package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The launcher as an operator meets it: help, version, configuration, safety rules, TLS and transport limits. */
class LauncherIT {

    record Exit(int code, String output) {}

    static Exit run(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(RestartIT.command(args))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Exit(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static void stop(RestartIT.Wharf wharf) throws InterruptedException {
        wharf.process().destroy();
        assertThat(wharf.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void helpAndVersionDescribeTheCommand() throws Exception {
        Exit help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.output()).contains("Usage: wharf").contains("start").contains("version");
        Exit startHelp = run("start", "--help");
        assertThat(startHelp.output()).contains("--port").contains("--data-dir").contains("--config");
        Exit version = run("version");
        assertThat(version.code()).isZero();
        assertThat(version.output()).matches("(?s)wharf \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void refusesNonLoopbackWithoutCredentialsUnlessInsecure(@TempDir Path dataDir) throws Exception {
        Exit refused = run("start", "--host", "0.0.0.0", "--port", "0", "--storage", "memory");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.output()).contains("refusing to listen on 0.0.0.0 without credentials");
        RestartIT.Wharf insecure =
                RestartIT.start(Map.of(), "--host", "0.0.0.0", "--port", "0", "--storage", "memory", "--insecure");
        stop(insecure);
        RestartIT.Wharf withKeys = RestartIT.start(
                Map.of("WHARF_CREDENTIALS", "AKIDENV:envsecret:111122223333"),
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString());
        try (SqsClient good = client(withKeys.endpoint(), "AKIDENV", "envsecret");
                SqsClient bad = client(withKeys.endpoint(), "AKIDENV", "wrong")) {
            assertThat(good.createQueue(b -> b.queueName("env-keys")).queueUrl())
                    .contains("/111122223333/env-keys");
            AwsServiceException denied =
                    org.assertj.core.api.Assertions.catchThrowableOfType(AwsServiceException.class, bad::listQueues);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        } finally {
            stop(withKeys);
        }
    }

    @Test
    void configFileCreatesQueuesAndNamesTheHostOfQueueUrls(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("wharf.yaml");
        Files.writeString(config, """
                port: 0
                dataDir: %s
                hostname: wharf.internal
                sqs:
                  queues:
                    - name: configured
                      attributes: { VisibilityTimeout: "90" }
                      tags: { from: config }
                """.formatted(dir.resolve("data")));
        RestartIT.Wharf wharf = RestartIT.start(Map.of(), "--config", config.toString());
        try (SqsClient sqs =
                client(URI.create("http://127.0.0.1:" + wharf.endpoint().getPort()), "a", "b")) {
            String url = sqs.getQueueUrl(b -> b.queueName("configured")).queueUrl();
            assertThat(url).isEqualTo("http://127.0.0.1:" + wharf.endpoint().getPort() + "/000000000000/configured");
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("VisibilityTimeout"))
                            .attributesAsStrings())
                    .containsEntry("VisibilityTimeout", "90");
            assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).containsEntry("from", "config");
            assertThat(wharf.readyLine()).contains("wharf.internal");
        } finally {
            stop(wharf);
        }
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "prot: 1\n");
        Exit rejected = run("start", "--config", bad.toString());
        assertThat(rejected.code()).isEqualTo(2);
        assertThat(rejected.output()).contains("config file").contains("prot");
    }

    @Test
    void httpsServesWithAGeneratedCertificateKeptAcrossRestarts(@TempDir Path dataDir) throws Exception {
        RestartIT.Wharf wharf =
                RestartIT.start(Map.of(), "--port", "0", "--tls-port", "0", "--data-dir", dataDir.toString());
        byte[] certificate;
        try {
            String https = wharf.readyLine().replaceAll(".* and (https://[^ ,]+).*", "$1");
            HttpResponse<String> health = trustingClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(https + "/_wharf/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            certificate = Files.readAllBytes(dataDir.resolve("tls/wharf-self-signed.crt"));
        } finally {
            stop(wharf);
        }
        RestartIT.Wharf again =
                RestartIT.start(Map.of(), "--port", "0", "--tls-port", "0", "--data-dir", dataDir.toString());
        stop(again);
        assertThat(Files.readAllBytes(dataDir.resolve("tls/wharf-self-signed.crt")))
                .isEqualTo(certificate);
    }

    @Test
    void connectionsOverTheLimitGet503AndIdleConnectionsClose(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("limits.yaml");
        Files.writeString(config, """
                port: 0
                storage: memory
                limits: { maxRequestBytes: 1048576, maxHeaderBytes: 8192, maxConnections: 2, idleTimeoutSeconds: 1 }
                """);
        RestartIT.Wharf wharf = RestartIT.start(Map.of(), "--config", config.toString());
        InetSocketAddress address =
                new InetSocketAddress("127.0.0.1", wharf.endpoint().getPort());
        try (Socket first = new Socket();
                Socket second = new Socket();
                Socket third = new Socket()) {
            first.connect(address, 5_000);
            second.connect(address, 5_000);
            Thread.sleep(200);
            third.connect(address, 5_000);
            third.setSoTimeout(5_000);
            String refused = new String(third.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(refused).startsWith("HTTP/1.1 503").contains("x-amzn-RequestId: ");
            first.setSoTimeout(5_000);
            InputStream idle = first.getInputStream();
            assertThat(idle.read())
                    .as("the idle connection is closed by the server")
                    .isEqualTo(-1);
        } finally {
            stop(wharf);
        }
    }

    static SqsClient client(URI endpoint, String key, String secret) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    private static HttpClient trustingClient() throws Exception {
        TrustManager[] trustAll = {
            new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustAll, new SecureRandom());
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
