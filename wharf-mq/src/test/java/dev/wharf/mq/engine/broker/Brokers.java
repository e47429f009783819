package dev.wharf.mq.engine.broker;

import static org.awaitility.Awaitility.await;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Launches of real embedded brokers on free local ports, and the users the tests log in with. */
final class Brokers {
    static final String CORE = "http://activemq.apache.org/schema/core";
    static final String PASSWORD = "admin-password-1";
    static final String READER_PASSWORD = "reader-password-1";
    static final InstanceLaunch.Login ADMIN = new InstanceLaunch.Login("admin", PASSWORD, Set.of("admins"), true);
    static final InstanceLaunch.Login READER =
            new InstanceLaunch.Login("reader", READER_PASSWORD, Set.of("readers"), false);
    static final Duration START = Duration.ofSeconds(30);

    /** Queues are read by admins and readers and written by admins only; advisories are open to both groups. */
    static final String AUTHORIZATION = "<broker xmlns=\"" + CORE + "\"><plugins><authorizationPlugin><map>"
            + "<authorizationMap><authorizationEntries>"
            + "<authorizationEntry queue=\"&gt;\" read=\"admins,readers\" write=\"admins\" admin=\"admins,readers\"/>"
            + "<authorizationEntry topic=\"&gt;\" read=\"admins,readers\" write=\"admins,readers\""
            + " admin=\"admins,readers\"/>"
            + "</authorizationEntries></authorizationMap></map></authorizationPlugin></plugins></broker>";

    private Brokers() {}

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InstanceLaunch.Ports freePorts() {
        return new InstanceLaunch.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }

    static InstanceLaunch launch(Path home, String instance, @Nullable String xml, InstanceLaunch.Login... users) {
        return launch(home.resolve("kahadb"), home.resolve(instance), freePorts(), xml, users);
    }

    static InstanceLaunch launch(
            Path store, Path work, InstanceLaunch.Ports ports, @Nullable String xml, InstanceLaunch.Login... users) {
        return new InstanceLaunch(
                "test-broker",
                work.getFileName().toString(),
                store,
                work,
                "127.0.0.1",
                ports,
                null,
                List.of(users),
                xml,
                new InstanceLaunch.Limits(64L << 20, 1L << 30, 256L << 20));
    }

    static void awaitState(BrokerInstance instance, BrokerInstance.InstanceState state) {
        await().atMost(START).until(instance::state, s -> s == state);
    }

    static String openWire(InstanceLaunch launch) {
        return "tcp://127.0.0.1:" + launch.ports().openWire();
    }
}
