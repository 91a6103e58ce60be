#!/usr/bin/env bash
# The scheduler benchmark: builds the scheduler jar and the infra module's test classes,
# then runs org.convene.infra.bench.SchedulerBench on the infra test classpath. That process starts
# the embedded PostgreSQL, Kafka and GreenMail, launches the scheduler jar as a child JVM, and is
# the load generator. It prints a table of figures at the end and keeps a copy of its output in
# infra/target/scheduler-bench/reports/.
#
#   infra/bench/run-scheduler-bench.sh                 # 200 req/s open loop, 16-client closed loop
#   infra/bench/run-scheduler-bench.sh --no-build --rate=100 --clients=0
#   infra/bench/run-scheduler-bench.sh --profile       # JFR of the scheduler per phase
#   infra/bench/run-scheduler-bench.sh --help          # all options of the bench itself
#
# --no-build (first argument only) reuses what an earlier run built. BENCH_JAVA_OPTS adds options
# to the bench JVM. Nothing here is part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."

. infra/bench/jdk.sh

build=true
if [ "${1:-}" = "--no-build" ]; then
  build=false
  shift
fi

services=scheduler-service
for arg in "$@"; do
  if [ "$arg" = "--with-notifier" ]; then
    services=scheduler-service,notifier-service
  fi
done

classpath_file=infra/target/bench-classpath.txt
if $build || [ ! -f "$classpath_file" ]; then
  echo "[run-scheduler-bench] Building $services and infra with $JAVA_HOME"
  # One reactor build, so nothing has to be installed: the services' jars, and infra with its test
  # classes and the bench (src/bench/java, compiled with the tests under the bench profile) and its
  # test classpath, which points at the common-events jar built just now (the relative output file
  # lands in each module's own target/). Tests are compiled but not run: the services' test
  # dependencies (common-events' test jar) must exist even so.
  ./mvnw -B -q -DskipTests -Pbench -pl "$services,infra" -am package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

reports=infra/target/scheduler-bench/reports
mkdir -p "$reports"
report="$reports/$(date +%Y%m%d-%H%M%S).txt"

{
  # Which code is measured: read-only git queries, when this is a git checkout.
  if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "[run-scheduler-bench] Commit $(git rev-parse --short HEAD);" \
      "uncommitted changes in scheduler-service: $(git --no-optional-locks status --porcelain -- scheduler-service | wc -l) file(s)"
  fi
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
    -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
    org.convene.infra.bench.SchedulerBench "$@"
} 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
echo "[run-scheduler-bench] Output kept in $report"
exit "$status"
