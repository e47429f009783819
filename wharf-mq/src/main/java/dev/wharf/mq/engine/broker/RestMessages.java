package dev.wharf.mq.engine.broker;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.jms.Connection;
import javax.jms.Destination;
import javax.jms.InvalidSelectorException;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.ObjectMessage;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTopic;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class RestMessages implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestMessages.class);
    static final Duration READ_TIMEOUT_MAX = Duration.ofSeconds(20L);
    static final int RECEIVES_MAX = 8;
    static final int CLIENTS_MAX = 64;
    static final Duration CLIENT_IDLE_MAX = Duration.ofMinutes(5L);
    private static final int TOPIC_PREFETCH = 1000;
    private static final Set<String> NOT_PROPERTIES = Set.of(
            "destination",
            "type",
            "body",
            "JMSDeliveryMode",
            "JMSPriority",
            "JMSTimeToLive",
            "JMSCorrelationID",
            "JMSExpiration",
            "JMSReplyTo",
            "JMSType");
    private final URI brokerUri;
    private final String username;
    private final String password;
    private final Semaphore receives = new Semaphore(8);
    private final LinkedHashMap<String, RestMessages.WebClient> clients = new LinkedHashMap<>(16, 0.75F, true);
    private @Nullable Connection connection;
    private boolean closed;

    RestMessages(URI brokerUri, String username, String password) {
        this.brokerUri = brokerUri;
        this.username = username;
        this.password = password;
    }

    RestMessages.Reply handle(RestMessages.Call call) {
        try {
            return switch (call.method()) {
                case "POST" -> this.post(call);
                case "GET", "DELETE" -> this.receive(call);
                default ->
                    new RestMessages.Reply(405, "text/plain;charset=UTF-8", Map.of("Allow", "GET, POST, DELETE"), "");
            };
        } catch (RestMessages.BadRequest e) {
            return RestMessages.Reply.of(400, String.valueOf(e.getMessage()));
        } catch (InvalidSelectorException e) {
            return RestMessages.Reply.of(400, "invalid selector: " + e.getMessage());
        } catch (JMSException e) {
            LOG.debug("the REST message API failed", e);
            return RestMessages.Reply.of(500, "Could not reach the broker: " + ActiveMqInstance.describe(e));
        }
    }

    private RestMessages.Reply post(RestMessages.Call call) throws JMSException {
        String clientId = call.parameter("clientId");
        if ("unsubscribe".equals(call.parameter("action")) && clientId != null) {
            RestMessages.WebClient client;
            synchronized (this) {
                client = this.clients.remove(clientId);
            }

            if (client != null) {
                client.close();
            }

            return RestMessages.Reply.of(200, "");
        } else {
            Destination destination = destination(call);
            String text = call.parameter("body");
            if (text == null) {
                text = call.rawBody();
            }

            boolean persistent = true;
            String mode = call.parameter("JMSDeliveryMode");
            if (mode != null) {
                persistent = mode.trim().equalsIgnoreCase("persistent");
            }

            int priority = (int) number(call, "JMSPriority", 4L, 0L, 9L);
            long timeToLive = number(call, "JMSTimeToLive", 0L, 0L, Long.MAX_VALUE);
            Session session = this.connection().createSession(false, 1);

            try {
                TextMessage message = session.createTextMessage(text);
                headers(call, message);
                MessageProducer producer = session.createProducer(destination);
                producer.send(message, persistent ? 2 : 1, priority, timeToLive);
                return new RestMessages.Reply(
                        200,
                        "text/plain;charset=UTF-8",
                        Map.of("messageID", message.getJMSMessageID()),
                        "Message sent");
            } finally {
                session.close();
            }
        }
    }

    private static void headers(RestMessages.Call call, TextMessage message) throws JMSException {
        String correlationId = call.parameter("JMSCorrelationID");
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }

        String type = call.parameter("JMSType");
        if (type != null) {
            message.setJMSType(type);
        }

        String replyTo = call.parameter("JMSReplyTo");
        if (replyTo != null) {
            message.setJMSReplyTo(ActiveMQDestination.createDestination(replyTo, (byte) 1));
        }

        for (Entry<String, List<String>> parameter : call.parameters().entrySet()) {
            if (!NOT_PROPERTIES.contains(parameter.getKey())
                    && parameter.getValue().size() == 1) {
                try {
                    message.setStringProperty(
                            parameter.getKey(), parameter.getValue().get(0));
                } catch (IllegalArgumentException | JMSException e) {
                    throw new RestMessages.BadRequest("invalid property name: " + parameter.getKey());
                }
            }
        }
    }

    private RestMessages.Reply receive(RestMessages.Call call) throws JMSException {
        Destination destination = destination(call);
        long timeoutMillis = number(call, "readTimeout", -1L, Long.MIN_VALUE, Long.MAX_VALUE);
        if (timeoutMillis < 0L || timeoutMillis > READ_TIMEOUT_MAX.toMillis()) {
            timeoutMillis = READ_TIMEOUT_MAX.toMillis();
        }

        boolean oneShot = "true".equalsIgnoreCase(call.parameter("oneShot"));
        String clientId = call.parameter("clientId");
        if (!this.receives.tryAcquire()) {
            return RestMessages.Reply.of(503, "too many receives are waiting; at most 8");
        }

        try {
            Message message;
            if (clientId == null) {
                Session session = this.connection().createSession(false, 1);

                try {
                    message = receive(session.createConsumer(destination, call.selector()), timeoutMillis);
                } finally {
                    session.close();
                }
            } else {
                RestMessages.WebClient client = this.client(clientId);
                if (!client.lock.tryLock()) {
                    return RestMessages.Reply.of(409, "Concurrent access to consumer is not supported");
                }

                try {
                    message = receive(client.consumer(destination, call.selector()), timeoutMillis);
                    if (oneShot) {
                        client.closeConsumer(destination);
                    }
                } finally {
                    client.lock.unlock();
                }
            }

            return message == null ? new RestMessages.Reply(204, null, Map.of(), "") : reply(call, message);
        } finally {
            this.receives.release();
        }
    }

    private static @Nullable Message receive(MessageConsumer consumer, long timeoutMillis) throws JMSException {
        return timeoutMillis == 0L ? consumer.receiveNoWait() : consumer.receive(timeoutMillis);
    }

    private static RestMessages.Reply reply(RestMessages.Call call, Message message) throws JMSException {
        String text = null;
        if (message instanceof TextMessage textMessage) {
            text = textMessage.getText();
        } else if (message instanceof ObjectMessage) {
            text = "";
        }

        String body = text == null ? "" : text;
        if (body.startsWith("<?")) {
            int end = body.indexOf("?>");
            body = end < 0 ? body : body.substring(end + 2);
        }

        String contentType;
        if ("true".equalsIgnoreCase(call.parameter("xml"))) {
            contentType = "application/xml";
        } else if ("true".equalsIgnoreCase(call.parameter("json"))) {
            contentType = "application/json";
        } else {
            contentType = text != null && text.startsWith("<") ? "application/xml" : "text/plain";
        }

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache, no-store, must-revalidate");
        headers.put("Pragma", "no-cache");
        headers.put("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        headers.put("destination", headerValue(String.valueOf(message.getJMSDestination())));
        headers.put("id", headerValue(message.getJMSMessageID()));
        Iterator<?> names = message.getPropertyNames().asIterator();

        while (names.hasNext()) {
            String name = (String) names.next();
            Object value = message.getObjectProperty(name);
            if (value != null && !headers.containsKey(name)) {
                headers.put(name, headerValue(value.toString()));
            }
        }

        return new RestMessages.Reply(200, contentType + ";charset=UTF-8", headers, body);
    }

    private static String headerValue(String value) {
        StringBuilder out = new StringBuilder(value.length());

        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= ' ' && c != 127 ? c : ' ');
        }

        return out.toString();
    }

    private static Destination destination(RestMessages.Call call) {
        String name = call.parameter("destination");
        if (name == null || name.isEmpty()) {
            name = call.pathDestination().replace('/', '.');
        }

        if (name.isEmpty()) {
            throw new RestMessages.BadRequest(
                    "no destination is given: name it in the path, /api/message/NAME?type=queue");
        }

        boolean topic;
        if (name.startsWith("topic://")) {
            topic = true;
        } else if (!name.startsWith("queue://") && !name.startsWith("channel://")) {
            String type = call.parameter("type");
            topic = type == null || type.toLowerCase(Locale.ROOT).equals("topic");
        } else {
            topic = false;
        }

        int scheme = name.indexOf("://");
        if (scheme >= 0) {
            name = name.substring(scheme + 3);
        }

        if (name.isEmpty()) {
            throw new RestMessages.BadRequest("no destination is given");
        } else {
            return (Destination) (topic ? new ActiveMQTopic(name) : new ActiveMQQueue(name));
        }
    }

    private static long number(RestMessages.Call call, String name, long absent, long min, long max) {
        String text = call.parameter(name);
        if (text == null) {
            return absent;
        }

        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            } else {
                throw new RestMessages.BadRequest(name + " must be between " + min + " and " + max + ": " + text);
            }
        } catch (NumberFormatException e) {
            throw new RestMessages.BadRequest(name + " is not a number: " + text);
        }
    }

    private synchronized Connection connection() throws JMSException {
        if (this.closed) {
            throw new JMSException("the web console is stopping");
        }

        Connection open = this.connection;
        if (open == null) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(this.brokerUri);
            factory.setWatchTopicAdvisories(false);
            factory.setSendTimeout((int) READ_TIMEOUT_MAX.toMillis());
            factory.setCloseTimeout(5000);
            factory.setConnectResponseTimeout(10000);
            ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
            prefetch.setQueuePrefetch(0);
            prefetch.setTopicPrefetch(TOPIC_PREFETCH);
            factory.setPrefetchPolicy(prefetch);
            open = factory.createConnection(this.username, this.password);
            open.setExceptionListener(e -> this.resetOnFailure());
            open.start();
            this.connection = open;
        }

        return open;
    }

    private synchronized RestMessages.WebClient client(String clientId) throws JMSException {
        long now = System.nanoTime();
        List<RestMessages.WebClient> idle = new ArrayList<>();
        Iterator<RestMessages.WebClient> i = this.clients.values().iterator();

        while (i.hasNext()) {
            RestMessages.WebClient client = i.next();
            if ((now - client.usedNanos > CLIENT_IDLE_MAX.toNanos() || this.clients.size() >= 64)
                    && !client.lock.isLocked()) {
                idle.add(client);
                i.remove();
            }
        }

        idle.forEach(RestMessages.WebClient::close);
        RestMessages.WebClient client = this.clients.get(clientId);
        if (client == null) {
            if (this.clients.size() >= 64) {
                throw new RestMessages.BadRequest("this console keeps at most 64 clients");
            }

            client = new RestMessages.WebClient(this.connection().createSession(false, 1));
            this.clients.put(clientId, client);
        }

        client.usedNanos = now;
        return client;
    }

    private void resetOnFailure() {
        List<RestMessages.WebClient> dropped;
        Connection failed;
        synchronized (this) {
            dropped = List.copyOf(this.clients.values());
            this.clients.clear();
            failed = this.connection;
            this.connection = null;
        }

        dropped.forEach(RestMessages.WebClient::close);
        closeQuietly(failed);
    }

    @Override
    public void close() {
        synchronized (this) {
            this.closed = true;
        }

        this.resetOnFailure();
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debug("the web console's connection did not close", e);
            }
        }
    }

    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    record Call(
            String method,
            String pathDestination,
            Map<String, List<String>> parameters,
            @Nullable String selector,
            @Nullable String rawBody) {
        @Nullable
        String parameter(String name) {
            List<String> values = this.parameters.get(name);
            return values != null && !values.isEmpty() ? values.get(0) : null;
        }
    }

    record Reply(int status, @Nullable String contentType, Map<String, String> headers, String body) {
        static RestMessages.Reply of(int status, String text) {
            return new RestMessages.Reply(status, "text/plain;charset=UTF-8", Map.of(), text);
        }
    }

    private static final class WebClient {
        final ReentrantLock lock = new ReentrantLock();
        final Session session;
        final Map<Destination, MessageConsumer> consumers = new LinkedHashMap<>();
        long usedNanos;

        WebClient(Session session) {
            this.session = session;
        }

        MessageConsumer consumer(Destination destination, @Nullable String selector) throws JMSException {
            MessageConsumer consumer = this.consumers.get(destination);
            if (consumer == null) {
                if (this.consumers.size() >= 64) {
                    throw new RestMessages.BadRequest("a client keeps at most 64 consumers");
                }

                consumer = this.session.createConsumer(destination, selector);
                this.consumers.put(destination, consumer);
            }

            return consumer;
        }

        void closeConsumer(Destination destination) throws JMSException {
            MessageConsumer consumer = this.consumers.remove(destination);
            if (consumer != null) {
                consumer.close();
            }
        }

        void close() {
            try {
                if (this.lock.tryLock(1L, TimeUnit.SECONDS)) {
                    this.lock.unlock();
                }

                this.session.close();
            } catch (JMSException e) {
                RestMessages.LOG.debug("a web client's session did not close", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
