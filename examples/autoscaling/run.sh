#!/usr/bin/env bash
# Runs the autoscaling example against a Wharf of its own: starts one on a free port (memory storage), runs
# autoscale.py with the arguments given, and stops it. One command for a new user:
#
#   examples/autoscaling/run.sh                 # 1,000 jobs, 60-second alarms as on AWS (about 10 minutes)
#   examples/autoscaling/run.sh --fast --check  # 10-second SQS metrics and alarms (about a minute; what CI runs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
args=()
period=60
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then period=10; else args+=("$arg"); fi
done
log="$(mktemp)"
# Wharf publishes AWS/SQS every 60 s, as AWS does; the fast run asks it for every 10 s (high resolution).
WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS="$period" "$root/wharf" start --port 0 --storage memory >"$log" 2>&1 &
wharf=$!
trap 'kill "$wharf" 2>/dev/null; wait "$wharf" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  if grep -q ' ready on ' "$log"; then break; fi
  if ! kill -0 "$wharf" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.1
done
endpoint="$(grep -o 'ready on http://[^,]*' "$log" | sed 's/ready on //')"
echo "wharf: $endpoint"
if [ "$period" = 10 ]; then
  args=(--period 10 --job-seconds 0.05 "${args[@]}")
fi
python3 "$here/autoscale.py" --endpoint "$endpoint" "${args[@]}"
