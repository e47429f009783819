package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.InternalRequest;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.storage.DurabilityMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The paths under /_aws/ go to the service that serves them, and only when the request names this server. */
class InternalResourcesTest {

    /** A service that serves one internal path and records what it was asked. */
    private static final class Serving implements ServiceBinding {
        final List<InternalRequest> asked = new ArrayList<>();

        @Override
        public ServiceModel model() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<Protocol> protocols() {
            return Set.of();
        }

        @Override
        public String queryXmlNamespace() {
            return "";
        }

        @Override
        public @Nullable WireResponse serveInternal(InternalRequest request) {
            asked.add(request);
            return request.path().equals("/_aws/test/things")
                    ? new WireResponse(200, "application/json", Map.of(), "{}".getBytes(StandardCharsets.UTF_8))
                    : null;
        }

        @Override
        public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static WharfConfig config(String host, @Nullable String hostname) {
        return new WharfConfig(
                host,
                0,
                -1,
                null,
                null,
                Path.of("unused"),
                DurabilityMode.MEMORY,
                hostname,
                "us-east-1",
                List.of(),
                false,
                WharfConfig.Limits.defaults(),
                List.of());
    }

    private static ServiceRouter.HttpRequest request(String host, String rawPath, String rawQuery) {
        return new ServiceRouter.HttpRequest(
                "GET", rawPath, rawQuery, Map.of("host", List.of(host)), new byte[0], "http://" + host, "r-1");
    }

    @Test
    void theServiceThatServesAPathAnswersItDecoded() {
        Serving service = new Serving();
        InternalResources internal = new InternalResources(List.of(service), config("127.0.0.1", null));

        WireResponse served = internal.serve(request("localhost:4566", "/_aws/test/th%69ngs", "a=%2B1&a=2&b"));
        WireResponse missing = internal.serve(request("127.0.0.1:4566", "/_aws/test/other", ""));

        assertThat(served.status()).isEqualTo(200);
        assertThat(service.asked.getFirst().path()).isEqualTo("/_aws/test/things");
        assertThat(service.asked.getFirst().parameters()).containsEntry("a", List.of("+1", "2"));
        assertThat(service.asked.getFirst().parameter("a")).isEqualTo("+1");
        assertThat(service.asked.getFirst().parameter("c")).isNull();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"Not Found\"}");
        assertThat(internal.serve(request("localhost", "/_aws/test/things", "x=%zz"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void onlyTheServersOwnNamesAndAddressesReachThem() {
        Serving service = new Serving();
        InternalResources internal = new InternalResources(List.of(service), config("127.0.0.1", "wharf"));

        assertThat(internal.ownHost("localhost:4566")).isTrue();
        assertThat(internal.ownHost("LOCALHOST")).isTrue();
        assertThat(internal.ownHost("127.0.0.1:4566")).isTrue();
        assertThat(internal.ownHost("127.0.0.9")).isTrue();
        assertThat(internal.ownHost("[::1]:4566")).isTrue();
        assertThat(internal.ownHost("wharf:4566")).isTrue();
        assertThat(internal.ownHost("attacker.example:4566")).isFalse();
        assertThat(internal.ownHost("10.255.255.1")).isFalse();
        assertThat(internal.ownHost("")).isFalse();
        assertThat(internal.ownHost(null)).isFalse();

        WireResponse refused = internal.serve(request("rebound.example:4566", "/_aws/test/things", ""));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(service.asked).isEmpty();
        assertThat(new InternalResources(List.of(service), config("0.0.0.0", null)).ownHost("127.0.0.1"))
                .isTrue();
    }
}
