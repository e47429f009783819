package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.KclWorkerProcess.Kcl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The real KCL 3.x ({@code wharf-kcl-worker}) on Wharf: the shared scenarios, with enhanced fan-out (the default)
 * and polling, and the KCL 3.x lease assignment by worker metrics, which it keeps in the lease table.
 */
class Kcl3IT extends KclScenarios {

    Kcl3IT() {
        super(Kcl.V3, "kcl3-app");
    }

    /** Each worker reports a CPU utilization read from its own file, which the test sets. */
    @Override
    Map<String, String> workerSettings(String name) {
        Path metric = metricFile(name);
        if (!Files.exists(metric)) {
            setUtilization(name, 30);
        }
        return Map.of("metricFile", metric.toString());
    }

    @Test
    @Order(5)
    void leasesMoveOffAWorkerWhoseMetricsShowItLoaded() {
        await("worker metrics in the lease table")
                .atMost(Duration.ofSeconds(20))
                .until(() -> tableItems().stream()
                        .filter(item -> item.containsKey("entityType")
                                && item.get("entityType").s().equals("WORKER_METRIC_STATS"))
                        .map(item -> item.get("leaseKey").s())
                        .toList()
                        .containsAll(workers().keySet()));
        setUtilization("w2", 95);
        setUtilization("w3", 5);
        await("the loaded worker w2 gives leases to w3")
                .atMost(Duration.ofSeconds(45))
                .until(() -> count(leaseOwners().values(), "w3")
                        > count(leaseOwners().values(), "w2"));
        assertThat(leaseOwners().values()).contains("w3");
    }

    private static long count(Collection<String> owners, String worker) {
        return owners.stream().filter(worker::equals).count();
    }

    private Path metricFile(String name) {
        return dir().resolve(name + ".metric");
    }

    private void setUtilization(String name, int percent) {
        try {
            Path tmp = dir().resolve(name + ".metric.tmp");
            Files.writeString(tmp, Integer.toString(percent));
            Files.move(tmp, metricFile(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
