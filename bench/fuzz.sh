#!/usr/bin/env bash
# Wharf's network fuzzer: builds the bench and the server, starts a fresh Wharf on a free 127.0.0.1 port, sends it
# malformed and hostile requests of every protocol it speaks (Bench fuzz), stops it, and exits 1 on any violation:
# a 5xx for a client's mistake, a malformed error shape, a missing request id, a leak of the server's insides, a
# framing fault, a forged log line, or a server that died. Only loopback is ever targeted; the run is bounded in
# count and in time.
#
#   bench/fuzz.sh                         1,000,000 requests (about 3 minutes here); results in bench/target/fuzz/<time>/
#   bench/fuzz.sh --smoke                 CI's check: 6,000 requests, seed 1, a few seconds
#   bench/fuzz.sh --requests 50000 --seed 7 --max-seconds 120
#   bench/fuzz.sh --accept-any            a server with no credentials (any well-formed signature), instead of one
#                                         that checks every signature
#   bench/fuzz.sh --storage sync          the durable store instead of memory
#   bench/fuzz.sh --replay 1234 --seed 7  send one case again and print its bytes and its answer
#   bench/fuzz.sh --warmup 0              no warm-up pass (by default 300,000 requests of the next seed come first,
#                                         unmeasured, so that "idle before" is a warm server's: the JIT's compiled
#                                         code and the classes of every path stay after any first burst)
#
# WHARF_HOME names the Wharf checkout whose server is fuzzed (default: this repository).
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
WHARF_HOME="${WHARF_HOME:-$root}"

smoke=false requests=1000000 seed=1 max_seconds=1800 storage=memory accept_any=false replay=-1 connections=8
warmup=300000
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --requests) requests="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --max-seconds) max_seconds="$2"; shift ;;
    --storage) storage="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --accept-any) accept_any=true ;;
    --replay) replay="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

JAVA_HOME="$("$root/wharf" --find-jdk)"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
log() { echo "fuzz.sh: $*" >&2; }

log "building the bench (and the server in $WHARF_HOME)"
(cd "$root" && ./mvnw -q -B -pl bench -am install -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true \
    -Dforbiddenapis.skip=true) >&2
(cd "$WHARF_HOME" && ./wharf build) >&2
bench_cp="$bench_dir/target/wharf-bench.jar:$bench_dir/target/lib/*"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$bench_dir/target/fuzz/${stamp}$($smoke && echo -smoke || true)"
mkdir -p "$out"

# The server checks every signature unless --accept-any: the fuzzer signs each mutated request properly, so the
# mutations still reach the codecs and the engine, and the signature checks themselves are fuzzed too.
access_key=fuzz secret_key=fuzz-secret-key
credentials="$access_key:$secret_key"
$accept_any && credentials="" && access_key=test && secret_key=test

server_pid=""
stop_server() { # TERM, then KILL after 10 s: only the process this script started, by pid
  [ -n "$server_pid" ] || return 0
  kill -0 "$server_pid" 2>/dev/null || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null || true
}
trap stop_server EXIT
trap 'exit 130' INT TERM

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
log "starting Wharf on 127.0.0.1:$port (storage $storage, $([ -n "$credentials" ] && echo "signatures checked" || echo "any signature"))"
WHARF_CREDENTIALS="$credentials" "$WHARF_HOME/wharf" start --host 127.0.0.1 --port "$port" --storage "$storage" \
  --data-dir "$out/data" > "$out/wharf.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  kill -0 "$server_pid" 2>/dev/null || { log "Wharf exited at start; see $out/wharf.log"; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/_wharf/health" || true)" = 200 ] && break
  sleep 0.1
done

args=(--endpoint "http://127.0.0.1:$port" --server-pid "$server_pid" --seed "$seed" --connections "$connections"
      --access-key "$access_key" --secret-key "$secret_key" --failures "$out/failures.jsonl"
      --server-log "$out/wharf.log")
if $smoke; then
  args+=(--smoke); cap=120
elif [ "$replay" -ge 0 ]; then
  args+=(--replay "$replay" --idle-seconds 0); cap=120
else
  args+=(--requests "$requests" --max-seconds "$max_seconds"); cap=$((max_seconds + 300))
fi
status=0
if ! $smoke && [ "$replay" -lt 0 ] && [ "$warmup" -gt 0 ]; then
  # The warm-up's findings count as the run's: its own summary and failures sit beside the measured run's.
  log "warming up: $warmup requests of seed $((seed + 1)), unmeasured"
  warm_args=(--endpoint "http://127.0.0.1:$port" --server-pid "$server_pid" --seed "$((seed + 1))"
             --connections "$connections" --access-key "$access_key" --secret-key "$secret_key"
             --failures "$out/warmup-failures.jsonl" --server-log "$out/wharf.log" --requests "$warmup"
             --max-seconds "$max_seconds")
  timeout "$cap" "$java" -cp "$bench_cp" dev.wharf.bench.Bench fuzz "${warm_args[@]}" > "$out/warmup-summary.json" \
    2> "$out/warmup.log" || status=$?
fi
timeout "$cap" "$java" -cp "$bench_cp" dev.wharf.bench.Bench fuzz "${args[@]}" > "$out/summary.json" \
  2> >(tee "$out/fuzz.log" >&2) || { s=$?; [ "$status" -ne 0 ] || status=$s; }
cat "$out/summary.json"
if ! kill -0 "$server_pid" 2>/dev/null; then
  log "Wharf is not running any more: see $out/wharf.log"; status=1
fi
stop_server
case "$status" in
  0) log "passed: no violations; results in $out" ;;
  1) log "FAILED: violations found; summary, failures.jsonl and the server's log in $out" ;;
  124) log "FAILED: the run passed its ${cap}s cap; see $out" ;;
  *) log "FAILED: the fuzzer exited with $status; see $out/fuzz.log" ;;
esac
exit "$status"
