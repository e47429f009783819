"""Parses a Prometheus text exposition from stdin with the Prometheus client's own parser and prints its samples as
JSON lines ({"name": ..., "labels": {...}, "value": ...}), so that a Java test can assert on what a scraper reads.

Run with the Python that has prometheus_client (Debian's python3-prometheus-client, under /usr/bin/python3).
"""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families

for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        value = sample.value
        print(json.dumps({
            "family": family.name,
            "type": family.type,
            "name": sample.name,
            "labels": sample.labels,
            "value": None if math.isnan(value) or math.isinf(value) else value,
        }))
