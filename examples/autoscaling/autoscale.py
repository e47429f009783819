"""Scales a pool of "video encoding" workers on the backlog per worker, the way AWS documents it for SQS.

A front end sends a burst of jobs into a queue at once. Two CloudWatch alarms watch the queue:

* backlog-per-worker-high: metric math over AWS/SQS ApproximateNumberOfMessagesVisible (published by Wharf itself)
  and the Workers count that the workers publish with PutMetricData: visible / workers > target;
* backlog-empty: ApproximateNumberOfMessagesVisible <= 0 for two periods.

Both notify an SNS topic, to which this script's small scaler is subscribed over HTTP (it confirms the subscription
itself). On backlog-per-worker-high it sets the pool to ceil(workers * backlog per worker / target), as target
tracking would, up to --max-workers; on backlog-empty it scales back to --min-workers. It prints the worker count and
the backlog over time, and writes both as an SVG plot.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))


class Pool:
    """The worker processes; the scaler changes their number, the main loop reads it."""

    def __init__(self, args, queue_url):
        self.args = args
        self.queue_url = queue_url
        self.workers = []
        self.lock = threading.Lock()
        self.events = []

    def size(self):
        with self.lock:
            return len(self.workers)

    def scale_to(self, desired, why):
        desired = max(self.args.min_workers, min(self.args.max_workers, desired))
        with self.lock:
            before = len(self.workers)
            while len(self.workers) < desired:
                self.workers.append(subprocess.Popen([
                    sys.executable, os.path.join(HERE, "worker.py"), "--endpoint", self.args.endpoint,
                    "--queue-url", self.queue_url, "--job-seconds", str(self.args.job_seconds),
                    "--period", str(self.args.period)]))
            while len(self.workers) > desired:
                worker = self.workers.pop()
                worker.terminate()
            if desired != before:
                self.events.append((time.time(), before, desired, why))
                print(f"scaler: {before} -> {desired} workers ({why})", flush=True)

    def stop(self):
        with self.lock:
            for worker in self.workers:
                worker.terminate()
            for worker in self.workers:
                worker.wait(timeout=10)
            self.workers.clear()


def scaler(pool, target):
    """An HTTP endpoint for the SNS topic: confirms the subscription, then acts on alarm notifications."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            self.send_response(200)
            self.end_headers()
            if body.get("Type") == "SubscriptionConfirmation":
                urllib.request.urlopen(body["SubscribeURL"]).read()
                return
            alarm = json.loads(body["Message"])
            if alarm["NewStateValue"] != "ALARM":
                return
            if alarm["AlarmName"] == "backlog-per-worker-high":
                per_worker = json.loads(alarm_reason_data(alarm))["recentDatapoints"][-1]
                desired = math.ceil(max(pool.size(), 1) * per_worker / target)
                pool.scale_to(desired, f"backlog per worker {per_worker:.0f} > {target}")
            elif alarm["AlarmName"] == "backlog-empty":
                pool.scale_to(pool.args.min_workers, "backlog empty")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def alarm_reason_data(alarm):
    """The alarm's StateReasonData: the notification carries the reason, the alarm itself its data."""
    return CLOUDWATCH.describe_alarms(AlarmNames=[alarm["AlarmName"]])["MetricAlarms"][0]["StateReasonData"]


def alarms(cloudwatch, queue, topic, target, period):
    visible = {"Metric": {"Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible",
                          "Dimensions": [{"Name": "QueueName", "Value": queue}]}, "Period": period, "Stat": "Maximum"}
    workers = {"Metric": {"Namespace": "Example/VideoEncoding", "MetricName": "Workers"}, "Period": period,
               "Stat": "Sum"}
    cloudwatch.put_metric_alarm(
        AlarmName="backlog-per-worker-high", AlarmActions=[topic], EvaluationPeriods=1, Threshold=float(target),
        ComparisonOperator="GreaterThanThreshold", TreatMissingData="notBreaching",
        Metrics=[{"Id": "visible", "MetricStat": visible, "ReturnData": False},
                 {"Id": "workers", "MetricStat": workers, "ReturnData": False},
                 {"Id": "perWorker", "Expression": "visible / FILL(workers, 1)", "Label": "Backlog per worker"}])
    cloudwatch.put_metric_alarm(
        AlarmName="backlog-empty", AlarmActions=[topic], EvaluationPeriods=2, Threshold=0.0,
        ComparisonOperator="LessThanOrEqualToThreshold", TreatMissingData="missing",
        Metrics=[{"Id": "visible", "MetricStat": visible}])


def plot(samples, events, path):
    """The worker count and the backlog over time, as one SVG with two lines on their own scales."""
    width, height, pad = 720, 300, 40
    t0 = samples[0][0]
    span = max(samples[-1][0] - t0, 1)
    most_workers = max(max(s[1] for s in samples), 1)
    most_backlog = max(max(s[2] for s in samples), 1)

    def line(index, top, colour):
        points = " ".join(
            f"{pad + (s[0] - t0) / span * (width - 2 * pad):.1f},{height - pad - s[index] / top * (height - 2 * pad):.1f}"
            for s in samples)
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'

    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif"'
           f' font-size="12">', '<rect width="100%" height="100%" fill="white"/>',
           f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="black"/>',
           line(2, most_backlog, "#d62728"), line(1, most_workers, "#1f77b4"),
           f'<text x="{pad}" y="20" fill="#d62728">backlog (max {most_backlog:.0f} messages)</text>',
           f'<text x="{pad + 260}" y="20" fill="#1f77b4">workers (max {most_workers})</text>',
           f'<text x="{width - pad - 60}" y="{height - 10}">{span:.0f} s</text>', '</svg>']
    with open(path, "w") as out:
        out.write("\n".join(svg))


CLOUDWATCH = None


def main():
    global CLOUDWATCH
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", default=os.environ.get("WHARF_ENDPOINT", "http://127.0.0.1:4566"))
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--job-seconds", type=float, default=0.5)
    parser.add_argument("--target", type=int, default=50, help="the backlog per worker to keep under")
    parser.add_argument("--min-workers", type=int, default=1)
    parser.add_argument("--max-workers", type=int, default=10)
    parser.add_argument("--period", type=int, default=60,
                        help="the alarms' period in seconds: 60 as on AWS; 10 with Wharf's 10-second SQS metrics")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--plot", default="autoscaling.svg")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the pool scaled up and back down")
    args = parser.parse_args()
    session = dict(endpoint_url=args.endpoint, region_name="us-east-1", aws_access_key_id="test",
                   aws_secret_access_key="test")
    sqs, sns = boto3.client("sqs", **session), boto3.client("sns", **session)
    CLOUDWATCH = boto3.client("cloudwatch", **session)

    queue_url = sqs.create_queue(QueueName="video-jobs")["QueueUrl"]
    topic = sns.create_topic(Name="scaling")["TopicArn"]
    pool = Pool(args, queue_url)
    server = scaler(pool, args.target)
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=f"http://127.0.0.1:{server.server_port}/")
    alarms(CLOUDWATCH, "video-jobs", topic, args.target, args.period)
    pool.scale_to(args.min_workers, "start")

    for start in range(0, args.jobs, 10):  # the front end: every job at once
        sqs.send_message_batch(QueueUrl=queue_url, Entries=[
            {"Id": str(i), "MessageBody": json.dumps({"video": f"video-{start + i}.mov"})}
            for i in range(min(10, args.jobs - start))])
    print(f"front end: sent {args.jobs} jobs", flush=True)

    samples, began, scaled_up = [], time.time(), False
    try:
        while time.time() - began < args.timeout:
            attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=[
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
            backlog = int(attributes["ApproximateNumberOfMessages"]) + int(
                attributes["ApproximateNumberOfMessagesNotVisible"])
            workers = pool.size()
            scaled_up = scaled_up or workers > args.min_workers
            samples.append((time.time(), workers, backlog))
            print(f"t={time.time() - began:5.0f}s workers={workers:2d} backlog={backlog}", flush=True)
            if backlog == 0 and scaled_up and workers == args.min_workers:
                break
            time.sleep(2)
    finally:
        pool.stop()
        server.shutdown()
    plot(samples, pool.events, args.plot)
    print(f"plot: {args.plot}")
    done = samples[-1][2] == 0 and scaled_up and samples[-1][1] == args.min_workers
    print("scaled up and back down" if done else "did not scale up and back down in time")
    return 0 if done or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
