#!/usr/bin/env bash
# Wharf's benchmark run: builds what it needs, starts Wharf (sync and relaxed), ElasticMQ, moto, the do-nothing
# ceiling server, and for Kinesis kinesalite and kinesis-mock, on 127.0.0.1 (and a sync Wharf with its metrics off,
# wharf-nometrics, whose send-batch runs say what the metrics cost), runs every scenario against each server
# that speaks its API in turn (alternating servers, repeated in rounds to cancel drift), stops them all, and writes a
# table of ratios. Only loopback is ever targeted; every run is bounded in time and count; the whole run takes about
# 20 minutes with the defaults.
#
#   bench/run.sh                       the full run: results in bench/target/results/<time>/ (results.jsonl, table.md)
#   bench/run.sh --smoke               CI's check: Wharf in memory mode, send-batch for 2 s, exits 1 unless msgs_per_s > 0
#   bench/run.sh --rounds 1 --seconds 3 --warmup 1 --prefill 2      a shorter run
#   bench/run.sh --only 'send-batch single-send' --servers 'wharf-sync elasticmq ceiling'
#   bench/run.sh --only 'kinesis-put-batch kinesis-get-drain kinesis-limits' --servers 'wharf-sync wharf-relaxed kinesalite'
#   bench/run.sh --only 'kinesis-subscribe-latency' --servers 'wharf-sync wharf-relaxed kinesis-mock'
#   bench/run.sh --only 'send-batch sdk-send-batch' --servers 'wharf-sync wharf-nometrics' --rounds 5   the metrics' cost
#   bench/run.sh --only 'cloudwatch-put cloudwatch-get' --servers 'wharf-sync wharf-relaxed moto'
#   bench/run.sh --only 'dynamodb-put dynamodb-get dynamodb-update dynamodb-query' --servers 'wharf-sync wharf-relaxed moto'
#   bench/run.sh --only 's3-put s3-get s3-list' --servers 'wharf-sync wharf-relaxed moto'
#   bench/run.sh --only 'firehose-put-batch' --servers 'wharf-sync wharf-relaxed moto'
#
# WHARF_HOME names the Wharf checkout whose server is measured (default: this repository).
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
WHARF_HOME="${WHARF_HOME:-$root}"

smoke=false rounds=2 seconds=4 warmup=1 prefill=3 connections=16
# kinesis-get-drain's backlog: at most this many seconds of PutRecords, and at most kinesis_prefill_max records, so
# that the slowest peer still fills a backlog worth draining; the drain itself ends when all is read (at most 30 s).
kinesis_prefill=20 kinesis_prefill_max=100000 kinesis_drain_max=30
scenarios="send-batch receive-delete e2e-100 e2e-500 single-send fifo-1 fifo-1000 sdk-send-batch sns-1 sns-3 sns-10 sns-raw-1 sns-raw-3 sns-raw-10 kinesis-put-batch kinesis-put-batch-cbor kinesis-get-drain kinesis-limits kinesis-subscribe-latency cloudwatch-put cloudwatch-get dynamodb-put dynamodb-get dynamodb-update dynamodb-query s3-put s3-get s3-list firehose-put-batch"
servers="wharf-sync wharf-relaxed wharf-nometrics elasticmq moto ceiling kinesalite kinesis-mock"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --rounds) rounds="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --prefill) prefill="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --only) scenarios="$2"; shift ;;
    --servers) servers="$2"; shift ;;
    --kinesis-prefill) kinesis_prefill="$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

JAVA_HOME="$("$root/wharf" --find-jdk)"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
clk_tck="$(getconf CLK_TCK)"
log() { echo "run.sh: $*" >&2; }

# --- build ------------------------------------------------------------------------------------------------------
log "building the bench (and the server in $WHARF_HOME)"
(cd "$root" && ./mvnw -q -B -pl bench -am install -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true \
    -Dforbiddenapis.skip=true) >&2
(cd "$WHARF_HOME" && ./wharf build) >&2
bench_cp="$bench_dir/target/wharf-bench.jar:$bench_dir/target/lib/*"
if ! $smoke && [[ " $servers " == *" elasticmq "* ]] && [ ! -f "$bench_dir/target/peers/elasticmq/.complete" ]; then
  log "copying ElasticMQ and its dependencies to bench/target/peers/elasticmq"
  (cd "$root" && ./mvnw -q -B -f bench/peers/elasticmq/pom.xml dependency:copy-dependencies) >&2
  touch "$bench_dir/target/peers/elasticmq/.complete"
fi

# kinesalite and kinesis-mock come from npm, installed once from bench/peers/<name>/package-lock.json (versions
# pinned there) into bench/target/peers/<name>, without install scripts: kinesalite's optional LevelDB binding is
# only for --path, and both serve from memory here.
npm_peers=""
for name in kinesalite kinesis-mock; do [[ " $servers " == *" $name "* ]] && npm_peers+=" $name"; done
if ! $smoke && [ -n "$npm_peers" ]; then
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing nodejs and npm (Debian's) for the Kinesis peers"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq nodejs npm >&2
    else
      log "the Kinesis peers need node and npm: install them (Debian: apt-get install nodejs npm) or drop$npm_peers from --servers"
      exit 2
    fi
  fi
  for name in $npm_peers; do
    peer_dir="$bench_dir/target/peers/$name"
    if [ ! -f "$peer_dir/.complete" ] || ! cmp -s "$bench_dir/peers/$name/package-lock.json" "$peer_dir/package-lock.json"; then
      log "installing $name from npm into bench/target/peers/$name"
      rm -rf "$peer_dir" && mkdir -p "$peer_dir"
      cp "$bench_dir/peers/$name/package.json" "$bench_dir/peers/$name/package-lock.json" "$peer_dir/"
      (cd "$peer_dir" && timeout 600 npm ci --ignore-scripts --no-audit --no-fund) >&2
      touch "$peer_dir/.complete"
    fi
  done
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$bench_dir/target/results/${stamp}$($smoke && echo -smoke || true)"
mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"

# --- servers ----------------------------------------------------------------------------------------------------
declare -A pid port
started=()
stop_pid() { # TERM, then KILL after 10 s: only processes this script started, by pid
  local p="$1"
  kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
}
cleanup() {
  for p in "${started[@]}"; do stop_pid "$p"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }
wait_http() { # url, pid, seconds: waits for any HTTP answer (or a 200 from Wharf's health)
  local url="$1" p="$2" deadline=$(( $(now_ms) + $3 * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    kill -0 "$p" 2>/dev/null || { log "the server (pid $p) exited; see $out"; return 1; }
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true)"
    case "$code" in 200) return 0 ;; 000) ;; *) [[ "$url" != *_wharf* ]] && return 0 ;; esac
    sleep 0.01
  done
  log "no answer from $url"; return 1
}
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

start_server() { # name
  local name="$1" p
  local port_="$(free_port)"
  case "$name" in
    wharf-limits)
      # The Wharf that kinesis-limits measures: sync, with Kinesis's per-shard throughput limits on (the default).
      "$WHARF_HOME/wharf" start --port "$port_" --data-dir "$out/data-$name" --storage sync > "$out/$name.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/_wharf/health" "$p" 60 ;;
    wharf-nometrics)
      # A sync Wharf with the services' metrics off (no request timers, no AWS/ publication): the peer that says what
      # the metrics cost the sync Wharf beside it.
      WHARF_METRICS=false WHARF_KINESIS_THROUGHPUT_LIMITS=false "$WHARF_HOME/wharf" start --port "$port_" \
        --data-dir "$out/data-$name" --storage sync > "$out/$name.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/_wharf/health" "$p" 60 ;;
    wharf-*)
      # Kinesis's per-shard limits off, so that kinesis-put-batch and kinesis-get-drain measure Wharf and not AWS's
      # 1,000 records a second per shard (kinesalite and kinesis-mock have no limits); SQS and SNS ignore it.
      WHARF_KINESIS_THROUGHPUT_LIMITS=false WHARF_FIREHOSE_THROUGHPUT_QUOTA=false "$WHARF_HOME/wharf" start \
        --port "$port_" --data-dir "$out/data-$name" \
        --storage "${name#wharf-}" > "$out/$name.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/_wharf/health" "$p" 60 ;;
    kinesalite)
      # In memory (no --path); streams change state in 50 ms rather than 500, as Wharf's own 500 ms is waited out too.
      node "$bench_dir/target/peers/kinesalite/node_modules/kinesalite/cli.js" --port "$port_" --createStreamMs 50 \
        --deleteStreamMs 50 --updateStreamMs 50 --shardLimit 100 > "$out/kinesalite.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/" "$p" 60 ;;
    kinesis-mock)
      # kinesis-mock reads its TLS certificate (server.json) from the working directory, and serves TLS on a port
      # of its own beside the plain one; exec, so that the pid measured is node's.
      local tls_port="$(free_port)"
      (cd "$bench_dir/target/peers/kinesis-mock/node_modules/kinesis-local" && \
        exec env KINESIS_MOCK_PLAIN_PORT="$port_" KINESIS_MOCK_TLS_PORT="$tls_port" CREATE_STREAM_DURATION=50ms \
        DELETE_STREAM_DURATION=50ms REGISTER_STREAM_CONSUMER_DURATION=50ms DEREGISTER_STREAM_CONSUMER_DURATION=50ms \
        LOG_LEVEL=WARN SHARD_LIMIT=100 node main.js) > "$out/kinesis-mock.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/" "$p" 60 ;;
    elasticmq)
      cat > "$out/elasticmq.conf" <<EOF
include classpath("application.conf")
node-address { protocol = http, host = "127.0.0.1", port = $port_, context-path = "" }
rest-sqs { enabled = true, bind-port = $port_, bind-hostname = "127.0.0.1", sqs-limits = strict }
rest-stats { enabled = false }
EOF
      "$java" -Dconfig.file="$out/elasticmq.conf" -cp "$bench_dir/target/peers/elasticmq/*" org.elasticmq.server.Main \
        > "$out/elasticmq.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/?Action=ListQueues" "$p" 60 ;;
    moto)
      python3 -m moto.server -H 127.0.0.1 -p "$port_" > "$out/moto.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/" "$p" 60 ;;
    ceiling)
      "$java" -cp "$bench_cp" dev.wharf.bench.Bench ceiling --port "$port_" > "$out/ceiling.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/" "$p" 30 ;;
  esac
  pid[$name]=$p; port[$name]=$port_
  sleep 15 # as long as the cold-start lines wait, so that every idle figure is taken at the same point
  printf '{"scenario":"idle","server":"%s","server_idle_rss_mb":%s}\n' "$name" "$(rss_mb "$p")" | tee -a "$results"
}

settle() { # waits (at most 20 s) until the server uses under 5% of a core, so one run's backlog can't leak into the next
  # (a durable store's compaction after a burst of PutRecords takes several seconds)
  local p="$1" a b
  for _ in $(seq 1 40); do
    a=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0); sleep 0.5
    b=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    [ $(( (b - a) * 100 / clk_tck )) -lt 3 ] && break
  done
  # A Wharf whose heap grew under the run hands it back once it has had no request for 10 s (IdleHeapRelease: a full
  # collection, then the heap shrinks). Measured, that landed in the next server's run and raised its CPU per record
  # by a third, so a Wharf well above its idle RSS is waited for (at most 20 s) until it has let go.
  case "${2:-}" in
    wharf-*)
      for _ in $(seq 1 40); do
        [ "$(rss_mb "$p" 2>/dev/null | cut -d. -f1)" -lt "$settled_rss_mb" ] 2>/dev/null && break
        sleep 0.5
      done ;;
  esac
  return 0 # still busy after 20 s (moto): go on anyway, rather than let set -e end the run
}
# The RSS under which a Wharf counts as having handed back what a run made its heap grow to.
settled_rss_mb=300

bench() { # server, durability label, then Bench run options
  local name="$1" durability="$2" label; shift 2
  case "$name" in wharf-nometrics) label="$name" ;; wharf-*) label=wharf ;; *) label="$name" ;; esac
  timeout 300 "$java" -cp "$bench_cp" dev.wharf.bench.Bench run --endpoint "http://127.0.0.1:${port[$name]}" \
    --server "$label" --durability "$durability" --server-pid "${pid[$name]}" --clk-tck "$clk_tck" \
    --connections "$connections" --warmup "$warmup" --seconds "$seconds" --prefill-seconds "$prefill" "$@" \
    2>> "$out/bench.log" | tee -a "$results" || log "a run failed against $name: see $out/bench.log"
  settle "${pid[$name]}" "$name"
}

# --- the smoke check --------------------------------------------------------------------------------------------
if $smoke; then
  servers="wharf-memory"
  start_server wharf-memory
  line="$(bench wharf-memory memory --scenario send-batch --warmup 0.5 --seconds 2 --min-rate 0 | tail -1)"
  echo "$line"
  # And Kinesis: one second of PutRecords of 500 records; every record must be accepted (errors = 0).
  kline="$(bench wharf-memory memory --scenario kinesis-put-batch --warmup 0.5 --seconds 1 --connections 4 \
    --min-rate 0 | tail -1)"
  echo "$kline"
  if python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1]).get("msgs_per_s", 0) > 0 else 1)' "$line" &&
     python3 -c 'import json,sys; l=json.loads(sys.argv[1]); sys.exit(0 if l.get("msgs_per_s", 0) > 0 and l.get("errors") == 0 else 1)' "$kline"; then
    log "smoke passed"; exit 0
  fi
  log "smoke FAILED: $line $kline"; exit 1
fi

# --- cold start and idle memory ---------------------------------------------------------------------------------
for i in 1 2 3; do
  port_="$(free_port)"
  t0="$(now_ms)"
  "$WHARF_HOME/wharf" start --port "$port_" --data-dir "$out/cold-$i" --storage sync > "$out/cold-$i.log" 2>&1 &
  p=$!; started+=("$p")
  wait_http "http://127.0.0.1:$port_/_wharf/health" "$p" 60
  t1="$(now_ms)"
  # RSS 5 s after healthy still holds what the start-up's JIT compilations used: HotSpot hands its compiler arenas
  # back every 5 s, so on a busy machine they are still there. Idle is measured 15 s after healthy, when they are gone.
  sleep 5
  rss_start="$(rss_mb "$p")"
  sleep 10
  printf '{"scenario":"cold-start","server":"wharf","durability":"sync","start_to_healthy_ms":%d,"server_rss_5s_mb":%s,"server_idle_rss_mb":%s}\n' \
    $((t1 - t0)) "$rss_start" "$(rss_mb "$p")" | tee -a "$results"
  stop_pid "$p"
done

# --- the scenarios, alternating servers -------------------------------------------------------------------------
speaks() { # server, scenario: whether the server serves the scenario's API (and, for kinesis-limits, has limits)
  case "$2" in
    # wharf-nometrics is there for what the metrics cost SendMessageBatch, and for nothing else.
    send-batch|sdk-send-batch) [ "$1" = wharf-nometrics ] && return 0 ;;
  esac
  [ "$1" = wharf-nometrics ] && return 1
  case "$2" in
    # moto is the one peer with CloudWatch.
    cloudwatch-*) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory || "$1" == moto ]] ;;
    # moto is the one peer with DynamoDB too.
    dynamodb-*) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory || "$1" == moto ]] ;;
    # And with S3 (path-style REST, SigV4 with x-amz-content-sha256).
    s3-*) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory || "$1" == moto ]] ;;
    # And with Firehose, which it serves with S3 as the destination.
    firehose-*) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory || "$1" == moto ]] ;;
    kinesis-limits) [ "$1" = wharf-limits ] ;;
    # kinesalite has no SubscribeToShard (report.py shows it as n/a); kinesis-mock serves it over h2c.
    kinesis-subscribe-latency) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory || "$1" == kinesis-mock ]] ;;
    # kinesalite 3.3.3 cuts every CBOR answer at 16 KiB (node-cbor's buffer), so a PutRecords of 500 cannot be read.
    kinesis-*-cbor) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory ]] ;;
    kinesis-*) [[ "$1" == wharf-sync || "$1" == wharf-relaxed || "$1" == wharf-memory || "$1" == kinesalite || "$1" == kinesis-mock ]] ;;
    # ElasticMQ has no SNS; the ceiling answers {} and cannot be subscribed to.
    sns-*) [[ "$1" == wharf-* && "$1" != wharf-limits ]] || [ "$1" = moto ] ;;
    send-batch|single-send|sdk-send-batch) [[ "$1" != kinesalite && "$1" != kinesis-mock && "$1" != wharf-limits ]] ;;
    *) [[ "$1" != kinesalite && "$1" != kinesis-mock && "$1" != wharf-limits && "$1" != ceiling ]] ;;
  esac
}
# kinesis-limits needs a Wharf with the limits on, which the other scenarios' Wharfs turn off; kinesalite and
# kinesis-mock have none, so it runs on that Wharf alone (report.py shows the peers as n/a).
if [[ " $scenarios " == *" kinesis-limits "* ]] && [[ " $servers " == *" wharf-"* ]]; then servers+=" wharf-limits"; fi
for name in $servers; do start_server "$name"; done
# Each server's JIT warms up on every scenario's hot path once, unmeasured: one-off compilation is not a per-message
# cost, and the first round would otherwise pay it for the servers that run on the JVM.
log "warming up the servers"
measured="$results"
results="$out/warmup.jsonl"
sqs_chosen=false kinesis_chosen=false cloudwatch_chosen=false dynamodb_chosen=false s3_chosen=false
firehose_chosen=false
for scenario in $scenarios; do
  case "$scenario" in
    kinesis-*) kinesis_chosen=true ;; cloudwatch-*) cloudwatch_chosen=true ;; dynamodb-*) dynamodb_chosen=true ;;
    s3-*) s3_chosen=true ;;
    firehose-*) firehose_chosen=true ;;
    *) sqs_chosen=true ;;
  esac
done
for name in $servers; do
  for scenario in send-batch single-send receive-delete; do
    $sqs_chosen && speaks "$name" "$scenario" || continue
    [ "$name" = wharf-nometrics ] && [ "$scenario" != send-batch ] && continue
    bench "$name" warmup --scenario "$scenario" --warmup 0 --seconds 3 --prefill-seconds 2 > /dev/null
  done
  if $kinesis_chosen && speaks "$name" kinesis-put-batch; then
    bench "$name" warmup --scenario kinesis-put-batch --warmup 0 --seconds 3 > /dev/null
    bench "$name" warmup --scenario kinesis-get-drain --prefill-seconds 2 --prefill-max 20000 --seconds 5 > /dev/null
  fi
  if [[ " $scenarios " == *" kinesis-subscribe-latency "* ]] && speaks "$name" kinesis-subscribe-latency; then
    # The server's PutRecord and SubscribeToShard paths; the generator's own JIT warms in each run's 5 s warm-up.
    bench "$name" warmup --scenario kinesis-subscribe-latency --rate 1000 --shards 2 --seconds 2 > /dev/null
  fi
  if $cloudwatch_chosen && speaks "$name" cloudwatch-put; then
    bench "$name" warmup --scenario cloudwatch-put --batch 20 --warmup 0 --seconds 3 > /dev/null
    bench "$name" warmup --scenario cloudwatch-get --batch 20 --prefill-seconds 1 --warmup 0 --seconds 3 > /dev/null
  fi
  if $dynamodb_chosen && speaks "$name" dynamodb-put; then
    for scenario in dynamodb-put dynamodb-update dynamodb-query; do
      bench "$name" warmup --scenario "$scenario" --warmup 0 --seconds 3 > /dev/null
    done
  fi
  if $s3_chosen && speaks "$name" s3-put; then
    # s3-get's path is s3-put's prefill and a GetObject of what it put; s3-list's, a ListObjectsV2 of one page.
    for scenario in s3-put s3-get s3-list; do
      bench "$name" warmup --scenario "$scenario" --warmup 0 --seconds 3 > /dev/null
    done
  fi
  if $firehose_chosen && speaks "$name" firehose-put-batch; then
    bench "$name" warmup --scenario firehose-put-batch --batch 500 --warmup 0 --seconds 3 > /dev/null
  fi
  if $kinesis_chosen && speaks "$name" kinesis-limits; then
    bench "$name" warmup --scenario kinesis-limits --rate 20 --connections 4 --warmup 0 --seconds 3 > /dev/null
  fi
done
results="$measured"
for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds"
  for scenario in $scenarios; do
    for name in $servers; do
      case "$name" in
        wharf-limits|wharf-nometrics) durability=sync ;; wharf-*) durability="${name#wharf-}" ;; *) durability="memory" ;;
      esac
      speaks "$name" "$scenario" || continue
      case "$scenario" in
        send-batch|single-send|receive-delete) bench "$name" "$durability" --scenario "$scenario" ;;
        e2e-*) bench "$name" "$durability" --scenario e2e-latency --rate "${scenario#e2e-}" --consumers 4 ;;
        fifo-*) bench "$name" "$durability" --scenario fifo --groups "${scenario#fifo-}" ;;
        sdk-send-batch) bench "$name" "$durability" --scenario send-batch --mode sdk ;;
        sns-raw-*) bench "$name" "$durability" --scenario sns-fanout --subscribers "${scenario#sns-raw-}" --raw ;;
        sns-*) bench "$name" "$durability" --scenario sns-fanout --subscribers "${scenario#sns-}" ;;
        # PutRecords of 500 × 200 B over 4 shards, 16 connections; the drain reads each shard on a connection.
        kinesis-put-batch) bench "$name" "$durability" --scenario kinesis-put-batch --shards 4 ;;
        kinesis-put-batch-cbor) bench "$name" "$durability" --scenario kinesis-put-batch --shards 4 --cbor ;;
        kinesis-get-drain) bench "$name" "$durability" --scenario kinesis-get-drain --shards 4 \
          --prefill-seconds "$kinesis_prefill" --prefill-max "$kinesis_prefill_max" --seconds "$kinesis_drain_max" ;;
        # PutMetricData of 20 values over 10 series; GetMetricData of 16 statistics over an hour after 2,000 such values
        # (moto reads every stored value for each query: with 10,000 it answered none in 4 s).
        cloudwatch-put) bench "$name" "$durability" --scenario cloudwatch-put --batch 20 ;;
        cloudwatch-get) bench "$name" "$durability" --scenario cloudwatch-get --batch 20 --prefill-max 2000 ;;
        # A table of 1,024 items of 200 B over 16 partitions; the update is the KCL's conditional checkpoint.
        dynamodb-*) bench "$name" "$durability" --scenario "$scenario" ;;
        # A bucket of 256 objects of 200 B, path-style; the list is a page of 100 keys of ListObjectsV2.
        s3-*) bench "$name" "$durability" --scenario "$scenario" ;;
        # PutRecordBatch of 500 × 200 B into a GZIP S3 destination of the same server (5 MiB or 60 s buffers).
        firehose-put-batch) bench "$name" "$durability" --scenario firehose-put-batch --batch 500 ;;
        # One shard, 20 PutRecords of 500 a second (open loop): 10,000 records a second offered, 1,000 allowed.
        kinesis-limits) bench "$name" "$durability" --scenario kinesis-limits --rate 20 --connections 4 ;;
        # PutRecord at 100 and 1,000 records a second (open loop) to 2 shards, each shard subscribed over HTTP/2 by
        # the SDK; at most ~500 records a second a shard, under AWS's 1,000, so limits on or off do not matter.
        kinesis-subscribe-latency)
          for rate in 100 1000; do
            bench "$name" "$durability" --scenario kinesis-subscribe-latency --rate "$rate" --shards 2
          done ;;
      esac
    done
  done
done

# What the metrics cost is a few per cent at most of a figure whose rounds differ by more on a shared machine: the
# metrics' own code is measured alone too (JMH, about 20 s, the servers idle by now), for report.py to set it against
# the sync Wharf's CPU per message.
if [[ " $servers " == *" wharf-nometrics "* ]] && [[ " $scenarios " == *" send-batch "* ]]; then
  log "measuring the metrics' own code (JMH)"
  "$java" -cp "$bench_cp" org.openjdk.jmh.Main MetricsCost -rf json -rff "$out/metrics-code.json" > "$out/metrics-code.log" 2>&1
  python3 - "$out/metrics-code.json" >> "$results" <<'PY'
import json, sys
score = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] for r in json.load(open(sys.argv[1]))}
print(json.dumps({"scenario": "metrics-code", "mode": "jmh", "server": "wharf",
                  "on_request_ns": round(score["onRequest"], 1), "on_commit_ns": round(score["onCommit"], 1)}))
PY
fi

python3 "$bench_dir/report.py" "$results" | tee "$out/table.md"
log "results in $out"
