package dev.wharf.kcl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * The KCL 3.x settings beyond 2.x's: the lease assignment, worker metrics and leader election intervals, shortened
 * as the 2.x ones are, and a worker metric read from a file when KclIT asks for one. {@code KclWorker} calls it by
 * reflection, so that the KCL 2.x worker, built from the same sources without this class, never loads it.
 */
public final class Kcl3Settings {

    private Kcl3Settings() {}

    public static void apply(LeaseManagementConfig leases, CoordinatorConfig coordinator, Map<String, String> arg) {
        leases.leaseAssignmentIntervalMillis(1_000L)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(leases.failoverTimeMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(leases.failoverTimeMillis() / 3);
        LeaseManagementConfig.WorkerUtilizationAwareAssignmentConfig assignment =
                leases.workerUtilizationAwareAssignmentConfig()
                        .inMemoryWorkerMetricsCaptureFrequencyMillis(200)
                        .workerMetricsReporterFreqInMillis(1_000);
        String metricFile = arg.get("metricFile");
        if (metricFile != null) {
            assignment.workerMetricList(List.of(new FileWorkerMetric(Path.of(metricFile))));
        }
    }
}
