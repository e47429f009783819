"""Writes mq-golden.json: Amazon MQ requests as botocore serializes them, and responses that botocore parses.

Run with a Python that has botocore: python3 mq_golden.py > mq-golden.json. Each case holds the operation, the
params (model member names), the request botocore sends, a result document (model names, timestamps as epoch
seconds) and its response on the wire; the script checks that botocore's own parser reads that response back into
the result, so the Java golden tests compare Wharf's codec with what botocore sends and accepts.
"""
import base64
import datetime
import json

import botocore.session
from botocore.awsrequest import prepare_request_dict
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

session = botocore.session.get_session()
model = session.get_service_model("mq")
serializer = create_serializer("rest-json", include_validation=True)
parser = create_parser("rest-json")

ISO = "2026-12-03T10:20:30.123Z"
EPOCH = datetime.datetime(2026, 12, 3, 10, 20, 30, 123000, tzinfo=datetime.timezone.utc).timestamp()

CASES = [
    ("CreateBroker", {
        "BrokerName": "orders", "EngineType": "ACTIVEMQ", "EngineVersion": "5.18", "HostInstanceType": "mq.t3.micro",
        "DeploymentMode": "ACTIVE_STANDBY_MULTI_AZ", "PubliclyAccessible": False, "AutoMinorVersionUpgrade": True,
        "Users": [{"Username": "app", "Password": "secret-password", "Groups": ["admin", "ops"], "ConsoleAccess": True}],
        "Configuration": {"Id": "c-1234", "Revision": 2}, "Tags": {"team": "blue"},
        "Logs": {"General": True, "Audit": False}, "CreatorRequestId": "req-1",
        "MaintenanceWindowStartTime": {"DayOfWeek": "MONDAY", "TimeOfDay": "02:00", "TimeZone": "UTC"},
    }, {"BrokerArn": "arn:aws:mq:us-east-1:000000000000:broker:orders:b-1234", "BrokerId": "b-1234"}),
    ("DescribeBroker", {"BrokerId": "b-1234"}, {
        "BrokerId": "b-1234", "BrokerName": "orders", "BrokerState": "RUNNING", "Created": EPOCH,
        "BrokerInstances": [{"ConsoleURL": "http://localhost:8162", "Endpoints": ["tcp://localhost:61617"],
                             "IpAddress": "127.0.0.1"}],
        "Users": [{"Username": "app", "PendingChange": "CREATE"}], "Tags": {"team": "blue"},
        "Configurations": {"Current": {"Id": "c-1234", "Revision": 2}, "History": []},
        "EngineVersion": "5.18", "AutoMinorVersionUpgrade": True, "PubliclyAccessible": False,
    }),
    ("ListBrokers", {"MaxResults": 5, "NextToken": "abc"}, {
        "BrokerSummaries": [{"BrokerId": "b-1", "BrokerName": "a", "Created": EPOCH, "DeploymentMode": "SINGLE_INSTANCE",
                             "EngineType": "ACTIVEMQ", "HostInstanceType": "mq.t3.micro"}],
        "NextToken": "def"}),
    ("UpdateBroker", {"BrokerId": "b-1234", "EngineVersion": "5.18", "Configuration": {"Id": "c-1", "Revision": 3}},
     {"BrokerId": "b-1234", "EngineVersion": "5.18", "Configuration": {"Id": "c-1", "Revision": 3}}),
    ("DeleteBroker", {"BrokerId": "b-1234"}, {"BrokerId": "b-1234"}),
    ("RebootBroker", {"BrokerId": "b-1234"}, {}),
    ("Promote", {"BrokerId": "b-1234", "Mode": "SWITCHOVER"}, {"BrokerId": "b-1234"}),
    ("CreateUser", {"BrokerId": "b-1234", "Username": "app", "Password": "secret-password", "Groups": ["g"],
                    "ConsoleAccess": False, "ReplicationUser": False}, {}),
    ("DescribeUser", {"BrokerId": "b-1234", "Username": "app"}, {
        "BrokerId": "b-1234", "Username": "app", "ConsoleAccess": True, "Groups": ["g"],
        "Pending": {"ConsoleAccess": False, "Groups": [], "PendingChange": "UPDATE"}}),
    ("ListUsers", {"BrokerId": "b-1234", "MaxResults": 10}, {
        "BrokerId": "b-1234", "MaxResults": 10, "Users": [{"Username": "app", "PendingChange": "CREATE"}]}),
    ("UpdateUser", {"BrokerId": "b-1234", "Username": "app", "Password": "another-password"}, {}),
    ("DeleteUser", {"BrokerId": "b-1234", "Username": "app"}, {}),
    ("CreateConfiguration", {"Name": "cfg", "EngineType": "ACTIVEMQ", "EngineVersion": "5.18",
                             "AuthenticationStrategy": "SIMPLE", "Tags": {"k": "v"}}, {
        "Arn": "arn:aws:mq:us-east-1:000000000000:configuration:c-1", "Id": "c-1", "Name": "cfg", "Created": EPOCH,
        "AuthenticationStrategy": "SIMPLE",
        "LatestRevision": {"Created": EPOCH, "Description": "Auto-generated default", "Revision": 1}}),
    ("UpdateConfiguration", {"ConfigurationId": "c-1", "Data": "PGJyb2tlci8+", "Description": "d"}, {
        "Id": "c-1", "Created": EPOCH, "LatestRevision": {"Created": EPOCH, "Revision": 2},
        "Warnings": [{"AttributeName": "x", "ElementName": "broker", "Reason": "DISALLOWED_ATTRIBUTE_REMOVED"}]}),
    ("DescribeConfigurationRevision", {"ConfigurationId": "c-1", "ConfigurationRevision": "2"}, {
        "ConfigurationId": "c-1", "Created": EPOCH, "Data": "PGJyb2tlci8+", "Description": "d"}),
    ("ListConfigurationRevisions", {"ConfigurationId": "c-1", "MaxResults": 3}, {
        "ConfigurationId": "c-1", "MaxResults": 3, "Revisions": [{"Created": EPOCH, "Revision": 1}]}),
    ("ListConfigurations", {}, {"Configurations": [], "MaxResults": 100}),
    ("DescribeConfiguration", {"ConfigurationId": "c-1"}, {"Id": "c-1", "Name": "cfg", "EngineType": "ACTIVEMQ"}),
    ("DeleteConfiguration", {"ConfigurationId": "c-1"}, {"ConfigurationId": "c-1"}),
    ("DescribeBrokerEngineTypes", {"EngineType": "ACTIVEMQ", "MaxResults": 10}, {
        "BrokerEngineTypes": [{"EngineType": "ACTIVEMQ", "EngineVersions": [{"Name": "5.18"}]}], "MaxResults": 10}),
    ("DescribeBrokerInstanceOptions", {"EngineType": "ACTIVEMQ", "HostInstanceType": "mq.t3.micro",
                                       "StorageType": "EFS"}, {
        "BrokerInstanceOptions": [{"EngineType": "ACTIVEMQ", "HostInstanceType": "mq.t3.micro",
                                   "StorageType": "EFS", "SupportedDeploymentModes": ["SINGLE_INSTANCE"],
                                   "SupportedEngineVersions": ["5.18"],
                                   "AvailabilityZones": [{"Name": "us-east-1a"}]}]}),
    ("CreateTags", {"ResourceArn": "arn:aws:mq:us-east-1:000000000000:broker:orders:b-1234",
                    "Tags": {"a": "1"}}, {}),
    ("DeleteTags", {"ResourceArn": "arn:aws:mq:us-east-1:000000000000:broker:orders:b-1234",
                    "TagKeys": ["a", "b c"]}, {}),
    ("ListTags", {"ResourceArn": "arn:aws:mq:us-east-1:000000000000:broker:orders:b-1234"}, {"Tags": {"a": "1"}}),
]


def wire(value, shape):
    """A result document (model names, epoch timestamps) as REST-JSON carries it."""
    if shape.type_name == "structure":
        return {shape.members[name].serialization.get("name", name): wire(v, shape.members[name])
                for name, v in value.items()}
    if shape.type_name == "list":
        return [wire(v, shape.member) for v in value]
    if shape.type_name == "map":
        return {k: wire(v, shape.value) for k, v in value.items()}
    if shape.type_name == "timestamp":
        fmt = shape.serialization.get("timestampFormat")
        return ISO if fmt == "iso8601" else value
    return value


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


cases = []
for name, params, result in CASES:
    op = model.operation_model(name)
    request = serializer.serialize_to_request(params, op)
    prepare_request_dict(request, endpoint_url="https://mq.us-east-1.amazonaws.com")
    body = request["body"]
    if isinstance(body, dict):
        body = ""
    body = body.decode() if isinstance(body, bytes) else body
    status = op.http.get("responseCode", 200)
    response_body = json.dumps(wire(result, op.output_shape)) if op.output_shape is not None else ""
    parsed = parser.parse({"status_code": status, "headers": {}, "body": response_body.encode()}, op.output_shape)
    parsed.pop("ResponseMetadata", None)
    assert plain(parsed) == result, (name, parsed, result)
    cases.append({
        "operation": name,
        "params": params,
        "request": {"method": request["method"], "url": request["url"], "headers": dict(request["headers"]),
                    "body": body},
        "result": result,
        "response": {"status": status, "body": response_body},
    })

# An error as botocore reads it: the code from x-amzn-ErrorType, the message and errorAttribute from the body.
op = model.operation_model("DescribeBroker")
error_body = json.dumps({"errorAttribute": "broker-id", "message": "Can't find requested broker [b-9]."})
parsed = parser.parse({"status_code": 404, "headers": {"x-amzn-errortype": "NotFoundException"},
                       "body": error_body.encode()}, op.output_shape)
assert parsed["Error"]["Code"] == "NotFoundException", parsed
assert parsed["Error"]["Message"] == "Can't find requested broker [b-9].", parsed
print(json.dumps({"cases": cases, "error": {"status": 404, "code": "NotFoundException", "body": error_body}},
                 indent=1, sort_keys=True))
