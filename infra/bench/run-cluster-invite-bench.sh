#!/usr/bin/env bash
# Invitation throughput of 1, 2 and 3 notifier processes in one run: builds the notifier jar and the
# infra module's test classes, then runs org.convene.infra.bench.ClusterInviteBench, which starts the
# embedded PostgreSQL and Kafka and a light SMTP sink that takes everything, launches that many
# notifier jars side by side on them, publishes bursts of meetings to the topic and prints e-mails/s
# and each notifier's resident memory (VmHWM/VmRSS). The raw limits of the stages on this machine are
# what notifier-service/bench/run-invite-bench.sh prints; run it beside this one.
#
#   infra/bench/run-cluster-invite-bench.sh                        # 100 meetings x 50, 1..3 processes
#   infra/bench/run-cluster-invite-bench.sh --no-build meetings=200 heap=384m
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
  echo "[run-cluster-invite-bench] Building the notifier and infra with $JAVA_HOME"
  ./mvnw -B -q -DskipTests -Pbench -pl notifier-service,infra -am package \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

reports=infra/target/cluster-invite-bench/reports
mkdir -p "$reports"
report="$reports/$(date +%Y%m%d-%H%M%S).txt"
{
  if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "[run-cluster-invite-bench] Commit $(git rev-parse --short HEAD)"
  fi
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
    -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
    org.convene.infra.bench.ClusterInviteBench "$@"
} 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
echo "[run-cluster-invite-bench] Output kept in $report"
exit "$status"
