package dev.wharf.mq.engine.broker;

import static dev.wharf.mq.engine.broker.Brokers.ADMIN;
import static dev.wharf.mq.engine.broker.Brokers.PASSWORD;
import static dev.wharf.mq.engine.broker.Brokers.READER;
import static dev.wharf.mq.engine.broker.Brokers.READER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's web console over HTTP: ActiveMQ's REST message API and the read-only pages, behind Basic logins. */
@NullUnmarked
class WebConsoleTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @TempDir
    static Path home;

    private static ActiveMqRuntime runtime;
    private static InstanceLaunch launch;
    private static BrokerInstance broker;

    @BeforeAll
    static void startBroker() {
        runtime = new ActiveMqRuntime(2);
        launch = Brokers.launch(home, "instance-1", null, ADMIN, READER);
        broker = runtime.launch(launch);
        Brokers.awaitState(broker, BrokerInstance.InstanceState.ACTIVE);
    }

    @AfterAll
    static void stopBroker() {
        runtime.close();
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + launch.ports().console() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .setHeader("Authorization", basic("admin", PASSWORD));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(request(pathAndQuery).GET());
    }

    private static HttpResponse<String> post(String pathAndQuery, String contentType, String body) throws Exception {
        return send(request(pathAndQuery)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void aPostedMessageIsReadBackThroughTheRestApi() throws Exception {
        HttpResponse<String> sent = post("/api/message/rest.q?type=queue", "text/plain", "hello rest");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("Message sent");
        assertThat(sent.headers().firstValue("messageID"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("ID:"));
        HttpResponse<String> read = get("/api/message/rest.q?type=queue&readTimeout=5000");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("hello rest\n");
        assertThat(contentType(read)).isEqualTo("text/plain;charset=utf-8");
        assertThat(read.headers().firstValue("destination")).hasValue("queue://rest.q");
        assertThat(read.headers().firstValue("id")).isEqualTo(sent.headers().firstValue("messageID"));
        assertThat(read.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, must-revalidate");
    }

    @Test
    void aFormPostSetsTheBodyHeadersAndProperties() throws Exception {
        HttpResponse<String> sent = post(
                "/api/message",
                "application/x-www-form-urlencoded",
                "destination=queue://form.q&body=%3Cnote%2F%3E&JMSPriority=7&JMSCorrelationID=c-1&JMSType=t"
                        + "&JMSReplyTo=queue://replies&JMSDeliveryMode=non_persistent&color=red");
        assertThat(sent.statusCode()).isEqualTo(200);
        HttpResponse<String> read = get("/api/message/form.q?type=queue&readTimeout=5000");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("<note/>");
        assertThat(contentType(read)).isEqualTo("application/xml;charset=utf-8");
        assertThat(read.headers().firstValue("color")).hasValue("red");
    }

    @Test
    void anEmptyQueueAnswersNoContent() throws Exception {
        HttpResponse<String> read = get("/api/message/empty.q?type=queue&readTimeout=0");
        assertThat(read.statusCode()).isEqualTo(204);
        assertThat(read.body()).isEmpty();
    }

    @Test
    void aSelectorPicksTheMatchingMessage() throws Exception {
        post("/api/message/selected.q?type=queue&kind=a", "text/plain", "first");
        post("/api/message/selected.q?type=queue&kind=b", "text/plain", "second");
        HttpResponse<String> read = send(request("/api/message/selected.q?type=queue&readTimeout=5000&json=true")
                .header("selector", "kind = 'b'")
                .GET());
        assertThat(read.body()).isEqualTo("second\n");
        assertThat(contentType(read)).isEqualTo("application/json;charset=utf-8");
        assertThat(read.headers().firstValue("kind")).hasValue("b");
        HttpResponse<String> invalid = send(request("/api/message/selected.q?type=queue&readTimeout=0")
                .header("selector", "kind = = 'b'")
                .GET());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).startsWith("invalid selector: ");
    }

    @Test
    void aClientIdKeepsItsConsumerUntilItUnsubscribes() throws Exception {
        post("/api/message/client.q?type=queue", "text/plain", "one");
        post("/api/message/client.q?type=queue", "text/plain", "two");
        HttpResponse<String> first = send(request("/api/message/client.q?type=queue&clientId=c1&readTimeout=5000")
                .DELETE());
        assertThat(first.body()).isEqualTo("one\n");
        HttpResponse<String> second =
                get("/api/message/client.q?type=queue&clientId=c1&readTimeout=5000&oneShot=true&xml=true");
        assertThat(second.body()).isEqualTo("two\n");
        assertThat(contentType(second)).isEqualTo("application/xml;charset=utf-8");
        HttpResponse<String> unsubscribed = post(
                "/api/message/client.q?type=queue",
                "application/x-www-form-urlencoded",
                "action=unsubscribe&clientId=c1");
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        assertThat(unsubscribed.body()).isEmpty();
    }

    @Test
    void topicsAreTheDefaultTypeAsInActiveMq() throws Exception {
        HttpResponse<String> sent = post("/api/message/news", "text/plain", "headline");
        assertThat(sent.statusCode()).isEqualTo(200);
        HttpResponse<String> topics = get("/admin/topics.jsp");
        assertThat(topics.statusCode()).isEqualTo(200);
        assertThat(topics.body()).contains("<table id=\"topics\">").contains("<tr><td>news</td><td>0</td><td>1</td>");
    }

    @Test
    void theQueuesPageListsAQueueWithItsCounts() throws Exception {
        post("/api/message/listed.q?type=queue", "text/plain", "one");
        post("/api/message/listed.q?type=queue", "text/plain", "two");
        HttpResponse<String> page = get("/admin/queues.jsp");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body())
                .contains("<title>Queues: test-broker</title>")
                .contains("<th>Number Of Pending Messages</th>")
                .contains("<tr><td>listed.q</td><td>2</td><td>0</td><td>2</td><td>0</td></tr>");
        HttpResponse<String> index = get("/admin/");
        assertThat(index.body())
                .contains("<tr><td>Name</td><td>test-broker</td></tr>")
                .contains("<tr><td>Instance</td><td>instance-1</td></tr>")
                .containsPattern("<tr><td>Queues</td><td>[1-9][0-9]*</td></tr>");
    }

    @Test
    void aWrongPasswordOrNoLoginIsUnauthorized() throws Exception {
        HttpResponse<String> wrong = send(request("/admin/queues.jsp")
                .setHeader("Authorization", basic("admin", "wrong-password-1"))
                .GET());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"ActiveMQRealm\"");
        HttpResponse<String> none = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + launch.ports().console() + "/api/message/x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        for (String header : List.of(
                "Basic !!!",
                "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)),
                "Bearer x")) {
            assertThat(send(request("/admin/")
                                    .setHeader("Authorization", header)
                                    .GET())
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void aUserWithoutConsoleAccessIsForbidden() throws Exception {
        HttpResponse<String> reader = send(request("/api/message/rest.q?type=queue&readTimeout=0")
                .setHeader("Authorization", basic("reader", READER_PASSWORD))
                .GET());
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.body()).isEqualTo("Forbidden");
    }

    @Test
    void pagesRedirectRefuseOtherMethodsAndAnswerNotFound() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/"));
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> posted = post("/admin/queues.jsp", "text/plain", "x");
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> put = send(request("/api/message/x").PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "/api/message?type=queue",
                "no destination is given: name it in the path, /api/message/NAME?type=queue");
        cases.put("/api/message?destination=queue://", "no destination is given");
        cases.put("/api/message/bad.q?type=queue&JMSPriority=12", "JMSPriority must be between 0 and 9: 12");
        cases.put("/api/message/bad.q?type=queue&JMSTimeToLive=soon", "JMSTimeToLive is not a number: soon");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post(c.getKey(), "text/plain", "x");
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).startsWith(c.getValue());
        }

        HttpResponse<String> get = get("/api/message/bad.q?type=queue&readTimeout=abc");
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).isEqualTo("readTimeout is not a number: abc");
    }

    @Test
    void aBodyLargerThanOneMebibyteIsRefused() throws Exception {
        HttpResponse<String> response = post("/api/message/big.q?type=queue", "text/plain", "x".repeat(1_048_577));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("the request body is larger than 1048576 bytes");
    }

    @Test
    void formParametersAndCharsetsAreDecoded() {
        Map<String, List<String>> into = new LinkedHashMap<>();
        WebConsole.parse("a=1&a=2&flag&&b=x%20y", into);
        assertThat(into)
                .containsExactly(
                        Map.entry("a", List.of("1", "2")),
                        Map.entry("flag", List.of("")),
                        Map.entry("b", List.of("x y")));
        assertThat(WebConsole.charset("text/plain; charset=\"ISO-8859-1\"")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(WebConsole.charset("text/plain; charset=nonsense-42")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(WebConsole.charset("text/plain")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(WebConsole.lines("a\r\nb")).isEqualTo("a\nb\n");
        assertThat(ConsolePages.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void theConsoleLoginMatchesNameAndPasswordTogether() {
        List<InstanceLaunch.Login> users = List.of(ADMIN, READER);
        assertThat(WebConsole.login(basic("admin", PASSWORD), users)).isEqualTo(ADMIN);
        assertThat(WebConsole.login(basic("reader", READER_PASSWORD), users)).isEqualTo(READER);
        assertThat(WebConsole.login(basic("admin", READER_PASSWORD), users)).isNull();
        assertThat(WebConsole.login(null, users)).isNull();
    }
}
