#!/usr/bin/env python3
"""Reads bench/run.sh's results.jsonl and prints a Markdown table of medians over rounds, ratios, and the targets."""
import json
import statistics
import sys
from collections import defaultdict


# The services whose scenarios have tables of their own, outside the SQS and SNS ratios.
OTHER_SERVICES = ("kinesis-", "cloudwatch-", "dynamodb-", "s3-")


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
        if line["scenario"] in ("idle", "cold-start", "metrics-code"):
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

    # The SQS and SNS ratios: the other services have tables of their own, against their own peers.
    scenarios = sorted({(k[0], k[1]) for k in runs if not k[0].startswith(OTHER_SERVICES)})
    if scenarios:
        print()
        print("Ratios (medians): ElasticMQ's server CPU per message over Wharf's (higher is better for Wharf), and "
              "Wharf's throughput over ElasticMQ's and over the ceiling's.")
        print()
        print("| scenario | mode | Wharf durability | CPU/msg: ElasticMQ ÷ Wharf | CPU/msg: moto ÷ Wharf "
              "| msgs/s: Wharf ÷ ElasticMQ | msgs/s: Wharf ÷ ceiling |")
        print("|---|---|---|---|---|---|---|")

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

    kinesis(runs, med, ratio)
    subscribe(runs, skipped, med)
    cloudwatch(runs, med, ratio)
    dynamodb(runs, med, ratio)
    s3(runs, med, ratio)
    code = [l for l in lines if l["scenario"] == "metrics-code"]
    metrics_cost(runs, med, code[-1] if code else None)

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
    for mode in ("light", "sdk"):
        # Two servers' CPU over a run differ by more from round to round than the metrics can cost, so the verdict
        # is the metrics' own code over the CPU per message; the A/B difference is shown beside it.
        cost = metrics_overhead(runs, med, mode)
        measured = code_overhead(runs, med, mode, code[-1] if code else None)
        check(f"the metrics add < 5% server CPU to SendMessageBatch ({mode}, sync)",
              measured < 5 if measured is not None else None,
              f"their code {fmt(measured, 2)}% of the CPU per message; A/B {fmt(cost, 1)}% over wharf-nometrics")
    kinesis_targets(runs, med, ratio, check)
    subscribe_targets(runs, skipped, med)
    if cold:
        worst_rss = max(l["server_idle_rss_mb"] for l in cold)
        start = median([l["start_to_healthy_ms"] for l in cold])
        check("idle RSS ≤ 100 MB", worst_rss <= 100, f"{worst_rss} MB (worst of {len(cold)})")
        check("cold start to healthy ≤ 1.5 s", start <= 1500, f"{fmt(start)} ms (median of {len(cold)})")


def metrics_overhead(runs, med, mode):
    """The server CPU per message that the sync Wharf spends over the sync Wharf without metrics, in per cent."""
    on = med(("send-batch", mode, "wharf", "sync"), "server_cpu_us_per_msg")
    off = med(("send-batch", mode, "wharf-nometrics", "sync"), "server_cpu_us_per_msg")
    return (on - off) * 100 / off if on and off else None


def metrics_cost(runs, med, code):
    """Prints what the services' metrics cost SendMessageBatch: the sync Wharf against the one with WHARF_METRICS=false,
    and the metrics' own code measured alone (JMH), set against the sync Wharf's CPU per message."""
    modes = [m for m in ("light", "sdk") if ("send-batch", m, "wharf-nometrics", "sync") in runs]
    if not modes:
        return
    print()
    print("What the metrics cost (the sync Wharf against wharf-nometrics, the sync Wharf with WHARF_METRICS=false, "
          "in the same run): SendMessageBatch's server CPU per message, medians over rounds, and the spread of the "
          "rounds' paired differences; then the metrics' own code per message (JMH: one request's timer and one "
          "commit group's meters for every 10 messages) over the sync Wharf's CPU per message.")
    print()
    print("| scenario | mode | rounds | CPU µs/msg, metrics on | CPU µs/msg, metrics off | cost (medians) "
          "| rounds' differences | the metrics' code | msgs/s on | msgs/s off |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mode in modes:
        on = ("send-batch", mode, "wharf", "sync")
        off = ("send-batch", mode, "wharf-nometrics", "sync")
        pairs = [(a.get("server_cpu_us_per_msg"), b.get("server_cpu_us_per_msg"))
                 for a, b in zip(runs.get(on, []), runs.get(off, []))]
        diffs = [(a - b) * 100 / b for a, b in pairs if a and b]
        spread = f"{min(diffs):+.0f}% to {max(diffs):+.0f}%" if diffs else "-"
        print(f"| send-batch | {mode} | {len(runs.get(on, []))}/{len(runs.get(off, []))} "
              f"| {fmt(med(on, 'server_cpu_us_per_msg'), 2)} | {fmt(med(off, 'server_cpu_us_per_msg'), 2)} "
              f"| {fmt(metrics_overhead(runs, med, mode), 1)}% | {spread} "
              f"| {fmt(code_overhead(runs, med, mode, code), 2)}% | {fmt(med(on, 'msgs_per_s'))} "
              f"| {fmt(med(off, 'msgs_per_s'))} |")
    if code:
        print()
        print(f"The metrics' code alone (JMH, 2 threads): a request's timer {fmt(code['on_request_ns'], 0)} ns, a "
              f"commit group's meters {fmt(code['on_commit_ns'], 0)} ns.")


def code_overhead(runs, med, mode, code):
    """The metrics' code per message of SendMessageBatch (10 a request, one commit group at most), in per cent of the
    sync Wharf's server CPU per message."""
    on = med(("send-batch", mode, "wharf", "sync"), "server_cpu_us_per_msg")
    if not code or not on:
        return None
    return (code["on_request_ns"] + code["on_commit_ns"]) / 10 / (on * 1000) * 100


def cloudwatch(runs, med, ratio):
    """Prints CloudWatch's table: Wharf against moto, the one peer with CloudWatch."""
    against_moto(runs, med, ratio, "cloudwatch-",
                 "CloudWatch (AWS JSON 1.0; cloudwatch-put: a message is one value of a PutMetricData of 20; "
                 "cloudwatch-get: a message is one GetMetricData of 16 statistics over an hour)")


def dynamodb(runs, med, ratio):
    """Prints DynamoDB's table: Wharf against moto, the one peer with DynamoDB."""
    against_moto(runs, med, ratio, "dynamodb-",
                 "DynamoDB (AWS JSON 1.0, a table of 1,024 items of 200 B; a message is one request: PutItem, "
                 "GetItem with ConsistentRead, the KCL's conditional checkpoint UpdateItem, a Query of 20 items)")


def s3(runs, med, ratio):
    """Prints S3's table: Wharf against moto, the one peer with S3."""
    against_moto(runs, med, ratio, "s3-",
                 "S3 (REST, path-style, SigV4 with x-amz-content-sha256; a bucket of 256 objects of 200 B; a message "
                 "is one request: PutObject, GetObject, ListObjectsV2 of a page of 100 keys)")


def against_moto(runs, med, ratio, prefix, title):
    """Prints one service's table of Wharf against moto: the scenarios whose names start with the prefix."""
    scenarios = sorted({k[0] for k in runs if k[0].startswith(prefix)})
    if not scenarios:
        return
    print()
    print(f"{title}: Wharf's messages/s over moto's, and moto's server CPU per message over Wharf's (higher is "
          "better for Wharf); errors summed over rounds.")
    print()
    print("| scenario | server | durability | msgs/s | server CPU µs/msg | p99 µs | errors | msgs/s: Wharf ÷ moto "
          "| CPU/msg: moto ÷ Wharf |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        moto = (scenario, "light", "moto", "memory")
        for server, durability in (("wharf", "sync"), ("wharf", "relaxed"), ("wharf", "memory"), ("moto", "memory")):
            key = (scenario, "light", server, durability)
            if key not in runs:
                continue
            versus = key != moto
            print(f"| {scenario} | {server} | {durability} | {fmt(med(key, 'msgs_per_s'))} "
                  f"| {fmt(med(key, 'server_cpu_us_per_msg'), 1)} | {fmt(med(key, 'latency_p99_us'))} "
                  f"| {sum(r.get('errors', 0) for r in runs[key])} "
                  f"| {fmt(ratio(med(key, 'msgs_per_s'), med(moto, 'msgs_per_s')), 2) if versus else '--'} "
                  f"| {fmt(ratio(med(moto, 'server_cpu_us_per_msg'), med(key, 'server_cpu_us_per_msg')), 2) if versus else '--'} |")


KINESIS_PEERS = ("kinesalite", "kinesis-mock")


def kinesis(runs, med, ratio):
    """Prints the Kinesis table: records a second and server CPU per record, against each peer, with errors."""
    # kinesis-subscribe-latency runs at fixed rates: its records/s say nothing, its latencies have a table of their own.
    scenarios = sorted({k[0] for k in runs if k[0].startswith("kinesis-") and not k[0].startswith(SUBSCRIBE)})
    if not scenarios:
        return
    print()
    print("Kinesis (a message is a record): Wharf's records/s over each peer's, and each peer's server CPU per record "
          "over Wharf's (higher is better for Wharf); errors and failed records summed over rounds.")
    print()
    print("| scenario | Wharf durability | records/s | server CPU µs/record | errors | "
          + " | ".join(f"records/s: Wharf ÷ {p} | CPU/record: {p} ÷ Wharf" for p in KINESIS_PEERS) + " | notes |")
    print("|---|---|---|---|---|" + "---|---|" * len(KINESIS_PEERS) + "---|")
    for scenario in scenarios:
        for durability in ("sync", "relaxed", "memory"):
            wharf = (scenario, "light", "wharf", durability)
            if wharf not in runs:
                continue
            cells = []
            for peer in KINESIS_PEERS:
                key = (scenario, "light", peer, "memory")
                if scenario == "kinesis-limits":
                    cells.append("n/a (no limits) | n/a")
                    continue
                if scenario.endswith("-cbor") and key not in runs:
                    cells.append("n/a (not run: CBOR) | n/a")
                    continue
                cells.append(f"{fmt(ratio(med(wharf, 'msgs_per_s'), med(key, 'msgs_per_s')), 2)} "
                             f"| {fmt(ratio(med(key, 'server_cpu_us_per_msg'), med(wharf, 'server_cpu_us_per_msg')), 2)}")
            print(f"| {scenario} | {durability} | {fmt(med(wharf, 'msgs_per_s'))} "
                  f"| {fmt(med(wharf, 'server_cpu_us_per_msg'), 1)} | {sum(r.get('errors', 0) for r in runs[wharf])} "
                  f"| {' | '.join(cells)} | {kinesis_notes(runs[wharf], med, wharf)} |")
        for peer in KINESIS_PEERS:
            key = (scenario, "light", peer, "memory")
            if key in runs:
                print(f"| {scenario} | {peer} | {fmt(med(key, 'msgs_per_s'))} "
                      f"| {fmt(med(key, 'server_cpu_us_per_msg'), 1)} | {sum(r.get('errors', 0) for r in runs[key])} "
                      f"| {' | '.join('-- | --' for _ in KINESIS_PEERS)} | {kinesis_notes(runs[key], med, key)} |")


SUBSCRIBE = "kinesis-subscribe-latency-"
SUBSCRIBE_SERVERS = (("wharf", "sync"), ("wharf", "relaxed"), ("wharf", "memory"), ("kinesis-mock", "memory"),
                     ("kinesalite", "memory"))


def subscribe_rates(runs, skipped):
    return sorted({int(k[0][len(SUBSCRIBE):]) for k in list(runs) + list(skipped) if k[0].startswith(SUBSCRIBE)})


def subscribe(runs, skipped, med):
    """Prints enhanced fan-out's table: delivery latency at each rate, and whether every record came once."""
    rates = subscribe_rates(runs, skipped)
    if not rates:
        return
    print()
    print("Enhanced fan-out (kinesis-subscribe-latency-R): PutRecord at R records/s (open loop) to 2 shards, each "
          "subscribed over HTTP/2 by the SDK v2's KinesisAsyncClient; latency from the intended send to the "
          "SubscribeToShardEvent handed to the subscriber. Latencies and CPU are medians over rounds; sent, received, "
          "missing and duplicated are summed.")
    print()
    print("| scenario | server | durability | rounds | sent | received | missing | duplicated | errors | p50 µs "
          "| p99 µs | p99.9 µs | max µs | server CPU µs/record | notes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for rate in rates:
        scenario = f"{SUBSCRIBE}{rate}"
        for server, durability in SUBSCRIBE_SERVERS:
            key = (scenario, "light", server, durability)
            if server == "kinesalite":
                print(f"| {scenario} | kinesalite | memory | - | n/a (no SubscribeToShard) ||||||||||")
                continue
            if key in skipped and key not in runs:
                print(f"| {scenario} | {server} | {durability} | - | skipped: {skipped[key][:120]} ||||||||||")
                continue
            lines = runs.get(key)
            if not lines:
                continue
            total = lambda field: sum(l.get(field, 0) for l in lines)
            notes = [f"received = sent in {sum(1 for l in lines if l.get('received_equals_sent'))} of {len(lines)}"]
            if all(l.get("initial_responses", 1) == 0 for l in lines):
                notes.append("no initial-response event (started by its first event)")
            notes.append(f"PutRecord p99 {fmt(med(key, 'put_latency_p99_us'))} µs")
            print(f"| {scenario} | {server} | {durability} | {len(lines)} | {fmt(total('sent'))} "
                  f"| {fmt(total('received'))} | {fmt(total('missing'))} | {fmt(total('duplicated'))} "
                  f"| {fmt(total('errors'))} | {fmt(med(key, 'latency_p50_us'))} | {fmt(med(key, 'latency_p99_us'))} "
                  f"| {fmt(med(key, 'latency_p999_us'))} | {fmt(med(key, 'latency_max_us'))} "
                  f"| {fmt(med(key, 'server_cpu_us_per_msg'), 1)} | {'; '.join(notes)} |")


def subscribe_targets(runs, skipped, med):
    """Every record delivered once; and the p99 at each rate, which has no numeric target and is only reported."""
    rates = subscribe_rates(runs, skipped)
    if not rates:
        return
    lines = [l for k, ls in runs.items() if k[0].startswith(SUBSCRIBE) for l in ls]
    ok = bool(lines) and all(l.get("received_equals_sent") and l.get("errors") == 0 for l in lines)
    print(f"| kinesis-subscribe-latency: every record put is delivered exactly once, on every server that subscribes "
          f"| {sum(1 for l in lines if l.get('received_equals_sent') and l.get('errors') == 0)} of {len(lines)} runs "
          f"| {'met' if ok else 'MISSED'} |")
    for rate in rates:
        scenario = f"{SUBSCRIBE}{rate}"
        measured = []
        for server, durability in SUBSCRIBE_SERVERS:
            key = (scenario, "light", server, durability)
            name = "Wharf " + durability if server == "wharf" else server
            if key in runs:
                measured.append(f"{name} {fmt(med(key, 'latency_p99_us'))} µs")
            elif key in skipped:
                measured.append(f"{name} n/a (skipped)")
        measured.append("kinesalite n/a (no SubscribeToShard)")
        print(f"| {scenario}: p99 from PutRecord's intended send to the subscriber, at {rate:,} records/s "
              f"| {'; '.join(measured)} | no target: reported |")


def kinesis_notes(lines, med, key):
    notes = []
    if any("prefilled" in l for l in lines):
        notes.append("read = written in " + f"{sum(1 for l in lines if l.get('read_equals_written'))} of {len(lines)}"
                     + f" (backlog {fmt(med(key, 'prefilled'))})")
    if any("throughput_exceeded" in l for l in lines):
        notes.append(f"offered {fmt(med(key, 'offered_records_per_s'))} records/s, "
                     f"{fmt(med(key, 'throughput_exceeded'))} ProvisionedThroughputExceeded a run")
    return "; ".join(notes) or "-"


def kinesis_targets(runs, med, ratio, check):
    """The Kinesis targets: CPU per record put ≤ 1/10 of kinesalite's, ≥ 10× its throughput, and the limit exact."""
    if not any(k[0].startswith("kinesis-") for k in runs):
        return
    peer = ("kinesis-put-batch", "light", "kinesalite", "memory")
    for durability in ("sync", "relaxed"):
        wharf = ("kinesis-put-batch", "light", "wharf", durability)
        r = ratio(med(peer, "server_cpu_us_per_msg"), med(wharf, "server_cpu_us_per_msg"))
        check(f"kinesis-put-batch ({durability}): Wharf server CPU per record ≤ 1/10 of kinesalite's",
              r >= 10 if r else None,
              f"kinesalite ÷ Wharf = {fmt(r, 2)} ({fmt(med(peer, 'server_cpu_us_per_msg'), 1)} µs ÷ "
              f"{fmt(med(wharf, 'server_cpu_us_per_msg'), 1)} µs)")
        r = ratio(med(wharf, "msgs_per_s"), med(peer, "msgs_per_s"))
        check(f"kinesis-put-batch ({durability}): PutRecords throughput ≥ 10× kinesalite's", r >= 10 if r else None,
              f"Wharf ÷ kinesalite = {fmt(r, 2)} ({fmt(med(wharf, 'msgs_per_s'))} ÷ {fmt(med(peer, 'msgs_per_s'))} "
              f"records/s)")
    drains = [l for k, ls in runs.items() if k[0] == "kinesis-get-drain" for l in ls]
    if drains:
        ok = all(l.get("read_equals_written") for l in drains)
        check("kinesis-get-drain: every record written is read, on every server", ok,
              f"{sum(1 for l in drains if l.get('read_equals_written'))} of {len(drains)} runs")
    limits = runs.get(("kinesis-limits", "light", "wharf", "sync"), [])
    if limits:
        rates = [l["msgs_per_s"] for l in limits]
        worst = max(abs(r - 1000) / 1000 for r in rates)
        check("kinesis-limits: accepted records/s on one shard = AWS's 1,000 (within 2 %)", worst <= 0.02,
              f"{', '.join(fmt(r, 1) for r in rates)} records/s; kinesalite and kinesis-mock: n/a (no limits)")


if __name__ == "__main__":
    main(sys.argv[1])
