package dev.wharf.mq.engine.broker;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.jaas.GroupPrincipal;
import org.apache.activemq.security.AuthorizationMap;
import org.jspecify.annotations.Nullable;

final class WebConsoleAuthorizationMap implements AuthorizationMap {
    static final String GROUP = "activemq-webconsole";
    private static final GroupPrincipal WEB_CONSOLE = new GroupPrincipal("activemq-webconsole");
    private final AuthorizationMap map;

    WebConsoleAuthorizationMap(AuthorizationMap map) {
        this.map = map;
    }

    @Override
    public Set<?> getTempDestinationAdminACLs() {
        return withWebConsole(this.map.getTempDestinationAdminACLs());
    }

    @Override
    public Set<?> getTempDestinationReadACLs() {
        return withWebConsole(this.map.getTempDestinationReadACLs());
    }

    @Override
    public Set<?> getTempDestinationWriteACLs() {
        return withWebConsole(this.map.getTempDestinationWriteACLs());
    }

    @Override
    public Set<?> getAdminACLs(ActiveMQDestination destination) {
        return withWebConsole(this.map.getAdminACLs(destination));
    }

    @Override
    public Set<?> getReadACLs(ActiveMQDestination destination) {
        return withWebConsole(this.map.getReadACLs(destination));
    }

    @Override
    public Set<?> getWriteACLs(ActiveMQDestination destination) {
        return withWebConsole(this.map.getWriteACLs(destination));
    }

    private static Set<?> withWebConsole(@Nullable Set<?> allowed) {
        Set<Object> groups = allowed == null ? new HashSet<>() : new HashSet<>((Collection<? extends Object>) allowed);
        groups.add(WEB_CONSOLE);
        return groups;
    }
}
