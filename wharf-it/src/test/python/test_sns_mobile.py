"""SNS mobile push and SMS through boto3 against a running Wharf, read back at LocalStack's /_aws/sns/ paths."""
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT

CREDENTIALS = {"PlatformPrincipal": "client-id", "PlatformCredential": "client-secret"}


@pytest.fixture(scope="module")
def sns():
    return boto3.client(
        "sns",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def internal(method, path, params=None, body=None):
    """Calls one of the internal paths as LocalStack's tests do, answering the status and the parsed JSON body."""
    url = ENDPOINT + path + ("?" + urllib.parse.urlencode(params) if params else "")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, json.loads(text) if text else None


def error_of(call):
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response


def test_platform_applications_and_endpoints(sns):
    name = "py-app-" + uuid.uuid4().hex[:8]
    app = sns.create_platform_application(Name=name, Platform="ADM", Attributes=CREDENTIALS)["PlatformApplicationArn"]
    assert app == f"arn:aws:sns:us-east-1:000000000000:app/ADM/{name}"
    assert sns.get_platform_application_attributes(PlatformApplicationArn=app)["Attributes"] == {"Enabled": "true"}
    listed = [a["PlatformApplicationArn"] for page in sns.get_paginator("list_platform_applications").paginate()
              for a in page["PlatformApplications"]]
    assert app in listed

    endpoint = sns.create_platform_endpoint(PlatformApplicationArn=app, Token="token_1")["EndpointArn"]
    assert endpoint.startswith(f"arn:aws:sns:us-east-1:000000000000:endpoint/ADM/{name}/")
    assert sns.create_platform_endpoint(PlatformApplicationArn=app, Token="token_1")["EndpointArn"] == endpoint
    conflict = error_of(lambda: sns.create_platform_endpoint(
        PlatformApplicationArn=app, Token="token_1", Attributes={"Enabled": "false"}))
    assert conflict["Error"]["Code"] == "InvalidParameter"
    assert conflict["Error"]["Message"] == (
        f"Invalid parameter: Token Reason: Endpoint {endpoint} already exists with the same Token, "
        "but different attributes.")

    listed = sns.list_endpoints_by_platform_application(PlatformApplicationArn=app)["Endpoints"]
    assert listed == [{"EndpointArn": endpoint, "Attributes": {"Enabled": "true", "Token": "token_1"}}]

    empty = error_of(lambda: sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={}))
    assert empty["Error"]["Code"] == "ValidationError"
    assert empty["Error"]["Message"] == (
        "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null")
    invalid = error_of(lambda: sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={"InvalidKey": "v"}))
    assert invalid["Error"]["Message"] == "Invalid parameter: Attributes Reason: Invalid attribute name: InvalidKey"

    missing = error_of(lambda: sns.get_platform_application_attributes(
        PlatformApplicationArn="arn:aws:sns:us-east-1:000000000000:app/ADM/NonExistingApp"))
    assert (missing["Error"]["Type"], missing["Error"]["Code"], missing["Error"]["Message"]) == (
        "Sender", "NotFound", "PlatformApplication does not exist")
    assert missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    bad_arn = error_of(lambda: sns.get_platform_application_attributes(PlatformApplicationArn="invalid-arn"))
    assert bad_arn["Error"]["Message"] == (
        "Invalid parameter: PlatformApplicationArn Reason: An ARN must have at least 6 elements, not 1")
    bad_platform = error_of(lambda: sns.create_platform_application(Name="x", Platform="AAA", Attributes=CREDENTIALS))
    assert bad_platform["Error"]["Message"] == "Invalid parameter: Platform Reason: AAA is not supported"

    sns.delete_endpoint(EndpointArn=endpoint)
    sns.delete_endpoint(EndpointArn=endpoint)
    sns.delete_platform_application(PlatformApplicationArn=app)
    gone = error_of(lambda: sns.list_endpoints_by_platform_application(PlatformApplicationArn=app))
    assert gone["Error"]["Message"] == "PlatformApplication does not exist"


def test_publish_to_platform_endpoint_can_retrospect(sns):
    """LocalStack's own retrospection test, as it reads the messages over HTTP."""
    app = sns.create_platform_application(
        Name="py-push-" + uuid.uuid4().hex[:8], Platform="APNS", Attributes=CREDENTIALS)["PlatformApplicationArn"]
    topic = sns.create_topic(Name="py-push-" + uuid.uuid4().hex[:8])["TopicArn"]
    endpoint = sns.create_platform_endpoint(PlatformApplicationArn=app, Token=uuid.uuid4().hex)["EndpointArn"]
    endpoint_2 = sns.create_platform_endpoint(PlatformApplicationArn=app, Token=uuid.uuid4().hex)["EndpointArn"]
    sns.subscribe(TopicArn=topic, Protocol="application", Endpoint=endpoint)
    internal("DELETE", "/_aws/sns/platform-endpoint-messages")

    message_for_topic = {
        "default": "This is the default message which must be present when publishing a message to a topic.",
        "APNS": json.dumps({"aps": {"content-available": 1}}),
    }
    attributes = {
        "AWS.SNS.MOBILE.APNS.TOPIC": {"DataType": "String", "StringValue": "com.amazon.mobile.messaging.myapp"},
        "AWS.SNS.MOBILE.APNS.PUSH_TYPE": {"DataType": "String", "StringValue": "background"},
        "AWS.SNS.MOBILE.APNS.PRIORITY": {"DataType": "String", "StringValue": "5"},
    }
    sns.publish(TopicArn=topic, Message=json.dumps(message_for_topic), MessageAttributes=attributes,
                MessageStructure="json")
    sns.publish(TargetArn=endpoint_2, Message=json.dumps({"APNS": json.dumps({"aps": {"content-available": 1}})}),
                MessageAttributes=attributes, MessageStructure="json")

    status, contents = internal("GET", "/_aws/sns/platform-endpoint-messages",
                                {"region": "us-east-1", "accountId": "000000000000"})
    assert status == 200
    messages = contents["platform_endpoint_messages"]
    assert len(messages) == 2
    assert len(messages[endpoint]) == 1
    assert len(messages[endpoint_2]) == 1
    assert contents["region"] == "us-east-1"
    assert messages[endpoint][0]["Message"] == json.dumps(message_for_topic["APNS"])
    assert messages[endpoint][0]["MessageAttributes"] == attributes
    assert messages[endpoint][0]["TopicArn"] == topic
    assert messages[endpoint_2][0]["TopicArn"] == ""

    assert internal("GET", "/_aws/sns/platform-endpoint-messages", {"region": "eu-west-1"})[1] == {
        "platform_endpoint_messages": {}, "region": "eu-west-1"}
    filtered = internal("GET", "/_aws/sns/platform-endpoint-messages", {"endpointArn": endpoint})[1]
    assert len(filtered["platform_endpoint_messages"]) == 1
    assert internal("DELETE", "/_aws/sns/platform-endpoint-messages", {"endpointArn": endpoint})[0] == 204
    after = internal("GET", "/_aws/sns/platform-endpoint-messages", {"endpointArn": endpoint})[1]
    assert after["platform_endpoint_messages"][endpoint] == []
    assert internal("DELETE", "/_aws/sns/platform-endpoint-messages", {"region": "us-east-1"})[0] == 204
    assert not internal("GET", "/_aws/sns/platform-endpoint-messages")[1]["platform_endpoint_messages"]


def test_publish_to_a_disabled_endpoint(sns):
    app = sns.create_platform_application(
        Name="py-off-" + uuid.uuid4().hex[:8], Platform="GCM",
        Attributes={"PlatformCredential": "key"})["PlatformApplicationArn"]
    endpoint = sns.create_platform_endpoint(PlatformApplicationArn=app, Token="t")["EndpointArn"]
    sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={"Enabled": "false"})
    assert sns.get_endpoint_attributes(EndpointArn=endpoint)["Attributes"]["Enabled"] == "false"
    disabled = error_of(lambda: sns.publish(
        TargetArn=endpoint, MessageStructure="json", Message=json.dumps({"GCM": '{"notification": {}}'})))
    assert disabled["Error"]["Code"] == "EndpointDisabled"
    assert disabled["Error"]["Message"] == "Endpoint is disabled"
    unknown = endpoint.rsplit("/", 1)[0] + "/" + str(uuid.uuid4())
    no_entry = error_of(lambda: sns.publish(TargetArn=unknown, Message="hi"))
    assert no_entry["Error"]["Message"] == (
        "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified")


def test_publish_sms_can_retrospect(sns):
    """LocalStack's own SMS retrospection test, against Wharf."""
    contacts = ["+1555%07d" % (int(uuid.uuid4().int % 10_000_000)) for _ in range(3)]
    topic = sns.create_topic(Name="py-sms-" + uuid.uuid4().hex[:8])["TopicArn"]
    for number in contacts:
        sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint=number)
    internal("DELETE", "/_aws/sns/sms-messages")

    sns.publish(Message="Good news everyone!", TopicArn=topic)
    sns.publish(PhoneNumber=contacts[0], Message="Good news everyone!")

    status, contents = internal("GET", "/_aws/sns/sms-messages", {"region": "us-east-1", "accountId": "000000000000"})
    assert status == 200
    messages = contents["sms_messages"]
    assert len(messages) == 3
    assert len(messages[contacts[0]]) == 2
    assert len(messages[contacts[1]]) == 1
    assert contents["region"] == "us-east-1"
    assert messages[contacts[0]][0]["Message"] == "Good news everyone!"
    assert messages[contacts[0]][0]["TopicArn"] == topic
    assert messages[contacts[0]][1]["TopicArn"] is None

    by_number = internal("GET", "/_aws/sns/sms-messages", {"phoneNumber": contacts[0]})[1]["sms_messages"]
    assert len(by_number) == 1
    assert len(by_number[contacts[0]]) == 2
    assert internal("DELETE", "/_aws/sns/sms-messages", {"phoneNumber": contacts[0]})[0] == 204
    assert internal("GET", "/_aws/sns/sms-messages", {"phoneNumber": contacts[0]})[1]["sms_messages"][contacts[0]] == []
    assert internal("DELETE", "/_aws/sns/sms-messages", {"region": "us-east-1"})[0] == 204
    assert not internal("GET", "/_aws/sns/sms-messages", {"region": "us-east-1"})[1]["sms_messages"]


def test_wrong_phone_formats(sns):
    invalid = error_of(lambda: sns.publish(Message="x", PhoneNumber="+1a234"))
    assert invalid["Error"]["Message"] == "Invalid parameter: PhoneNumber Reason: +1a234 is not valid to publish to"
    wrong = error_of(lambda: sns.publish(Message="x", PhoneNumber="NAA+15551234567"))
    assert wrong["Error"]["Message"] == (
        "Invalid parameter: PhoneNumber Reason: NAA+15551234567 is not valid to publish to")
    topic = sns.create_topic(Name="py-bad-sms")["TopicArn"]
    for number in ["+15--551234567", "NAA+15551234567", "+15551234567.", "/+15551234567"]:
        endpoint = error_of(lambda: sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint=number))
        assert endpoint["Error"]["Message"] == f"Invalid SMS endpoint: {number}"


def test_opt_outs(sns):
    number = "+1555%07d" % (int(uuid.uuid4().int % 10_000_000))
    assert not sns.check_if_phone_number_is_opted_out(phoneNumber=number)["isOptedOut"]
    status, _ = internal("POST", "/_aws/sns/phone-opt-outs", body={"phoneNumber": number, "accountId": "000000000000"})
    assert status == 200
    assert sns.check_if_phone_number_is_opted_out(phoneNumber=number)["isOptedOut"]
    numbers = [n for page in sns.get_paginator("list_phone_numbers_opted_out").paginate() for n in page["phoneNumbers"]]
    assert number in numbers

    internal("DELETE", "/_aws/sns/sms-messages", {"phoneNumber": number})
    sns.publish(PhoneNumber=number, Message="nothing reaches an opted-out number")
    assert internal("GET", "/_aws/sns/sms-messages", {"phoneNumber": number})[1]["sms_messages"][number] == []

    sns.opt_in_phone_number(phoneNumber=number)
    assert not sns.check_if_phone_number_is_opted_out(phoneNumber=number)["isOptedOut"]
    sns.opt_in_phone_number(phoneNumber="+4411111111")
    invalid = error_of(lambda: sns.opt_in_phone_number(phoneNumber="invalid"))
    assert invalid["Error"]["Message"] == "Invalid parameter: PhoneNumber Reason: input incorrectly formatted"


def test_sms_attributes_and_the_sandbox(sns):
    sns.set_sms_attributes(attributes={
        "DeliveryStatusSuccessSamplingRate": "100", "DefaultSenderID": "LSTest", "DefaultSMSType": "Promotional"})
    assert sns.get_sms_attributes()["attributes"] == {
        "DefaultSMSType": "Promotional", "DefaultSenderID": "LSTest", "DeliveryStatusSuccessSamplingRate": "100",
        "MonthlySpendLimit": "1"}
    assert sns.get_sms_attributes(attributes=["DefaultSenderID", "DefaultSMSType"])["attributes"] == {
        "DefaultSMSType": "Promotional", "DefaultSenderID": "LSTest"}
    for name, value, message in [("InvalidAttribute", "invalid", "InvalidAttribute is not a valid attribute"),
                                 ("DefaultSendID", "a" * 12, "DefaultSendID is not a valid attribute"),
                                 ("DefaultSMSType", "invalid", "DefaultSMSType is invalid")]:
        error = error_of(lambda: sns.set_sms_attributes(attributes={name: value}))
        assert (error["Error"]["Type"], error["Error"]["Code"], error["Error"]["Message"]) == (
            "Sender", "InvalidParameter", message)

    assert sns.get_sms_sandbox_account_status()["IsInSandbox"] is False
    number = "+1555%07d" % (int(uuid.uuid4().int % 10_000_000))
    sns.create_sms_sandbox_phone_number(PhoneNumber=number, LanguageCode="en-US")
    sent = internal("GET", "/_aws/sns/sms-messages", {"phoneNumber": number})[1]["sms_messages"][number]
    password = sent[-1]["Message"].rsplit(" ", 1)[1]
    wrong = error_of(lambda: sns.verify_sms_sandbox_phone_number(PhoneNumber=number, OneTimePassword="99999"
                                                                 if password != "99999" else "88888"))
    assert wrong["Error"]["Code"] == "VerificationException"
    sns.verify_sms_sandbox_phone_number(PhoneNumber=number, OneTimePassword=password)
    numbers = sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"]
    assert {"PhoneNumber": number, "Status": "Verified"} in numbers
    early = error_of(lambda: sns.delete_sms_sandbox_phone_number(PhoneNumber=number))
    assert early["Error"]["Code"] == "UserError"
    assert sns.list_origination_numbers()["PhoneNumbers"] == []
