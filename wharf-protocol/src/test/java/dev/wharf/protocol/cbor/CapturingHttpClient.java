package dev.wharf.protocol.cbor;

import dev.wharf.protocol.WireResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client without a socket: it keeps each request as the SDK marshalled it and answers with one prepared
 * response, so that the SDK's own marshaller and unmarshaller meet the codec directly.
 */
public final class CapturingHttpClient implements SdkHttpClient {

    /** One request as it left the SDK. */
    public record Captured(SdkHttpRequest request, byte[] body) {

        public String header(String name) {
            return request.firstMatchingHeader(name).orElse("");
        }
    }

    private final List<Captured> requests = new ArrayList<>();
    private WireResponse response = new WireResponse(200, "application/x-amz-cbor-1.1", Map.of(), new byte[0]);

    public void respond(WireResponse wire) {
        this.response = wire;
    }

    /** The last request. */
    public Captured last() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no request was sent");
        }
        return requests.get(requests.size() - 1);
    }

    /** How many requests were sent, retries included. */
    public int count() {
        return requests.size();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                @Nullable
                ContentStreamProvider content = request.contentStreamProvider().orElse(null);
                byte[] body = new byte[0];
                if (content != null) {
                    try (InputStream in = content.newStream()) {
                        body = in.readAllBytes();
                    }
                }
                requests.add(new Captured(request.httpRequest(), body));
                SdkHttpResponse.Builder head = SdkHttpResponse.builder()
                        .statusCode(response.status())
                        .putHeader("Content-Type", response.contentType())
                        .putHeader("x-amzn-RequestId", "req-1");
                response.headers().forEach(head::putHeader);
                return HttpExecuteResponse.builder()
                        .response(head.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public void close() {}
}
