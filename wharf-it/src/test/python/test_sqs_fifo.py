"""FIFO and dead-letter queues through boto3 against a running Wharf."""
import json
import uuid

import pytest
from botocore.exceptions import ClientError


def test_fifo_order_and_deduplication(sqs):
    url = sqs.create_queue(
        QueueName=f"f-{uuid.uuid4().hex[:8]}.fifo",
        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"},
    )["QueueUrl"]
    first = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g")
    again = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g")
    assert again["MessageId"] == first["MessageId"]
    sqs.send_message(QueueUrl=url, MessageBody="two", MessageGroupId="g")
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert bodies == ["one", "two"]


def test_fifo_requires_group_id(sqs):
    url = sqs.create_queue(QueueName=f"f-{uuid.uuid4().hex[:8]}.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    with pytest.raises(ClientError) as error:
        sqs.send_message(QueueUrl=url, MessageBody="x", MessageDeduplicationId="d")
    assert error.value.response["Error"]["Code"] == "MissingParameter"


def test_dead_letter_redrive(sqs):
    dlq = sqs.create_queue(QueueName=f"dlq-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = sqs.create_queue(
        QueueName=f"src-{uuid.uuid4().hex[:8]}",
        Attributes={
            "VisibilityTimeout": "0",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}),
        },
    )["QueueUrl"]
    sqs.send_message(QueueUrl=source, MessageBody="bad")
    assert len(sqs.receive_message(QueueUrl=source)["Messages"]) == 1
    assert "Messages" not in sqs.receive_message(QueueUrl=source)
    dead = sqs.receive_message(QueueUrl=dlq, MessageSystemAttributeNames=["All"])["Messages"]
    assert dead[0]["Body"] == "bad"
    assert dead[0]["Attributes"]["DeadLetterQueueSourceArn"].endswith(source.rsplit("/", 1)[1])
