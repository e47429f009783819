package dev.wharf.kinesis.http;

import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.DeleteResourcePolicyRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DeregisterStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeAccountSettingsRequest;
import dev.wharf.kinesis.api.DescribeLimitsRequest;
import dev.wharf.kinesis.api.DescribeStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.DisableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetResourcePolicyRequest;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListStreamConsumersRequest;
import dev.wharf.kinesis.api.ListStreamsRequest;
import dev.wharf.kinesis.api.ListTagsForResourceRequest;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.MergeShardsRequest;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutResourcePolicyRequest;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.RemoveTagsFromStreamRequest;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.StartStreamEncryptionRequest;
import dev.wharf.kinesis.api.StopStreamEncryptionRequest;
import dev.wharf.kinesis.api.TagResourceRequest;
import dev.wharf.kinesis.api.UntagResourceRequest;
import dev.wharf.kinesis.api.UpdateAccountSettingsRequest;
import dev.wharf.kinesis.api.UpdateMaxRecordSizeRequest;
import dev.wharf.kinesis.api.UpdateShardCountRequest;
import dev.wharf.kinesis.api.UpdateStreamModeRequest;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputRequest;
import dev.wharf.kinesis.engine.KinesisEngine;
import java.util.Map;

/** The table from Kinesis's operation names to the engine's methods. */
final class KinesisOperations {

    private KinesisOperations() {}

    static void bind(KinesisEngine engine, KinesisBinding binding, Map<String, KinesisBinding.Handler<?>> table) {
        binding.bind(table, "CreateStream", CreateStreamRequest.class, engine::createStream);
        binding.bind(table, "DeleteStream", DeleteStreamRequest.class, engine::deleteStream);
        binding.bind(table, "DescribeStream", DescribeStreamRequest.class, engine::describeStream);
        binding.bind(table, "DescribeStreamSummary", DescribeStreamSummaryRequest.class, engine::describeStreamSummary);
        binding.bind(table, "ListStreams", ListStreamsRequest.class, engine::listStreams);
        binding.bind(table, "ListShards", ListShardsRequest.class, engine::listShards);
        binding.bind(
                table,
                "IncreaseStreamRetentionPeriod",
                IncreaseStreamRetentionPeriodRequest.class,
                engine::increaseStreamRetentionPeriod);
        binding.bind(
                table,
                "DecreaseStreamRetentionPeriod",
                DecreaseStreamRetentionPeriodRequest.class,
                engine::decreaseStreamRetentionPeriod);
        binding.bind(table, "AddTagsToStream", AddTagsToStreamRequest.class, engine::addTagsToStream);
        binding.bind(table, "RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, engine::removeTagsFromStream);
        binding.bind(table, "ListTagsForStream", ListTagsForStreamRequest.class, engine::listTagsForStream);
        binding.bind(table, "DescribeLimits", DescribeLimitsRequest.class, engine::describeLimits);
        binding.bind(
                table,
                "EnableEnhancedMonitoring",
                EnableEnhancedMonitoringRequest.class,
                engine::enableEnhancedMonitoring);
        binding.bind(
                table,
                "DisableEnhancedMonitoring",
                DisableEnhancedMonitoringRequest.class,
                engine::disableEnhancedMonitoring);
        binding.bind(table, "SplitShard", SplitShardRequest.class, engine::splitShard);
        binding.bind(table, "MergeShards", MergeShardsRequest.class, engine::mergeShards);
        binding.bind(table, "PutRecord", PutRecordRequest.class, engine::putRecord);
        binding.bind(table, "PutRecords", PutRecordsRequest.class, engine::putRecords);
        binding.bind(table, "GetShardIterator", GetShardIteratorRequest.class, engine::getShardIterator);
        binding.bind(table, "GetRecords", GetRecordsRequest.class, engine::getRecords);
        bindControlPlane(engine, binding, table);
    }

    /** The control plane's newer actions: capacity, encryption, consumers, resource tags and policies, the account. */
    private static void bindControlPlane(
            KinesisEngine engine, KinesisBinding binding, Map<String, KinesisBinding.Handler<?>> table) {
        binding.bind(table, "UpdateShardCount", UpdateShardCountRequest.class, engine::updateShardCount);
        binding.bind(table, "UpdateStreamMode", UpdateStreamModeRequest.class, engine::updateStreamMode);
        binding.bind(table, "StartStreamEncryption", StartStreamEncryptionRequest.class, engine::startStreamEncryption);
        binding.bind(table, "StopStreamEncryption", StopStreamEncryptionRequest.class, engine::stopStreamEncryption);
        binding.bind(
                table,
                "UpdateStreamWarmThroughput",
                UpdateStreamWarmThroughputRequest.class,
                engine::updateStreamWarmThroughput);
        binding.bind(table, "UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class, engine::updateMaxRecordSize);
        binding.bind(
                table, "RegisterStreamConsumer", RegisterStreamConsumerRequest.class, engine::registerStreamConsumer);
        binding.bind(
                table, "DescribeStreamConsumer", DescribeStreamConsumerRequest.class, engine::describeStreamConsumer);
        binding.bind(table, "ListStreamConsumers", ListStreamConsumersRequest.class, engine::listStreamConsumers);
        binding.bind(
                table,
                "DeregisterStreamConsumer",
                DeregisterStreamConsumerRequest.class,
                engine::deregisterStreamConsumer);
        binding.bind(table, "TagResource", TagResourceRequest.class, engine::tagResource);
        binding.bind(table, "UntagResource", UntagResourceRequest.class, engine::untagResource);
        binding.bind(table, "ListTagsForResource", ListTagsForResourceRequest.class, engine::listTagsForResource);
        binding.bind(table, "PutResourcePolicy", PutResourcePolicyRequest.class, engine::putResourcePolicy);
        binding.bind(table, "GetResourcePolicy", GetResourcePolicyRequest.class, engine::getResourcePolicy);
        binding.bind(table, "DeleteResourcePolicy", DeleteResourcePolicyRequest.class, engine::deleteResourcePolicy);
        binding.bind(
                table,
                "DescribeAccountSettings",
                DescribeAccountSettingsRequest.class,
                engine::describeAccountSettings);
        binding.bind(table, "UpdateAccountSettings", UpdateAccountSettingsRequest.class, engine::updateAccountSettings);
    }
}
