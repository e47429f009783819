package dev.wharf.kcl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.kinesis.worker.metric.OperatingRange;
import software.amazon.kinesis.worker.metric.WorkerMetric;
import software.amazon.kinesis.worker.metric.WorkerMetricType;

/**
 * A CPU worker metric whose utilization, 0 to 100, is whatever a file holds: the KCL finds no platform metric off
 * EC2, ECS and EKS, and a test needs to make one worker look loaded to see the KCL 3.x assignment move its leases.
 */
final class FileWorkerMetric implements WorkerMetric {

    private final Path file;

    FileWorkerMetric(Path file) {
        this.file = file;
    }

    @Override
    public String getShortName() {
        return WorkerMetricType.CPU.getShortName();
    }

    @Override
    public WorkerMetricValue capture() {
        try {
            return WorkerMetricValue.builder()
                    .value(Double.parseDouble(Files.readString(file).trim()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OperatingRange getOperatingRange() {
        return OperatingRange.builder().maxUtilization(100).build();
    }

    @Override
    public WorkerMetricType getWorkerMetricType() {
        return WorkerMetricType.CPU;
    }
}
