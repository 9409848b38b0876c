#!/usr/bin/env bash
# SIP plug-and-play benchmark: sipp plays Snom-style phones that SUBSCRIBE ua-profile to
# 224.0.1.75:5060 (Gigaset seed, "SIP-Multicast mechanism") and each take a 200 and a
# NOTIFY with their provisioning URL; sipd answers. One exchange = SUBSCRIBE, 200, NOTIFY,
# 200. Reported: exchanges answered per second, failures (no 200 or no NOTIFY within 2 s),
# phoneprov's CPU and RSS. There is no peer server to compare with: no packaged SIP server
# answers ua-profile plug-and-play without scripting it, so this run reports absolute
# figures against the goal (5,000 exchanges/s, none lost).
#
# Everything runs in two network namespaces this script creates (server 10.77.0.1/16 on
# lab0, client 10.77.0.2/16) and removes on exit; no packet leaves them. Bounded: sipp
# stops after a fixed number of calls and runs under `timeout`; the whole run stops at a
# 240 s budget.
#
# Environment (all optional):
#   BENCH_RATE=5000      SUBSCRIBEs per second sipp offers in the main run
#   BENCH_SECONDS=30     length of the main run
#   BENCH_RAMP="1000 2500 5000 7500 10000"  rates tried for 5 s each before it (BENCH_RAMP= to skip)
#   BENCH_JAVA_OPTS="..."  JVM options for phoneprov (default: jvm.options, as ./phoneprov)
#   BENCH_KEEP=1         keep the work directory (config, logs, sipp screens)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"
rate="${BENCH_RATE:-5000}"
secs="${BENCH_SECONDS:-30}"
ramp="${BENCH_RAMP-1000 2500 5000 7500 10000}"
ns_srv="pps-srv-$$"
ns_cli="pps-cli-$$"
budget 240

need_root "this benchmark needs root (network namespaces): sudo bash bench/sip/run.sh"
need_positive rate secs
[ "$rate" -le 50000 ] || die "BENCH_RATE=$rate: at most 50000"
[ "$secs" -le 120 ] || die "BENCH_SECONDS=$secs: at most 120"
need_pkg sip-tester sipp
install_missing
ensure_jar || die "build failed"
suite_java_opts

make_work sip
cd "$work"
srv_pid=""
on_cleanup() { [ -z "$srv_pid" ] || stop "$srv_pid" TERM; }

netns_add "$ns_srv" "$ns_cli"
lab_link "$ns_srv" "$ns_cli" 10.77.0.1/16 10.77.0.2/16 pps bridge
ip -n "$ns_cli" route add 224.0.0.0/4 dev eth0
ns_sockbufs 8388608 - "$ns_srv" "$ns_cli"

mkdir -p files state
cat > phoneprov.yaml <<YAML
suite: {name: bench, address: 10.77.0.1}
paths: {files: files, state: state}
httpd: {enabled: false}
sipd:
  enabled: true
  interface: lab0
  pnp:
    allow: [10.77.0.0/16]
    rate_per_source: 1000000     # sipp is one address playing every phone
    vendors:
      - {vendor: snom, url: "http://10.77.0.1/snom/{mac}.xml"}
YAML
{ echo SEQUENTIAL; for i in $(seq 0 9999); do printf '000413%06x;snom;snomD785\n' "$i"; done; } > macs.csv

ip netns exec "$ns_srv" "$java_bin" "${java_opts[@]}" -jar "$jar" run --config phoneprov.yaml --only sipd > server.log 2>&1 &
srv_pid=$!
for _ in $(seq 1 100); do grep -q sipd.listening server.log && break; sleep 0.2; done
grep -q sipd.listening server.log || { cat server.log >&2; die "sipd did not start"; }
jpid="$(ip netns pids "$ns_srv" | head -1)"

rss_mib() { awk -v k="$(rss_kb "$jpid")" 'BEGIN { printf "%d", k / 1024 }'; }

# run RATE SECONDS -> "answered failed per_second cpu_seconds"
run() {
    local r=$1 s=$2 n=$(( $1 * $2 )) t0 t1 c0 c1 ok bad
    [ "$(left)" -gt $(( $2 + 20 )) ] || die "time budget ($budget_s s) exceeded"
    net_counters "$ns_srv" > "net-$r-$s.srv.0"; net_counters "$ns_cli" > "net-$r-$s.cli.0"
    c0="$(proc_ticks "$jpid")"; t0="$(date +%s.%N)"
    # -buff_size: sipp's own socket buffers are 64 KiB by default, and one socket receives every
    # phone's answers; a burst of replies after a server GC pause overflowed it (Udp:RcvbufErrors
    # in sipp's namespace, none in the server's), and sipp counted its own drops as lost calls.
    timeout $(( s + 20 )) ip netns exec "$ns_cli" sipp -sf "$here/pnp-subscribe.xml" -inf macs.csv \
        -i 10.77.0.2 -p 5060 -r "$r" -m "$n" -l $(( r * 3 )) -nostdin -timeout $(( s + 10 ))s \
        -buff_size 8388608 -max_socket 1 224.0.1.75:5060 > "sipp-$r-$s.txt" 2>&1 || true
    t1="$(date +%s.%N)"; c1="$(proc_ticks "$jpid")"
    net_counters "$ns_srv" > "net-$r-$s.srv.1"; net_counters "$ns_cli" > "net-$r-$s.cli.1"
    ok="$(awk -F'|' '/Successful call/ {gsub(/ /, "", $3); print $3}' "sipp-$r-$s.txt" | tail -1)"
    bad="$(awk -F'|' '/Failed call/ {gsub(/ /, "", $3); print $3}' "sipp-$r-$s.txt" | tail -1)"
    awk -v ok="${ok:-0}" -v bad="${bad:-0}" -v t0="$t0" -v t1="$t1" -v c="$(( c1 - c0 ))" -v hz="$hz" \
        'BEGIN { printf "%d %d %.0f %.1f\n", ok, bad, ok / (t1 - t0), c / hz }'
}

log "phoneprov sipd up (pid $jpid, RSS $(rss_mib) MiB); warming up"
run 1000 3 > /dev/null
printf '%-10s %-10s %-10s %-12s %-14s %s\n' "offered/s" "seconds" "answered" "failed" "answered/s" "server CPU s"
for r in $ramp; do
    read -r ok bad ps cpu < <(run "$r" 5)
    printf '%-10s %-10s %-10s %-12s %-14s %s\n' "$r" 5 "$ok" "$bad" "$ps" "$cpu"
done
read -r ok bad ps cpu < <(run "$rate" "$secs")
printf '%-10s %-10s %-10s %-12s %-14s %s\n' "$rate" "$secs" "$ok" "$bad" "$ps" "$cpu"
rss="$(rss_mib)"
echo
java_opts_line
echo "main run: $ok exchanges answered, $bad failed, $ps/s offered at $rate/s for $secs s; server CPU ${cpu} s; RSS ${rss} MiB"
echo "kernel drop/retry counters in the main run: server namespace: $(net_delta "net-$rate-$secs.srv.0" "net-$rate-$secs.srv.1");" \
    "sipp's namespace: $(net_delta "net-$rate-$secs.cli.0" "net-$rate-$secs.cli.1")"
if [ "$bad" -eq 0 ] && [ "$ps" -ge 4900 ]; then
    echo "goal (5,000 SUBSCRIBE/NOTIFY exchanges per second, none lost): met"
else
    echo "goal (5,000 SUBSCRIBE/NOTIFY exchanges per second, none lost): NOT met"
fi
echo "(sipp and phoneprov share this machine's CPUs; sipp's own CPU use bounds what can be offered)"
