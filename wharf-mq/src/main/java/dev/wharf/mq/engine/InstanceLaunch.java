package dev.wharf.mq.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** What one broker instance is started with: its folders, ports, TLS, users, configuration and memory limits. */
public record InstanceLaunch(
        String brokerName,
        String instanceName,
        Path storeDirectory,
        Path workDirectory,
        String host,
        InstanceLaunch.Ports ports,
        @Nullable SSLContext tls,
        List<InstanceLaunch.Login> users,
        @Nullable String configurationXml,
        InstanceLaunch.Limits limits) {
    /** The broker's memory, store and temp usage limits, in bytes. */
    public record Limits(long memoryBytes, long storeBytes, long tempBytes) {}

    /** A user as the broker checks it. */
    public record Login(String username, String password, Set<String> groups, boolean consoleAccess) {}

    /** The instance's ports, one per transport and the console's. */
    public record Ports(int openWire, int amqp, int stomp, int mqtt, int webSocket, int console) {}
}
