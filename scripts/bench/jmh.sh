#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them briefly (1 fork, 5x2 s warm-up,
# 5x2 s measurement). Pass JMH options to change that or pick benchmarks, e.g.
#   scripts/bench/jmh.sh MessageCodecBenchmark.decode -prof gc
# Numbers from a shared 2-core machine are indicative only.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar -f 1 -wi 5 -w 2s -i 5 -r 2s "$@"
