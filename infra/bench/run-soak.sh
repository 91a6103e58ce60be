#!/usr/bin/env bash
# The notifier soak run: builds the notifier jar and the infra module's test classes, then runs
# org.convene.infra.faults.SoakRun on the infra test classpath. That process hosts a Kafka broker,
# a PostgreSQL server and a counting SMTP server, launches the notifier jar as a child process,
# schedules meetings at a steady rate straight onto the topic, and injects a random fault every few
# minutes: kill -9 and restart of the notifier, its database stopped and started, its SMTP relay
# down, its broker restarted. Per fault it prints how long until mail flowed again and until
# everything owed at the fault's end had arrived, and the duplicates the fault added; at the end,
# expected, received, lost and duplicates in all. The notifier's own log is in
# infra/target/soak/notifier.log, a copy of this output in infra/target/soak/reports/.
#
#   infra/bench/run-soak.sh                                   # an hour, 2 meetings/s × 10, a fault every ~3 min
#   infra/bench/run-soak.sh --no-build --duration=10m --fault-every=90s --faults=KILL,DATABASE
#   infra/bench/run-soak.sh --help                            # all options of the run itself
#
# --no-build (first argument only) reuses what an earlier run built. SOAK_JAVA_OPTS adds options
# to the driving JVM. Nothing here is part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."

. infra/bench/jdk.sh

build=true
if [ "${1:-}" = "--no-build" ]; then
  build=false
  shift
fi

classpath_file=infra/target/soak-classpath.txt
if $build || [ ! -f "$classpath_file" ]; then
  echo "[run-soak] Building notifier-service and infra with $JAVA_HOME"
  # The notifier's executable jar (its tests compiled, not run: its test jar is a dependency).
  ./mvnw -B -q -DskipTests -pl notifier-service -am package
  # infra with its test classes (the soak run), and its test classpath.
  ./mvnw -B -q -DskipTests -pl infra -am package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/soak-classpath.txt
fi

notifier_jar=$(ls notifier-service/target/notifier-service-*-exec.jar 2>/dev/null | head -1)
if [ -z "$notifier_jar" ]; then
  echo "No notifier jar in notifier-service/target; run without --no-build." >&2
  exit 1
fi

reports=infra/target/soak/reports
mkdir -p "$reports"
report="$reports/$(date +%Y%m%d-%H%M%S).txt"

{
  if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "[run-soak] Commit $(git rev-parse --short HEAD);" \
      "uncommitted changes in notifier-service: $(git --no-optional-locks status --porcelain -- notifier-service | wc -l) file(s)"
  fi
  # The broker restarts on purpose: its clients' reconnection warnings are noise here.
  # shellcheck disable=SC2086 # SOAK_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -Dorg.slf4j.simpleLogger.log.kafka=error \
    ${SOAK_JAVA_OPTS:-} \
    -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
    org.convene.infra.faults.SoakRun --notifier-jar="$notifier_jar" "$@"
} 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
echo "[run-soak] Output kept in $report"
exit "$status"
