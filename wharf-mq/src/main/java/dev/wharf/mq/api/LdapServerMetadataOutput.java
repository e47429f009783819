package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's LdapServerMetadataOutput shape, as the model names its members. */
public record LdapServerMetadataOutput(
        @Nullable List<String> hosts,
        @Nullable String roleBase,
        @Nullable String roleName,
        @Nullable String roleSearchMatching,
        @Nullable Boolean roleSearchSubtree,
        @Nullable String serviceAccountUsername,
        @Nullable String userBase,
        @Nullable String userRoleName,
        @Nullable String userSearchMatching,
        @Nullable Boolean userSearchSubtree) {}
