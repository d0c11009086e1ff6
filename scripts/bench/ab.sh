#!/usr/bin/env bash
# A/B comparison of two dialer jars against one `sipp -sn uas`, alternating
# A, B, A, B... in the same period so that CPU contention from other work on
# the machine hits both alike. Prints each run's `dialer load` summary line.
#
# Usage: scripts/bench/ab.sh A.jar B.jar [RATE] [CALLS] [ROUNDS] [dialer|stack]
#        (defaults: 2000 40000 3 stack)
set -euo pipefail
a="$1"; b="$2"
rate="${3:-2000}"; calls="${4:-40000}"; rounds="${5:-3}"; via="${6:-stack}"
command -v sipp >/dev/null || { echo "ab.sh: sipp not installed (apt-get install sip-tester)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'kill $uas_pid 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
sipp -sn uas -i 127.0.0.1 -p "$port" -t u1 -nostdin -buff_size 4194304 >"$work/uas.log" 2>&1 &
uas_pid=$!
for _ in $(seq 1 100); do
  ss -lnu 2>/dev/null | grep -q "127.0.0.1:$port " && break
  sleep 0.05
done
for round in $(seq 1 "$rounds"); do
  for jar in "$a" "$b"; do
    line=$(java ${DIALER_JAVA_OPTS:--XX:+UseParallelGC -Xms512m} -jar "$jar" load --target "127.0.0.1:$port" \
      --rate "$rate" --calls "$calls" --via "$via" 2>/dev/null | grep '^calls=' || true)
    echo "round $round $(basename "$jar") via $via: $line"
  done
done
