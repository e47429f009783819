package dev.wharf.firehose.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.engine.FirehoseConfig;
import dev.wharf.firehose.engine.FirehoseEngine;
import dev.wharf.s3.engine.S3Engine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The operation table binds every operation of Firehose's model, by its model name, and nothing else. */
class FirehoseBindingTest {

    @Test
    void everyOperationOfTheModelIsBound() {
        MemoryStorageEngine storage = new MemoryStorageEngine();
        try (FirehoseEngine engine = new FirehoseEngine(
                storage.deliveryStreams(),
                new S3Engine(storage.objects(), Clock.systemUTC()),
                Clock.systemUTC(),
                FirehoseConfig.DEFAULT,
                "us-east-1")) {
            FirehoseBinding binding = new FirehoseBinding(() -> engine, "us-east-1");
            assertThat(binding.boundOperations())
                    .containsExactlyInAnyOrderElementsOf(
                            binding.model().operations().keySet());
            assertThat(binding.boundOperations()).hasSize(12);
        }
    }
}
