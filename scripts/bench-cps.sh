#!/usr/bin/env bash
# Highest call rate with zero failed calls through the B2BUA:
#   SIPp UAC -> SIPCall (app/target/sipcall.jar, passthrough media) -> SIPp UAS, over UDP on loopback.
# Each step runs RATE calls/s for STEP_SECONDS seconds (calls end at once: INVITE/180/200/ACK/BYE/200)
# and counts failures; the run stops at the first step with a failure. Prints a markdown table.
#
#   scripts/bench-cps.sh                     # rates 100 200 300 ... 1000, 10 s each
#   RATES="200 400" STEP_SECONDS=20 scripts/bench-cps.sh
set -euo pipefail
cd "$(dirname "$0")/.."

jar=app/target/sipcall.jar
scenarios=integration-tests/src/test/resources/sipp
rates=${RATES:-"100 200 300 400 500 600 700 800 900 1000"}
step_seconds=${STEP_SECONDS:-10}
b2bua_port=${B2BUA_PORT:-25060}
trunk_port=${TRUNK_PORT:-25070}

command -v sipp >/dev/null || { echo "SIPp is needed (Debian package sip-tester)" >&2; exit 1; }
[ -f "$jar" ] || ./mvnw -q package -DskipTests

work=$(mktemp -d)
cleanup() { kill "$uas_pid" "$b2bua_pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

# The B2BUA on its embedded defaults, with one trunk (the SIPp UAS), one route for +1 numbers, and
# the SIPp caller's address as a trusted peer (the gateway side needs no digest then). The calls go
# through the whole product path: gateway authentication, the default route policy (libphonenumber)
# and the toll-fraud guard.
env SIPCALL_DATA_DIR="$work/data" SIPCALL_SIP_BIND_ADDRESS=127.0.0.1 \
    SIPCALL_SIP_UDP_PORT="$b2bua_port" SIPCALL_SIP_TCP_PORT="$b2bua_port" SIPCALL_SIP_TLS_PORT=0 \
    SIPCALL_TRUNKS_BENCH_HOST=127.0.0.1 SIPCALL_TRUNKS_BENCH_PORT="$trunk_port" \
    SIPCALL_ROUTES_0_PREFIX=+1 SIPCALL_ROUTES_0_TRUNKS=bench SIPCALL_GATEWAY_TRUSTED_PEERS=127.0.0.1/32 \
    java -Xms512m -Xmx1g -Dsipcall.log.level=WARN -jar "$jar" >"$work/sipcall.log" 2>&1 &
b2bua_pid=$!

( cd "$work" && exec sipp -sf "$OLDPWD/$scenarios/uas-answer.xml" -i 127.0.0.1 -p "$trunk_port" -t u1 \
    -nostdin -trace_err -error_file uas-errors.log -recv_timeout 10000 >/dev/null 2>&1 ) &
uas_pid=$!

# Wait (bounded) until both listen on their UDP ports.
for _ in $(seq 1 100); do
  ss -Hlnu "sport = :$b2bua_port" | grep -q . && ss -Hlnu "sport = :$trunk_port" | grep -q . && break
  sleep 0.1
done
ss -Hlnu "sport = :$b2bua_port" | grep -q . || { echo "SIPCall did not start:"; cat "$work/sipcall.log"; exit 1; }

echo "| calls/s | calls | successful | failed | B2BUA CPU time (s) |"
echo "|---:|---:|---:|---:|---:|"
best=0
for rate in $rates; do
  calls=$((rate * step_seconds))
  cpu_before=$(awk '{print $14 + $15}' "/proc/$b2bua_pid/stat")
  set +e
  ( cd "$work" && sipp -sf "$OLDPWD/$scenarios/uac-basic.xml" 127.0.0.1:"$b2bua_port" -i 127.0.0.1 -t u1 \
      -s 16502530000 -r "$rate" -m "$calls" -l $((rate * 4)) -recv_timeout 5000 -timeout $((step_seconds * 3))s \
      -nostdin -trace_screen -screen_file "uac-$rate.screen" -trace_err -error_file "uac-$rate-errors.log" \
      >/dev/null 2>&1 )
  code=$?
  set -e
  cpu_after=$(awk '{print $14 + $15}' "/proc/$b2bua_pid/stat")
  ok=$(grep -E "^ +Successful call" "$work/uac-$rate.screen" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  failed=$(grep -E "^ +Failed call" "$work/uac-$rate.screen" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  cpu=$(echo "scale=1; ($cpu_after - $cpu_before) / $(getconf CLK_TCK)" | bc)
  echo "| $rate | $calls | ${ok:-?} | ${failed:-?} | $cpu |"
  if [ "$code" -ne 0 ] || [ "${failed:-1}" != "0" ]; then break; fi
  best=$rate
done
echo
echo "Highest rate with zero failed calls: $best calls/s (steps of ${step_seconds} s)."
