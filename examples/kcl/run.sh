#!/usr/bin/env bash
# Runs the KCL example against a Wharf of its own: builds the KCL 3.x consumer (OrdersConsumer), starts Wharf on a
# free port (memory storage), creates the stream `orders` with the AWS CLI, puts 20 records, and runs the consumer
# until it has processed all of them. One endpoint serves the consumer's Kinesis, DynamoDB and CloudWatch clients.
#
#   examples/kcl/run.sh          # everything on Wharf
#   examples/kcl/run.sh --moto   # DynamoDB from moto (python3 -m moto.server), for comparison
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
records=20
moto=false
for arg in "$@"; do
  case "$arg" in
    --moto) moto=true ;;
    *) echo "usage: $0 [--moto]" >&2; exit 2 ;;
  esac
done
export JAVA_HOME="${JAVA_HOME:-$("$root/wharf" --find-jdk)}"
export AWS_ACCESS_KEY_ID=any AWS_SECRET_ACCESS_KEY=any AWS_DEFAULT_REGION=us-east-1

echo "example: building the consumer"
"$root/mvnw" -B -q -f "$here/pom.xml" process-classes

log="$(mktemp)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT
"$root/wharf" start --port 0 --storage memory >"$log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do
  if grep -q ' ready on ' "$log"; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.1
done
endpoint="$(grep -o 'ready on http://[^,]*' "$log" | sed 's/ready on //')"
echo "wharf: $endpoint"

if $moto; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  python3 -m moto.server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  pids+=($!)
  export DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    aws --endpoint-url "$DYNAMODB_ENDPOINT" dynamodb list-tables >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "dynamodb: moto at $DYNAMODB_ENDPOINT"
elif ! aws --endpoint-url "$endpoint" dynamodb list-tables >/dev/null 2>&1; then
  echo "example: this Wharf does not serve DynamoDB, where the KCL keeps its leases; run with --moto" >&2
  exit 2
fi

aws --endpoint-url "$endpoint" kinesis create-stream --stream-name orders --shard-count 2
aws --endpoint-url "$endpoint" kinesis wait stream-exists --stream-name orders
for i in $(seq 1 "$records"); do
  aws --endpoint-url "$endpoint" kinesis put-record --stream-name orders --partition-key "customer-$((i % 5))" \
    --data "order-$i" >/dev/null
done
echo "producer: put $records records"

# A new application's first worker waits a random 1 to 30 s before it makes the leases (the KCL's own guard
# against workers starting together), then registers its enhanced fan-out consumer and subscribes to each shard.
"$JAVA_HOME/bin/java" -cp "$here/target/classes:$(cat "$here/target/classpath")" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  example.OrdersConsumer "$endpoint" orders orders-consumer "$records"
