#!/usr/bin/env bash
# Measures the demo start: from `java -jar target/relais.jar` in an empty folder to /actuator/health UP,
# and the resident memory once ready. Usage: bench/demo-start.sh [runs]   (build the jar first)
set -euo pipefail
jar="$(cd "$(dirname "$0")/.." && pwd)/target/relais.jar"
runs=${1:-3}
[[ -f $jar ]] || { echo "build the jar first: mvn -B -DskipTests package"; exit 2; }
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  (cd "$dir" && exec java -jar "$jar" --server.port="$port" >"$dir/run.log" 2>&1) & pid=$!
  until curl -s "localhost:$port/actuator/health" | grep -q '"status":"UP"'; do
    kill -0 $pid 2>/dev/null || { echo "the hub exited: $dir/run.log"; exit 1; }
    sleep 0.2
  done
  end=$(date +%s%N)
  rss=$(( $(ps -o rss= -p $pid) / 1024 ))
  reported=$(grep -o 'Relais is ready ([0-9]* ms)' "$dir/run.log" | grep -o '[0-9]*')
  echo "run $i: health UP after $(( (end - start) / 1000000 )) ms (the hub reports ready after ${reported} ms); resident memory ${rss} MB"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
done
