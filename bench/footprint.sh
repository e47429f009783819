#!/bin/bash
# Idle footprint of one server build, for comparing two builds in one sitting (the full run measures cold starts too):
# bench/footprint.sh [SERVER_TARGET_DIR]   default: this checkout's wharf-server/target, after ./wharf build.
# Starts it three times as ./wharf does (the same JVM options and a class-data archive), each from a fresh data
# directory with sync storage, and prints the time to the first 200 of /_wharf/health and the RSS 15 s later.
sd=${1:-$(cd "$(dirname "$0")/.." && pwd)/wharf-server/target}
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/wharf" --find-jdk)
opts=(-XX:+UseSerialGC -Xss512k -Xms8m -XX:ReservedCodeCacheSize=48m --enable-native-access=ALL-UNNAMED -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps -XX:TrimNativeHeapInterval=1000)
cp="$sd/wharf-server.jar:$sd/lib/*"
arch=${TMPDIR:-/tmp}/wharf-footprint-$(echo $sd | md5sum | cut -c1-8).jsa
# The archive is rewritten whenever a jar is newer than it, as ./wharf does.
[ -f "$arch" ] && [ -z "$(find "$sd" -maxdepth 2 -name '*.jar' -newer "$arch" -print -quit)" ] || $JAVA_HOME/bin/java "${opts[@]}" -XX:ArchiveClassesAtExit=$arch -cp "$cp" dev.wharf.server.Main start --port 0 --storage memory --exit-when-ready >/dev/null 2>&1
for i in 1 2 3; do
  d=$(mktemp -d); port=$((30000 + RANDOM % 20000))
  t0=$(date +%s%N)
  $JAVA_HOME/bin/java "${opts[@]}" -XX:SharedArchiveFile=$arch -Xlog:cds*=off -cp "$cp" dev.wharf.server.Main start --storage sync --data-dir $d --port $port > $d/log 2>&1 &
  pid=$!
  until curl -sf http://127.0.0.1:$port/_wharf/health >/dev/null 2>&1; do sleep 0.02; done
  t1=$(date +%s%N); sleep 15
  echo "start_ms=$(( (t1-t0)/1000000 )) idle_rss_mb=$(awk '/VmRSS/ {print $2/1024}' /proc/$pid/status)"
  kill $pid; wait $pid 2>/dev/null; rm -rf $d
done
