#!/usr/bin/env bash
# Server time of a big meeting's page: runs org.convene.scheduler.web.PageRenderBenchmark (in
# scheduler-service/src/bench/java) as the only integration test of the scheduler module, on its
# embedded PostgreSQL and Kafka, through MockMvc. Prints three runs' p50 and p99 of wall-clock and
# CPU time per render, their median and range, and the machine's load. Asserts nothing; not part
# of verify. Takes about two minutes.
#
#   scheduler-service/bench/run-page-render-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

. infra/bench/jdk.sh

# -Dtest.jvm.options= runs the benchmark's JVM on its defaults (the optimising compiler, the default
# collector), as a server runs the scheduler; the build's test JVMs use the client compiler and the
# serial collector, on which a render took about three times the CPU. -am builds common-events
# (whose test jar the scheduler's tests use) in the same reactor, so that nothing has to be
# installed first; -Dtest=none skips the unit tests of both modules. The whole output is kept in
# scheduler-service/target/page-render-bench.log.
mkdir -p scheduler-service/target
log=scheduler-service/target/page-render-bench.log
status=0
./mvnw -B -pl scheduler-service -am verify -Dspotless.check.skip=true -Dtest.jvm.options= \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PageRenderBenchmark -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
grep -E '^(Run [0-9]+:|Over [0-9]+ runs:)|^\[(INFO|ERROR)\] (BUILD|Tests run|Failed)' "$log" || true
echo "Whole output: $log"
exit "$status"
