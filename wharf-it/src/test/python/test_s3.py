"""S3 through boto3: objects, listings, multipart uploads with the transfer manager, presigned URLs and errors."""
import hashlib
import os
import urllib.request

import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ENDPOINT


@pytest.fixture(scope="module")
def s3():
    return boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
    )


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_objects_round_trip_with_metadata(s3):
    s3.create_bucket(Bucket="py-objects")
    body = os.urandom(100_000)
    put = s3.put_object(Bucket="py-objects", Key="a/b c.bin", Body=body, Metadata={"Kind": "test"},
                        ContentType="application/x-py")
    assert put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest()
    got = s3.get_object(Bucket="py-objects", Key="a/b c.bin")
    assert got["Body"].read() == body
    assert got["Metadata"] == {"kind": "test"}
    assert got["ContentType"] == "application/x-py"
    part = s3.get_object(Bucket="py-objects", Key="a/b c.bin", Range="bytes=0-9")
    assert part["Body"].read() == body[:10]
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206


def test_errors_carry_s3_codes(s3):
    with pytest.raises(ClientError) as missing_bucket:
        s3.list_objects_v2(Bucket="py-none")
    assert error_code(missing_bucket) == "NoSuchBucket"
    s3.create_bucket(Bucket="py-errors")
    with pytest.raises(ClientError) as missing_key:
        s3.get_object(Bucket="py-errors", Key="none")
    assert error_code(missing_key) == "NoSuchKey"
    assert missing_key.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as invalid:
        s3.create_bucket(Bucket="No")
    assert error_code(invalid) == "InvalidBucketName"


def test_listing_pages_and_delete_objects(s3):
    s3.create_bucket(Bucket="py-list")
    keys = ["k/%03d" % i for i in range(25)] + ["top"]
    for key in keys:
        s3.put_object(Bucket="py-list", Key=key, Body=key.encode())
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket="py-list", PaginationConfig={"PageSize": 7})
    listed = [o["Key"] for page in pages for o in page.get("Contents", [])]
    assert listed == sorted(keys)
    rolled = s3.list_objects_v2(Bucket="py-list", Delimiter="/")
    assert [p["Prefix"] for p in rolled["CommonPrefixes"]] == ["k/"]
    deleted = s3.delete_objects(Bucket="py-list", Delete={"Objects": [{"Key": k} for k in keys]})
    assert len(deleted["Deleted"]) == len(keys)
    assert s3.list_objects_v2(Bucket="py-list")["KeyCount"] == 0


def test_upload_file_goes_multipart_and_downloads_whole(s3, tmp_path):
    s3.create_bucket(Bucket="py-transfer")
    source = tmp_path / "source.bin"
    body = os.urandom(18 * 1024 * 1024 + 3)
    source.write_bytes(body)
    config = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
    s3.upload_file(str(source), "py-transfer", "big.bin", Config=config)
    head = s3.head_object(Bucket="py-transfer", Key="big.bin")
    assert head["ContentLength"] == len(body)
    assert head["ETag"].endswith('-4"')
    target = tmp_path / "target.bin"
    s3.download_file("py-transfer", "big.bin", str(target), Config=config)
    assert hashlib.md5(target.read_bytes()).hexdigest() == hashlib.md5(body).hexdigest()


def test_presigned_urls_work_without_boto3(s3):
    s3.create_bucket(Bucket="py-presign")
    s3.put_object(Bucket="py-presign", Key="p.txt", Body=b"presigned")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "py-presign", "Key": "p.txt"}, ExpiresIn=300)
    with urllib.request.urlopen(url) as response:
        assert response.read() == b"presigned"
    put_url = s3.generate_presigned_url("put_object", Params={"Bucket": "py-presign", "Key": "q.txt"}, ExpiresIn=300)
    request = urllib.request.Request(put_url, data=b"uploaded", method="PUT")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    assert s3.get_object(Bucket="py-presign", Key="q.txt")["Body"].read() == b"uploaded"


def test_copy_and_small_parts(s3):
    s3.create_bucket(Bucket="py-copy")
    s3.put_object(Bucket="py-copy", Key="src", Body=b"copy me")
    s3.copy_object(Bucket="py-copy", Key="dst", CopySource={"Bucket": "py-copy", "Key": "src"})
    assert s3.get_object(Bucket="py-copy", Key="dst")["Body"].read() == b"copy me"
    upload = s3.create_multipart_upload(Bucket="py-copy", Key="m")["UploadId"]
    parts = []
    for n in (1, 2):
        etag = s3.upload_part(Bucket="py-copy", Key="m", UploadId=upload, PartNumber=n, Body=b"x" * 10)["ETag"]
        parts.append({"PartNumber": n, "ETag": etag})
    with pytest.raises(ClientError) as small:
        s3.complete_multipart_upload(Bucket="py-copy", Key="m", UploadId=upload, MultipartUpload={"Parts": parts})
    assert error_code(small) == "EntityTooSmall"
