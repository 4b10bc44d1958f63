#!/usr/bin/env bash
# Call-setup time at fixed call rates, and the call records those calls leave:
#   SIPp UAC -> SIPCall (a runnable jar, passthrough media) -> SIPp UAS, over UDP on loopback.
# Same calls and SIPCall settings as scripts/bench-cps.sh (INVITE/180/200/ACK/BYE/200, no hold time),
# but each rate runs for STEP_SECONDS after one warm-up step, and the UAC (scripts/sipp/
# uac-setup-timed.xml) logs every call's setup time, INVITE sent -> 200 received, in microseconds.
# At the end the embedded database's `calls` rows of each step's calls (by arrival time) are counted:
# a jar that writes call records must have one per answered call. CPU time is counted per step for
# SIPCall, PostgreSQL and every other process on the machine, so a disturbed step shows. Prints a
# markdown table, then all call records by disposition.
#
#   scripts/bench-setup.sh                                   # app/target/sipcall.jar at 100 and 1000 calls/s
#   JAR=/tmp/wt-base/app/target/sipcall.jar LABEL=71c5eaa scripts/bench-setup.sh   # another build
#   DIRECT=1 scripts/bench-setup.sh                          # SIPp UAC straight to the UAS: SIPp's own share
#   RATES="1000" STEP_SECONDS=60 WARMUP_SECONDS=20 scripts/bench-setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${JAR:-app/target/sipcall.jar}
direct=${DIRECT:-}
label=${LABEL:-$([ -n "$direct" ] && echo "no B2BUA" || echo "$jar")}
rates=${RATES:-"100 1000"}
step_seconds=${STEP_SECONDS:-30}
warmup_rate=${WARMUP_RATE:-200}
warmup_seconds=${WARMUP_SECONDS:-60}
b2bua_port=${B2BUA_PORT:-25260}
trunk_port=${TRUNK_PORT:-25270}
uac_port=${UAC_PORT:-25261}
uac=$PWD/scripts/sipp/uac-setup-timed.xml
uas=$PWD/integration-tests/src/test/resources/sipp/uas-answer.xml

command -v sipp >/dev/null || { echo "SIPp is needed (Debian package sip-tester)" >&2; exit 1; }
[ -n "$direct" ] || [ -f "$jar" ] || { echo "no $jar: build it with ./mvnw -q package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
data=$work/data
uas_pid=
b2bua_pid=
cleanup() {
  for pid in $uas_pid $b2bua_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] && echo "work files kept in $work" || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # so that a stopped run still stops its SIPCall and SIPp

listening() { ss -Hlnu "sport = :$1" | grep -q .; }

if [ -z "$direct" ]; then
  # As in bench-cps.sh: embedded defaults, one trunk (the UAS), one +1 route, the caller trusted.
  env SIPCALL_DATA_DIR="$data" SIPCALL_SIP_BIND_ADDRESS=127.0.0.1 \
      SIPCALL_SIP_UDP_PORT="$b2bua_port" SIPCALL_SIP_TCP_PORT="$b2bua_port" SIPCALL_SIP_TLS_PORT=0 \
      SIPCALL_TRUNKS_BENCH_HOST=127.0.0.1 SIPCALL_TRUNKS_BENCH_PORT="$trunk_port" \
      SIPCALL_ROUTES_0_PREFIX=+1 SIPCALL_ROUTES_0_TRUNKS=bench SIPCALL_GATEWAY_TRUSTED_PEERS=127.0.0.1/32 \
      java -Xms512m -Xmx1g -Dsipcall.log.level=WARN -jar "$jar" >"$work/sipcall.log" 2>&1 &
  b2bua_pid=$!
  target=127.0.0.1:$b2bua_port
else
  target=127.0.0.1:$trunk_port
fi

( cd "$work" && exec sipp -sf "$uas" -i 127.0.0.1 -p "$trunk_port" -t u1 \
    -nostdin -trace_err -error_file uas-errors.log -recv_timeout 10000 >/dev/null 2>&1 ) &
uas_pid=$!

for _ in $(seq 1 300); do  # up to 30 s: the first start unpacks and initialises PostgreSQL
  listening "$trunk_port" && { [ -n "$direct" ] || listening "$b2bua_port"; } && break
  [ -z "$b2bua_pid" ] || kill -0 "$b2bua_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$direct" ] || listening "$b2bua_port" || { echo "SIPCall did not start:"; cat "$work/sipcall.log"; exit 1; }

# The embedded PostgreSQL, when the jar runs one: its postmaster (line 1 of postmaster.pid), its
# port (line 4) and the superuser's password (kept base64-encoded, like every generated secret).
pg_pid() { sed -n 1p "$data/postgres/data/postmaster.pid" 2>/dev/null || true; }
sql() {
  PGPASSWORD=$(base64 -d "$data/postgres/secrets/superuser-password") psql -h 127.0.0.1 \
      -p "$(sed -n 4p "$data/postgres/data/postmaster.pid")" -U postgres -d sipcall -tA -F' ' -c "$1" \
      || { echo "cannot query the call records (psql failed)" >&2; kill $$; }
}
records() { [ -n "$(pg_pid)" ] && sql "SELECT count(*) FROM calls" || echo "n/a"; }

# CPU ticks (utime + stime) of a process; with "tree", plus its live children and the children it
# has reaped: the whole PostgreSQL server.
cpu_ticks() {
  local pid=$1 total
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || { echo 0; return; }
  total=$(sed 's/.*) //' "/proc/$pid/stat" | awk -v tree="${2:-}" '{print $12 + $13 + (tree ? $14 + $15 : 0)}')
  if [ -n "${2:-}" ]; then
    for child in $(ps -o pid= --ppid "$pid"); do total=$((total + $(cpu_ticks "$child"))); done
  fi
  echo "$total"
}
# "pid ticks ours" for every process; ours are this script's descendants and PostgreSQL's processes.
process_ticks() {
  # Processes come and go while cat reads: a vanished one is skipped.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v me="$$" -v pg="$(pg_pid)" '
    {
      pid = $1; line = $0; sub(/^.*\) /, "", line); split(line, f, " ")
      parent[pid] = f[2]; ticks[pid] = f[12] + f[13]
    }
    END {
      for (p in ticks) {
        q = p; mine = 0
        for (i = 0; i < 64 && q > 1; i++) { if (q == me || q == pg) { mine = 1; break }; q = parent[q] }
        print p, ticks[p], mine
      }
    }'
}
# CPU ticks other processes used between two process_ticks snapshots (those that started and ended
# in between are missed): a step disturbed by other work shows here.
other_ticks() {
  awk 'NR == FNR { start[$1] = $2; next }
       $3 == 0 { sum += $2 - ($1 in start ? start[$1] : 0) }
       END { print sum + 0 }' "$1" "$2"
}
seconds_of() { printf "%.1f" "$(echo "scale=3; $1 / $(getconf CLK_TCK)" | bc)"; }

screen_count() {  # the cumulative column of a SIPp screen file's "Successful call" / "Failed call" line
  grep -E "^ +$2 call" "$1" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}'
}

# Runs one step: rate $1 for $2 s. Sets ok, failed, and the step's start and end (epoch seconds);
# leaves the setup log in $work/setup-$3.log.
run_step() {
  local rate=$1 seconds=$2 name=$3
  step_start=$(date +%s.%N)
  ( cd "$work" && sipp -sf "$uac" "$target" -i 127.0.0.1 -p "$uac_port" -t u1 \
      -s 16502530000 -r "$rate" -m $((rate * seconds)) -l $((rate * 4)) -recv_timeout 5000 \
      -timeout $((seconds * 3))s -nostdin -trace_screen -screen_file "uac-$name.screen" \
      -trace_err -error_file "uac-$name-errors.log" -trace_logs -log_file "setup-$name.log" >/dev/null 2>&1 ) || true
  step_end=$(date +%s.%N)
  ok=$(screen_count "$work/uac-$name.screen" Successful)
  failed=$(screen_count "$work/uac-$name.screen" Failed)
}

# p50 p95 p99 max of the setup times (ms, 2 decimals) in a UAC log: nearest rank.
percentiles() {
  awk '$1 == "setup" {printf "%.3f\n", (($5 - $3) * 1000000 + ($6 - $4)) / 1000}' "$1" | sort -n |
    awk '{v[NR] = $1} END {
      if (NR == 0) { print "? ? ? ?"; exit }
      split("50 95 99 100", p, " ")
      for (i = 1; i <= 4; i++) { r = int(p[i] / 100 * NR + 0.999999); if (r < 1) r = 1; printf "%.2f ", v[r] }
      print ""
    }'
}

# "answered all" call records of the calls that arrived between $1 and $2 (epoch seconds).
records_between() {
  [ -n "$(pg_pid)" ] || { echo "n/a n/a"; return; }
  sql "SELECT count(*) FILTER (WHERE disposition = 'ANSWERED'), count(*) FROM calls
       WHERE started_at >= to_timestamp($1) AND started_at < to_timestamp($2)"
}

# Waits until the calls table holds an answered record for each of the $1 successful calls so far
# (at most 60 s: a call whose callee leg does not confirm its BYE ends, and is recorded, only at the
# 32 s teardown limit), then until no record has been added for 5 s.
await_records() {
  local want=$1 last=-1 now quiet=0
  [ -n "$(pg_pid)" ] || return 0
  for _ in $(seq 1 60); do
    [ "$(sql "SELECT count(*) FROM calls WHERE disposition = 'ANSWERED'")" -ge "$want" ] && break
    sleep 1
  done
  for _ in $(seq 1 60); do
    now=$(records)
    if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); [ "$quiet" -ge 5 ] && return; else quiet=0; fi
    last=$now
    sleep 1
  done
}

echo "Setup time through: $label; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_step "$warmup_rate" "$warmup_seconds" warmup
echo "warm-up: $warmup_rate calls/s for $warmup_seconds s: ${ok:-?} successful, ${failed:-?} failed"
successful=${ok:-0}
await_records "$successful"
rows=()
for rate in $rates; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  jvm_before=$(cpu_ticks "$b2bua_pid")
  pg_before=$(cpu_ticks "$(pg_pid)" tree)
  process_ticks >"$work/ticks-before"
  run_step "$rate" "$step_seconds" "$rate"
  process_ticks >"$work/ticks-after"
  jvm_after=$(cpu_ticks "$b2bua_pid")
  pg_after=$(cpu_ticks "$(pg_pid)" tree)
  others=$(seconds_of "$(other_ticks "$work/ticks-before" "$work/ticks-after")")
  read -r p50 p95 p99 max <<<"$(percentiles "$work/setup-$rate.log")"
  pg_cpu=$([ -n "$(pg_pid)" ] && seconds_of $((pg_after - pg_before)) || echo "n/a")
  jvm_cpu=$([ -n "$b2bua_pid" ] && seconds_of $((jvm_after - jvm_before)) || echo "n/a")
  rows+=("$rate $((rate * step_seconds)) ${ok:-?} ${failed:-?} $p50 $p95 $p99 $max $jvm_cpu $pg_cpu $others $load \
$step_start $step_end")
  successful=$((successful + ${ok:-0}))
  await_records "$successful"
done

echo
echo "| build | calls/s | calls | successful | failed | setup p50 (ms) | p95 | p99 | max | call records" \
     "(answered / all) | SIPCall CPU (s) | PostgreSQL CPU (s) | other processes' CPU (s) | load (1 min) before |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  read -r rate calls ok failed p50 p95 p99 max jvm_cpu pg_cpu others load from to <<<"$row"
  read -r answered all <<<"$(records_between "$from" "$to")"
  echo "| $label | $rate | $calls | $ok | $failed | $p50 | $p95 | $p99 | $max | $answered / $all" \
       "| $jvm_cpu | $pg_cpu | $others | $load |"
done
echo
if [ -n "$(pg_pid)" ]; then
  # The calls are hung up at once: a talk time of 30 s or more means the call ended at the teardown
  # limit (a leg that never confirmed its BYE), and its record's end time is that late.
  echo "All call records (warm-up included): disposition, hangup cause, records, of which talk time >= 30 s:"
  sql "SELECT disposition, hangup_cause, count(*), count(*) FILTER (WHERE talk_ms >= 30000) FROM calls
       GROUP BY 1, 2 ORDER BY 3 DESC"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
