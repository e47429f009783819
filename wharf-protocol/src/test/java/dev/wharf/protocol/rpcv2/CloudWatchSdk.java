package dev.wharf.protocol.rpcv2;

import dev.wharf.protocol.cbor.CapturingHttpClient;
import dev.wharf.protocol.cbor.OfflineSdk;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch's model read from the SDK v2's classes, an SDK client over a {@link CapturingHttpClient}, and the calls of
 * the golden requests, which the client sends in Smithy RPC v2 CBOR.
 */
final class CloudWatchSdk {

    static final String SERVICE_NAME = "GraniteServiceVersion20100801";
    static final SdkModelReader.Service SERVICE = new SdkModelReader.Service(
                    "com.amazonaws.cloudwatch#" + SERVICE_NAME, "monitoring", true)
            .withoutOutput(Set.of("PutMetricData"));
    static final ServiceModel MODEL = SdkModelReader.read(SERVICE, CloudWatchClient.class);

    /** The instant the golden requests carry, to the millisecond. */
    static final Instant AT = Instant.parse("2026-12-01T12:34:56.789Z");

    /** A whole second, which the SDK still writes as a double of seconds. */
    static final Instant WHOLE = Instant.ofEpochSecond(1_796_000_000);

    private static final Dimension SERVICE_DIMENSION =
            Dimension.builder().name("Service").value("checkout").build();

    /** The golden requests: each names its resource file under {@code rpcv2/} and the SDK call that sends it. */
    enum Golden {
        PUT_METRIC_DATA(
                "PutMetricData",
                sdk -> sdk.putMetricData(b -> b.namespace("App")
                        .metricData(
                                MetricDatum.builder()
                                        .metricName("Latency")
                                        .dimensions(SERVICE_DIMENSION)
                                        .timestamp(AT)
                                        .values(1.0, 2.5, 0.1)
                                        .counts(3.0, 1.0, 2.0)
                                        .unit(StandardUnit.MILLISECONDS)
                                        .storageResolution(1)
                                        .build(),
                                MetricDatum.builder()
                                        .metricName("Orders")
                                        .timestamp(WHOLE)
                                        .statisticValues(s -> s.sampleCount(4.0)
                                                .sum(10.5)
                                                .minimum(1.0)
                                                .maximum(5.0))
                                        .unit(StandardUnit.COUNT)
                                        .build(),
                                MetricDatum.builder()
                                        .metricName("Errors")
                                        .value(Double.NaN)
                                        .build()))),
        GET_METRIC_STATISTICS(
                "GetMetricStatistics",
                sdk -> sdk.getMetricStatistics(b -> b.namespace("App")
                        .metricName("Latency")
                        .dimensions(SERVICE_DIMENSION)
                        .startTime(WHOLE)
                        .endTime(AT)
                        .period(60)
                        .statistics(Statistic.AVERAGE, Statistic.MAXIMUM)
                        .extendedStatistics("p99", "p99.9")
                        .unit(StandardUnit.MILLISECONDS))),
        GET_METRIC_DATA(
                "GetMetricData",
                sdk -> sdk.getMetricData(b -> b.metricDataQueries(
                                MetricDataQuery.builder()
                                        .id("m1")
                                        .metricStat(s -> s.metric(m -> m.namespace("App")
                                                        .metricName("Latency")
                                                        .dimensions(SERVICE_DIMENSION))
                                                .period(300)
                                                .stat("Average"))
                                        .returnData(false)
                                        .build(),
                                MetricDataQuery.builder()
                                        .id("e1")
                                        .expression("m1 * 2")
                                        .label("Doubled")
                                        .build())
                        .startTime(WHOLE)
                        .endTime(AT)
                        .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                        .maxDatapoints(100)
                        .labelOptions(l -> l.timezone("+0130")))),
        DESCRIBE_ALARMS("DescribeAlarms", CloudWatchClient::describeAlarms);

        final String operation;
        final Consumer<CloudWatchClient> call;

        Golden(String operation, Consumer<CloudWatchClient> call) {
            this.operation = operation;
            this.call = call;
        }

        String resource() {
            return "rpcv2/cloudwatch-" + operation + ".request.hex";
        }

        /** The stored body: the bytes that the SDK sent when the file was captured. */
        byte[] bytes() throws IOException {
            return OfflineSdk.hexResource(resource());
        }

        Operation modelOperation() {
            return operation(operation);
        }
    }

    private CloudWatchSdk() {}

    static Operation operation(String name) {
        return Objects.requireNonNull(MODEL.operation(name), name);
    }

    /** A client with static credentials and no retries, so that one call is one request. */
    static CloudWatchClient client(CapturingHttpClient http) {
        return OfflineSdk.client(CloudWatchClient.builder(), http);
    }
}
