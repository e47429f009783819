"""CloudWatch's metrics and alarms through boto3, over each protocol that botocore can speak to CloudWatch.

botocore 1.43 picks Smithy RPC v2 CBOR for CloudWatch, the first protocol of the model it supports; the other two
runs make it speak AWS JSON 1.0 and the Query protocol by narrowing the model's list of protocols, as an older
botocore would have it, so that one suite covers all three of CloudWatch's wire protocols.
"""
import copy
import datetime
import json

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError

from conftest import ENDPOINT

PROTOCOLS = ["smithy-rpc-v2-cbor", "json", "query"]


def client(protocol):
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    load = loader.load_service_model

    def narrowed(service_name, type_name, api_version=None):
        model = load(service_name, type_name, api_version)
        if service_name == "cloudwatch" and type_name == "service-2":
            model = copy.deepcopy(model)
            model["metadata"]["protocols"] = [protocol]
            model["metadata"]["protocol"] = protocol
        return model

    loader.load_service_model = narrowed
    return boto3.Session(botocore_session=session).client(
        "cloudwatch",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


@pytest.fixture(params=PROTOCOLS)
def cloudwatch(request):
    cw = client(request.param)
    assert cw.meta.service_model.protocol == request.param
    return cw


def minute_ago():
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    return now - datetime.timedelta(minutes=3)


def test_put_metric_data_reads_back_exactly(cloudwatch):
    protocol = cloudwatch.meta.service_model.protocol
    namespace = f"Boto/{protocol}"
    start = minute_ago()
    cloudwatch.put_metric_data(
        Namespace=namespace,
        MetricData=[
            {
                "MetricName": "Latency",
                "Dimensions": [{"Name": "Queue", "Value": "jobs"}],
                "Timestamp": start + datetime.timedelta(seconds=5),
                "Values": [1.0, 2.0, 3.0, 4.0],
                "Counts": [1.0, 1.0, 1.0, 7.0],
                "Unit": "Milliseconds",
            },
            {
                "MetricName": "Latency",
                "Dimensions": [{"Name": "Queue", "Value": "jobs"}],
                "Timestamp": start + datetime.timedelta(seconds=65),
                "StatisticValues": {"SampleCount": 2.0, "Sum": 10.0, "Minimum": 4.0, "Maximum": 6.0},
                "Unit": "Milliseconds",
            },
        ],
    )

    stats = cloudwatch.get_metric_statistics(
        Namespace=namespace,
        MetricName="Latency",
        Dimensions=[{"Name": "Queue", "Value": "jobs"}],
        StartTime=start,
        EndTime=start + datetime.timedelta(minutes=2),
        Period=60,
        Statistics=["Sum", "SampleCount", "Minimum", "Maximum", "Average"],
    )
    points = sorted(stats["Datapoints"], key=lambda p: p["Timestamp"])
    assert stats["Label"] == "Latency"
    assert [p["Timestamp"] for p in points] == [start, start + datetime.timedelta(minutes=1)]
    assert points[0]["Sum"] == 34.0 and points[0]["SampleCount"] == 10.0 and points[0]["Average"] == 3.4
    assert points[0]["Unit"] == "Milliseconds"
    assert points[1]["Minimum"] == 4.0 and points[1]["Maximum"] == 6.0

    extended = cloudwatch.get_metric_statistics(
        Namespace=namespace,
        MetricName="Latency",
        Dimensions=[{"Name": "Queue", "Value": "jobs"}],
        StartTime=start,
        EndTime=start + datetime.timedelta(minutes=1),
        Period=60,
        ExtendedStatistics=["p30", "p99.9", "TM(10%:90%)"],
    )
    assert extended["Datapoints"][0]["ExtendedStatistics"] == {"p30": 3.0, "p99.9": 4.0, "TM(10%:90%)": 3.625}

    listed = cloudwatch.list_metrics(Namespace=namespace)["Metrics"]
    assert listed == [
        {"Namespace": namespace, "MetricName": "Latency", "Dimensions": [{"Name": "Queue", "Value": "jobs"}]}
    ]

    data = cloudwatch.get_metric_data(
        MetricDataQueries=[
            {
                "Id": "latency",
                "MetricStat": {
                    "Metric": {
                        "Namespace": namespace,
                        "MetricName": "Latency",
                        "Dimensions": [{"Name": "Queue", "Value": "jobs"}],
                    },
                    "Period": 60,
                    "Stat": "Sum",
                },
            }
        ],
        StartTime=start,
        EndTime=start + datetime.timedelta(minutes=2),
    )
    result = data["MetricDataResults"][0]
    assert result["Id"] == "latency" and result["StatusCode"] == "Complete"
    # TimestampDescending is the default.
    assert result["Values"] == [10.0, 34.0]
    assert result["Timestamps"] == [start + datetime.timedelta(minutes=1), start]


def test_alarms_are_described_set_and_recorded(cloudwatch):
    protocol = cloudwatch.meta.service_model.protocol
    name = f"boto-{protocol}"
    cloudwatch.put_metric_alarm(
        AlarmName=name,
        Namespace="Boto/Alarms",
        MetricName="Backlog",
        Statistic="Average",
        Period=60,
        EvaluationPeriods=3,
        DatapointsToAlarm=2,
        Threshold=10.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        TreatMissingData="notBreaching",
        Tags=[{"Key": "team", "Value": "ops"}],
    )
    alarm = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    assert alarm["StateValue"] == "INSUFFICIENT_DATA"
    assert alarm["DatapointsToAlarm"] == 2 and alarm["Threshold"] == 10.0
    assert alarm["AlarmArn"] == f"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{name}"

    cloudwatch.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="by hand")
    assert cloudwatch.describe_alarms(StateValue="ALARM", AlarmNamePrefix=name)["MetricAlarms"][0]["StateReason"] == (
        "by hand"
    )
    history = cloudwatch.describe_alarm_history(AlarmName=name, HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    assert history[0]["HistorySummary"] == "Alarm updated from INSUFFICIENT_DATA to ALARM"
    assert json.loads(history[0]["HistoryData"])["newState"]["stateValue"] == "ALARM"
    assert cloudwatch.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"] == [
        {"Key": "team", "Value": "ops"}
    ]

    cloudwatch.delete_alarms(AlarmNames=[name])
    assert cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"] == []


def test_errors_carry_cloudwatchs_codes(cloudwatch):
    with pytest.raises(ClientError) as reserved:
        cloudwatch.put_metric_data(Namespace="AWS/SQS", MetricData=[{"MetricName": "x", "Value": 1.0}])
    assert reserved.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert reserved.value.response["Error"]["Message"] == "The value AWS/SQS for parameter Namespace is invalid."
    assert reserved.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    with pytest.raises(ClientError) as missing:
        cloudwatch.set_alarm_state(AlarmName="never-made", StateValue="OK", StateReason="x")
    assert missing.value.response["Error"]["Code"] == "ResourceNotFound"
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
