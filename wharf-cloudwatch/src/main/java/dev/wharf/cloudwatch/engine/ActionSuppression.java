package dev.wharf.cloudwatch.engine;

import org.jspecify.annotations.Nullable;

/**
 * Decides when a composite alarm with an {@code ActionsSuppressor} holds back its actions, as the user guide's "Alarm
 * suppression" describes it: while the suppressor is in ALARM; for {@code ActionsSuppressorWaitPeriod} seconds after
 * the composite alarm enters ALARM, waiting for the suppressor to follow; and for {@code
 * ActionsSuppressorExtensionPeriod} seconds after the suppressor leaves ALARM. When a wait or an extension ends, the
 * held actions run if no later transition replaced them.
 */
final class ActionSuppression {

    static final String WAIT_PERIOD = "WaitPeriod";
    static final String EXTENSION_PERIOD = "ExtensionPeriod";
    static final String ALARM = "Alarm";

    /** What to do now: the suppression to keep (null: none), and the old state of a transition whose actions run. */
    record Step(
            Alarm.@Nullable Suppression suppression,
            @Nullable String runOldState) {}

    private ActionSuppression() {}

    /** At a transition of {@code alarm} (already in its new state) from {@code oldState}. */
    static Step onTransition(Alarm alarm, String oldState, boolean suppressorInAlarm, long nowMillis) {
        if (alarm.actionsSuppressor() == null) {
            return new Step(null, oldState);
        }
        if (suppressorInAlarm) {
            return new Step(new Alarm.Suppression(ALARM, 0, oldState), null);
        }
        if (alarm.stateValue().equals(Alarm.ALARM)) {
            return period(WAIT_PERIOD, seconds(alarm.actionsSuppressorWaitPeriod()), oldState, nowMillis);
        }
        return new Step(null, oldState);
    }

    /** Between transitions: how a held suppression moves on with the suppressor's state and time. */
    static Step onRound(Alarm alarm, Alarm.Suppression held, boolean suppressorInAlarm, long nowMillis) {
        if (suppressorInAlarm) {
            return new Step(held.by().equals(ALARM) ? held : new Alarm.Suppression(ALARM, 0, held.oldState()), null);
        }
        if (held.by().equals(ALARM)) {
            return period(
                    EXTENSION_PERIOD, seconds(alarm.actionsSuppressorExtensionPeriod()), held.oldState(), nowMillis);
        }
        return nowMillis >= held.untilMillis() ? new Step(null, held.oldState()) : new Step(held, null);
    }

    private static Step period(String by, long seconds, String oldState, long nowMillis) {
        if (seconds <= 0) {
            return new Step(null, oldState);
        }
        return new Step(new Alarm.Suppression(by, nowMillis + seconds * 1_000, oldState), null);
    }

    private static long seconds(@Nullable Integer seconds) {
        return seconds == null ? 0 : seconds;
    }

    /** ActionsSuppressedReason: AWS's recorded text for a wait period, in the same form for the others. */
    static String reason(Alarm.Suppression held) {
        return "Actions suppressed by " + held.by();
    }
}
