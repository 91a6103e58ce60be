#!/usr/bin/env bash
# Answers through both channels: builds both services' jars and the infra module's test classes,
# then runs org.convene.infra.bench.AnswersBench on the infra test classpath. That process starts
# the embedded PostgreSQL, Kafka and GreenMail (SMTP + IMAP) and a light SMTP sink for the mail the
# notifier sends, launches the scheduler and the notifier jars as child JVMs, schedules meetings
# through the API, waits for their invitations, then answers at a fixed rate, half by calendar reply
# (an iTIP REPLY over SMTP to the organiser mailbox the notifier reads over IMAP), half by answer
# link (GET the page, POST its form), and prints per channel answers/s and p50/p90/p99/max from the
# answer landing to the answer visible in GET /api/meetings/{id}/responses. Its output is kept in
# infra/target/answers-bench/reports/.
#
#   infra/bench/run-answers-bench.sh                                # 10,000 answers at 100/s
#   infra/bench/run-answers-bench.sh --no-build rate=50 answers=2000 meetings=20
#   infra/bench/run-answers-bench.sh notifier.replies.idle-refresh=10s   # try a notifier setting
#   infra/bench/run-answers-bench.sh scheduler.replies.consumers=3       # or a scheduler setting
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
  echo "[run-answers-bench] Building the services and infra with $JAVA_HOME"
  ./mvnw -B -q -DskipTests -Pbench -pl scheduler-service,notifier-service,infra -am package \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

reports=infra/target/answers-bench/reports
mkdir -p "$reports"
report="$reports/$(date +%Y%m%d-%H%M%S).txt"
{
  if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "[run-answers-bench] Commit $(git rev-parse --short HEAD)"
  fi
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
    -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
    org.convene.infra.bench.AnswersBench "$@"
} 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
echo "[run-answers-bench] Output kept in $report"
exit "$status"
