#!/usr/bin/env bash
# Boot-storm benchmark: 1,000 simulated ST20xx phones (`phoneprov simulate`) power up at
# random moments within 10 s against one phoneprov running the whole lab suite (dhcpd,
# tftpd, httpd, sipd as examples/lab enables them), as after a power cut. Reported: time
# until every phone is done, median / p99 / max time per phone, failures by reason,
# requests per daemon, the server's CPU seconds and RSS (now and peak), the slowest phones,
# kernel drop counters, and the suite's event log against what the phones sent (an HTTP
# request without an event was never answered). Then a second storm with the same phone
# state: phones that are already provisioned download nothing new.
# There is no peer server to compare with (no packaged suite answers these phones' DHCP,
# TFTP and HTTP provisioning together), so the run reports absolute figures against the
# issue's goal: all 1,000 provisioned, none failed, all done in under 30 s.
#
# Everything runs in two network namespaces this script creates (server 10.77.0.1/16 on
# bridge lab0, phones on eth0 10.77.0.2/16 plus the addresses they lease) and removes on
# exit; no packet leaves them. Bounded: every command runs under `timeout`, and the whole
# run stops at a 300 s budget (a default run takes ~1 min on an idle 2-core machine). The work
# directory is removed at the end unless BENCH_KEEP=1, the run failed, or a phone failed.
#
# Environment (all optional):
#   BENCH_PHONES=1000       phones per storm (the inventory holds exactly these)
#   BENCH_SPREAD=10         they power up at random moments within this many seconds
#   BENCH_JAVA_OPTS="..."   JVM options for the suite (default: -XX:+UseSerialGC -Xmx512m -XX:+ExitOnOutOfMemoryError)
#   BENCH_SIM_JAVA_OPTS="..."  JVM options for the simulator (default: -Xmx1g -Xss256k; one thread per phone)
#   BENCH_RETRY_DELAY=S     the phones' delay before retrying after "Server Unreachable" (simulate --retry-delay;
#                           default: simulate's, the seed's 30 s; the goal is judged at the default only)
#   BENCH_KEEP=1            keep the work directory (config, inventory, logs, phone state)
#   PHONEPROV_JAR=...       the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="${PHONEPROV_JAR:-$repo/cli/target/phoneprov.jar}"
phones="${BENCH_PHONES:-1000}"
spread="${BENCH_SPREAD:-10}"
read -ra java_opts <<< "${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m -XX:+ExitOnOutOfMemoryError}"
read -ra sim_opts <<< "${BENCH_SIM_JAVA_OPTS:--Xmx1g -Xss256k}"
retry_delay="${BENCH_RETRY_DELAY:-}"
goal_s=30
budget=300
ns_srv="ppbs-srv-$$"
ns_ph="ppbs-ph-$$"
deadline=$((SECONDS + budget))

log() { printf '[bench %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
left() { echo $((deadline - SECONDS)); }
check_deadline() { [ "$(left)" -gt 5 ] || die "time budget ($budget s) exceeded during: $1"; }
cap() { # SECONDS -> min(SECONDS, time left - 3), at least 1
    local l=$(($(left) - 3))
    [ "$l" -lt 1 ] && l=1
    [ "$1" -lt "$l" ] && echo "$1" || echo "$l"
}

[ "$(id -u)" -eq 0 ] || die "this benchmark needs root (network namespaces, ports 67/69/80): sudo bash bench/boot-storm/run.sh"
for v in phones spread; do [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v='${!v}' is not a whole number"; done
if [ "$phones" -lt 1 ] || [ "$phones" -gt 5000 ]; then die "BENCH_PHONES=$phones: 1..5000 (the simulator's limit)"; fi
[ "$spread" -le 60 ] || die "BENCH_SPREAD=$spread: at most 60"
[ -z "$retry_delay" ] || [[ "$retry_delay" =~ ^[0-9]+$ ]] || die "BENCH_RETRY_DELAY='$retry_delay' is not a whole number of seconds"
sim_extra=()
[ -z "$retry_delay" ] || sim_extra=(--retry-delay "$retry_delay")
for t in ip java timeout awk; do command -v "$t" >/dev/null || die "$t missing"; done
# Every phone's address is a neighbour entry in the server namespace, and the kernel's
# neighbour table limit (gc_thresh3) is one for the whole host, shared by all namespaces.
thresh3="$(cat /proc/sys/net/ipv4/neigh/default/gc_thresh3 2>/dev/null || echo 1024)"
if [ $((phones + 16)) -gt "$thresh3" ]; then
    log "WARNING: $phones phones need $phones ARP entries in the server namespace, near or above the host's"
    log "         net.ipv4.neigh.default.gc_thresh3=$thresh3 (host-wide; this script does not change it): expect drops"
fi

if [ ! -f "$jar" ]; then
    log "building phoneprov ($jar missing)"
    (cd "$repo" && timeout --foreground 900 ./phoneprov --version >/dev/null) || die "build failed"
    deadline=$((SECONDS + budget))   # the build does not count against the bench's budget
elif [ -z "${PHONEPROV_JAR:-}" ] &&
    [ -n "$(find "$repo" -name target -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
    log "WARNING: $jar is older than the sources; './phoneprov --version' rebuilds it"
fi

cpu_busy() { # percent of all CPUs busy over one second, from /proc/stat
    local a b
    a="$(head -1 /proc/stat)"; sleep 1; b="$(head -1 /proc/stat)"
    printf '%s\n%s\n' "$a" "$b" | awk '{ t = 0; for (i = 2; i <= NF; i++) t += $i; idle = $5 + $6
        if (NR == 1) { t0 = t; i0 = idle } else printf "%d", 100 * (1 - (idle - i0) / (t - t0)) }'
}
busy_before="$(cpu_busy)"
[ "$busy_before" -le 15 ] || log "WARNING: CPUs already ${busy_before}% busy before the bench; other work on this machine skews the numbers"

# --- work directory and namespaces; removed on exit -----------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/phoneprov-bench-boot-storm.XXXXXX")"
cd "$work"   # nothing of this run lands in the caller's directory
srv_pid=""
sim_pid=""
ns_made=0
keep=0       # set when a storm had failures: the logs are worth keeping
noreport=""  # storms simulate gave no report for: nothing measured
stop() { # PID SIGNAL: signal, wait up to 10 s, then SIGKILL
    local _
    kill -"$2" "$1" 2>/dev/null || return 0
    for _ in $(seq 1 20); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() {
    local rc=$? ns p
    set +e
    trap - INT TERM
    [ -n "$sim_pid" ] && stop "$sim_pid" TERM
    [ -n "$srv_pid" ] && stop "$srv_pid" TERM
    if [ "$ns_made" -eq 1 ]; then
        for ns in "$ns_srv" "$ns_ph"; do   # anything left in them was started by this script
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
            ip netns del "$ns" 2>/dev/null
        done
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ] || [ "$keep" -eq 1 ]; then
        log "work directory kept: $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns_srv"
ns_made=1
ip netns add "$ns_ph"
veth_s="ppbss$$"; veth_p="ppbsp$$"
ip -n "$ns_srv" link add lab0 type bridge
ip link add "$veth_s" type veth peer name "$veth_p"
ip link set "$veth_s" netns "$ns_srv"
ip link set "$veth_p" netns "$ns_ph"
ip -n "$ns_srv" link set "$veth_s" master lab0
ip -n "$ns_ph" link set "$veth_p" name eth0
ip -n "$ns_srv" addr add 10.77.0.1/16 dev lab0
ip -n "$ns_ph" addr add 10.77.0.2/16 dev eth0
for ns in "$ns_srv" "$ns_ph"; do ip -n "$ns" link set lo up; done
ip -n "$ns_srv" link set lab0 up
ip -n "$ns_srv" link set "$veth_s" up
ip -n "$ns_ph" link set eth0 up
# DHCP broadcasts need a route; every phone binds the address it leases, so the phones'
# namespace owns 10.77.1.0-10.77.255.255 as local (and answers ARP for it), not 10.77.0.x.
ip -n "$ns_ph" route add 255.255.255.255/32 dev eth0
for r in 10.77.1.0/24 10.77.2.0/23 10.77.4.0/22 10.77.8.0/21 10.77.16.0/20 10.77.32.0/19 10.77.64.0/18 10.77.128.0/17; do
    ip -n "$ns_ph" route add local "$r" dev lo
done
# A thousand phones' DISCOVERs and RRQs arrive in bursts: larger socket buffers in both.
for ns in "$ns_srv" "$ns_ph"; do
    ip netns exec "$ns" sysctl -qw net.core.rmem_max=8388608 net.core.wmem_max=8388608 \
        net.core.rmem_default=4194304 net.core.wmem_default=4194304 2>/dev/null || true
done
for _ in $(seq 1 20); do
    ip -n "$ns_ph" link show eth0 | grep -q LOWER_UP && break
    sleep 0.2
done
ip -n "$ns_ph" link show eth0 | grep -q LOWER_UP || die "veth pair did not come up"
log "lab: $ns_srv (bridge lab0 10.77.0.1/16) <-> $ns_ph (eth0 10.77.0.2/16, local 10.77.1.0-10.77.255.255)"

# --- config: the lab example, an inventory of $phones devices --------------------------
cp "$repo/examples/lab/phoneprov.yaml" phoneprov.yaml
cp -r "$repo/examples/lab/files" files
models=(ST2030S ST2030M ST2022S ST2022M)
{
    echo "# $phones bench phones (bench/boot-storm/run.sh): the four models in turn, one line each, addresses from the pool"
    echo "devices:"
    for ((i = 0; i < phones; i++)); do
        n=$((100000 + i))
        printf '  - mac: 00:14:7F:B0:%02X:%02X\n    model: %s\n    lines:\n      - {number: "%d", registrar: 10.77.0.1, password: "pw-%d"}\n' \
            $((i / 256)) $((i % 256)) "${models[$((i % 4))]}" "$n" "$n"
    done
} > devices.yaml
timeout --foreground 60 java -jar "$jar" check --config phoneprov.yaml > check.log 2>&1 ||
    { sed 's/^/    /' check.log >&2; die "phoneprov check rejects the bench config"; }
log "config: examples/lab with $phones devices in devices.yaml; phoneprov check: ok"

# --- the suite --------------------------------------------------------------------------
ip netns exec "$ns_srv" java "${java_opts[@]}" -jar "$jar" run --config phoneprov.yaml > server.log 2>&1 &
srv_pid=$!
for _ in $(seq 1 120); do
    grep -q 'suite.started' server.log && break
    kill -0 "$srv_pid" 2>/dev/null || break
    sleep 0.25
done
grep -q 'suite.started' server.log || { tail -20 server.log | sed 's/^/    /' >&2; die "the suite did not start (no suite.started within 30 s)"; }
[ "$(cat "/proc/$srv_pid/comm" 2>/dev/null)" = java ] || die "pid $srv_pid is not the suite's JVM"
sleep 1   # the daemons log their sockets right after suite.started
hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"
srv_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$srv_pid/stat"; }   # utime + stime
srv_mem() { awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { printf "%.1f %.1f", r / 1024, h / 1024 }' "/proc/$srv_pid/status"; }
self_child_ticks() { awk '{ sub(/.*\) /, ""); print $14 + $15 }' /proc/$$/stat; }     # cutime + cstime: waited-for children
stat_line() { head -1 /proc/stat; }
busy_between() { # two /proc/stat cpu lines -> percent busy
    printf '%s\n%s\n' "$1" "$2" | awk '{ t = 0; for (i = 2; i <= NF; i++) t += $i; idle = $5 + $6
        if (NR == 1) { t0 = t; i0 = idle } else printf "%d", (t > t0) ? 100 * (1 - (idle - i0) / (t - t0)) : 0 }'
}
# Kernel drop and retry counters of a namespace ("Proto:Name value" lines): what a lost
# DISCOVER, RRQ or SYN leaves behind when neither side logs it.
net_counters() {
    timeout 5 ip netns exec "$1" cat /proc/net/snmp /proc/net/netstat 2>/dev/null |
        awk 'NR % 2 == 1 { n = split($0, h) } NR % 2 == 0 { p = h[1]; sub(/:$/, "", p); for (i = 2; i <= NF; i++) print p ":" h[i], $i }'
}
net_delta() { # BEFORE_FILE AFTER_FILE -> "Name +N, ..." for the counters that moved
    awk 'BEGIN { split("Tcp:RetransSegs Tcp:AttemptFails Tcp:EstabResets TcpExt:ListenOverflows TcpExt:ListenDrops " \
                       "TcpExt:TCPTimeouts TcpExt:TCPSynRetrans Udp:InErrors Udp:RcvbufErrors Udp:SndbufErrors Udp:NoPorts " \
                       "Ip:InDiscards Ip:OutDiscards Ip:OutNoRoutes", k, " "); for (i in k) want[k[i]] = i }
         FNR == NR { b[$1] = $2; next }
         ($1 in want) && $2 - b[$1] != 0 { d[want[$1]] = $1 " +" ($2 - b[$1]) }
         END { s = ""; for (i = 1; i <= 14; i++) if (i in d) s = s (s == "" ? "" : ", ") d[i]; print (s == "" ? "none" : s) }' "$1" "$2"
}
read -r rss0 peak_seen <<< "$(srv_mem)"
log "suite up (pid $srv_pid, RSS $rss0 MiB): $(grep -o 'suite.started.*' server.log | head -1 | cut -c1-160)"

# --- the storms -------------------------------------------------------------------------
declare -A R   # R[storm,key]
storm() { # N LABEL: one simulate run; fills R[N,*]
    local k="$1" label="$2" to c0 c1 k0 k1 s0 s1 t0 t1 rc=0 rep
    check_deadline "storm $k"
    to="$(cap $((spread + 90)))"
    log "storm $k ($label): $phones phones powering up within $spread s (simulate under timeout ${to} s)"
    net_counters "$ns_srv" > "net-srv-$k.0"; net_counters "$ns_ph" > "net-ph-$k.0"
    R[$k,from]="$(date '+%F %T.%3N')"   # where this storm starts in the suite's event log
    c0="$(srv_ticks)"; k0="$(self_child_ticks)"; s0="$(stat_line)"; t0="$(date +%s%N)"
    # In the background and waited for, so that a SIGTERM or Ctrl-C reaches the trap at once.
    timeout -k 5 "$to" ip netns exec "$ns_ph" java "${sim_opts[@]}" -jar "$jar" simulate --config phoneprov.yaml \
        --phones "$phones" --spread "$spread" --state "$work/phones" --every-phone "${sim_extra[@]}" > "sim-$k.log" 2>&1 &
    sim_pid=$!
    wait "$sim_pid" || rc=$?
    sim_pid=""
    t1="$(date +%s%N)"
    kill -0 "$srv_pid" 2>/dev/null || { tail -20 server.log | sed 's/^/    /' >&2; die "the suite died during storm $k"; }
    s1="$(stat_line)"; k1="$(self_child_ticks)"; c1="$(srv_ticks)"
    read -r "R[$k,rss]" "R[$k,hwm]" <<< "$(srv_mem)"
    # The kernel updates VmHWM lazily; never report a peak below an RSS already seen.
    peak_seen="$(awk -v a="$peak_seen" -v b="${R[$k,rss]}" -v c="${R[$k,hwm]}" 'BEGIN { m = a; if (b > m) m = b; if (c > m) m = c; printf "%.1f", m }')"
    R[$k,hwm]="$peak_seen"
    net_counters "$ns_srv" > "net-srv-$k.1"; net_counters "$ns_ph" > "net-ph-$k.1"
    R[$k,net_srv]="$(net_delta "net-srv-$k.0" "net-srv-$k.1")"
    R[$k,net_ph]="$(net_delta "net-ph-$k.0" "net-ph-$k.1")"
    R[$k,label]="$label"
    R[$k,rc]="$rc"
    R[$k,wall]="$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e9 }')"
    R[$k,srvcpu]="$(awk -v d=$((c1 - c0)) -v hz="$hz" 'BEGIN { printf "%.1f", d / hz }')"
    R[$k,simcpu]="$(awk -v d=$((k1 - k0)) -v hz="$hz" 'BEGIN { printf "%.1f", d / hz }')"
    R[$k,busy]="$(busy_between "$s0" "$s1")"
    # What of that was neither the suite nor the simulator: other work on the machine.
    R[$k,other]="$(awk -v b="${R[$k,busy]}" -v a="${R[$k,srvcpu]}" -v c="${R[$k,simcpu]}" -v w="${R[$k,wall]}" -v n="$(nproc)" \
        'BEGIN { o = (w > 0 && n > 0) ? b - 100 * (a + c) / (w * n) : 0; printf "%d", (o > 0 ? o : 0) }')"
    # simulate's report: a line per phone (kept in sim-N.log), then the summary from "phones:"
    # to the end (the progress bar before it redraws with \r).
    tr '\r' '\n' < "sim-$k.log" | awk '/^phones:/ { on = 1 } on' > "report-$k.txt"
    rep="report-$k.txt"
    R[$k,prov]="$(awk '/^provisioned:/ { print $2 }' "$rep")"
    R[$k,median]="$(awk '/^time to provisioned:/ { gsub(/,/, ""); print $5 }' "$rep")"
    R[$k,p99]="$(awk '/^time to provisioned:/ { gsub(/,/, ""); print $8 }' "$rep")"
    R[$k,max]="$(awk '/^time to provisioned:/ { gsub(/,/, ""); print $11 }' "$rep")"
    R[$k,done]="$(awk '/^all done after:/ { print $4 }' "$rep")"
    R[$k,req]="$(sed -n 's/^requests: *//p' "$rep")"
    R[$k,why]="$(awk '/^failed:/ { on = 1; next } on && /^ +[0-9]+ / { sub(/^ +/, ""); printf "%s; ", $0; next } { on = 0 }' "$rep" | sed 's/; $//')"
    if [ -z "${R[$k,prov]}" ]; then
        R[$k,prov]=0; R[$k,median]=-; R[$k,p99]=-; R[$k,max]=-; R[$k,done]=-; R[$k,req]=-
        R[$k,why]="no report: simulate exit $rc"
        noreport+=" $k"
        if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then R[$k,why]+=" (timed out after $to s)"; fi
        tail -5 "sim-$k.log" | sed 's/^/    /' >&2
    fi
    R[$k,failed]=$((phones - R[$k,prov]))
    if [ "${R[$k,failed]}" -ne 0 ] || [ "$rc" -ne 0 ]; then keep=1; fi
    sed 's/^/    /' "$rep" >&2
    # The slowest phones (the tail the p99 hides), failed ones first: simulate's lines for them.
    tr '\r' '\n' < "sim-$k.log" | awk '/^  [0-9A-Fa-f][0-9A-Fa-f]:/ && match($0, / [0-9.]+ s \{/) {
            printf "%d %09.2f %s\n", ($4 != "PROVISIONED"), substr($0, RSTART + 1, RLENGTH - 4), $0 }' |
        sort -r | head -5 | cut -d' ' -f3- > "slowest-$k.txt" || true
    log "storm $k: simulate exit $rc after ${R[$k,wall]} s wall; server CPU ${R[$k,srvcpu]} s, simulator CPU ${R[$k,simcpu]} s," \
        "machine ${R[$k,busy]}% busy; server RSS ${R[$k,rss]} MiB (peak ${R[$k,hwm]})"
}
storm 1 "first boot"
storm 2 "second boot, same phone state"

# The suite's own counters (dhcpd.stopped rate_limited=...) come at a clean stop.
stop "$srv_pid" TERM
srv_pid=""
# What the suite recorded per storm (one event per DHCP exchange step, TFTP transfer and HTTP
# response), against what the phones sent: an HTTP request with no event was never answered.
timeout --foreground 60 java -jar "$jar" events --config phoneprov.yaml --last 10000000 > events.txt 2> events.err ||
    log "WARNING: phoneprov events failed: $(head -c 200 events.err)"
for k in 1 2; do
    R[$k,events]="$(awk -v from="${R[$k,from]}" -v to="${R[$((k + 1)),from]:-9999}" -v req="${R[$k,req]}" '
        ($1 " " $2) < from || ($1 " " $2) >= to { next }
        { n[$3]++ }
        $3 == "httpd" && $7 !~ /^[23]/ { bad["httpd " $7]++ }
        $3 == "tftpd" && match($0, / failed:[^ ]+/) { bad["tftpd " substr($0, RSTART + 1, RLENGTH - 1)]++ }
        $3 == "dhcpd" && $7 != "OFFER" && $7 != "ACK" { bad["dhcpd " $4 " " $7]++ }
        END {
            printf "dhcpd %d, httpd %d, tftpd %d events", n["dhcpd"], n["httpd"], n["tftpd"]
            if (match(req, /http [0-9]+/)) {
                sent = substr(req, RSTART + 5, RLENGTH - 5) + 0
                printf "; HTTP requests the phones sent that httpd never answered: %d", sent - n["httpd"]
            }
            for (b in bad) printf "; %d %s", bad[b], b
        }' events.txt)"
done

# --- report -----------------------------------------------------------------------------
echo
echo "boot storm: $phones simulated ST20xx phones (the four models in turn) powering up within $spread s"
echo "against one phoneprov suite (dhcpd, tftpd, httpd, sipd of examples/lab); veth between two namespaces;"
echo "$(nproc) CPUs shared by the simulator and the suite; CPU busy before the bench: ${busy_before}%; no peer server"
echo "suite JVM: ${java_opts[*]}; simulator JVM: ${sim_opts[*]}"
[ -z "$retry_delay" ] || echo "phones retry after Server Unreachable in $retry_delay s (BENCH_RETRY_DELAY; the seed says 30 s)"
printf '\n%-6s %-30s %6s %6s %6s %7s %7s %7s %7s %7s %5s %8s %8s %6s %8s %8s\n' storm "" phones prov failed done_s \
    median p99_s max_s wall_s exit srvCPU_s simCPU_s busy% RSS_MiB HWM_MiB
for k in 1 2; do
    printf '%-6s %-30s %6s %6s %6s %7s %7s %7s %7s %7s %5s %8s %8s %6s %8s %8s\n' "$k" "${R[$k,label]}" "$phones" \
        "${R[$k,prov]}" "${R[$k,failed]}" "${R[$k,done]}" "${R[$k,median]}" "${R[$k,p99]}" "${R[$k,max]}" "${R[$k,wall]}" \
        "${R[$k,rc]}" "${R[$k,srvcpu]}" "${R[$k,simcpu]}" "${R[$k,busy]}" "${R[$k,rss]}" "${R[$k,hwm]}"
done
echo "(done_s: simulate's \"all done after\", first power-up to the last phone provisioned or failed; median / p99 /"
echo " max: a phone's power-up to provisioned; wall_s: the simulate process, JVM start included; srvCPU_s / simCPU_s:"
echo " CPU seconds of the suite and of the simulator during the storm; busy%: both CPUs over the storm, other work"
echo " included; RSS / HWM: the suite's VmRSS after the storm and its peak so far (VmHWM); RSS before the first storm:"
echo " $rss0 MiB)"
for k in 1 2; do
    if [ "${R[$k,other]}" -gt 15 ]; then
        echo "WARNING: storm $k: other work kept the CPUs ~${R[$k,other]}% busy besides the suite and the simulator; the times are skewed"
    fi
    echo "storm $k requests: ${R[$k,req]}"
    [ -z "${R[$k,why]}" ] || echo "storm $k failed: ${R[$k,why]}"
    echo "storm $k kernel counters: server namespace: ${R[$k,net_srv]}; phones' namespace: ${R[$k,net_ph]}"
    echo "storm $k the suite's event log: ${R[$k,events]}"
    if [ -s "slowest-$k.txt" ]; then echo "storm $k slowest phones:"; sed 's/^ */  /' "slowest-$k.txt"; fi
done
echo
warns="$(grep -E ' (WARN|ERROR) ' server.log | grep -oE '(WARN|ERROR) +[a-z_]+\.[a-z_.-]+' | awk '{ print $1, $2 }' | sort | uniq -c | sort -rn || true)"
if [ -n "$warns" ]; then
    echo "server log warnings (lines; rate-limited events log a few lines and count the rest in suppressed=):"
    printf '%s\n' "$warns" | sed 's/^/  /'
else
    echo "server log: no WARN or ERROR lines"
fi
grep -oE '(dhcpd|tftpd|httpd|sipd)\.stopped.*' server.log | sed 's/^/  /' || true
echo
k=1
if [ "${R[$k,prov]}" -eq "$phones" ] && [ "${R[$k,failed]}" -eq 0 ] && [ "${R[$k,rc]}" -eq 0 ] &&
    awk -v d="${R[$k,done]}" -v g="$goal_s" 'BEGIN { exit !(d != "-" && d + 0 < g) }'; then
    verdict=met
else
    verdict="NOT MET"
fi
setting=""
if [ "$phones" -ne 1000 ] || [ "$spread" -ne 10 ] || [ -n "$retry_delay" ]; then
    setting=" (this run: $phones phones within $spread s${retry_delay:+, retry delay $retry_delay s}: not the goal's setting)"
fi
echo "goal (1,000 phones booting within 10 s: all provisioned, none failed, all done in < ${goal_s} s)$setting: $verdict"
echo "  first boot: ${R[1,prov]} of $phones provisioned, ${R[1,failed]} failed, all done after ${R[1,done]} s, p99 ${R[1,p99]} s"
echo "  second boot: ${R[2,prov]} of $phones provisioned, ${R[2,failed]} failed, all done after ${R[2,done]} s, p99 ${R[2,p99]} s"
[ "$keep" -eq 0 ] || log "some phones failed or simulate did not exit 0: keeping the work directory for its logs"
[ -z "$noreport" ] || die "simulate printed no report for storm(s)$noreport: nothing measured (see sim-N.log in the work directory)"
