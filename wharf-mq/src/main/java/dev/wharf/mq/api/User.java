package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's User shape, as the model names its members. */
public record User(
        @Nullable Boolean consoleAccess,
        @Nullable List<String> groups,
        @Nullable String password,
        @Nullable String username,
        @Nullable Boolean replicationUser) {}
