#!/usr/bin/env bash
# JMH benchmark of application token verification against the HMAC-SHA256 floor.
#
#   bench/jmh.sh                 # the defaults in TokenVerificationBenchmark (about 2 minutes)
#   bench/jmh.sh -f 1 -i 3       # any JMH option; -h lists them
#
# Builds bench/target/benchmarks.jar when it is missing or older than the sources, runs it, prints
# the ratio verify / hmacFloor, and keeps JMH's JSON in bench/results/jmh-token-verification.json
# (or in BENCH_OUTPUT).
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

jar="$bench_root/bench/target/benchmarks.jar"
bench_build "$jar" bench "$bench_root/pom.xml" "$bench_root/server/pom.xml" "$bench_root/server/src/main" \
  "$bench_root/bench/pom.xml" "$bench_root/bench/src/main"

results=${BENCH_OUTPUT:-$bench_root/bench/results/jmh-token-verification.json}
mkdir -p "$(dirname "$results")"
echo "bench: $("$bench_java" -version 2>&1 | head -n 1), $(nproc) CPUs" >&2
exec "$bench_java" -jar "$jar" -rf json -rff "$results" "$@"
