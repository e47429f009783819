package dev.wharf.bench.fuzz;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.Request;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Captures the requests that the AWS SDKs build for every SQS operation, without sending them: the SDK v2's AWS
 * JSON 1.0 requests through an HTTP client that records and refuses, the SDK v1's Query parameters through a
 * request handler that records and aborts. These are the valid requests that the fuzzer sends and then mutates.
 */
final class SdkCapture {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The SDK v1 warns through java.util.logging, on first use, that JAXB is missing; it only encodes the fixture's
     * binary attribute without it. Held here so that the logger, and its level, are not collected.
     */
    private static final java.util.logging.Logger V1_BASE64_LOG =
            java.util.logging.Logger.getLogger("com.amazonaws.util.Base64");
    /** Headers that the fuzzer sets itself on every request it sends. */
    private static final List<String> DROPPED =
            List.of("Authorization", "X-Amz-Date", "Content-Length", "Host", "x-amz-content-sha256");

    /** One valid AWS JSON 1.0 request, as the SDK v2 would send it (before signing). */
    record JsonBase(String operation, WireRequest request, ObjectNode body) {}

    /**
     * One valid Query request's parameters, as the SDK v1 would send them.
     *
     * @param params name and value pairs, decoded, in the SDK's order (Action and Version first)
     */
    record QueryBase(String operation, List<Map.Entry<String, String>> params) {}

    private SdkCapture() {}

    /** Builds the JSON requests of {@link SdkCatalogue#json} with the SDK v2. */
    static List<JsonBase> json(URI endpoint, FuzzFixture.State state) {
        Recorder recorder = new Recorder();
        List<JsonBase> bases = new ArrayList<>();
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(RequestSigner.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("fuzz", "fuzz")))
                .httpClient(recorder)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            for (SdkCatalogue.Call<SqsClient> call : SdkCatalogue.json(state)) {
                recorder.captured = null;
                try {
                    call.run().accept(sqs);
                } catch (RuntimeException expected) {
                    // The recorder refuses every request once it has copied it.
                }
                Captured captured = recorder.captured;
                if (captured == null) {
                    throw new IllegalStateException("the SDK v2 sent nothing for " + call.operation());
                }
                bases.add(jsonBase(call.operation(), captured));
            }
        }
        return bases;
    }

    private static JsonBase jsonBase(String operation, Captured captured) {
        List<WireRequest.Header> headers = new ArrayList<>();
        captured.request().forEachHeader((name, values) -> {
            if (DROPPED.stream().noneMatch(name::equalsIgnoreCase)) {
                for (String value : values) {
                    headers.add(new WireRequest.Header(name, value));
                }
            }
        });
        ObjectNode body;
        try {
            body = captured.body().length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(captured.body());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the SDK v2 sent a body that is not a JSON object for " + operation, e);
        }
        String path = captured.request().encodedPath().isEmpty()
                ? "/"
                : captured.request().encodedPath();
        WireRequest request = WireRequest.of(captured.request().method().name(), path, headers, captured.body());
        return new JsonBase(operation, request, body);
    }

    /** Builds the Query parameters of {@link SdkCatalogue#query} with the SDK v1. */
    static List<QueryBase> query(URI endpoint, FuzzFixture.State state) {
        // The SDK v1 announces its end of support on first use; the fuzzer's output has no room for it.
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        V1_BASE64_LOG.setLevel(java.util.logging.Level.SEVERE);
        QueryRecorder recorder = new QueryRecorder();
        AmazonSQS sqs = AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(
                        new AwsClientBuilder.EndpointConfiguration(endpoint.toString(), RequestSigner.REGION))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("fuzz", "fuzz")))
                .withClientConfiguration(new ClientConfiguration().withMaxErrorRetry(0))
                .withRequestHandlers(recorder)
                .build();
        List<QueryBase> bases = new ArrayList<>();
        try {
            for (SdkCatalogue.Call<AmazonSQS> call : SdkCatalogue.query(state)) {
                recorder.captured = null;
                try {
                    call.run().accept(sqs);
                } catch (RuntimeException expected) {
                    // The recorder aborts every request once it has copied its parameters.
                }
                List<Map.Entry<String, String>> params = recorder.captured;
                if (params == null) {
                    throw new IllegalStateException("the SDK v1 sent nothing for " + call.operation());
                }
                bases.add(new QueryBase(call.operation(), params));
            }
        } finally {
            sqs.shutdown();
        }
        return bases;
    }

    private record Captured(SdkHttpRequest request, byte[] body) {}

    /** An SDK v2 HTTP client that copies each request and then fails it, so nothing leaves the process. */
    private static final class Recorder implements SdkHttpClient {
        volatile @Nullable Captured captured;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    byte[] body = new byte[0];
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream in =
                                request.contentStreamProvider().get().newStream()) {
                            body = in.readAllBytes();
                        }
                    }
                    captured = new Captured(request.httpRequest(), body);
                    throw new IOException("captured, not sent");
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }

    /** An SDK v1 request handler that copies the marshalled parameters and then aborts the request. */
    private static final class QueryRecorder extends RequestHandler2 {
        volatile @Nullable List<Map.Entry<String, String>> captured;

        @Override
        public void beforeRequest(Request<?> request) {
            List<Map.Entry<String, String>> params = new ArrayList<>();
            request.getParameters().forEach((name, values) -> {
                for (String value : values) {
                    params.add(Map.entry(name, value));
                }
            });
            captured = params;
            throw new CapturedException();
        }
    }

    /** Ends an SDK v1 call once its request is recorded. */
    private static final class CapturedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CapturedException() {
            super("captured, not sent", null, false, false);
        }
    }
}
