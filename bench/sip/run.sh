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
#   BENCH_JAVA_OPTS="..."  JVM options for phoneprov (default: the launcher's)
#   BENCH_KEEP=1         keep the work directory (config, logs, sipp screens)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="${PHONEPROV_JAR:-$repo/cli/target/phoneprov.jar}"
rate="${BENCH_RATE:-5000}"
secs="${BENCH_SECONDS:-30}"
ramp="${BENCH_RAMP-1000 2500 5000 7500 10000}"
java_opts="${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m -XX:+ExitOnOutOfMemoryError}"
ns_srv="pps-srv-$$"
ns_cli="pps-cli-$$"
deadline=$((SECONDS + 240))

log() { printf '[bench %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "this benchmark needs root (network namespaces): sudo bash bench/sip/run.sh"
for v in rate secs; do [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v='${!v}' is not a positive integer"; done
[ "$rate" -le 50000 ] || die "BENCH_RATE=$rate: at most 50000"
[ "$secs" -le 120 ] || die "BENCH_SECONDS=$secs: at most 120"
if ! command -v sipp >/dev/null; then
    log "installing sip-tester (sipp)"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq --no-install-recommends sip-tester >/dev/null \
        || die "apt-get install sip-tester failed"
fi
if [ ! -f "$jar" ]; then
    log "building phoneprov"
    (cd "$repo" && timeout 900 ./phoneprov --version >/dev/null) || die "build failed"
    deadline=$((SECONDS + 240))
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/phoneprov-bench-sip.XXXXXX")"
cd "$work"
srv_pid=""
cleanup() {
    local rc=$?
    set +e
    [ -n "$srv_pid" ] && { kill -TERM "$srv_pid" 2>/dev/null; sleep 1; kill -KILL "$srv_pid" 2>/dev/null; }
    for ns in "$ns_srv" "$ns_cli"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then log "work directory kept: $work"; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns_srv"
ip netns add "$ns_cli"
ip -n "$ns_srv" link add lab0 type bridge
ip link add "ppss$$" type veth peer name "ppsc$$"
ip link set "ppss$$" netns "$ns_srv"
ip link set "ppsc$$" netns "$ns_cli"
ip -n "$ns_srv" link set "ppss$$" master lab0
ip -n "$ns_cli" link set "ppsc$$" name eth0
ip -n "$ns_srv" addr add 10.77.0.1/16 dev lab0
ip -n "$ns_cli" addr add 10.77.0.2/16 dev eth0
for ns in "$ns_srv" "$ns_cli"; do ip -n "$ns" link set lo up; done
ip -n "$ns_srv" link set lab0 up
ip -n "$ns_srv" link set "ppss$$" up
ip -n "$ns_cli" link set eth0 up
ip -n "$ns_cli" route add 224.0.0.0/4 dev eth0
for ns in "$ns_srv" "$ns_cli"; do
    ip netns exec "$ns" sysctl -qw net.core.rmem_max=8388608 net.core.wmem_max=8388608 2>/dev/null || true
done

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

# shellcheck disable=SC2086
ip netns exec "$ns_srv" java $java_opts -jar "$jar" run --config phoneprov.yaml --only sipd > server.log 2>&1 &
srv_pid=$!
for _ in $(seq 1 100); do grep -q sipd.listening server.log && break; sleep 0.2; done
grep -q sipd.listening server.log || { cat server.log >&2; die "sipd did not start"; }
jpid="$(ip netns pids "$ns_srv" | head -1)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$jpid/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$jpid/status"; }

# run RATE SECONDS -> "answered failed per_second cpu_seconds"
run() {
    local r=$1 s=$2 n=$(( $1 * $2 )) t0 t1 c0 c1 ok bad left=$((deadline - SECONDS - 10))
    [ "$left" -gt $(( $2 + 10 )) ] || die "time budget (240 s) exceeded"
    c0="$(cpu_ticks)"; t0="$(date +%s.%N)"
    timeout $(( s + 20 )) ip netns exec "$ns_cli" sipp -sf "$here/pnp-subscribe.xml" -inf macs.csv \
        -i 10.77.0.2 -p 5060 -r "$r" -m "$n" -l $(( r * 3 )) -nostdin -timeout $(( s + 10 ))s \
        -max_socket 1 224.0.1.75:5060 > "sipp-$r-$s.txt" 2>&1 || true
    t1="$(date +%s.%N)"; c1="$(cpu_ticks)"
    ok="$(awk -F'|' '/Successful call/ {gsub(/ /, "", $3); print $3}' "sipp-$r-$s.txt" | tail -1)"
    bad="$(awk -F'|' '/Failed call/ {gsub(/ /, "", $3); print $3}' "sipp-$r-$s.txt" | tail -1)"
    awk -v ok="${ok:-0}" -v bad="${bad:-0}" -v t0="$t0" -v t1="$t1" -v c="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" \
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
echo "main run: $ok exchanges answered, $bad failed, $ps/s offered at $rate/s for $secs s; server CPU ${cpu} s; RSS ${rss} MiB"
if [ "$bad" -eq 0 ] && [ "$ps" -ge 4900 ]; then
    echo "goal (5,000 SUBSCRIBE/NOTIFY exchanges per second, none lost): met"
else
    echo "goal (5,000 SUBSCRIBE/NOTIFY exchanges per second, none lost): NOT met"
fi
echo "(sipp and phoneprov share this machine's CPUs; sipp's own CPU use bounds what can be offered)"
