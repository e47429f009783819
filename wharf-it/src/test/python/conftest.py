"""The boto3 client that every suite here uses, pointed at the server named by WHARF_ENDPOINT."""
import os

import boto3
import pytest

ENDPOINT = os.environ["WHARF_ENDPOINT"]


@pytest.fixture(scope="session")
def sqs():
    return boto3.client(
        "sqs",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
