"""SNS through boto3 (which speaks SNS's Query protocol) against a running Wharf: topics, fan-out to SQS, errors."""
import json
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT


@pytest.fixture(scope="module")
def sns():
    return boto3.client(
        "sns",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def queue_arn(sqs, url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def test_a_publish_fans_out_to_every_subscribed_queue(sns, sqs):
    name = "py-" + uuid.uuid4().hex[:8]
    topic = sns.create_topic(Name=name)["TopicArn"]
    assert topic == f"arn:aws:sns:us-east-1:000000000000:{name}"
    urls = [sqs.create_queue(QueueName=f"{name}-{i}")["QueueUrl"] for i in range(2)]
    for url in urls:
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn(sqs, url))

    message_id = sns.publish(TopicArn=topic, Message="hi", Subject="s")["MessageId"]

    for url in urls:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        assert len(messages) == 1
        envelope = json.loads(messages[0]["Body"])
        assert envelope["Type"] == "Notification"
        assert envelope["MessageId"] == message_id
        assert envelope["Message"] == "hi"
        assert envelope["Subject"] == "s"


def test_list_topics_and_tags(sns):
    name = "py-tags-" + uuid.uuid4().hex[:8]
    topic = sns.create_topic(Name=name, Tags=[{"Key": "k", "Value": "v"}])["TopicArn"]
    arns = [t["TopicArn"] for page in sns.get_paginator("list_topics").paginate() for t in page["Topics"]]
    assert topic in arns
    sns.tag_resource(ResourceArn=topic, Tags=[{"Key": "k2", "Value": "v2"}])
    tags = sns.list_tags_for_resource(ResourceArn=topic)["Tags"]
    assert {t["Key"]: t["Value"] for t in tags} == {"k": "v", "k2": "v2"}
    sns.untag_resource(ResourceArn=topic, TagKeys=["k"])
    assert sns.list_tags_for_resource(ResourceArn=topic)["Tags"] == [{"Key": "k2", "Value": "v2"}]


def test_a_missing_topic_is_not_found(sns):
    with pytest.raises(ClientError) as error:
        sns.get_topic_attributes(TopicArn="arn:aws:sns:us-east-1:000000000000:nothing-here")
    assert error.value.response["Error"]["Code"] == "NotFound"
    assert error.value.response["Error"]["Message"] == "Topic does not exist"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_a_message_structure_without_default_is_invalid(sns):
    topic = sns.create_topic(Name="py-structure")["TopicArn"]
    with pytest.raises(ClientError) as error:
        sns.publish(TopicArn=topic, MessageStructure="json", Message=json.dumps({"sqs": "x"}))
    assert error.value.response["Error"]["Code"] == "InvalidParameter"
    assert "No default entry in JSON message body" in error.value.response["Error"]["Message"]


def test_a_structured_message_delivers_the_sqs_entry(sns, sqs):
    topic = sns.create_topic(Name="py-structured")["TopicArn"]
    url = sqs.create_queue(QueueName="py-structured-q")["QueueUrl"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn(sqs, url),
        Attributes={"RawMessageDelivery": "true"},
    )
    sns.publish(TopicArn=topic, MessageStructure="json", Message=json.dumps({"default": "d", "sqs": "for-sqs"}))
    messages = sqs.receive_message(QueueUrl=url).get("Messages", [])
    assert [m["Body"] for m in messages] == ["for-sqs"]
