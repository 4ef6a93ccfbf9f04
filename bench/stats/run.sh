#!/usr/bin/env bash
# One command: builds stats-service and this bench, starts real Kafka + PostgreSQL, generates N located
# facts over the real vn-2025 communes, runs the service jar, and prints the report (also target/report.md).
#   bench/stats/run.sh [facts] [extra options: --rate=500 --seconds=20 --concurrency=4]
set -euo pipefail
cd "$(dirname "$0")/../.."
FACTS="${1:-10000000}"
shift || true
./mvnw -q -B -pl stats-service -am install -DskipTests
./mvnw -q -B -f bench/stats/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# PostgreSQL sized as the dev stack and k8s size it for the projection (see dev/README.md); override to compare
PG_SETTINGS="${STATS_BENCH_PG_SETTINGS-shared_buffers=1GB,max_wal_size=4GB,checkpoint_timeout=15min,autovacuum_naptime=5s}"
java -Xmx3g -Dispeed.postgres.settings="$PG_SETTINGS" -Dispeed.runtimes.dir="$PWD/dev/runtimes/target" -Dispeed.geo.root="$PWD/../shared/geo" \
  -cp "bench/stats/target/classes:$(cat bench/stats/target/classpath.txt)" \
  vn.ispeed.bench.stats.StatsBench --facts="$FACTS" --jar="$PWD/stats-service/target/quarkus-app/quarkus-run.jar" "$@" \
  | tee bench/stats/target/report.md
