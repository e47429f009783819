package dev.wharf.kinesis.http;

import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DescribeLimitsRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListStreamsRequest;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.MergeShardsRequest;
import dev.wharf.kinesis.api.RemoveTagsFromStreamRequest;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.engine.KinesisEngine;

/** The table from Kinesis's operation names to the engine's methods. */
final class KinesisOperations {

    private KinesisOperations() {}

    static void bind(KinesisEngine engine, KinesisBinding binding) {
        binding.bind("CreateStream", CreateStreamRequest.class, engine::createStream);
        binding.bind("DeleteStream", DeleteStreamRequest.class, engine::deleteStream);
        binding.bind("DescribeStream", DescribeStreamRequest.class, engine::describeStream);
        binding.bind("DescribeStreamSummary", DescribeStreamSummaryRequest.class, engine::describeStreamSummary);
        binding.bind("ListStreams", ListStreamsRequest.class, engine::listStreams);
        binding.bind("ListShards", ListShardsRequest.class, engine::listShards);
        binding.bind(
                "IncreaseStreamRetentionPeriod",
                IncreaseStreamRetentionPeriodRequest.class,
                engine::increaseStreamRetentionPeriod);
        binding.bind(
                "DecreaseStreamRetentionPeriod",
                DecreaseStreamRetentionPeriodRequest.class,
                engine::decreaseStreamRetentionPeriod);
        binding.bind("AddTagsToStream", AddTagsToStreamRequest.class, engine::addTagsToStream);
        binding.bind("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, engine::removeTagsFromStream);
        binding.bind("ListTagsForStream", ListTagsForStreamRequest.class, engine::listTagsForStream);
        binding.bind("DescribeLimits", DescribeLimitsRequest.class, engine::describeLimits);
        binding.bind("SplitShard", SplitShardRequest.class, engine::splitShard);
        binding.bind("MergeShards", MergeShardsRequest.class, engine::mergeShards);
    }
}
