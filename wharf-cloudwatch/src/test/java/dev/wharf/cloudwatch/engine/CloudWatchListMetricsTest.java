package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.DimensionFilter;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.ListMetricsResponse;
import dev.wharf.cloudwatch.api.Metric;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CloudWatchListMetricsTest {

    static final CloudWatchContext CONTEXT = CloudWatchMetricsTest.CONTEXT;

    final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    final CloudWatchEngine engine =
            new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, new MemoryStorageEngine().metrics());

    void put(CloudWatchContext context, String namespace, String name, Dimension... dimensions) {
        engine.putMetricData(
                context,
                new PutMetricDataRequest(
                        namespace,
                        List.of(new MetricDatum(name, List.of(dimensions), null, 1.0, null, null, null, null, null)),
                        null,
                        null));
    }

    ListMetricsResponse list(
            @Nullable String namespace,
            @Nullable String name,
            @Nullable List<DimensionFilter> filters,
            @Nullable String token,
            @Nullable String recentlyActive) {
        return engine.listMetrics(
                CONTEXT, new ListMetricsRequest(namespace, name, filters, token, recentlyActive, null, null));
    }

    static List<String> names(ListMetricsResponse response) {
        return Objects.requireNonNull(response.metrics()).stream()
                .map(metric -> metric.namespace() + "/" + metric.metricName() + metric.dimensions())
                .toList();
    }

    @Test
    void listMetricsFiltersByNamespaceNameAndDimensions() {
        put(CONTEXT, "Shop", "Orders", new Dimension("Region", "eu"), new Dimension("Tier", "gold"));
        put(CONTEXT, "Shop", "Orders", new Dimension("Region", "us"));
        put(CONTEXT, "Shop", "Refunds");
        put(CONTEXT, "Mail", "Orders");
        put(new CloudWatchContext("111111111111", "us-east-1"), "Shop", "Orders");

        assertThat(names(list(null, null, null, null, null))).hasSize(4);
        assertThat(names(list("Shop", "Orders", null, null, null))).hasSize(2);
        assertThat(names(list(null, null, List.of(new DimensionFilter("Region", null)), null, null)))
                .hasSize(2);
        List<Metric> eu =
                Objects.requireNonNull(list(null, null, List.of(new DimensionFilter("Region", "eu")), null, null)
                        .metrics());
        assertThat(eu).singleElement().satisfies(metric -> assertThat(metric.dimensions())
                .containsExactly(new Dimension("Region", "eu"), new Dimension("Tier", "gold")));
    }

    @Test
    void listMetricsKeepsTwoWeeksAndRecentlyActiveThreeHours() {
        put(CONTEXT, "Shop", "Old");
        clock.advance(Duration.ofHours(4));
        put(CONTEXT, "Shop", "New");

        assertThat(names(list(null, null, null, null, null))).hasSize(2);
        assertThat(names(list(null, null, null, null, "PT3H"))).containsExactly("Shop/New[]");
        clock.advance(Duration.ofDays(14));
        assertThat(names(list(null, null, null, null, null))).containsExactly("Shop/New[]");
        assertThatThrownBy(() -> list(null, null, null, null, "PT1H"))
                .satisfies(
                        e -> assertThat(((AwsException) e).code().queryCode()).isEqualTo("ValidationError"));
    }

    @Test
    void listMetricsPagesFiveHundredAtATime() {
        for (int i = 0; i < 1_001; i++) {
            put(CONTEXT, "Many", String.format("m%04d", i));
        }
        List<String> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ListMetricsResponse page = list("Many", null, null, token, null);
            all.addAll(names(page));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(1_001).doesNotHaveDuplicates();
        assertThatThrownBy(() -> list(null, null, null, "garbage", null))
                .satisfies(
                        e -> assertThat(((AwsException) e).code().queryCode()).isEqualTo("InvalidNextToken"));
    }
}
