package dev.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** An endpoint port whose endpoint the test scripts: it keeps every post and answers it with what the script says. */
final class ScriptedEndpoint implements EndpointPort {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the endpoint answers to one post; it may throw to be unreachable or slow. */
    interface Script {
        Answer answer(Post post, JsonNode body) throws IOException;
    }

    /**
     * One post as the endpoint saw it.
     *
     * @param body the request's JSON body, decompressed when it was gzip-encoded
     */
    record Seen(Post post, JsonNode body, long atMillis) {}

    final List<Seen> posts = new ArrayList<>();
    private final dev.wharf.common.TestClock clock;
    Script script = ScriptedEndpoint::accept;

    ScriptedEndpoint(dev.wharf.common.TestClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Answer post(Post post) throws IOException {
        JsonNode body = JSON.readTree(decoded(post));
        posts.add(new Seen(post, body, clock.millis()));
        return script.answer(post, body);
    }

    static byte[] decoded(Post post) {
        if (!"gzip".equals(post.headers().get("Content-Encoding"))) {
            return post.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(post.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {}

    /** Accepts the request as the specification asks: 200, JSON naming its requestId, and a timestamp. */
    static Answer accept(Post post, JsonNode body) {
        return json(200, "{\"requestId\":\"" + body.get("requestId").asText() + "\",\"timestamp\":1578090903599}");
    }

    static Answer json(int status, String body) {
        return new Answer(
                status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
    }
}
