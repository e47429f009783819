"""Queue management through boto3 (the machine's version speaks SQS's JSON protocol) against a running Wharf."""
import uuid

import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_create_get_and_delete_queue(sqs):
    name = unique("boto")
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "40"})["QueueUrl"]
    assert url == f"{ENDPOINT}/000000000000/{name}"
    assert sqs.get_queue_url(QueueName=name)["QueueUrl"] == url
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "40"
    assert attributes["SqsManagedSseEnabled"] == "true"
    sqs.delete_queue(QueueUrl=url)
    with pytest.raises(ClientError) as error:
        sqs.get_queue_url(QueueName=name)
    assert error.value.response["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_conflicting_create_is_queue_already_exists(sqs):
    name = unique("conflict")
    sqs.create_queue(QueueName=name)
    with pytest.raises(ClientError) as error:
        sqs.create_queue(QueueName=name, Attributes={"DelaySeconds": "9"})
    assert error.value.response["Error"]["Code"] == "QueueAlreadyExists"
    assert error.value.response["Error"]["Message"] == (
        "A queue already exists with the same name and a different value for attribute DelaySeconds"
    )


def test_invalid_attribute_value(sqs):
    url = sqs.create_queue(QueueName=unique("values"))["QueueUrl"]
    with pytest.raises(ClientError) as error:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "-1"})
    assert error.value.response["Error"]["Code"] == "InvalidAttributeValue"
    assert error.value.response["Error"]["Message"] == "Invalid value for the parameter VisibilityTimeout."


def test_tags_round_trip(sqs):
    url = sqs.create_queue(QueueName=unique("tags"), tags={"a": "1"})["QueueUrl"]
    sqs.tag_queue(QueueUrl=url, Tags={"b": "2"})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"a": "1", "b": "2"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["a"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"b": "2"}


def test_list_queues_pagination(sqs):
    prefix = unique("pg")
    for i in range(3):
        sqs.create_queue(QueueName=f"{prefix}-{i}")
    first = sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2)
    assert len(first["QueueUrls"]) == 2
    second = sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2, NextToken=first["NextToken"])
    assert len(second["QueueUrls"]) == 1
    assert "NextToken" not in second


def test_bare_queue_name_names_the_callers_queue(sqs):
    name = unique("bare")
    sqs.create_queue(QueueName=name)
    sqs.send_message(QueueUrl=name, MessageBody="by name")
    messages = sqs.receive_message(QueueUrl=name, WaitTimeSeconds=1)["Messages"]
    assert [m["Body"] for m in messages] == ["by name"]


def test_add_permission_refuses_owner_only_actions(sqs):
    url = sqs.create_queue(QueueName=unique("perm"))["QueueUrl"]
    with pytest.raises(ClientError) as error:
        sqs.add_permission(QueueUrl=url, Label="l", AWSAccountIds=["111111111111"], Actions=["RemovePermission"])
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert error.value.response["Error"]["Message"] == (
        "Value SQS:RemovePermission for parameter ActionName is invalid. "
        "Reason: Only the queue owner is allowed to invoke this action."
    )


def test_fifo_queue_is_unknown_on_a_standard_queue(sqs):
    url = sqs.create_queue(QueueName=unique("plain"))["QueueUrl"]
    with pytest.raises(ClientError) as error:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"FifoQueue": "true"})
    assert error.value.response["Error"]["Code"] == "InvalidAttributeName"
    assert error.value.response["Error"]["Message"] == "Unknown Attribute FifoQueue."


def test_untag_queue_needs_keys(sqs):
    url = sqs.create_queue(QueueName=unique("untag"))["QueueUrl"]
    with pytest.raises(ClientError) as error:
        sqs.untag_queue(QueueUrl=url, TagKeys=[])
    assert error.value.response["Error"]["Message"] == "Tag keys must be between 1 and 128 characters in length."
