#!/usr/bin/env bash
# Wharf's benchmark run: builds what it needs, starts Wharf (sync and relaxed), ElasticMQ, moto and the do-nothing
# ceiling server on 127.0.0.1, runs every scenario against each in turn (alternating servers, repeated in rounds to
# cancel drift), stops them all, and writes a table of ratios. Only loopback is ever targeted; every run is bounded
# in time and count; the whole run takes about 10 minutes with the defaults.
#
#   bench/run.sh                       the full run: results in bench/target/results/<time>/ (results.jsonl, table.md)
#   bench/run.sh --smoke               CI's check: Wharf in memory mode, send-batch for 2 s, exits 1 unless msgs_per_s > 0
#   bench/run.sh --rounds 1 --seconds 3 --warmup 1 --prefill 2      a shorter run
#   bench/run.sh --only 'send-batch single-send' --servers 'wharf-sync elasticmq ceiling'
#
# WHARF_HOME names the Wharf checkout whose server is measured (default: this repository).
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
WHARF_HOME="${WHARF_HOME:-$root}"

smoke=false rounds=2 seconds=4 warmup=1 prefill=3 connections=16
scenarios="send-batch receive-delete e2e-100 e2e-500 single-send fifo-1 fifo-1000 sdk-send-batch sns-1 sns-3 sns-10 sns-raw-1 sns-raw-3 sns-raw-10"
servers="wharf-sync wharf-relaxed elasticmq moto ceiling"
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
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
    wharf-*)
      "$WHARF_HOME/wharf" start --port "$port_" --data-dir "$out/data-$name" --storage "${name#wharf-}" \
        > "$out/$name.log" 2>&1 &
      p=$!; started+=("$p"); wait_http "http://127.0.0.1:$port_/_wharf/health" "$p" 60 ;;
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

settle() { # waits (at most 5 s) until the server uses under 5% of a core, so one run's backlog can't leak into the next
  local p="$1" a b
  for _ in $(seq 1 10); do
    a=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0); sleep 0.5
    b=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    [ $(( (b - a) * 100 / clk_tck )) -lt 3 ] && return 0
  done
  return 0 # still busy after 5 s (moto): go on anyway, rather than let set -e end the run
}

bench() { # server, durability label, then Bench run options
  local name="$1" durability="$2"; shift 2
  timeout 300 "$java" -cp "$bench_cp" dev.wharf.bench.Bench run --endpoint "http://127.0.0.1:${port[$name]}" \
    --server "${name%%-*}" --durability "$durability" --server-pid "${pid[$name]}" --clk-tck "$clk_tck" \
    --connections "$connections" --warmup "$warmup" --seconds "$seconds" --prefill-seconds "$prefill" "$@" \
    2>> "$out/bench.log" | tee -a "$results" || log "a run failed against $name: see $out/bench.log"
  settle "${pid[$name]}"
}

# --- the smoke check --------------------------------------------------------------------------------------------
if $smoke; then
  servers="wharf-memory"
  start_server wharf-memory
  line="$(bench wharf-memory memory --scenario send-batch --warmup 0.5 --seconds 2 --min-rate 0 | tail -1)"
  echo "$line"
  if python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1]).get("msgs_per_s", 0) > 0 else 1)' "$line"; then
    log "smoke passed"; exit 0
  fi
  log "smoke FAILED: $line"; exit 1
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
for name in $servers; do start_server "$name"; done
# Each server's JIT warms up on every scenario's hot path once, unmeasured: one-off compilation is not a per-message
# cost, and the first round would otherwise pay it for the servers that run on the JVM.
log "warming up the servers"
measured="$results"
results="$out/warmup.jsonl"
for name in $servers; do
  for scenario in send-batch single-send receive-delete; do
    [ "$name" = ceiling ] && [ "$scenario" = receive-delete ] && continue
    bench "$name" warmup --scenario "$scenario" --warmup 0 --seconds 3 --prefill-seconds 2 > /dev/null
  done
done
results="$measured"
for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds"
  for scenario in $scenarios; do
    for name in $servers; do
      case "$name" in wharf-*) durability="${name#wharf-}" ;; *) durability="memory" ;; esac
      if [ "$name" = ceiling ] && [[ "$scenario" != send-batch && "$scenario" != single-send && "$scenario" != sdk-send-batch ]]; then continue; fi
      # ElasticMQ has no SNS; the ceiling answers {} and cannot be subscribed to.
      if [[ "$scenario" == sns-* ]] && [[ "$name" == elasticmq || "$name" == ceiling ]]; then continue; fi
      case "$scenario" in
        send-batch|single-send|receive-delete) bench "$name" "$durability" --scenario "$scenario" ;;
        e2e-*) bench "$name" "$durability" --scenario e2e-latency --rate "${scenario#e2e-}" --consumers 4 ;;
        fifo-*) bench "$name" "$durability" --scenario fifo --groups "${scenario#fifo-}" ;;
        sdk-send-batch) bench "$name" "$durability" --scenario send-batch --mode sdk ;;
        sns-raw-*) bench "$name" "$durability" --scenario sns-fanout --subscribers "${scenario#sns-raw-}" --raw ;;
        sns-*) bench "$name" "$durability" --scenario sns-fanout --subscribers "${scenario#sns-}" ;;
      esac
    done
  done
done

python3 "$bench_dir/report.py" "$results" | tee "$out/table.md"
log "results in $out"
