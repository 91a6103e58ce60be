#!/usr/bin/env bash
# The reminder benchmark: planning rate, then the lateness of a burst of 10k reminders due in
# one minute over a job store of 1M pending triggers (see ReminderBenchmark). Not part of the build.
# Needs root for apt-get (Postfix's smtp-sink is the out-of-process SMTP server: the burst meetings'
# invitations, and the reminders once the ledger's sink sends them) and a JDK 21+ (JAVA_HOME,
# default Temurin 25). Takes ~15 minutes with the defaults. Extra arguments go to the benchmark;
# spring.* ones to the notifier, e.g.
#   notifier-service/bench/run-reminder-bench.sh plan-meetings=20000 \
#     spring.quartz.properties.org.quartz.threadPool.threadCount=8
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PORT="${SMTP_PORT:-2526}"
# Extra Maven flags, such as -o to build offline once the dependencies are in the local repository.
MVN_FLAGS="${MVN_FLAGS:-}"

if ! command -v smtp-sink >/dev/null 2>&1 && [ ! -x /usr/sbin/smtp-sink ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix
fi
SINK="$(command -v smtp-sink || echo /usr/sbin/smtp-sink)"

# The benchmark lives in src/bench/java, compiled with the tests under the bench profile. One reactor
# build with the modules the notifier needs (-am), so nothing has to be installed: the classpath file
# points at their target/ folders. SKIP_BUILD=1 reuses what an earlier run built.
if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  ./mvnw -B -q $MVN_FLAGS -Pbench -pl notifier-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
CLASSPATH="notifier-service/target/test-classes:notifier-service/target/classes:$(cat notifier-service/target/bench-classpath.txt)"

# smtp-sink accepts and discards; run as root it must drop to an unprivileged user.
"$SINK" -u nobody "127.0.0.1:${PORT}" 1000 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true' EXIT
sleep 0.5

# The embedded PostgreSQL (fsync off, as in the tests) lives under target/embedded-postgres and is
# removed when the benchmark's JVM exits.
"$JAVA_HOME/bin/java" -Xms1g -Xmx2g -XX:+UseParallelGC -cp "$CLASSPATH" org.convene.notifier.bench.ReminderBenchmark "smtp-port=${PORT}" "$@"
