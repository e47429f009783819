package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.server.WharfConfig;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * GET /metrics, scraped over HTTP and read by the Prometheus client's own text-format parser (Debian's
 * python3-prometheus-client, which .ci/run installs), so that what is asserted is what a Prometheus server reads.
 */
@WharfTest
class PrometheusIT {

    private static final Path PARSER = Path.of("src/test/python/parse_prometheus.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sample as the parser read it. */
    record Sample(String name, Map<String, String> labels, double value) {}

    static String scrape(WharfHandle wharf) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(wharf.endpoint() + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    static List<Sample> parse(String exposition) throws IOException, InterruptedException {
        Process parser = new ProcessBuilder("/usr/bin/python3", PARSER.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        parser.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        parser.getOutputStream().close();
        String out = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parser.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(parser.exitValue())
                .as("the Prometheus parser reads the whole exposition")
                .isZero();
        List<Sample> samples = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode sample = JSON.readTree(line);
            Map<String, String> labels = new java.util.TreeMap<>();
            sample.path("labels")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(
                    sample.path("name").asText(), labels, sample.path("value").asDouble(Double.NaN)));
        }
        return samples;
    }

    static List<Sample> named(List<Sample> samples, String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    @Test
    void theScrapeIsValidPrometheusTextWithRequestsConnectionsAndTheJvm(WharfHandle wharf) throws Exception {
        assertThat(Files.exists(PARSER)).isTrue();
        try (SqsClient sqs = wharf.sqs()) {
            String queue = sqs.createQueue(b -> b.queueName("scraped")).queueUrl();
            for (int i = 0; i < 3; i++) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
            }
            List<Sample> samples = parse(scrape(wharf));

            assertThat(named(samples, "wharf_requests_seconds_count"))
                    .filteredOn(sample -> sample.labels()
                            .equals(Map.of("service", "sqs", "operation", "SendMessage", "status", "200")))
                    .singleElement()
                    .extracting(Sample::value)
                    .isEqualTo(3.0);
            assertThat(named(samples, "wharf_requests_seconds_bucket"))
                    .filteredOn(sample -> "SendMessage".equals(sample.labels().get("operation"))
                            && "+Inf".equals(sample.labels().get("le")))
                    .singleElement()
                    .extracting(Sample::value)
                    .isEqualTo(3.0);
            assertThat(named(samples, "wharf_connections_open"))
                    .singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1.0));
            assertThat(named(samples, "jvm_memory_used_bytes")).isNotEmpty();
        }
    }

    @Test
    void withMetricsOffTheScrapeHasTheJvmButNoRequests() throws Exception {
        try (dev.wharf.server.WharfServer server = LocalWharf.inMemory(new WharfConfig.CloudWatch(60, false));
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(URI.create(server.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .httpClient(ApacheHttpClient.create())
                        .build()) {
            String queue = sqs.createQueue(b -> b.queueName("unmeasured")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            List<Sample> samples = parse(response.body());

            assertThat(named(samples, "wharf_requests_seconds_count")).isEmpty();
            assertThat(named(samples, "jvm_memory_used_bytes")).isNotEmpty();
        }
    }
}
