#!/usr/bin/env bash
# Calls-per-second benchmark, side by side in one run:
#   1. our UAC (`dialer load`) against `sipp -sn uas`
#   2. `sipp -sn uac` against the same UAS
# same rate, same call count; call = INVITE/100/180/200/ACK then BYE/200 at once.
# Prints for each: calls per second reached, failed calls, CPU seconds per
# 1,000 calls, and the our/SIPp ratios. Everything stays on 127.0.0.1.
#
# Usage: scripts/bench/cps.sh [RATE] [SECONDS] [udp|tcp]   (defaults: 2000 30 udp)
#        DIALER_VIA=stack scripts/bench/cps.sh ...  measures the SIP stack's UA alone
#        (default dialer: the full Dialer API with records and events).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rate="${1:-2000}"
seconds="${2:-30}"
transport="${3:-udp}"
calls=$((rate * seconds))
command -v sipp >/dev/null || { echo "cps.sh: sipp not installed (apt-get install sip-tester)" >&2; exit 1; }
command -v bc >/dev/null || { echo "cps.sh: bc not installed (apt-get install bc)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'kill $uas_pid 2>/dev/null || true; rm -rf "$work"' EXIT
t_flag=u1; [ "$transport" = tcp ] && t_flag=t1

jar="$root/dialer-core/target/dialer.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -ntp -DskipTests package)

port=$(( 20000 + RANDOM % 20000 ))
# The UAS answers both runs; -max_socket lets TCP runs keep one socket per call.
# -buff_size: SIPp's default 64 KiB socket buffer drops datagrams in bursts at these rates.
sipp -sn uas -i 127.0.0.1 -p "$port" -t "$t_flag" -nostdin -max_socket 10000 -buff_size 4194304 \
  >"$work/uas.log" 2>&1 &
uas_pid=$!
for _ in $(seq 1 100); do
  ss -lnu 2>/dev/null | grep -q "127.0.0.1:$port " && break
  ss -lnt 2>/dev/null | grep -q "127.0.0.1:$port " && break
  sleep 0.05
done

echo "== dialer as UAC: $calls calls at $rate/s over $transport to sipp -sn uas"
java ${DIALER_JAVA_OPTS:--XX:+UseParallelGC -Xms512m} -jar "$jar" load --target "127.0.0.1:$port" \
  --rate "$rate" --calls "$calls" --transport "$transport" --via "${DIALER_VIA:-dialer}" | tee "$work/ours.txt" || true
ours_cps=$(sed -n 's/.*offered_cps=\([0-9.]*\).*/\1/p' "$work/ours.txt")
ours_elapsed=$(sed -n 's/.*elapsed_s=\([0-9.]*\).*/\1/p' "$work/ours.txt")
ours_ok=$(sed -n 's/.*succeeded=\([0-9]*\).*/\1/p' "$work/ours.txt")
ours_failed=$(( calls - ${ours_ok:-0} ))
ours_cpu=$(sed -n 's/.*cpu_ms_per_1000_calls=\([0-9.]*\).*/\1/p' "$work/ours.txt")

echo "== sipp as UAC: $calls calls at $rate/s over $transport to the same UAS"
start=$(date +%s.%N)
# bash's time keyword reports the child's user+system CPU seconds.
TIMEFORMAT='%U %S'
{ time sipp -sn uac -i 127.0.0.1 -p $((port + 1)) -t "$t_flag" -nostdin -r "$rate" -m "$calls" -max_socket 10000 \
    -buff_size 4194304 -trace_stat -stf "$work/uac.csv" "127.0.0.1:$port" >"$work/uac.log" 2>&1 ; } 2>"$work/uac.time" || true
end=$(date +%s.%N)
sipp_cpu=$(awk '{print $1 + $2}' "$work/uac.time")
last=$(tail -n 1 "$work/uac.csv")
header=$(head -n 1 "$work/uac.csv")
col() { echo "$header" | tr ';' '\n' | grep -n -x "$1" | cut -d: -f1; }
sipp_ok=$(echo "$last" | cut -d';' -f"$(col 'SuccessfulCall(C)')")
sipp_failed=$(echo "$last" | cut -d';' -f"$(col 'FailedCall(C)')")
sipp_elapsed=$(echo "$end - $start" | bc -l)
sipp_cps=$(echo "$calls / $sipp_elapsed" | bc -l)
sipp_cpu_per_k=$(echo "$sipp_cpu * 1000 / $calls * 1000" | bc -l)

printf '\n%-8s %12s %10s %10s %22s\n' "UAC" "calls/s" "succeeded" "failed" "CPU ms per 1,000 calls"
printf '%-8s %12.1f %10s %10s %22.1f\n' "dialer" "$ours_cps" "$ours_ok" "$ours_failed" "$ours_cpu"
printf '%-8s %12.1f %10s %10s %22.1f\n' "sipp" "$sipp_cps" "$sipp_ok" "$sipp_failed" "$sipp_cpu_per_k"
printf 'ratio dialer/sipp: calls/s %.2f, CPU per call %.2f\n' \
  "$(echo "$ours_cps / $sipp_cps" | bc -l)" "$(echo "$ours_cpu / $sipp_cpu_per_k" | bc -l)"
echo "(dialer: CPU of the whole JVM from the first measured call until the last ended, after a 10 s"
echo " uncounted warm-up ramp; sipp: user+system CPU of its whole run;"
echo " elapsed incl. drain: dialer ${ours_elapsed}s, sipp ${sipp_elapsed}s)"
