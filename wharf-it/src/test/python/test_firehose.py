"""Firehose through boto3 (JSON 1.1): the control plane, its errors, and delivery into Wharf's S3 read back by boto3."""
import gzip
import re
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ENDPOINT

ROLE = "arn:aws:iam::000000000000:role/firehose"


def client(service, **extra):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        **extra,
    )


@pytest.fixture(scope="module")
def firehose():
    return client("firehose")


@pytest.fixture(scope="module")
def s3():
    return client("s3", config=Config(s3={"addressing_style": "path"}))


def active(firehose, name):
    deadline = time.time() + 10
    while time.time() < deadline:
        status = firehose.describe_delivery_stream(DeliveryStreamName=name)["DeliveryStreamDescription"][
            "DeliveryStreamStatus"]
        if status == "ACTIVE":
            return
        time.sleep(0.1)
    raise AssertionError(name + " did not become ACTIVE")


def error(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"]["Message"]


def test_streams_are_created_listed_paged_and_deleted(firehose):
    prefix = "py-" + uuid.uuid4().hex[:6]
    for suffix in ("a", "b", "c"):
        firehose.create_delivery_stream(
            DeliveryStreamName=prefix + suffix,
            ExtendedS3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::anywhere"})
    names = [n for n in firehose.list_delivery_streams(Limit=10000)["DeliveryStreamNames"] if n.startswith(prefix)]
    assert names == [prefix + "a", prefix + "b", prefix + "c"]
    page = firehose.list_delivery_streams(Limit=1, ExclusiveStartDeliveryStreamName=prefix + "a")
    assert page["DeliveryStreamNames"] == [prefix + "b"]
    assert page["HasMoreDeliveryStreams"] is True
    active(firehose, prefix + "a")
    firehose.delete_delivery_stream(DeliveryStreamName=prefix + "a")
    status = firehose.describe_delivery_stream(DeliveryStreamName=prefix + "a")["DeliveryStreamDescription"][
        "DeliveryStreamStatus"]
    assert status == "DELETING"
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            firehose.describe_delivery_stream(DeliveryStreamName=prefix + "a")
            time.sleep(0.1)
        except ClientError as gone:
            assert gone.response["Error"]["Code"] == "ResourceNotFoundException"
            break
    else:
        raise AssertionError("the deleted stream never went away")


def test_errors_have_firehose_codes(firehose):
    with pytest.raises(ClientError) as missing:
        firehose.put_record(DeliveryStreamName="py-none", Record={"Data": b"x"})
    assert error(missing) == ("ResourceNotFoundException", "Firehose py-none under account 000000000000 not found.")
    with pytest.raises(ClientError) as hints:
        firehose.create_delivery_stream(
            DeliveryStreamName="py-hints",
            ExtendedS3DestinationConfiguration={
                "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::anywhere",
                "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 901}})
    assert error(hints) == (
        "ValidationException",
        "1 validation error detected: Value '901' at "
        "'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy constraint: "
        "Member must have value less than or equal to 900")
    with pytest.raises(ClientError) as no_destination:
        firehose.create_delivery_stream(DeliveryStreamName="py-nowhere")
    assert error(no_destination)[0] == "InvalidArgumentException"


def test_records_are_delivered_into_s3_by_interval_with_a_custom_prefix(firehose, s3):
    bucket = "py-firehose-" + uuid.uuid4().hex[:6]
    s3.create_bucket(Bucket=bucket)
    name = "py-deliver-" + uuid.uuid4().hex[:6]
    firehose.create_delivery_stream(
        DeliveryStreamName=name,
        ExtendedS3DestinationConfiguration={
            "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::" + bucket,
            "Prefix": "year=!{timestamp:yyyy}/", "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
            "CompressionFormat": "GZIP", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 1}})
    active(firehose, name)
    put = firehose.put_record_batch(
        DeliveryStreamName=name, Records=[{"Data": ("line %d\n" % i).encode()} for i in range(20)])
    assert put["FailedPutCount"] == 0
    assert len({r["RecordId"] for r in put["RequestResponses"]}) == 20
    deadline = time.time() + 15
    contents = []
    while not contents and time.time() < deadline:
        time.sleep(0.2)
        contents = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    assert len(contents) == 1
    key = contents[0]["Key"]
    assert re.fullmatch(r"year=\d{4}/%s-1-\d{4}(-\d{2}){5}-[0-9a-f-]{36}\.gz" % name, key), key
    body = gzip.decompress(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).decode()
    assert body == "".join("line %d\n" % i for i in range(20))
