package dev.wharf.server;

import dev.wharf.common.AwsException;
import dev.wharf.protocol.InternalRequest;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.query.FormDecoder;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Routes the paths under {@code /_aws/} to the service that serves them ({@link ServiceBinding#serveInternal}), as
 * LocalStack serves its internal resources, so that tests written for LocalStack read SNS's SMS and push messages
 * unchanged.
 *
 * <p>These requests are not signed, and what they read (one-time passwords among the SMS) must not leak to a web page
 * that a browser on the same machine visits: so they are answered only when their Host names this server, by a
 * configured name or an IP address of its own, never by a name that DNS resolved (which is how a rebinding attack
 * reaches a loopback server). Thread-safe.
 */
final class InternalResources {

    /** The paths that services may serve here. */
    static final String PREFIX = "/_aws/";
    /** The methods that {@link RequestAdmission} lets through to these paths; each service refuses the rest. */
    static final String METHODS = "GET, POST, DELETE";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[[0-9A-Fa-f:.%a-zA-Z]+]");
    private static final byte[] NOT_FOUND = ServiceRouter.utf8("{\"error\":\"Not Found\"}");
    private static final byte[] FORBIDDEN =
            ServiceRouter.utf8("{\"error\":\"Internal resources answer only on the server's own endpoints\"}");

    private final List<ServiceBinding> services;
    private final Set<String> ownNames = new HashSet<>();
    private final boolean wildcard;

    InternalResources(List<ServiceBinding> services, WharfConfig config) {
        this.services = List.copyOf(services);
        ownNames.add("localhost");
        ownNames.add(config.host().toLowerCase(Locale.ROOT));
        if (config.hostname() != null) {
            ownNames.add(config.hostname().toLowerCase(Locale.ROOT));
        }
        this.wildcard = config.host().equals("0.0.0.0")
                || config.host().equals("::")
                || config.host().equals("[::]");
    }

    WireResponse serve(ServiceRouter.HttpRequest request) {
        if (!ownHost(request.header("host"))) {
            return json(403, FORBIDDEN);
        }
        InternalRequest internal;
        try {
            String path = URI.create("http://wharf" + request.rawPath()).getPath();
            internal = new InternalRequest(
                    request.method(), path, FormDecoder.decode(request.rawQuery(), new byte[0]), request.body());
        } catch (IllegalArgumentException | AwsException e) {
            return json(400, ServiceRouter.utf8("{\"error\":\"Malformed path or query string\"}"));
        }
        for (ServiceBinding service : services) {
            WireResponse answer = service.serveInternal(internal);
            if (answer != null) {
                return answer;
            }
        }
        return json(404, NOT_FOUND);
    }

    /** Whether a Host header names this server: a configured name, a loopback address or one of its own addresses. */
    boolean ownHost(@Nullable String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = withoutPort(host.trim()).toLowerCase(Locale.ROOT);
        if (ownNames.contains(name)) {
            return true;
        }
        if (!IP_LITERAL.matcher(name).matches()) {
            return false;
        }
        try {
            // A literal never goes to DNS; only the server's own addresses are its endpoints.
            InetAddress address =
                    InetAddress.getByName(name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
            return address.isLoopbackAddress() || (wildcard && NetworkInterface.getByInetAddress(address) != null);
        } catch (java.net.UnknownHostException | SocketException e) {
            return false;
        }
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
    }

    private static WireResponse json(int status, byte[] body) {
        return new WireResponse(status, "application/json", Map.of(), body);
    }
}
