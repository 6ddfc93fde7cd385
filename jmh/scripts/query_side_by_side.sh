#!/usr/bin/env bash
# Query latency side by side: Hearth (in-process), VictoriaMetrics and Prometheus on the same data.
#
#   jmh/scripts/query_side_by_side.sh            # 10k series x 6 h @ 15 s, end 1795309200
#   SERIES=10000 HOURS=6 INTERVAL=15 END=1795309200 REPEAT=7 jmh/scripts/query_side_by_side.sh
#
# 1. generates (or reuses) $DATA/realistic-<S>s-<H>h-<I>s.om with shared/bench/openmetrics_gen.py;
# 2. Hearth: java ... io.hearth.promql.engine.QueryBenchMain loads the .om into a Head and times the
#    query set of shared/bench/query_bench.py (read from that script through python3) the same way:
#    1 warm-up + REPEAT timed runs, median. In-process: parse + evaluate + result, NO HTTP/JSON;
# 3. Prometheus: promtool tsdb create-blocks-from openmetrics (reused if present), server on a copy
#    of the blocks, query_bench.py over HTTP;
# 4. VictoriaMetrics: fresh data dir, /api/v1/import/prometheus of the same samples (timestamps
#    turned into ms), -search.disableCache so repeats are not served from its result cache,
#    query_bench.py over HTTP;
# 5. prints one table (query_side_by_side_table.py): medians and checksums (series, points, sum).
#
# Servers run one after another on 127.0.0.1 free ports and are stopped by PID on exit; every wait
# is bounded. Needs: python3, curl, prometheus + promtool, victoria-metrics, a JDK 25 and
# jmh/target/benchmarks.jar (mvn -o -pl tsdb,promql,jmh -am package -DskipTests).
# SKIP=hearth,vm,prom skips sides. Results: $OUT/{hearth,vm,prom}.json and table.md.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BENCH=${BENCH:-}
if [ -z "$BENCH" ]; then
  d=$ROOT
  while [ "$d" != / ]; do
    [ -f "$d/shared/bench/query_bench.py" ] && { BENCH=$d/shared/bench; break; }
    d=$(dirname "$d")
  done
fi
[ -n "$BENCH" ] || { echo "cannot find shared/bench above $ROOT; set BENCH" >&2; exit 1; }
SERIES=${SERIES:-10000}; HOURS=${HOURS:-6}; INTERVAL=${INTERVAL:-15}; END=${END:-1795309200}
REPEAT=${REPEAT:-7}; SETTLE=${SETTLE:-0}; SKIP=${SKIP:-}
DATA=${DATA:-/tmp/bench-data}
NAME=realistic-${SERIES}s-${HOURS}h-${INTERVAL}s
OM=$DATA/$NAME.om; TSDB=$DATA/$NAME.tsdb
OUT=${OUT:-/tmp/hearth-query-sbs/$(date +%Y%m%d-%H%M%S)}
JAVA=${JAVA:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}
JAR=${JAR:-$ROOT/jmh/target/benchmarks.jar}
mkdir -p "$OUT" "$DATA"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
skip() { [[ ",$SKIP," == *",$1,"* ]]; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
log() { echo "== $(date +%T) $*" | tee -a "$OUT/run.log" >&2; }
stop() {  # stop one server we started
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

# 1. dataset (deterministic: same arguments and END => same file)
if [ ! -f "$OM" ] || ! python3 -c "import json,sys; sys.exit(0 if int(json.load(open('$OM.json'))['end'])==$END else 1)" 2>/dev/null; then
  log "generate $OM"
  timeout 1800 python3 "$BENCH/openmetrics_gen.py" --series "$SERIES" --hours "$HOURS" --interval "$INTERVAL" \
    --end "$END" --out "$OM" > "$OUT/gen.log" 2>&1
  rm -rf "$TSDB"
fi
SAMPLES=$(python3 -c "import json; print(json.load(open('$OM.json'))['samples'])")

# 2. Hearth, in-process
if ! skip hearth; then
  if [ -f "$JAR" ] && unzip -l "$JAR" 'io/hearth/promql/engine/QueryBenchMain.class' > /dev/null 2>&1; then
    log "hearth: load $OM and run the query set"
    HEARTH_BENCH_DIR=$BENCH timeout 1800 "$JAVA" -Xms4g -Xmx8g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED -cp "$JAR" \
      io.hearth.promql.engine.QueryBenchMain --om "$OM" --end "$END" --hours "$HOURS" \
      --repeat "$REPEAT" --json "$OUT/hearth.json" 2>&1 | tee "$OUT/hearth.log"
  else
    log "hearth: skipped, no QueryBenchMain in $JAR (mvn -o -q package -DskipTests builds it)"
  fi
fi

# 3. Prometheus
if ! skip prom; then
  if [ ! -d "$TSDB" ]; then
    log "promtool import into $TSDB (about 2 min for 14.4M samples)"
    rm -rf "$TSDB.tmp"
    timeout 1800 promtool tsdb create-blocks-from openmetrics "$OM" "$TSDB.tmp" > "$OUT/promtool.log" 2>&1
    mv "$TSDB.tmp" "$TSDB"
  fi
  rm -rf "$OUT/prom-data"; cp -r "$TSDB" "$OUT/prom-data"
  printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' > "$OUT/prometheus.yml"
  PORT=$(free_port)
  prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/prom-data" \
    --storage.tsdb.retention.time=3650d --web.listen-address=127.0.0.1:$PORT > "$OUT/prometheus.log" 2>&1 &
  PID=$!; PIDS+=("$PID")
  python3 "$BENCH/promq.py" --ready "http://127.0.0.1:$PORT/-/ready" 300 0.05 > /dev/null \
    || { log "prometheus not ready"; tail "$OUT/prometheus.log"; exit 1; }
  [ "$SETTLE" -gt 0 ] && { log "prometheus: settle ${SETTLE}s"; sleep "$SETTLE"; }
  log "prometheus 127.0.0.1:$PORT: query_bench.py"
  timeout 1800 python3 "$BENCH/query_bench.py" --url "http://127.0.0.1:$PORT" --end "$END" --hours "$HOURS" \
    --repeat "$REPEAT" --json "$OUT/prom.json" | tee "$OUT/prom.log"
  stop "$PID"
fi

# 4. VictoriaMetrics
if ! skip vm; then
  VMBIN=${VMBIN:-$(command -v victoria-metrics || command -v victoria-metrics-prod || true)}
  [ -n "$VMBIN" ] || { log "victoria-metrics not installed (apt-get install victoria-metrics)"; exit 1; }
  PORT=$(free_port)
  rm -rf "$OUT/vm-data"
  "$VMBIN" -storageDataPath="$OUT/vm-data" -httpListenAddr=127.0.0.1:$PORT -retentionPeriod=100y \
    -search.disableCache -search.latencyOffset=0s -search.maxPointsPerTimeseries=100000 \
    -loggerLevel=WARN > "$OUT/vm.log" 2>&1 &
  PID=$!; PIDS+=("$PID")
  python3 "$BENCH/promq.py" --ready "http://127.0.0.1:$PORT/health" 120 0.05 > /dev/null \
    || { log "victoria-metrics not ready"; tail "$OUT/vm.log"; exit 1; }
  log "victoria-metrics 127.0.0.1:$PORT: import $SAMPLES samples"
  # Prometheus text format wants millisecond timestamps; the generator writes whole seconds here.
  T0=$(date +%s.%N)
  grep -v '^#' "$OM" | sed 's/$/000/' \
    | timeout 1800 curl -sS --fail -X POST -T - -H 'Content-Type: text/plain' \
        "http://127.0.0.1:$PORT/api/v1/import/prometheus"
  curl -sS --fail "http://127.0.0.1:$PORT/internal/force_flush" > /dev/null
  # wait (bounded) until every series is searchable at END
  for _ in $(seq 120); do
    n=$(python3 "$BENCH/promq.py" "http://127.0.0.1:$PORT" 'count({__name__=~".+"})' "$END")
    [ "$n" = "$SERIES.0" ] && break
    sleep 1
  done
  log "victoria-metrics: import took $(python3 -c "import time; print(round(time.time()-$T0,1))") s, series at END: $n"
  timeout 1800 python3 "$BENCH/query_bench.py" --url "http://127.0.0.1:$PORT" --end "$END" --hours "$HOURS" \
    --repeat "$REPEAT" --json "$OUT/vm.json" | tee "$OUT/vm.log.queries"
  stop "$PID"
fi

python3 "$HERE/query_side_by_side_table.py" "$OUT" | tee "$OUT/table.md"
echo "results in $OUT"
