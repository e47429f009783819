package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's LdapServerMetadataInput shape, as the model names its members. */
public record LdapServerMetadataInput(
        @Nullable List<String> hosts,
        @Nullable String roleBase,
        @Nullable String roleName,
        @Nullable String roleSearchMatching,
        @Nullable Boolean roleSearchSubtree,
        @Nullable String serviceAccountPassword,
        @Nullable String serviceAccountUsername,
        @Nullable String userBase,
        @Nullable String userRoleName,
        @Nullable String userSearchMatching,
        @Nullable Boolean userSearchSubtree) {}
