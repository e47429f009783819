"""Kinesis through boto3, which speaks its JSON 1.1 protocol, against a running Wharf: streams, waiters, errors."""
import datetime
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ENDPOINT


@pytest.fixture(scope="module")
def kinesis():
    return boto3.client(
        "kinesis",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def wait(kinesis, waiter, name):
    kinesis.get_waiter(waiter).wait(StreamName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})


def test_a_stream_is_created_described_and_deleted_through_the_waiters(kinesis):
    name = "py-" + uuid.uuid4().hex[:8]
    kinesis.create_stream(StreamName=name, ShardCount=2)
    # AWS answers the empty list of a CREATING stream's shards, and the empty list of enhanced metrics.
    creating = kinesis.describe_stream(StreamName=name)["StreamDescription"]
    assert creating["StreamStatus"] == "CREATING"
    assert creating["Shards"] == []
    assert creating["EnhancedMonitoring"] == [{"ShardLevelMetrics": []}]
    wait(kinesis, "stream_exists", name)

    summary = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    assert summary["StreamStatus"] == "ACTIVE"
    assert summary["OpenShardCount"] == 2
    assert summary["StreamARN"] == f"arn:aws:kinesis:us-east-1:000000000000:stream/{name}"
    # JSON 1.1 carries timestamps as epoch seconds, which botocore reads into an aware datetime.
    created = summary["StreamCreationTimestamp"]
    assert isinstance(created, datetime.datetime)
    assert abs((datetime.datetime.now(datetime.timezone.utc) - created).total_seconds()) < 120

    shards = kinesis.list_shards(StreamName=name)["Shards"]
    assert [s["ShardId"] for s in shards] == ["shardId-000000000000", "shardId-000000000001"]
    assert shards[1]["HashKeyRange"]["EndingHashKey"] == str(2**128 - 1)
    assert name in kinesis.list_streams()["StreamNames"]

    kinesis.delete_stream(StreamName=name)
    wait(kinesis, "stream_not_exists", name)


def test_errors_have_awss_codes_and_texts(kinesis):
    with pytest.raises(ClientError) as missing:
        kinesis.describe_stream_summary(StreamName="py-missing")
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert missing.value.response["Error"]["Message"] == "Stream py-missing under account 000000000000 not found."
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    with pytest.raises(ClientError) as invalid:
        kinesis.create_stream(StreamName="bad name", ShardCount=1)
    assert invalid.value.response["Error"]["Code"] == "ValidationException"
    assert invalid.value.response["Error"]["Message"].startswith(
        "1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy constraint"
    )


def test_tags_and_retention(kinesis):
    name = "py-" + uuid.uuid4().hex[:8]
    kinesis.create_stream(StreamName=name, ShardCount=1)
    wait(kinesis, "stream_exists", name)
    kinesis.add_tags_to_stream(StreamName=name, Tags={"team": "wharf", "env": "ci"})
    tags = kinesis.list_tags_for_stream(StreamName=name)["Tags"]
    assert tags == [{"Key": "env", "Value": "ci"}, {"Key": "team", "Value": "wharf"}]
    kinesis.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=48)
    assert kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["RetentionPeriodHours"] == 48
    with pytest.raises(ClientError) as shorter:
        kinesis.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=24)
    assert shorter.value.response["Error"]["Code"] == "InvalidArgumentException"


def active_stream(kinesis, shards=1):
    name = "py-" + uuid.uuid4().hex[:8]
    kinesis.create_stream(StreamName=name, ShardCount=shards)
    wait(kinesis, "stream_exists", name)
    return name


def records(kinesis, iterator):
    # Five reads a second per shard, as on AWS.
    time.sleep(0.21)
    return kinesis.get_records(ShardIterator=iterator)


def test_records_are_put_and_read_back_by_every_iterator_type(kinesis):
    name = active_stream(kinesis)
    shard = "shardId-000000000000"
    first = kinesis.put_record(StreamName=name, PartitionKey="p", Data=bytes(range(256)))
    assert first["ShardId"] == shard
    assert first["EncryptionType"] == "NONE"
    latest = kinesis.get_shard_iterator(StreamName=name, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
    # botocore sends timestamps to the second: more than a second apart keeps the first record before it.
    time.sleep(1.1)
    between = datetime.datetime.now(datetime.timezone.utc)
    batch = kinesis.put_records(
        StreamName=name, Records=[{"PartitionKey": "p", "Data": f"r{i}".encode()} for i in range(3)]
    )
    assert batch["FailedRecordCount"] == 0
    assert int(batch["Records"][0]["SequenceNumber"]) > int(first["SequenceNumber"])

    horizon = kinesis.get_shard_iterator(StreamName=name, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    page = records(kinesis, horizon["ShardIterator"])
    assert page["Records"][0]["Data"] == bytes(range(256))
    assert page["Records"][0]["PartitionKey"] == "p"
    assert isinstance(page["Records"][0]["ApproximateArrivalTimestamp"], datetime.datetime)
    assert [r["Data"] for r in page["Records"][1:]] == [b"r0", b"r1", b"r2"]
    assert page["MillisBehindLatest"] == 0
    assert [r["Data"] for r in records(kinesis, latest)["Records"]] == [b"r0", b"r1", b"r2"]

    after = kinesis.get_shard_iterator(
        StreamName=name,
        ShardId=shard,
        ShardIteratorType="AFTER_SEQUENCE_NUMBER",
        StartingSequenceNumber=batch["Records"][1]["SequenceNumber"],
    )["ShardIterator"]
    assert [r["Data"] for r in records(kinesis, after)["Records"]] == [b"r2"]
    at_time = kinesis.get_shard_iterator(
        StreamName=name, ShardId=shard, ShardIteratorType="AT_TIMESTAMP", Timestamp=between
    )["ShardIterator"]
    assert [r["Data"] for r in records(kinesis, at_time)["Records"]] == [b"r0", b"r1", b"r2"]


def test_record_errors_have_awss_codes(kinesis):
    name = active_stream(kinesis)
    with pytest.raises(ClientError) as conflict:
        kinesis.get_shard_iterator(
            StreamName=name,
            ShardId="shardId-000000000000",
            ShardIteratorType="LATEST",
            StartingSequenceNumber="1",
        )
    assert conflict.value.response["Error"]["Code"] == "InvalidArgumentException"
    assert conflict.value.response["Error"]["Message"].endswith(
        "Request specified LATEST and also a StartingSequenceNumber."
    )
    with pytest.raises(ClientError) as invalid:
        kinesis.get_records(ShardIterator="bm90IGFuIGl0ZXJhdG9y")
    assert invalid.value.response["Error"]["Code"] == "InvalidArgumentException"
    assert invalid.value.response["Error"]["Message"] == "Invalid ShardIterator."
    with pytest.raises(ClientError) as explicit:
        kinesis.put_record(StreamName=name, PartitionKey="p", Data=b"x", ExplicitHashKey=str(2**128))
    assert explicit.value.response["Error"]["Code"] == "InvalidArgumentException"


def test_a_shard_over_its_read_limit_is_throttled(kinesis):
    name = active_stream(kinesis)
    # botocore retries throttling by default; this client lets the error through.
    once = boto3.client(
        "kinesis",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}),
    )
    iterator = once.get_shard_iterator(
        StreamName=name, ShardId="shardId-000000000000", ShardIteratorType="LATEST"
    )["ShardIterator"]
    with pytest.raises(ClientError) as throttled:
        for _ in range(20):
            once.get_records(ShardIterator=iterator)
    assert throttled.value.response["Error"]["Code"] == "ProvisionedThroughputExceededException"
    assert throttled.value.response["Error"]["Message"] == (
        f"Rate exceeded for shard shardId-000000000000 in stream {name} under account 000000000000."
    )


def wait_until(check, attempts=50, delay=0.2):
    """Calls check until it returns true, as a waiter would; fails after the attempts."""
    for _ in range(attempts):
        if check():
            return
        time.sleep(delay)
    raise AssertionError("condition not reached")


def test_update_shard_count_and_shard_filters(kinesis):
    name = "py-" + uuid.uuid4().hex[:8]
    kinesis.create_stream(StreamName=name, ShardCount=1)
    wait(kinesis, "stream_exists", name)
    scaled = kinesis.update_shard_count(StreamName=name, TargetShardCount=2, ScalingType="UNIFORM_SCALING")
    assert scaled["CurrentShardCount"] == 1
    assert scaled["TargetShardCount"] == 2
    assert scaled["StreamARN"] == f"arn:aws:kinesis:us-east-1:000000000000:stream/{name}"
    wait(kinesis, "stream_exists", name)
    latest = kinesis.list_shards(StreamName=name, ShardFilter={"Type": "AT_LATEST"})["Shards"]
    assert [s["ParentShardId"] for s in latest] == ["shardId-000000000000", "shardId-000000000000"]
    assert latest[1]["HashKeyRange"]["StartingHashKey"] == str(2**127)
    horizon = kinesis.list_shards(StreamName=name, ShardFilter={"Type": "AT_TRIM_HORIZON"})["Shards"]
    assert [s["ShardId"] for s in horizon] == ["shardId-000000000000"]
    # botocore sends timestamps in whole seconds: one a little ahead is after the parent closed.
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
    timed = kinesis.list_shards(StreamName=name, ShardFilter={"Type": "FROM_TIMESTAMP", "Timestamp": later})["Shards"]
    assert [s["ShardId"] for s in timed] == ["shardId-000000000001", "shardId-000000000002"]
    with pytest.raises(ClientError) as double:
        kinesis.update_shard_count(StreamName=name, TargetShardCount=5, ScalingType="UNIFORM_SCALING")
    assert double.value.response["Error"]["Code"] == "LimitExceededException"


def test_consumers_and_resource_tags(kinesis):
    name = "py-" + uuid.uuid4().hex[:8]
    kinesis.create_stream(StreamName=name, ShardCount=1)
    wait(kinesis, "stream_exists", name)
    arn = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]
    consumer = kinesis.register_stream_consumer(StreamARN=arn, ConsumerName="py-app")["Consumer"]
    assert consumer["ConsumerStatus"] == "CREATING"
    assert isinstance(consumer["ConsumerCreationTimestamp"], datetime.datetime)
    wait_until(
        lambda: kinesis.describe_stream_consumer(ConsumerARN=consumer["ConsumerARN"])["ConsumerDescription"][
            "ConsumerStatus"
        ]
        == "ACTIVE"
    )
    listed = kinesis.list_stream_consumers(StreamARN=arn)["Consumers"]
    assert [c["ConsumerName"] for c in listed] == ["py-app"]
    kinesis.tag_resource(ResourceARN=consumer["ConsumerARN"], Tags={"team": "wharf"})
    assert kinesis.list_tags_for_resource(ResourceARN=consumer["ConsumerARN"])["Tags"] == [
        {"Key": "team", "Value": "wharf"}
    ]
    assert kinesis.get_resource_policy(ResourceARN=arn)["Policy"] == "{}"
    kinesis.put_resource_policy(ResourceARN=arn, Policy='{"Version": "2012-10-17", "Statement": []}')
    assert kinesis.get_resource_policy(ResourceARN=arn)["Policy"] == '{"Version": "2012-10-17", "Statement": []}'
    with pytest.raises(ClientError) as in_use:
        kinesis.delete_stream(StreamName=name)
    assert in_use.value.response["Error"]["Code"] == "ResourceInUseException"
    kinesis.deregister_stream_consumer(StreamARN=arn, ConsumerName="py-app")
    assert kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["ConsumerCount"] == 0
    kinesis.delete_stream(StreamName=name, EnforceConsumerDeletion=True)
    wait(kinesis, "stream_not_exists", name)


def test_encryption_mode_and_account_settings(kinesis):
    name = "py-" + uuid.uuid4().hex[:8]
    kinesis.create_stream(StreamName=name, ShardCount=1)
    wait(kinesis, "stream_exists", name)
    arn = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]
    kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
    wait(kinesis, "stream_exists", name)
    summary = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    assert summary["EncryptionType"] == "KMS"
    assert summary["KeyId"] == "alias/aws/kinesis"
    kinesis.update_stream_mode(StreamARN=arn, StreamModeDetails={"StreamMode": "ON_DEMAND"})
    wait(kinesis, "stream_exists", name)
    summary = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    assert summary["StreamModeDetails"] == {"StreamMode": "ON_DEMAND"}
    kinesis.update_max_record_size(StreamARN=arn, MaxRecordSizeInKiB=2048)
    assert kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["MaxRecordSizeInKiB"] == 2048
    settings = kinesis.describe_account_settings()
    assert settings["MinimumThroughputBillingCommitment"]["Status"] in (
        "ENABLED",
        "DISABLED",
        "ENABLED_UNTIL_EARLIEST_ALLOWED_END",
    )
    with pytest.raises(ClientError) as invalid:
        kinesis.update_account_settings(MinimumThroughputBillingCommitment={"Status": "SOMETIMES"})
    assert invalid.value.response["Error"]["Code"] == "ValidationException"


def test_subscribe_to_shard_streams_records_over_http_1_1(kinesis):
    name = active_stream(kinesis)
    arn = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]
    consumer = kinesis.register_stream_consumer(StreamARN=arn, ConsumerName="py")["Consumer"]
    for _ in range(50):
        described = kinesis.describe_stream_consumer(ConsumerARN=consumer["ConsumerARN"])
        if described["ConsumerDescription"]["ConsumerStatus"] == "ACTIVE":
            break
        time.sleep(0.1)
    kinesis.put_records(StreamName=name, Records=[{"PartitionKey": "p", "Data": f"s{i}".encode()} for i in range(5)])
    response = kinesis.subscribe_to_shard(
        ConsumerARN=consumer["ConsumerARN"],
        ShardId="shardId-000000000000",
        StartingPosition={"Type": "TRIM_HORIZON"},
    )
    received = []
    events = response["EventStream"]
    try:
        for event in events:
            shard_event = event["SubscribeToShardEvent"]
            received += [r["Data"] for r in shard_event["Records"]]
            assert shard_event["ContinuationSequenceNumber"]
            if len(received) >= 5:
                break
    finally:
        events.close()
    assert received == [b"s0", b"s1", b"s2", b"s3", b"s4"]
