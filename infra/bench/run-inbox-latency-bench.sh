#!/usr/bin/env bash
# Commit-to-inbox latency: builds both services' jars and the infra module's test classes, then runs
# org.convene.infra.bench.InboxLatencyBench on the infra test classpath. That process starts the
# embedded PostgreSQL and Kafka and a light SMTP sink of its own, launches the scheduler and the
# notifier jars as child JVMs, schedules meetings through the API at a fixed rate and prints, per
# recipient, p50/p90/p99/max from the API's 201 to the sink's 250, and per stage. Its output is kept in
# infra/target/inbox-latency-bench/reports/.
#
#   infra/bench/run-inbox-latency-bench.sh                          # 50 meetings/s x 20 recipients, 30 s
#   infra/bench/run-inbox-latency-bench.sh --no-build rate=20 duration=20
#   infra/bench/run-inbox-latency-bench.sh notifier.delivery.batch-size=20   # try a notifier setting
#
# --no-build (first argument only) reuses what an earlier run built. Nothing here is part of verify.
set -euo pipefail
cd "$(dirname "$0")/../.."

. infra/bench/jdk.sh

build=true
if [ "${1:-}" = "--no-build" ]; then
  build=false
  shift
fi

classpath_file=infra/target/bench-classpath.txt
if $build || [ ! -f "$classpath_file" ]; then
  echo "[run-inbox-latency-bench] Building the services and infra with $JAVA_HOME"
  ./mvnw -B -q -DskipTests -Pbench -pl scheduler-service,notifier-service,infra -am package \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

reports=infra/target/inbox-latency-bench/reports
mkdir -p "$reports"
report="$reports/$(date +%Y%m%d-%H%M%S).txt"
{
  if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "[run-inbox-latency-bench] Commit $(git rev-parse --short HEAD)"
  fi
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
    -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
    org.convene.infra.bench.InboxLatencyBench "$@"
} 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
echo "[run-inbox-latency-bench] Output kept in $report"
exit "$status"
