"""One "video encoding" worker: takes jobs from the queue, works on each for a while, deletes it, and says it is alive.

Every period it publishes Example/VideoEncoding Workers = 1 with PutMetricData, so that the Sum of that metric over a
period is the number of workers that ran in it: the denominator of the backlog per worker.
"""
import argparse
import signal
import sys
import time

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--queue-url", required=True)
    parser.add_argument("--job-seconds", type=float, default=0.5)
    parser.add_argument("--period", type=int, default=60)
    args = parser.parse_args()
    session = dict(endpoint_url=args.endpoint, region_name="us-east-1", aws_access_key_id="test",
                   aws_secret_access_key="test")
    sqs = boto3.client("sqs", **session)
    cloudwatch = boto3.client("cloudwatch", **session)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    last_beat = 0.0
    while not stopping:
        now = time.time()
        if now - last_beat >= args.period:
            last_beat = now
            cloudwatch.put_metric_data(
                Namespace="Example/VideoEncoding",
                MetricData=[{"MetricName": "Workers", "Value": 1.0, "Unit": "Count",
                             "StorageResolution": 1 if args.period < 60 else 60}],
            )
        messages = sqs.receive_message(QueueUrl=args.queue_url, MaxNumberOfMessages=1, WaitTimeSeconds=1).get(
            "Messages", [])
        for message in messages:
            time.sleep(args.job_seconds)  # "encoding" the video
            sqs.delete_message(QueueUrl=args.queue_url, ReceiptHandle=message["ReceiptHandle"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
