"""Kinesis through boto3, which speaks its JSON 1.1 protocol, against a running Wharf: streams, waiters, errors."""
import datetime
import uuid

import boto3
import pytest
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
