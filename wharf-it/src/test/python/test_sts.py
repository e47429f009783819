"""STS GetCallerIdentity through boto3 (which speaks STS's Query protocol) against a running Wharf.

The identities come from WHARF_CREDENTIALS when the server was started with them (StsIT), else they are keys that a
server without credentials maps to accounts by itself (CliAndBoto3IT).
"""
import os

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT

CONFIGURED = os.environ.get("WHARF_CREDENTIALS", "")


def identities():
    """(key, secret, account) of each identity the server knows; an entry without an account is 000000000000's."""
    if not CONFIGURED:
        return [("test", "test", "000000000000"), ("123456789012", "anything", "123456789012")]
    entries = [entry.strip().split(":") for entry in CONFIGURED.split(",") if entry.strip()]
    return [(e[0], e[1], e[2] if len(e) > 2 else "000000000000") for e in entries]


def sts(key, secret):
    return boto3.client(
        "sts",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
    )


@pytest.mark.parametrize("key,secret,account", identities())
def test_get_caller_identity_is_the_root_user_of_the_keys_account(key, secret, account):
    identity = sts(key, secret).get_caller_identity()
    assert identity["Account"] == account
    assert identity["Arn"] == f"arn:aws:iam::{account}:root"
    assert identity["UserId"] == account
    assert identity["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert identity["ResponseMetadata"]["RequestId"]


def test_a_wrong_secret_is_signature_does_not_match_only_with_credentials():
    key, secret, account = identities()[0]
    client = sts(key, secret + "-wrong")
    if not CONFIGURED:
        assert client.get_caller_identity()["Account"] == account  # any signature is accepted
        return
    with pytest.raises(ClientError) as error:
        client.get_caller_identity()
    assert error.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert error.value.response["Error"]["Type"] == "Sender"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_an_unknown_key_is_invalid_client_token_id_only_with_credentials():
    client = sts("AKIDNOBODY", "secret")
    if not CONFIGURED:
        assert client.get_caller_identity()["Account"] == "000000000000"
        return
    with pytest.raises(ClientError) as error:
        client.get_caller_identity()
    assert error.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert error.value.response["Error"]["Message"] == "The security token included in the request is invalid."
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
