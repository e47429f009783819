"""Messages on a standard queue through boto3 (which checks the MD5s it is sent back) against a running Wharf."""
import threading
import time
import uuid

import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT


@pytest.fixture
def queue(sqs):
    return sqs.create_queue(QueueName=f"m-{uuid.uuid4().hex[:10]}")["QueueUrl"]


def test_send_receive_delete_with_attributes(sqs, queue):
    sent = sqs.send_message(
        QueueUrl=queue,
        MessageBody="héllo",
        MessageAttributes={
            "s": {"DataType": "String", "StringValue": "x"},
            "n": {"DataType": "Number", "StringValue": "1.5"},
            "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
        },
        MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-abc"}},
    )
    assert "MD5OfMessageAttributes" in sent and "MD5OfMessageSystemAttributes" in sent
    received = sqs.receive_message(
        QueueUrl=queue, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"], WaitTimeSeconds=1
    )["Messages"]
    assert len(received) == 1
    message = received[0]
    assert message["Body"] == "héllo"
    assert message["MessageId"] == sent["MessageId"]
    assert message["MessageAttributes"]["b"]["BinaryValue"] == b"\x00\x01"
    assert message["Attributes"]["AWSTraceHeader"] == "Root=1-abc"
    assert message["Attributes"]["SenderId"]
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    assert "Messages" not in sqs.receive_message(QueueUrl=queue)


def test_batches_and_counters(sqs, queue):
    result = sqs.send_message_batch(
        QueueUrl=queue, Entries=[{"Id": f"e{i}", "MessageBody": f"body {i}"} for i in range(10)]
    )
    assert len(result["Successful"]) == 10
    attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "10"
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 10
    changed = sqs.change_message_visibility_batch(
        QueueUrl=queue,
        Entries=[{"Id": "v", "ReceiptHandle": messages[0]["ReceiptHandle"], "VisibilityTimeout": 0}],
    )
    assert [entry["Id"] for entry in changed["Successful"]] == ["v"]
    deleted = sqs.delete_message_batch(
        QueueUrl=queue, Entries=[{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)]
    )
    assert len(deleted["Successful"]) == 10
    attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "0"
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0"


def test_repeated_batch_ids_are_rejected(sqs, queue):
    with pytest.raises(ClientError) as error:
        sqs.send_message_batch(
            QueueUrl=queue, Entries=[{"Id": "same", "MessageBody": "1"}, {"Id": "same", "MessageBody": "2"}]
        )
    assert error.value.response["Error"]["Code"] == "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"


def test_long_poll_wakes_on_send(sqs, queue):
    def later():
        time.sleep(0.5)
        sqs.send_message(QueueUrl=queue, MessageBody="wake")

    threading.Thread(target=later).start()
    started = time.monotonic()
    messages = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=20)["Messages"]
    assert messages[0]["Body"] == "wake"
    assert time.monotonic() - started < 10


def test_max_number_of_messages_range(sqs, queue):
    with pytest.raises(ClientError) as error:
        sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=11)
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert error.value.response["Error"]["Message"] == (
        "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
    )


def test_prefix_filter_takes_what_comes_before_the_wildcard(sqs, queue):
    text = {"DataType": "String", "StringValue": "v"}
    sqs.send_message(QueueUrl=queue, MessageBody="p", MessageAttributes={"Hello": text, "Help.Me": text, "General": text})
    message = sqs.receive_message(QueueUrl=queue, MessageAttributeNames=["Hel.*"], WaitTimeSeconds=1)["Messages"][0]
    assert sorted(message["MessageAttributes"]) == ["Hello", "Help.Me"]


def test_number_attributes_are_bounded(sqs, queue):
    with pytest.raises(ClientError) as error:
        sqs.send_message(
            QueueUrl=queue, MessageBody="n", MessageAttributes={"a": {"DataType": "Number", "StringValue": "1e400"}}
        )
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert "outside the range of a Number" in error.value.response["Error"]["Message"]


def test_empty_batch_is_an_empty_batch_request(sqs, queue):
    with pytest.raises(ClientError) as error:
        sqs.send_message_batch(QueueUrl=queue, Entries=[])
    assert error.value.response["Error"]["Code"] == "AWS.SimpleQueueService.EmptyBatchRequest"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
