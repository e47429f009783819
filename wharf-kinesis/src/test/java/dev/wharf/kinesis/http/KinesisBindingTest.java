package dev.wharf.kinesis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.kinesis.engine.KinesisConfig;
import dev.wharf.kinesis.engine.KinesisEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The operation table binds only operations of Kinesis's model, by their model names. */
class KinesisBindingTest {

    @Test
    void everyBoundOperationIsOneOfTheModels() {
        KinesisBinding binding = new KinesisBinding(
                new KinesisEngine(Clock.systemUTC(), KinesisConfig.DEFAULT, new MemoryStorageEngine().streams()),
                "us-east-1");
        assertThat(binding.model().operations().keySet()).containsAll(binding.boundOperations());
        assertThat(binding.boundOperations())
                .contains(
                        "UpdateShardCount",
                        "UpdateStreamMode",
                        "StartStreamEncryption",
                        "StopStreamEncryption",
                        "PutResourcePolicy",
                        "GetResourcePolicy",
                        "DeleteResourcePolicy",
                        "TagResource",
                        "UntagResource",
                        "ListTagsForResource",
                        "DescribeAccountSettings",
                        "UpdateAccountSettings",
                        "UpdateStreamWarmThroughput",
                        "UpdateMaxRecordSize",
                        "RegisterStreamConsumer",
                        "DescribeStreamConsumer",
                        "ListStreamConsumers",
                        "DeregisterStreamConsumer");
    }
}
