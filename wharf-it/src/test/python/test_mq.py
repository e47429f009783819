"""Amazon MQ through boto3 (REST-JSON): brokers, users, configurations, tags and errors, and a real STOMP connection
to the broker that CreateBroker made."""
import base64
import socket
import time
import uuid
from urllib.parse import urlparse

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT

PASSWORD = "boto-password-1"


@pytest.fixture(scope="module")
def mq():
    return boto3.client(
        "mq",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def wait_for(mq, broker_id, state):
    deadline = time.time() + 60
    described = None
    while time.time() < deadline:
        described = mq.describe_broker(BrokerId=broker_id)
        if described["BrokerState"] == state:
            return described
        time.sleep(0.2)
    raise AssertionError(f"broker {broker_id} never reached {state}: {described and described['BrokerState']}")


def stomp_connect(endpoint, login, passcode):
    """The command of the broker's answer to a STOMP CONNECT frame."""
    url = urlparse(endpoint)
    with socket.create_connection((url.hostname, url.port), timeout=10) as conn:
        conn.sendall(f"CONNECT\naccept-version:1.2\nhost:{url.hostname}\nlogin:{login}\npasscode:{passcode}\n\n\0"
                     .encode())
        answer = b""
        while b"\n" not in answer:
            chunk = conn.recv(1024)
            if not chunk:
                break
            answer += chunk
        return answer.split(b"\n", 1)[0].decode()


def test_engine_types_and_instance_options(mq):
    types = mq.describe_broker_engine_types(EngineType="ACTIVEMQ")["BrokerEngineTypes"]
    assert [t["EngineType"] for t in types] == ["ACTIVEMQ"]
    assert [v["Name"] for v in types[0]["EngineVersions"]] == ["5.18"]
    options = mq.describe_broker_instance_options(EngineType="ACTIVEMQ", HostInstanceType="mq.t3.micro")
    modes = {m for o in options["BrokerInstanceOptions"] for m in o["SupportedDeploymentModes"]}
    assert modes == {"SINGLE_INSTANCE"}


def test_a_broker_its_users_and_tags(mq):
    name = "boto-" + uuid.uuid4().hex[:8]
    created = mq.create_broker(
        BrokerName=name,
        EngineType="ACTIVEMQ",
        EngineVersion="5.18",
        HostInstanceType="mq.t3.micro",
        DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=False,
        AutoMinorVersionUpgrade=True,
        Users=[{"Username": "app", "Password": PASSWORD, "ConsoleAccess": True, "Groups": ["apps"]}],
        Tags={"team": "orders"},
    )
    broker_id = created["BrokerId"]
    assert created["BrokerArn"] == f"arn:aws:mq:us-east-1:000000000000:broker:{name}:{broker_id}"
    described = wait_for(mq, broker_id, "RUNNING")
    assert described["BrokerName"] == name
    assert described["DeploymentMode"] == "SINGLE_INSTANCE"
    assert described["Tags"] == {"team": "orders"}
    stomp = [e for e in described["BrokerInstances"][0]["Endpoints"] if e.startswith("stomp")][0]
    assert stomp_connect(stomp, "app", PASSWORD) == "CONNECTED"
    assert stomp_connect(stomp, "app", "not-the-password") == "ERROR"

    assert name in [b["BrokerName"] for b in mq.list_brokers()["BrokerSummaries"]]
    assert [u["Username"] for u in mq.list_users(BrokerId=broker_id)["Users"]] == ["app"]
    user = mq.describe_user(BrokerId=broker_id, Username="app")
    assert user["ConsoleAccess"] is True and user["Groups"] == ["apps"]
    mq.update_user(BrokerId=broker_id, Username="app", Groups=["apps", "admins"])
    pending = mq.describe_user(BrokerId=broker_id, Username="app")["Pending"]
    assert pending["PendingChange"] == "UPDATE" and pending["Groups"] == ["apps", "admins"]

    mq.create_tags(ResourceArn=created["BrokerArn"], Tags={"tier": "gold"})
    assert mq.list_tags(ResourceArn=created["BrokerArn"])["Tags"] == {"team": "orders", "tier": "gold"}
    mq.delete_tags(ResourceArn=created["BrokerArn"], TagKeys=["team"])
    assert mq.list_tags(ResourceArn=created["BrokerArn"])["Tags"] == {"tier": "gold"}

    with pytest.raises(ClientError) as conflict:
        mq.create_user(BrokerId=broker_id, Username="app", Password=PASSWORD)
    assert conflict.value.response["Error"]["Code"] == "ConflictException"
    assert conflict.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409

    # A new user waits for the reboot; so do a deletion and the broker's own changes.
    mq.create_user(BrokerId=broker_id, Username="late", Password=PASSWORD)
    assert mq.describe_user(BrokerId=broker_id, Username="late")["Pending"]["PendingChange"] == "CREATE"
    assert stomp_connect(stomp, "late", PASSWORD) == "ERROR"
    mq.update_broker(BrokerId=broker_id, AutoMinorVersionUpgrade=False)
    mq.reboot_broker(BrokerId=broker_id)
    rebooted = wait_for(mq, broker_id, "RUNNING")
    assert rebooted["AutoMinorVersionUpgrade"] is False
    assert stomp_connect(stomp, "late", PASSWORD) == "CONNECTED"
    assert "Pending" not in mq.describe_user(BrokerId=broker_id, Username="late")
    mq.delete_user(BrokerId=broker_id, Username="late")
    assert mq.describe_user(BrokerId=broker_id, Username="late")["Pending"]["PendingChange"] == "DELETE"
    with pytest.raises(ClientError) as not_replica:
        mq.promote(BrokerId=broker_id, Mode="SWITCHOVER")
    assert not_replica.value.response["Error"]["Code"] == "BadRequestException"

    mq.delete_broker(BrokerId=broker_id)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            mq.describe_broker(BrokerId=broker_id)
            time.sleep(0.2)
        except ClientError as gone:
            assert gone.response["Error"]["Code"] == "NotFoundException"
            break
    else:
        raise AssertionError("the broker was never deleted")


def test_configurations_and_their_revisions(mq):
    created = mq.create_configuration(Name="boto-config", EngineType="ACTIVEMQ", EngineVersion="5.18")
    config_id = created["Id"]
    assert created["LatestRevision"]["Revision"] == 1
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<broker xmlns="http://activemq.apache.org/schema/core" dataDirectory="/tmp/elsewhere">\n'
           '  <destinations><queue physicalName="from.boto"/></destinations>\n'
           '</broker>\n')
    updated = mq.update_configuration(ConfigurationId=config_id, Data=base64.b64encode(xml.encode()).decode(),
                                      Description="second")
    assert updated["LatestRevision"]["Revision"] == 2
    assert [(w["ElementName"], w.get("AttributeName"), w["Reason"]) for w in updated["Warnings"]] == [
        ("broker", "dataDirectory", "DISALLOWED_ATTRIBUTE_REMOVED")]
    revisions = mq.list_configuration_revisions(ConfigurationId=config_id)["Revisions"]
    assert [r["Revision"] for r in revisions] == [1, 2]
    revision = mq.describe_configuration_revision(ConfigurationId=config_id, ConfigurationRevision="2")
    assert revision["Description"] == "second"
    assert b"from.boto" in base64.b64decode(revision["Data"])
    assert b"dataDirectory" not in base64.b64decode(revision["Data"])
    assert config_id in [c["Id"] for c in mq.list_configurations()["Configurations"]]
    assert mq.describe_configuration(ConfigurationId=config_id)["LatestRevision"]["Revision"] == 2

    with pytest.raises(ClientError) as bad:
        mq.update_configuration(ConfigurationId=config_id, Data=base64.b64encode(b"<broker").decode())
    assert bad.value.response["Error"]["Code"] == "BadRequestException"
    assert bad.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    mq.delete_configuration(ConfigurationId=config_id)
    with pytest.raises(ClientError) as gone:
        mq.describe_configuration(ConfigurationId=config_id)
    assert gone.value.response["Error"]["Code"] == "NotFoundException"


def test_errors_have_amazon_mqs_shape(mq):
    with pytest.raises(ClientError) as missing:
        mq.describe_broker(BrokerId="nope")
    assert missing.value.response["Error"]["Code"] == "NotFoundException"
    assert missing.value.response["Error"]["Message"] == \
        "Can't find requested broker [nope]. Make sure your broker exists."
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as weak:
        mq.create_broker(BrokerName="weak", EngineType="ACTIVEMQ", EngineVersion="5.18",
                         HostInstanceType="mq.t3.micro", DeploymentMode="SINGLE_INSTANCE",
                         PubliclyAccessible=False, AutoMinorVersionUpgrade=True,
                         Users=[{"Username": "app", "Password": "short"}])
    assert weak.value.response["Error"]["Code"] == "BadRequestException"
