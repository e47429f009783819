package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of PutCompositeAlarm. */
public record PutCompositeAlarmRequest(
        @Nullable Boolean actionsEnabled,
        @Nullable List<String> alarmActions,
        @Nullable String alarmDescription,
        @Nullable String alarmName,
        @Nullable String alarmRule,
        @Nullable List<String> insufficientDataActions,
        @Nullable List<String> oKActions,
        @Nullable List<Tag> tags,
        @Nullable String actionsSuppressor,
        @Nullable Integer actionsSuppressorWaitPeriod,
        @Nullable Integer actionsSuppressorExtensionPeriod) {}
