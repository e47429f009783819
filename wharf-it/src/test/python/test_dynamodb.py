"""DynamoDB through boto3: tables, items, conditions, queries, batches and transactions, and AWS's errors.

botocore checks the x-amz-crc32 of every DynamoDB answer, so each call here also proves the checksum.
"""
import uuid

import boto3
import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from conftest import ENDPOINT


@pytest.fixture(scope="module")
def dynamodb():
    return boto3.client(
        "dynamodb",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


@pytest.fixture(scope="module")
def resource():
    return boto3.resource(
        "dynamodb",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def new_table(dynamodb, sort_key=False, indexes=None):
    name = "boto-" + uuid.uuid4().hex[:12]
    attributes = [{"AttributeName": "pk", "AttributeType": "S"}]
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if sort_key:
        attributes.append({"AttributeName": "sk", "AttributeType": "N"})
        keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
    arguments = dict(TableName=name, AttributeDefinitions=attributes, KeySchema=keys, BillingMode="PAY_PER_REQUEST")
    if indexes:
        attributes.append({"AttributeName": "owner", "AttributeType": "S"})
        arguments["GlobalSecondaryIndexes"] = indexes
    created = dynamodb.create_table(**arguments)["TableDescription"]
    assert created["TableStatus"] == "CREATING"
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1})
    return name


def test_a_table_is_created_described_listed_and_deleted(dynamodb):
    name = new_table(dynamodb)
    table = dynamodb.describe_table(TableName=name)["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["TableArn"] == f"arn:aws:dynamodb:us-east-1:000000000000:table/{name}"
    assert name in dynamodb.list_tables()["TableNames"]
    assert dynamodb.delete_table(TableName=name)["TableDescription"]["TableStatus"] == "DELETING"
    dynamodb.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig={"Delay": 1})
    with pytest.raises(ClientError) as error:
        dynamodb.describe_table(TableName=name)
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert error.value.response["Error"]["Message"] == f"Requested resource not found: Table: {name} not found"


def test_the_resource_api_puts_gets_updates_and_deletes(resource, dynamodb):
    table = resource.Table(new_table(dynamodb))
    table.put_item(Item={"pk": "a", "count": 1, "tags": {"x", "y"}, "doc": {"nested": [1, "two", None, True]}})
    item = table.get_item(Key={"pk": "a"}, ConsistentRead=True)["Item"]
    assert item["count"] == 1
    assert item["tags"] == {"x", "y"}
    assert item["doc"] == {"nested": [1, "two", None, True]}
    updated = table.update_item(
        Key={"pk": "a"},
        UpdateExpression="SET #c = #c + :one REMOVE doc",
        ExpressionAttributeNames={"#c": "count"},
        ExpressionAttributeValues={":one": 1},
        ReturnValues="ALL_NEW",
    )["Attributes"]
    assert updated == {"pk": "a", "count": 2, "tags": {"x", "y"}}
    table.delete_item(Key={"pk": "a"})
    assert "Item" not in table.get_item(Key={"pk": "a"})


def test_a_failed_condition_answers_conditional_check_failed_with_the_item(dynamodb):
    name = new_table(dynamodb)
    dynamodb.put_item(TableName=name, Item={"pk": {"S": "lease"}, "holder": {"S": "a"}})
    with pytest.raises(ClientError) as error:
        dynamodb.put_item(
            TableName=name,
            Item={"pk": {"S": "lease"}, "holder": {"S": "b"}},
            ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert error.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert error.value.response["Error"]["Message"] == "The conditional request failed"
    assert error.value.response["Item"] == {"pk": {"S": "lease"}, "holder": {"S": "a"}}


def test_query_and_scan_page_through_a_table_and_its_index(resource, dynamodb):
    index = {
        "IndexName": "byOwner",
        "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"},
    }
    table = resource.Table(new_table(dynamodb, sort_key=True, indexes=[index]))
    with table.batch_writer() as batch:
        for p in range(3):
            for s in range(30):
                batch.put_item(Item={"pk": f"p{p}", "sk": s, "owner": f"w{s % 2}"})
    page = table.query(KeyConditionExpression=Key("pk").eq("p1") & Key("sk").gte(20), Limit=4, ScanIndexForward=False)
    assert [item["sk"] for item in page["Items"]] == [29, 28, 27, 26]
    assert page["LastEvaluatedKey"] == {"pk": "p1", "sk": 26}
    rest = table.query(KeyConditionExpression=Key("pk").eq("p1") & Key("sk").gte(20),
                       ScanIndexForward=False, ExclusiveStartKey=page["LastEvaluatedKey"])
    assert [item["sk"] for item in rest["Items"]] == [25, 24, 23, 22, 21, 20]
    counted = table.query(KeyConditionExpression=Key("pk").eq("p0"), FilterExpression=Attr("owner").eq("w1"),
                          Select="COUNT")
    assert (counted["Count"], counted["ScannedCount"]) == (15, 30)
    paginator = dynamodb.get_paginator("query")
    owned = [item for page in paginator.paginate(
        TableName=table.name, IndexName="byOwner", KeyConditionExpression="#o = :w",
        ExpressionAttributeNames={"#o": "owner"}, ExpressionAttributeValues={":w": {"S": "w0"}},
        PaginationConfig={"PageSize": 7}) for item in page["Items"]]
    assert len(owned) == 45
    scanned = [item for segment in range(3) for page in dynamodb.get_paginator("scan").paginate(
        TableName=table.name, Segment=segment, TotalSegments=3) for item in page["Items"]]
    assert len(scanned) == 90


def test_transactions_commit_together_or_cancel_with_reasons(dynamodb):
    name = new_table(dynamodb)
    dynamodb.put_item(TableName=name, Item={"pk": {"S": "a"}, "n": {"N": "1"}})
    dynamodb.transact_write_items(TransactItems=[
        {"Update": {"TableName": name, "Key": {"pk": {"S": "a"}}, "UpdateExpression": "SET n = n + :one",
                    "ConditionExpression": "n = :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"Put": {"TableName": name, "Item": {"pk": {"S": "b"}}}},
    ])
    with pytest.raises(ClientError) as error:
        dynamodb.transact_write_items(TransactItems=[
            {"Put": {"TableName": name, "Item": {"pk": {"S": "c"}}}},
            {"ConditionCheck": {"TableName": name, "Key": {"pk": {"S": "a"}}, "ConditionExpression": "n = :one",
                                "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        ])
    assert error.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert [reason["Code"] for reason in error.value.response["CancellationReasons"]] == [
        "None", "ConditionalCheckFailed"]
    got = dynamodb.transact_get_items(TransactItems=[
        {"Get": {"TableName": name, "Key": {"pk": {"S": "a"}}}},
        {"Get": {"TableName": name, "Key": {"pk": {"S": "c"}}}},
    ])["Responses"]
    assert got[0]["Item"]["n"] == {"N": "2"}
    assert "Item" not in got[1]


def test_batches_write_and_read_across_tables(dynamodb):
    first, second = new_table(dynamodb), new_table(dynamodb)
    answer = dynamodb.batch_write_item(RequestItems={
        first: [{"PutRequest": {"Item": {"pk": {"S": str(i)}}}} for i in range(10)],
        second: [{"PutRequest": {"Item": {"pk": {"S": "only"}}}}],
    })
    assert answer["UnprocessedItems"] == {}
    read = dynamodb.batch_get_item(RequestItems={
        first: {"Keys": [{"pk": {"S": str(i)}} for i in range(12)]},
        second: {"Keys": [{"pk": {"S": "only"}}], "ProjectionExpression": "pk"},
    })
    assert len(read["Responses"][first]) == 10
    assert read["Responses"][second] == [{"pk": {"S": "only"}}]
    assert read["UnprocessedKeys"] == {}


def test_validation_errors_carry_dynamodbs_messages(dynamodb):
    name = new_table(dynamodb)
    with pytest.raises(ClientError) as error:
        dynamodb.get_item(TableName=name, Key={"pk": {"N": "1"}})
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert error.value.response["Error"]["Message"] == "The provided key element does not match the schema"
    with pytest.raises(ClientError) as error:
        dynamodb.put_item(TableName=name, Item={"pk": {"S": "a"}}, ExpressionAttributeValues={":v": {"S": "x"}},
                          ConditionExpression="attribute_exists(pk)")
    assert error.value.response["Error"]["Message"] == (
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}")


def test_ttl_backups_tags_and_limits_are_kept(dynamodb):
    name = new_table(dynamodb)
    arn = dynamodb.describe_table(TableName=name)["Table"]["TableArn"]
    dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})
    assert dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "ttl"}
    dynamodb.update_continuous_backups(
        TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    backups = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
    dynamodb.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "kcl"}])
    assert dynamodb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "kcl"}]
    assert dynamodb.describe_limits()["TableMaxReadCapacityUnits"] == 40000
