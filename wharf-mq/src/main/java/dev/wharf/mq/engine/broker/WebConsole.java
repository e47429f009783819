package dev.wharf.mq.engine.broker;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

final class WebConsole {
    static final String REALM = "ActiveMQRealm";
    static final int THREADS_MAX = 16;
    static final int QUEUED_MAX = 64;
    static final int BODY_BYTES_MAX = 1048576;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30L);
    private static final String API = "/api/message";
    private final Server server;
    private final RestMessages messages;

    private WebConsole(Server server, RestMessages messages) {
        this.server = server;
        this.messages = messages;
    }

    static WebConsole start(
            InstanceLaunch launch,
            URI brokerUri,
            InstanceLaunch.Login internal,
            Supplier<List<BrokerInstance.DestinationCounts>> destinations)
            throws Exception {
        RestMessages messages = new RestMessages(brokerUri, internal.username(), internal.password());
        QueuedThreadPool threads =
                new QueuedThreadPool(16, 3, (int) IDLE_TIMEOUT.toMillis(), new BlockingArrayQueue(64, 0, 64));
        threads.setName("wharf-mq-console-" + launch.instanceName());
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        server.setStopAtShutdown(false);
        server.setStopTimeout(5000L);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowServlet(false);
        server.setErrorHandler(errors);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        SSLContext tls = launch.tls();
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, 1, 1, new ConnectionFactory[] {plain});
        } else {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl =
                    new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            ssl.setSslContext(tls);
            connector = new ServerConnector(
                    server, 1, 1, new ConnectionFactory[] {new SslConnectionFactory(ssl, "http/1.1"), plain});
        }

        connector.setHost(launch.host());
        connector.setPort(launch.ports().console());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new WebConsole.Routes(launch, messages, destinations));

        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            messages.close();
            throw new IOException(
                    "the web console could not listen on " + launch.host() + ":"
                            + launch.ports().console() + ": " + ActiveMqInstance.describe(e),
                    e);
        }

        return new WebConsole(server, messages);
    }

    void stop() {
        this.messages.close();

        try {
            this.server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the web console did not stop: " + ActiveMqInstance.describe(e), e);
        }
    }

    /** The user whose name and password the Basic credentials carry, whether or not it has console access. */
    static InstanceLaunch.@Nullable Login login(@Nullable String authorization, List<InstanceLaunch.Login> users) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }

            int colon = pair.indexOf(58);
            if (colon < 0) {
                return null;
            }

            String username = pair.substring(0, colon);
            byte[] password = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            InstanceLaunch.Login found = null;

            for (InstanceLaunch.Login user : users) {
                boolean same = MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8), password);
                if (same && user.username().equals(username)) {
                    found = user;
                }
            }

            return found;
        } else {
            return null;
        }
    }

    static void parse(@Nullable String encoded, Map<String, List<String>> into) {
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&", -1)) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf(61);
                    String name =
                            URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    String value =
                            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
        }
    }

    static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String trimmed = part.trim();
            if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(
                            trimmed.substring(8).replace("\"", "").trim());
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }

        return StandardCharsets.UTF_8;
    }

    static String lines(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);

        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to be read", e);
        }

        return out.toString();
    }

    private static void write(HttpServletResponse response, int status, @Nullable String contentType, String body)
            throws IOException {
        response.setStatus(status);
        if (status != 204) {
            if (contentType != null) {
                response.setContentType(contentType);
            }

            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    private static final class Routes extends AbstractHandler {
        private final InstanceLaunch launch;
        private final RestMessages messages;
        private final Supplier<List<BrokerInstance.DestinationCounts>> destinations;

        Routes(
                InstanceLaunch launch,
                RestMessages messages,
                Supplier<List<BrokerInstance.DestinationCounts>> destinations) {
            this.launch = launch;
            this.messages = messages;
            this.destinations = destinations;
        }

        @Override
        public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            base.setHandled(true);
            InstanceLaunch.Login user = WebConsole.login(request.getHeader("Authorization"), this.launch.users());
            if (user == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"ActiveMQRealm\"");
                WebConsole.write(response, 401, "text/plain;charset=UTF-8", "Unauthorized");
            } else if (!user.consoleAccess()) {
                // Signed in, but Amazon MQ gives the console only to the users with consoleAccess.
                WebConsole.write(response, 403, "text/plain;charset=UTF-8", "Forbidden");
            } else if (!target.equals(API) && !target.startsWith("/api/message/")) {
                switch (target) {
                    case "/":
                    case "/admin":
                        response.setHeader("Location", "/admin/");
                        WebConsole.write(response, 302, "text/plain;charset=UTF-8", "");
                        break;
                    case "/admin/":
                    case "/admin/index.jsp":
                        page(
                                request,
                                response,
                                () -> ConsolePages.index(
                                        this.launch.brokerName(), this.launch.instanceName(), this.destinations.get()));
                        break;
                    case "/admin/queues.jsp":
                        page(
                                request,
                                response,
                                () -> ConsolePages.destinations(
                                        this.launch.brokerName(), this.destinations.get(), false));
                        break;
                    case "/admin/topics.jsp":
                        page(
                                request,
                                response,
                                () -> ConsolePages.destinations(
                                        this.launch.brokerName(), this.destinations.get(), true));
                        break;
                    default:
                        WebConsole.write(response, 404, "text/plain;charset=UTF-8", "Not Found");
                }
            } else {
                this.api(target.substring(Math.min(target.length(), API.length() + 1)), request, response);
            }
        }

        private static void page(HttpServletRequest request, HttpServletResponse response, Supplier<String> html)
                throws IOException {
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.setHeader("Allow", "GET, HEAD");
                WebConsole.write(response, 405, "text/plain;charset=UTF-8", "Method Not Allowed");
            } else {
                response.setHeader("Cache-Control", "no-store");
                WebConsole.write(response, 200, "text/html;charset=UTF-8", html.get());
            }
        }

        private void api(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            String rawBody = null;

            try {
                WebConsole.parse(request.getQueryString(), parameters);
                if (request.getMethod().equals("POST")) {
                    if (request.getContentLengthLong() > 1048576L) {
                        WebConsole.write(response, 413, "text/plain;charset=UTF-8", tooLarge());
                        return;
                    }

                    byte[] body = request.getInputStream().readNBytes(1048577);
                    if (body.length > 1048576) {
                        WebConsole.write(response, 413, "text/plain;charset=UTF-8", tooLarge());
                        return;
                    }

                    String contentType = request.getContentType();
                    if (contentType != null) {
                        String text = new String(body, WebConsole.charset(contentType));
                        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                            WebConsole.parse(text, parameters);
                            rawBody = "";
                        } else {
                            rawBody = WebConsole.lines(text);
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                WebConsole.write(response, 400, "text/plain;charset=UTF-8", "malformed parameters: " + e.getMessage());
                return;
            }

            RestMessages.Reply reply = this.messages.handle(new RestMessages.Call(
                    request.getMethod(), path, parameters, request.getHeader("selector"), rawBody));
            reply.headers().forEach(response::setHeader);
            WebConsole.write(response, reply.status(), reply.contentType(), reply.body());
        }

        private static String tooLarge() {
            return "the request body is larger than 1048576 bytes";
        }
    }
}
