#!/usr/bin/env bash
# Invitation throughput of the whole notifier beside the raw limits of its stages, in one run.
# Not part of the build. Needs root for apt-get (Postfix's smtp-sink is the out-of-process SMTP
# server) and a JDK 21+ (JAVA_HOME, default Temurin 25). Extra arguments go to the benchmark, e.g.
#   notifier-service/bench/run-invite-bench.sh meetings=400 threads=3 batch-size=200
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PORT="${SMTP_PORT:-2525}"

if ! command -v smtp-sink >/dev/null 2>&1 && [ ! -x /usr/sbin/smtp-sink ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix
fi
SINK="$(command -v smtp-sink || echo /usr/sbin/smtp-sink)"

# The benchmark lives in src/bench/java, compiled with the tests under the bench profile. One reactor
# build with the modules the notifier needs (-am), so nothing has to be installed: the classpath file
# points at their target/ folders.
./mvnw -B -q -Pbench -pl notifier-service -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CLASSPATH="notifier-service/target/test-classes:notifier-service/target/classes:$(cat notifier-service/target/bench-classpath.txt)"

# smtp-sink accepts and discards; run as root it must drop to an unprivileged user.
"$SINK" -u nobody "127.0.0.1:${PORT}" 1000 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true' EXIT
sleep 0.5

"$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$CLASSPATH" org.convene.notifier.bench.InviteBenchmark "smtp-port=${PORT}" "$@"
