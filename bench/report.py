#!/usr/bin/env python3
"""Reads bench/run.sh's results.jsonl and prints a Markdown table of medians over rounds, ratios, and the targets."""
import json
import statistics
import sys
from collections import defaultdict


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def main(path):
    lines = [json.loads(l) for l in open(path) if l.strip().startswith("{")]
    runs = defaultdict(list)
    skipped = {}
    for line in lines:
        if line["scenario"] in ("idle", "cold-start"):
            continue
        key = (line["scenario"], line["mode"], line["server"], line.get("durability", "-"))
        if "skipped" in line:
            skipped[key] = line["skipped"]
        else:
            runs[key].append(line)

    def med(key, field):
        return median([r.get(field) for r in runs.get(key, [])])

    print("| scenario | mode | server | durability | rounds | msgs/s | server CPU µs/msg | p50 µs | p99 µs | p99.9 µs "
          "| peak RSS MB | generator CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key in sorted(set(runs) | set(skipped)):
        scenario, mode, server, durability = key
        if key in skipped and key not in runs:
            print(f"| {scenario} | {mode} | {server} | {durability} | skipped: {skipped[key][:80]} |||||||")
            continue
        if any(r.get("fifo_group_exclusive") is False for r in runs[key]):
            scenario += " (FIFO group order NOT enforced)"
        print(f"| {scenario} | {mode} | {server} | {durability} | {len(runs[key])} | {fmt(med(key, 'msgs_per_s'))} "
              f"| {fmt(med(key, 'server_cpu_us_per_msg'), 1)} | {fmt(med(key, 'latency_p50_us'))} "
              f"| {fmt(med(key, 'latency_p99_us'))} | {fmt(med(key, 'latency_p999_us'))} "
              f"| {fmt(med(key, 'server_peak_rss_mb'), 1)} | {fmt(med(key, 'generator_cpu_seconds'), 2)} |")

    print()
    print("Ratios (medians): ElasticMQ's server CPU per message over Wharf's (higher is better for Wharf), and "
          "Wharf's throughput over ElasticMQ's and over the ceiling's.")
    print()
    print("| scenario | mode | Wharf durability | CPU/msg: ElasticMQ ÷ Wharf | CPU/msg: moto ÷ Wharf | msgs/s: Wharf ÷ ElasticMQ "
          "| msgs/s: Wharf ÷ ceiling |")
    print("|---|---|---|---|---|---|---|")
    scenarios = sorted({(k[0], k[1]) for k in runs})

    def ratio(a, b):
        return a / b if a and b else None

    for scenario, mode in scenarios:
        emq = (scenario, mode, "elasticmq", "memory")
        moto = (scenario, mode, "moto", "memory")
        ceiling = (scenario, mode, "ceiling", "memory")
        for durability in ("sync", "relaxed", "memory"):
            wharf = (scenario, mode, "wharf", durability)
            if wharf not in runs:
                continue
            print(f"| {scenario} | {mode} | {durability} "
                  f"| {fmt(ratio(med(emq, 'server_cpu_us_per_msg'), med(wharf, 'server_cpu_us_per_msg')), 2)} "
                  f"| {fmt(ratio(med(moto, 'server_cpu_us_per_msg'), med(wharf, 'server_cpu_us_per_msg')), 2)} "
                  f"| {fmt(ratio(med(wharf, 'msgs_per_s'), med(emq, 'msgs_per_s')), 2)} "
                  f"| {fmt(ratio(med(wharf, 'msgs_per_s'), med(ceiling, 'msgs_per_s')), 3)} |")

    cold = [l for l in lines if l["scenario"] == "cold-start"]
    idle = [l for l in lines if l["scenario"] == "idle"]
    print()
    print("Start and idle memory: " + "; ".join(
        [f"Wharf cold start to healthy {l['start_to_healthy_ms']} ms, RSS 5 s later {l.get('server_rss_5s_mb', '-')} MB,"
         f" idle (15 s later) {l['server_idle_rss_mb']} MB" for l in cold]
        + [f"{l['server']} idle RSS {l['server_idle_rss_mb']} MB" for l in idle]))

    def check(name, ok, detail):
        print(f"| {name} | {detail} | {'met' if ok else ('MISSED' if ok is not None else 'not measured')} |")

    print()
    print("| target | measured | verdict |")
    print("|---|---|---|")
    for scenario in ("send-batch", "receive-delete"):
        r = ratio(med((scenario, "light", "elasticmq", "memory"), "server_cpu_us_per_msg"),
                  med((scenario, "light", "wharf", "sync"), "server_cpu_us_per_msg"))
        check(f"{scenario}: sync Wharf CPU/msg ≤ 1/10 of ElasticMQ's", r is not None and r >= 10 if r else None,
              f"ElasticMQ ÷ Wharf = {fmt(r, 2)}")
    r = ratio(med(("send-batch", "light", "wharf", "sync"), "msgs_per_s"),
              med(("send-batch", "light", "elasticmq", "memory"), "msgs_per_s"))
    check("light generator send-batch throughput ≥ 10× ElasticMQ (sync)", r >= 10 if r else None,
          f"Wharf ÷ ElasticMQ = {fmt(r, 2)}")
    for rate, limit in (("100", 5000), ("500", 20000)):
        p99 = med((f"e2e-latency-{rate}", "light", "wharf", "sync"), "latency_p99_us")
        check(f"e2e p99 < {limit // 1000} ms at {rate} msg/s (sync)", p99 < limit if p99 else None, f"{fmt(p99)} µs")
    for durability in ("sync", "relaxed"):
        send = med(("single-send", "light", "wharf", durability), "server_cpu_us_per_msg")
        for subscribers in (1, 3, 10):
            for kind in ("raw", "envelope"):
                publish = med((f"sns-fanout-{subscribers}-{kind}", "light", "wharf", durability), "server_cpu_us_per_msg")
                per_delivery = publish / subscribers if publish else None
                check(f"SNS {kind} fan-out to {subscribers} ({durability}): CPU per delivery ≤ one SendMessage's",
                      per_delivery <= send if per_delivery and send else None,
                      f"{fmt(per_delivery, 1)} µs per delivery, SendMessage {fmt(send, 1)} µs")
    send = med(("single-send", "light", "wharf", "sync"), "server_cpu_us_per_msg")
    for kind in ("raw", "envelope"):
        publish = med((f"sns-fanout-3-{kind}", "light", "wharf", "sync"), "server_cpu_us_per_msg")
        r = ratio(publish, send)
        check(f"SNS {kind} Publish to 3 queues (sync) ≤ 2× a SendMessage's CPU", r <= 2 if r else None,
              f"Publish ÷ SendMessage = {fmt(r, 2)}")
    if cold:
        worst_rss = max(l["server_idle_rss_mb"] for l in cold)
        start = median([l["start_to_healthy_ms"] for l in cold])
        check("idle RSS ≤ 100 MB", worst_rss <= 100, f"{worst_rss} MB (worst of {len(cold)})")
        check("cold start to healthy ≤ 1.5 s", start <= 1500, f"{fmt(start)} ms (median of {len(cold)})")


if __name__ == "__main__":
    main(sys.argv[1])
