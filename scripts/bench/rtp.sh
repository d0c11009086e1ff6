#!/usr/bin/env bash
# RTP load benchmark: N concurrent calls, G.711-sized payloads (160 octets / 20 ms)
# both ways over 127.0.0.1 between our engine and a second in-process engine
# standing in for the far end (SIPp -rtp_echo can replace it later).
# Prints CPU of the whole JVM (both sides), packets and loss (RFC 3550 A.3),
# late packets in our jitter buffers, receive jitter (A.8) and our send pacing
# lateness against the 20 ms deadlines (p50/p99/max).
#
# Usage: scripts/bench/rtp.sh [CALLS] [SECONDS] [WARMUP_SECONDS]   (defaults: 1000 30 5)
# Java options: RTP_JAVA_OPTS (default: ParallelGC, 1 GB heap, Netty leak detection off as in production).
# Numbers from a shared 2-core machine are indicative only.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
calls="${1:-1000}"
seconds="${2:-30}"
warmup="${3:-5}"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/media-rtp/src" "$root/benchmarks/src" -newer "$jar" -name '*.java' | head -n 1)" ]; then
  (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
fi
exec java ${RTP_JAVA_OPTS:--XX:+UseParallelGC -Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled} -cp "$jar" \
  io.dialer.benchmarks.RtpLoadBenchmark "$calls" "$seconds" "$warmup"
