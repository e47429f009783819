package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cloudwatch.api.AlarmHistoryItem;
import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.DeleteAlarmsRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmHistoryRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsForMetricRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsResponse;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.DisableAlarmActionsRequest;
import dev.wharf.cloudwatch.api.ListTagsForResourceRequest;
import dev.wharf.cloudwatch.api.MetricAlarm;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.PutCompositeAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.cloudwatch.api.SetAlarmStateRequest;
import dev.wharf.cloudwatch.api.Tag;
import dev.wharf.cloudwatch.api.TagResourceRequest;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.common.TestClock;
import dev.wharf.sns.api.TopicPublishPort;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.MetricStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CloudWatchAlarmsTest {

    static final CloudWatchContext CONTEXT = CloudWatchMetricsTest.CONTEXT;
    static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:alerts";
    static final Dimension QUEUE = new Dimension("QueueName", "jobs");

    record Published(String account, String topic, @Nullable String subject, String message) {}

    final List<Published> published = new ArrayList<>();
    final TopicPublishPort sns = (account, topic, subject, message) -> {
        if (topic.endsWith(":missing")) {
            throw CommonError.INVALID_PARAMETER_VALUE.with("Topic does not exist");
        }
        published.add(new Published(account, topic, subject, message));
        return "id-" + published.size();
    };
    final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:30Z"));
    final MetricStore store = new MemoryStorageEngine().metrics();
    CloudWatchEngine engine = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store, sns);

    static PutMetricAlarmRequest alarm(
            String name, int evaluationPeriods, @Nullable Integer datapoints, @Nullable String missing) {
        return metricAlarm(
                name,
                List.of(TOPIC),
                "Backlog",
                List.of(QUEUE),
                "Maximum",
                null,
                evaluationPeriods,
                datapoints,
                missing,
                null);
    }

    /** An alarm on a metric of App above a threshold of 100, over periods of a minute. */
    static PutMetricAlarmRequest metricAlarm(
            String name,
            List<String> alarmActions,
            String metricName,
            List<Dimension> dimensions,
            @Nullable String statistic,
            @Nullable String extendedStatistic,
            int evaluationPeriods,
            @Nullable Integer datapoints,
            @Nullable String missing,
            @Nullable String lowSampleCount) {
        return new PutMetricAlarmRequest(
                name,
                alarmActions.isEmpty() ? null : "backlog",
                true,
                List.of(),
                alarmActions,
                List.of(),
                metricName,
                "App",
                statistic,
                extendedStatistic,
                dimensions,
                60,
                null,
                evaluationPeriods,
                datapoints,
                100.0,
                "GreaterThanThreshold",
                missing,
                lowSampleCount,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Puts a value into the minute that has just ended, then moves to the next minute and evaluates. */
    void minuteOf(@Nullable Double value) {
        if (value != null) {
            engine.putMetricData(
                    CONTEXT,
                    new PutMetricDataRequest(
                            "App",
                            List.of(new MetricDatum(
                                    "Backlog", List.of(QUEUE), clock.instant(), value, null, null, null, null, null)),
                            null,
                            null));
        }
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateAlarms();
    }

    MetricAlarm describe(String name) {
        DescribeAlarmsResponse response = engine.describeAlarms(
                CONTEXT, new DescribeAlarmsRequest(List.of(name), null, null, null, null, null, null, null, null));
        return Objects.requireNonNull(response.metricAlarms()).getFirst();
    }

    static String code(Throwable e) {
        return ((AwsException) e).code().queryCode();
    }

    @Test
    void anAlarmMovesThroughItsStatesAndNotifiesItsTopic() throws Exception {
        engine.putMetricAlarm(CONTEXT, alarm("deep", 1, null, null));
        MetricAlarm created = describe("deep");
        assertThat(created.stateValue()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(created.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(created.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:deep");

        minuteOf(150.0);
        MetricAlarm alarmed = describe("deep");
        assertThat(alarmed.stateValue()).isEqualTo("ALARM");
        assertThat(alarmed.stateReason())
                .isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [150.0 (01/12/26 10:00:00)] was greater"
                        + " than the threshold (100.0) (minimum 1 datapoint for OK -> ALARM transition).");
        JsonNode data = new ObjectMapper().readTree(alarmed.stateReasonData());
        assertThat(data.path("recentDatapoints").get(0).asDouble()).isEqualTo(150.0);
        assertThat(data.path("statistic").asText()).isEqualTo("Maximum");

        assertThat(published).singleElement().satisfies(notification -> {
            assertThat(notification.topic()).isEqualTo(TOPIC);
            assertThat(notification.subject()).isEqualTo("ALARM: \"deep\" in US East (N. Virginia)");
            JsonNode message = new ObjectMapper().readTree(notification.message());
            assertThat(message.path("AlarmName").asText()).isEqualTo("deep");
            assertThat(message.path("NewStateValue").asText()).isEqualTo("ALARM");
            assertThat(message.path("OldStateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
            assertThat(message.path("AWSAccountId").asText()).isEqualTo("000000000000");
            assertThat(message.path("Trigger").path("MetricName").asText()).isEqualTo("Backlog");
            assertThat(message.path("Trigger").path("Statistic").asText()).isEqualTo("MAXIMUM");
            assertThat(message.path("Trigger")
                            .path("Dimensions")
                            .get(0)
                            .path("value")
                            .asText())
                    .isEqualTo("jobs");
            assertThat(message.path("Trigger").path("Threshold").asDouble()).isEqualTo(100.0);
        });

        minuteOf(20.0);
        assertThat(describe("deep").stateValue()).isEqualTo("OK");
        assertThat(describe("deep").stateReason())
                .isEqualTo("Threshold Crossed: 1 datapoint [20.0 (01/12/26 10:01:00)] was not greater than the"
                        + " threshold (100.0).");
        assertThat(published).as("OK has no actions").hasSize(1);

        minuteOf(null);
        assertThat(describe("deep").stateValue()).isEqualTo("INSUFFICIENT_DATA");
    }

    @Test
    void mOutOfNNeedsMBreachingDatapoints() {
        engine.putMetricAlarm(CONTEXT, alarm("two-of-three", 3, 2, null));
        minuteOf(150.0);
        minuteOf(20.0);
        assertThat(describe("two-of-three").stateValue()).isEqualTo("OK");
        minuteOf(150.0);
        assertThat(describe("two-of-three").stateValue()).isEqualTo("ALARM");
        minuteOf(20.0);
        minuteOf(20.0);
        assertThat(describe("two-of-three").stateValue()).isEqualTo("OK");
    }

    @Test
    void missingDataIsTreatedAsTheAlarmSays() {
        engine.putMetricAlarm(CONTEXT, alarm("breaching", 1, null, "breaching"));
        engine.putMetricAlarm(CONTEXT, alarm("not-breaching", 1, null, "notBreaching"));
        engine.putMetricAlarm(CONTEXT, alarm("ignore", 1, null, "ignore"));
        engine.putMetricAlarm(CONTEXT, alarm("missing", 1, null, "missing"));

        minuteOf(null);

        assertThat(describe("breaching").stateValue()).isEqualTo("ALARM");
        assertThat(describe("not-breaching").stateValue()).isEqualTo("OK");
        assertThat(describe("ignore").stateValue()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(describe("missing").stateValue()).isEqualTo("INSUFFICIENT_DATA");
        minuteOf(150.0);
        minuteOf(null);
        assertThat(describe("ignore").stateValue()).as("ignore keeps the state").isEqualTo("ALARM");
        assertThat(describe("missing").stateValue()).isEqualTo("INSUFFICIENT_DATA");
    }

    @Test
    void setAlarmStateRunsActionsAndIsRecordedInTheHistory() {
        engine.putMetricAlarm(CONTEXT, alarm("manual", 1, null, null));
        engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("manual", "ALARM", "testing", "{\"a\":1}"));

        assertThat(describe("manual").stateValue()).isEqualTo("ALARM");
        assertThat(describe("manual").stateReason()).isEqualTo("testing");
        assertThat(published).hasSize(1);
        List<AlarmHistoryItem> history = Objects.requireNonNull(engine.describeAlarmHistory(
                        CONTEXT,
                        new DescribeAlarmHistoryRequest(
                                "manual", null, null, null, null, null, null, null, "TimestampAscending"))
                .alarmHistoryItems());
        assertThat(history)
                .extracting(AlarmHistoryItem::historyItemType, AlarmHistoryItem::historySummary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ConfigurationUpdate", "Alarm \"manual\" created"),
                        org.assertj.core.groups.Tuple.tuple(
                                "StateUpdate", "Alarm updated from INSUFFICIENT_DATA to ALARM"),
                        org.assertj.core.groups.Tuple.tuple("Action", "Successfully executed action " + TOPIC));

        assertThatThrownBy(
                        () -> engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("manual", "OK", "x", "not json")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidFormat"));
        assertThatThrownBy(() -> engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("nope", "OK", "x", null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ResourceNotFound"));
        assertThatThrownBy(() -> engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("manual", "RED", "x", null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void disabledActionsAndFailedActionsAreKeptApart() {
        engine.putMetricAlarm(CONTEXT, alarm("quiet", 1, null, null));
        engine.disableAlarmActions(CONTEXT, new DisableAlarmActionsRequest(List.of("quiet")));
        engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("quiet", "ALARM", "x", null));
        assertThat(published).isEmpty();
        assertThat(describe("quiet").actionsEnabled()).isFalse();

        PutMetricAlarmRequest broken = new PutMetricAlarmRequest(
                "broken",
                null,
                true,
                null,
                List.of("arn:aws:sns:us-east-1:000000000000:missing"),
                null,
                "Backlog",
                "App",
                "Sum",
                null,
                null,
                60,
                null,
                1,
                null,
                1.0,
                "GreaterThanThreshold",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        engine.putMetricAlarm(CONTEXT, broken);
        engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("broken", "ALARM", "x", null));
        List<AlarmHistoryItem> actions = Objects.requireNonNull(engine.describeAlarmHistory(
                        CONTEXT,
                        new DescribeAlarmHistoryRequest("broken", null, null, "Action", null, null, null, null, null))
                .alarmHistoryItems());
        assertThat(actions)
                .singleElement()
                .extracting(AlarmHistoryItem::historySummary)
                .asString()
                .startsWith("Failed to execute action arn:aws:sns:us-east-1:000000000000:missing.");
    }

    @Test
    void describeFiltersAndPages() {
        for (int i = 0; i < 7; i++) {
            engine.putMetricAlarm(CONTEXT, alarm("a" + i, 1, null, null));
        }
        engine.setAlarmState(CONTEXT, new SetAlarmStateRequest("a3", "OK", "x", null));

        List<String> names = new ArrayList<>();
        String token = null;
        do {
            DescribeAlarmsResponse page = engine.describeAlarms(
                    CONTEXT, new DescribeAlarmsRequest(null, "a", null, null, null, null, null, 3, token));
            Objects.requireNonNull(page.metricAlarms()).forEach(alarm -> names.add(alarm.alarmName()));
            token = page.nextToken();
        } while (token != null);
        assertThat(names).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6");
        assertThat(engine.describeAlarms(
                                CONTEXT,
                                new DescribeAlarmsRequest(null, null, null, null, null, "OK", null, null, null))
                        .metricAlarms())
                .extracting(MetricAlarm::alarmName)
                .containsExactly("a3");
        assertThat(engine.describeAlarms(
                                CONTEXT,
                                new DescribeAlarmsRequest(
                                        null, null, null, null, null, null, "arn:aws:sns:", null, null))
                        .metricAlarms())
                .hasSize(7);
        assertThat(engine.describeAlarmsForMetric(
                                CONTEXT,
                                new DescribeAlarmsForMetricRequest(
                                        "Backlog", "App", "Maximum", null, List.of(QUEUE), null, null))
                        .metricAlarms())
                .hasSize(7);
        engine.deleteAlarms(CONTEXT, new DeleteAlarmsRequest(List.of("a0", "a1", "never-was")));
        assertThat(engine.describeAlarms(
                                CONTEXT,
                                new DescribeAlarmsRequest(null, null, null, null, null, null, null, null, null))
                        .metricAlarms())
                .hasSize(5);
    }

    @Test
    void aCompositeAlarmFollowsItsRule() {
        engine.putMetricAlarm(CONTEXT, alarm("deep", 1, null, "notBreaching"));
        engine.putMetricAlarm(CONTEXT, alarm("old", 1, null, "notBreaching"));
        putComposite("ALARM(\"deep\") AND NOT OK(old)", null, null, null);

        minuteOf(150.0);
        assertThat(composite("both").stateValue())
                .as("old's metric is the same as deep's, so both are in ALARM")
                .isEqualTo("ALARM");
        assertThat(engine.describeAlarms(
                                CONTEXT,
                                new DescribeAlarmsRequest(
                                        null, null, List.of("MetricAlarm"), "both", null, null, null, null, null))
                        .metricAlarms())
                .extracting(MetricAlarm::alarmName)
                .containsExactly("deep", "old");

        assertThatThrownBy(() -> engine.putCompositeAlarm(
                        CONTEXT,
                        new PutCompositeAlarmRequest(
                                null, null, null, "bad", "ALARM(deep) AND", null, null, null, null, null, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void putMetricAlarmRefusesWhatAwsRefuses() {
        assertThatThrownBy(() -> engine.putMetricAlarm(CONTEXT, alarm("x", 0, null, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> engine.putMetricAlarm(CONTEXT, alarm("x", 2, 3, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> engine.putMetricAlarm(CONTEXT, alarm("x", 1, null, "sometimes")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> engine.putMetricAlarm(CONTEXT, alarm("x", 1_441, null, null)))
                .hasMessageContaining("cannot exceed one day");
    }

    @Test
    void alarmsAndTheirTagsSurviveARestart() {
        engine.putMetricAlarm(CONTEXT, alarm("kept", 1, null, null));
        String arn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:kept";
        engine.tagResource(CONTEXT, new TagResourceRequest(arn, List.of(new Tag("team", "ops"))));
        minuteOf(150.0);

        engine = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store, sns);

        assertThat(describe("kept").stateValue()).isEqualTo("ALARM");
        assertThat(engine.listTagsForResource(CONTEXT, new ListTagsForResourceRequest(arn))
                        .tags())
                .containsExactly(new Tag("team", "ops"));
        assertThatThrownBy(() -> engine.listTagsForResource(CONTEXT, new ListTagsForResourceRequest(arn + "-nope")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ResourceNotFoundException"));
    }

    static PutMetricAlarmRequest percentileAlarm(String name, String percentile, @Nullable String lowSampleCount) {
        return metricAlarm(name, List.of(), "Backlog", List.of(QUEUE), null, percentile, 1, null, null, lowSampleCount);
    }

    /** Puts {@code count} samples of a value into the minute that has just ended, then evaluates at the next. */
    void minuteOfSamples(double value, double count) {
        engine.putMetricData(
                CONTEXT,
                new PutMetricDataRequest(
                        "App",
                        List.of(new MetricDatum(
                                "Backlog",
                                List.of(QUEUE),
                                clock.instant(),
                                null,
                                null,
                                List.of(value),
                                List.of(count),
                                null,
                                null)),
                        null,
                        null));
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateAlarms();
    }

    List<AlarmHistoryItem> stateUpdates(String name) {
        return Objects.requireNonNull(engine.describeAlarmHistory(
                        CONTEXT,
                        new DescribeAlarmHistoryRequest(name, null, null, "StateUpdate", null, null, null, null, null))
                .alarmHistoryItems());
    }

    @Test
    void aPercentileAlarmThatIgnoresLowSampleCountsKeepsItsStateUntilAPeriodHasEnoughSamples() {
        engine.putMetricAlarm(CONTEXT, percentileAlarm("ignoring", "p90", "ignore"));
        engine.putMetricAlarm(CONTEXT, percentileAlarm("evaluating", "p90", "evaluate"));
        engine.putMetricAlarm(CONTEXT, percentileAlarm("default", "p90", null));

        minuteOfSamples(150.0, 99);
        assertThat(describe("ignoring").stateValue())
                .as("p90 needs 10 / (1 - 0.9) = 100 samples a period")
                .isEqualTo("INSUFFICIENT_DATA");
        assertThat(stateUpdates("ignoring")).as("no change, no history item").isEmpty();
        assertThat(describe("evaluating").stateValue()).isEqualTo("ALARM");
        assertThat(describe("default").stateValue()).isEqualTo("ALARM");

        minuteOfSamples(150.0, 100);
        assertThat(describe("ignoring").stateValue()).isEqualTo("ALARM");

        minuteOfSamples(50.0, 3);
        assertThat(describe("ignoring").stateValue())
                .as("a thin period keeps ALARM")
                .isEqualTo("ALARM");
        assertThat(describe("evaluating").stateValue()).isEqualTo("OK");
        assertThat(stateUpdates("ignoring")).hasSize(1);
    }

    @Test
    void theLowSampleBoundFollowsThePercentile() {
        Alarm p10 = AlarmRules.metricAlarm(CONTEXT, percentileAlarm("x", "p10", "ignore"), null, 0);
        assertThat(AlarmEvaluator.minimumSamples(p10)).as("10 / 0.1").isEqualTo(100);
        assertThat(AlarmEvaluator.minimumSamples(
                        AlarmRules.metricAlarm(CONTEXT, percentileAlarm("y", "p90", "ignore"), null, 0)))
                .isEqualTo(100);
        assertThat(AlarmEvaluator.minimumSamples(
                        AlarmRules.metricAlarm(CONTEXT, percentileAlarm("z", "p90", null), null, 0)))
                .isZero();
        assertThat(AlarmEvaluator.minimumSamples(AlarmRules.metricAlarm(CONTEXT, alarm("m", 1, null, null), null, 0)))
                .as("not a percentile")
                .isZero();
        assertThatThrownBy(() -> engine.putMetricAlarm(CONTEXT, percentileAlarm("bad", "p90", "sometimes")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"))
                .hasMessage("Option sometimes is not supported. Supported options for parameter"
                        + " EvaluateLowSampleCountPercentile are evaluate and ignore.");
    }

    /** A metric alarm on its own metric, that keeps the state SetAlarmState gives it while the metric has no data. */
    void putSuppressor(String name) {
        engine.putMetricAlarm(
                CONTEXT,
                metricAlarm(name, List.of(), "Maintenance", List.of(), "Maximum", null, 1, null, "ignore", null));
    }

    void putSuppressedComposite(@Nullable String suppressor, @Nullable Integer wait, @Nullable Integer extension) {
        putComposite("ALARM(deep)", suppressor, wait, extension);
    }

    /** The composite alarm both, which notifies TOPIC when it enters ALARM. */
    void putComposite(String rule, @Nullable String suppressor, @Nullable Integer wait, @Nullable Integer extension) {
        engine.putCompositeAlarm(
                CONTEXT,
                new PutCompositeAlarmRequest(
                        true, List.of(TOPIC), null, "both", rule, null, null, null, suppressor, wait, extension));
    }

    dev.wharf.cloudwatch.api.CompositeAlarm composite(String name) {
        DescribeAlarmsResponse response = engine.describeAlarms(
                CONTEXT,
                new DescribeAlarmsRequest(
                        List.of(name), null, List.of("CompositeAlarm"), null, null, null, null, null, null));
        return Objects.requireNonNull(response.compositeAlarms()).getFirst();
    }

    long compositeNotifications() {
        return published.stream()
                .filter(p -> Objects.requireNonNull(p.subject()).contains("\"both\""))
                .count();
    }

    void setState(String name, String state) {
        engine.setAlarmState(CONTEXT, new SetAlarmStateRequest(name, state, "test", null));
    }

    void waitAndEvaluate(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        engine.evaluateAlarms();
    }

    /**
     * Puts deep ("ignore" keeps it, and so the composite, in ALARM while time passes without data), the suppressor
     * maint, and the composite both on deep with a wait of 120 s and an extension of 180 s; then deep enters ALARM.
     */
    void enterAlarmSuppressedBy(String suppressor) {
        engine.putMetricAlarm(CONTEXT, alarm("deep", 1, null, "ignore"));
        putSuppressor("maint");
        putSuppressedComposite(suppressor, 120, 180);
        minuteOf(150.0);
    }

    @Test
    void aWaitPeriodThatEndsWithoutTheSuppressorAlarmingRunsTheActions() {
        enterAlarmSuppressedBy("maint");
        assertThat(composite("both").actionsSuppressor()).isEqualTo("maint");
        assertThat(composite("both").actionsSuppressorWaitPeriod()).isEqualTo(120);
        assertThat(composite("both").actionsSuppressorExtensionPeriod()).isEqualTo(180);
        assertThat(composite("both").stateValue()).isEqualTo("ALARM");
        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("WaitPeriod");
        assertThat(composite("both").actionsSuppressedReason()).isEqualTo("Actions suppressed by WaitPeriod");
        assertThat(compositeNotifications()).isZero();

        waitAndEvaluate(119);
        assertThat(compositeNotifications()).isZero();
        waitAndEvaluate(1);
        assertThat(compositeNotifications()).as("120 s after entering ALARM").isEqualTo(1);
        assertThat(composite("both").actionsSuppressedBy()).isNull();
        assertThat(composite("both").actionsSuppressedReason()).isNull();
        waitAndEvaluate(300);
        assertThat(compositeNotifications()).as("once").isEqualTo(1);
    }

    @Test
    void aSuppressorAlarmingWithinTheWaitSuppressesUntilItsExtensionEnds() {
        enterAlarmSuppressedBy("arn:aws:cloudwatch:us-east-1:000000000000:alarm:maint");
        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("WaitPeriod");
        setState("maint", "ALARM");
        waitAndEvaluate(30);
        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("Alarm");
        waitAndEvaluate(600);
        assertThat(compositeNotifications())
                .as("no wait period ends while the suppressor is in ALARM")
                .isZero();

        setState("maint", "OK");
        waitAndEvaluate(5);
        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("ExtensionPeriod");
        waitAndEvaluate(175);
        assertThat(compositeNotifications()).isZero();
        waitAndEvaluate(5);
        assertThat(compositeNotifications())
                .as("180 s after the suppressor left ALARM")
                .isEqualTo(1);
        assertThat(composite("both").actionsSuppressedBy()).isNull();
    }

    @Test
    void aSuppressorInAlarmSuppressesFromTheStartAndALaterTransitionReplacesHeldActions() {
        engine.putMetricAlarm(CONTEXT, alarm("deep", 1, null, "notBreaching"));
        putSuppressor("maint");
        putSuppressedComposite("maint", 60, 60);
        setState("maint", "ALARM");

        minuteOf(150.0);
        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("Alarm");
        minuteOf(null);
        assertThat(composite("both").stateValue()).isEqualTo("OK");
        assertThat(composite("both").actionsSuppressedBy())
                .as("the OK transition's actions are held too")
                .isEqualTo("Alarm");
        setState("maint", "OK");
        waitAndEvaluate(5);
        waitAndEvaluate(60);
        assertThat(composite("both").actionsSuppressedBy()).isNull();
        assertThat(compositeNotifications())
                .as("the composite has no OK actions")
                .isZero();

        minuteOf(150.0);
        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("WaitPeriod");
        minuteOf(null);
        assertThat(composite("both").actionsSuppressedBy())
                .as("leaving ALARM within the wait drops the held ALARM actions")
                .isNull();
        waitAndEvaluate(600);
        assertThat(compositeNotifications()).isZero();
    }

    @Test
    void aSuppressedCompositeSurvivesARestart() {
        enterAlarmSuppressedBy("maint");

        engine = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store, sns);

        assertThat(composite("both").actionsSuppressedBy()).isEqualTo("WaitPeriod");
        waitAndEvaluate(120);
        assertThat(compositeNotifications()).isEqualTo(1);
    }

    @Test
    void putCompositeAlarmRefusesAnIncompleteSuppressor() {
        assertThatThrownBy(() -> putSuppressedComposite("maint", null, 60))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"))
                .hasMessage("The parameter ActionsSuppressorWaitPeriod is required.");
        assertThatThrownBy(() -> putSuppressedComposite("maint", 60, null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"))
                .hasMessage("The parameter ActionsSuppressorExtensionPeriod is required.");
        assertThatThrownBy(() -> putSuppressedComposite(null, 60, 60))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> putSuppressedComposite("maint", -1, 60))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> putSuppressedComposite("", 60, 60))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }
}
