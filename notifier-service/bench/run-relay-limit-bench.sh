#!/usr/bin/env bash
# Delivery through a relay limited to 50 messages/s: cancellations of small meetings during a
# 5,000-recipient invitation burst (see RelayLimitBenchmark). Not part of the build. The relay is
# the benchmark's own sink on 127.0.0.1, which answers 421 above its limit. Needs a JDK 21+
# (JAVA_HOME, default Temurin 25). Takes ~6 minutes with the defaults (three runs). Extra
# arguments go to the benchmark; spring.* and convene.* ones to the notifier, e.g.
#   notifier-service/bench/run-relay-limit-bench.sh runs=1 notifier-rate=45
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# Extra Maven flags, such as -o to build offline once the dependencies are in the local repository.
MVN_FLAGS="${MVN_FLAGS:-}"

# The benchmark lives in src/bench/java, compiled with the tests under the bench profile. One reactor
# build with the modules the notifier needs (-am), so nothing has to be installed: the classpath file
# points at their target/ folders. SKIP_BUILD=1 reuses what an earlier run built.
if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  ./mvnw -B -q $MVN_FLAGS -Pbench -pl notifier-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
CLASSPATH="notifier-service/target/test-classes:notifier-service/target/classes:$(cat notifier-service/target/bench-classpath.txt)"

"$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$CLASSPATH" org.convene.notifier.bench.RelayLimitBenchmark "$@"
