package dev.wharf.kinesis.http;

import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DescribeLimitsRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.DisableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListStreamsRequest;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.MergeShardsRequest;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.RemoveTagsFromStreamRequest;
import dev.wharf.kinesis.api.SplitShardRequest;
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
    }
}
