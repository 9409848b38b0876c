#!/usr/bin/env bash
# Boot-storm benchmark: 1,000 simulated ST20xx phones (`phoneprov simulate`) power up at
# random moments within 10 s against one phoneprov running the whole lab suite (dhcpd,
# tftpd, httpd, sipd as examples/lab enables them), as after a power cut; then a second
# storm with the same phone state: phones that are already provisioned download nothing
# new. That whole run (a fresh suite, fresh suite state and phone state, both storms)
# repeats BENCH_RUNS times in a row (default 10).
# Reported: a line per run (time until every phone is done, p99 / max per phone, failures,
# HTTP requests never answered, the suite's CPU seconds and its peak RSS, sampled during
# the storms), runs met / runs made for the goal, and the full detail (requests per
# daemon, slowest phones, kernel drop counters, the suite's event log against what the
# phones sent, server warnings) for every run that missed it; every run's detail is also
# in run-N/report.txt of the work directory, and each storm's plot of time to provisioned per phone in
# run-N/storm-1.html and storm-2.html (simulate --html).
# There is no peer server to compare with (no packaged suite answers these phones' DHCP,
# TFTP and HTTP provisioning together), so the run reports absolute figures against the
# issue's goals: all 1,000 provisioned, none failed, all done in under 30 s, in each run;
# the suite's RSS at most 128 MiB.
#
# Everything runs in two network namespaces per run that this script creates (server
# 10.77.0.1/16 on bridge lab0, phones on eth0 10.77.0.2/16 plus the addresses they lease)
# and removes after the run and on exit; no packet leaves them. Bounded: every command
# runs under `timeout`, and the whole bench stops at a budget of 120 s + 150 s a run
# (a run takes ~65 s on an idle 2-core machine). The work directory is removed at the
# end unless BENCH_KEEP=1, the bench failed, a phone failed, or a run missed the goal.
#
# Environment (all optional):
#   BENCH_RUNS=10           runs in a row (1..100)
#   BENCH_PHONES=1000       phones per storm (the inventory holds exactly these)
#   BENCH_SPREAD=10         they power up at random moments within this many seconds
#   BENCH_JAVA_OPTS="..."   JVM options for the suite (default: jvm.options, as ./phoneprov)
#   BENCH_SIM_JAVA_OPTS="..."  JVM options for the simulator (default: -Xmx1g -Xss256k; one thread per phone)
#   BENCH_RETRY_DELAY=S     the phones' delay before retrying after "Server Unreachable" (simulate --retry-delay;
#                           default: simulate's, the seed's 30 s; the goal is judged at the default only)
#   BENCH_KEEP=1            keep the work directory (per run: config, inventory, logs, phone state, report)
#   PHONEPROV_JAR=...       the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"

runs="${BENCH_RUNS:-10}"
phones="${BENCH_PHONES:-1000}"
spread="${BENCH_SPREAD:-10}"
read -ra sim_opts <<< "${BENCH_SIM_JAVA_OPTS:--Xmx1g -Xss256k}"
retry_delay="${BENCH_RETRY_DELAY:-}"
goal_s=30
goal_rss_mib=128
sample_every=0.25   # seconds between RSS samples during a storm

need_root "this benchmark needs root (network namespaces, ports 67/69/80): sudo bash bench/boot-storm/run.sh"
need_whole phones spread runs
if [ "$runs" -lt 1 ] || [ "$runs" -gt 100 ]; then die "BENCH_RUNS=$runs: 1..100"; fi
if [ "$phones" -lt 1 ] || [ "$phones" -gt 5000 ]; then die "BENCH_PHONES=$phones: 1..5000 (the simulator's limit)"; fi
[ "$spread" -le 60 ] || die "BENCH_SPREAD=$spread: at most 60"
[ -z "$retry_delay" ] || [[ "$retry_delay" =~ ^[0-9]+$ ]] || die "BENCH_RETRY_DELAY='$retry_delay' is not a whole number of seconds"
budget $((120 + 150 * runs)) 5
run_needs=$((2 * spread + 90))   # time left that a run needs to start
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

ensure_jar || die "build failed"
suite_java_opts
warn_busy_before

# --- work directory; the namespaces and processes of a run go on exit --------------------
make_work boot-storm
cd "$work"   # nothing of this bench lands in the caller's directory
srv_pid=""
sim_pid=""
runs_made=0
summary_printed=0
on_cleanup() { # EXIT_CODE
    [ -n "$sim_pid" ] && stop "$sim_pid" TERM
    [ -n "$srv_pid" ] && stop "$srv_pid" TERM
    # Stopped by an error or Ctrl-C after some runs: what they measured still counts.
    if [ "$1" -ne 0 ] && [ "$runs_made" -gt 0 ] && [ "$summary_printed" -eq 0 ]; then
        stopped_early="exit $1$([ "$1" -ne 130 ] || echo ", interrupted") during run $((runs_made + 1))"
        summary
    fi
    return 0
}

# --- config: the lab example, an inventory of $phones devices; checked once ------------
mkdir template
cp "$repo/examples/lab/phoneprov.yaml" template/phoneprov.yaml
cp -r "$repo/examples/lab/files" template/files
models=(ST2030S ST2030M ST2022S ST2022M)
{
    echo "# $phones bench phones (bench/boot-storm/run.sh): the four models in turn, one line each, addresses from the pool"
    echo "devices:"
    for ((i = 0; i < phones; i++)); do
        n=$((100000 + i))
        printf '  - mac: 00:14:7F:B0:%02X:%02X\n    model: %s\n    lines:\n      - {number: "%d", registrar: 10.77.0.1, password: "pw-%d"}\n' \
            $((i / 256)) $((i % 256)) "${models[$((i % 4))]}" "$n" "$n"
    done
} > template/devices.yaml
timeout --foreground 60 "$java_bin" -jar "$jar" check --config template/phoneprov.yaml > check.log 2>&1 ||
    { sed 's/^/    /' check.log >&2; die "phoneprov check rejects the bench config"; }
log "config: examples/lab with $phones devices in devices.yaml; phoneprov check: ok"

# --- one run's lab: two namespaces ----------------------------------------------------
make_lab() { # RUN
    ns_srv="ppbs-srv-$$-$1"
    ns_ph="ppbs-ph-$$-$1"
    netns_add "$ns_srv" "$ns_ph"
    lab_link "$ns_srv" "$ns_ph" 10.77.0.1/16 10.77.0.2/16 "ppbs$1" bridge
    # DHCP broadcasts need a route; every phone binds the address it leases, so the phones'
    # namespace owns 10.77.1.0-10.77.255.255 as local (and answers ARP for it), not 10.77.0.x.
    ip -n "$ns_ph" route add 255.255.255.255/32 dev eth0
    local rt
    for rt in 10.77.1.0/24 10.77.2.0/23 10.77.4.0/22 10.77.8.0/21 10.77.16.0/20 10.77.32.0/19 10.77.64.0/18 10.77.128.0/17; do
        ip -n "$ns_ph" route add local "$rt" dev lo
    done
    # A thousand phones' DISCOVERs and RRQs arrive in bursts: larger socket buffers in both.
    ns_sockbufs 8388608 4194304 "$ns_srv" "$ns_ph"
    wait_link_up "$ns_ph" eth0
}

# --- the suite ------------------------------------------------------------------------
start_suite() { # RUN: in the run's directory and server namespace; sets srv_pid, R[RUN,rss0]
    local _
    : > server.log
    ip netns exec "$ns_srv" "$java_bin" "${java_opts[@]}" -jar "$jar" run --config phoneprov.yaml > server.log 2>&1 &
    srv_pid=$!
    for _ in $(seq 1 120); do
        grep -q 'suite.started' server.log && break
        kill -0 "$srv_pid" 2>/dev/null || break
        sleep 0.25
    done
    grep -q 'suite.started' server.log || { tail -20 server.log | sed 's/^/    /' >&2; die "run $1: the suite did not start (no suite.started within 30 s)"; }
    [ "$(cat "/proc/$srv_pid/comm" 2>/dev/null)" = java ] || die "pid $srv_pid is not the suite's JVM"
    sleep 1   # the daemons log their sockets right after suite.started
    R[$1,rss0]="$(mib "$(rss_kb "$srv_pid")")"
    log "run $1: suite up (pid $srv_pid, RSS ${R[$1,rss0]} MiB): $(grep -o 'suite.started.*' server.log | head -1 | cut -c1-140)"
}
stat_line() { head -1 /proc/stat; }

# --- the storms -------------------------------------------------------------------------
declare -A R   # R[run,key] and R[run,storm,key]
storm() { # RUN N LABEL: one simulate run in the run's directory; fills R[RUN,N,*]
    local r="$1" k="$2" label="$3" x="$1,$2" to c0 c1 k0 k1 s0 s1 t0 t1 rc=0 rep peak rss hwm _
    check_deadline "run $r storm $k"
    to="$(cap $((spread + 90)))"
    net_counters "$ns_srv" > "net-srv-$k.0"; net_counters "$ns_ph" > "net-ph-$k.0"
    R[$x,from]="$(date '+%F %T.%3N')"   # where this storm starts in the suite's event log
    c0="$(proc_ticks "$srv_pid")"; k0="$(child_ticks)"; s0="$(stat_line)"; t0="$(date +%s%N)"
    sampler_start "mem-$k" "$sample_every" mem_kb "$srv_pid"
    # In the background and waited for, so that a SIGTERM or Ctrl-C reaches the trap at once.
    timeout -k 5 "$to" ip netns exec "$ns_ph" "$java_bin" "${sim_opts[@]}" -jar "$jar" simulate --config phoneprov.yaml \
        --phones "$phones" --spread "$spread" --state "$PWD/phones" --every-phone --html "$PWD/storm-$k.html" \
        "${sim_extra[@]}" > "sim-$k.log" 2>&1 &
    sim_pid=$!
    wait "$sim_pid" || rc=$?
    sim_pid=""
    t1="$(date +%s%N)"
    sampler_stop "mem-$k"
    kill -0 "$srv_pid" 2>/dev/null || { tail -20 server.log | sed 's/^/    /' >&2; die "the suite died during run $r storm $k"; }
    s1="$(stat_line)"; k1="$(child_ticks)"; c1="$(proc_ticks "$srv_pid")"
    read -r rss hwm <<< "$(mem_kb "$srv_pid")"
    read -r peak _ < "mem-$k"
    [ "$rss" -le "$peak" ] || peak="$rss"
    R[$x,rss]="$(mib "$rss")"; R[$x,peak]="$(mib "$peak")"; R[$x,hwm]="$(mib "$hwm")"
    R[$x,samples]="$(awk '{ print $NF }' "mem-$k")"
    net_counters "$ns_srv" > "net-srv-$k.1"; net_counters "$ns_ph" > "net-ph-$k.1"
    R[$x,net_srv]="$(net_delta "net-srv-$k.0" "net-srv-$k.1")"
    R[$x,net_ph]="$(net_delta "net-ph-$k.0" "net-ph-$k.1")"
    R[$x,label]="$label"
    R[$x,rc]="$rc"
    R[$x,wall]="$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", ns / 1e9 }')"
    R[$x,srvcpu]="$(awk -v d=$((c1 - c0)) -v hz="$hz" 'BEGIN { printf "%.1f", d / hz }')"
    R[$x,simcpu]="$(awk -v d=$((k1 - k0)) -v hz="$hz" 'BEGIN { printf "%.1f", d / hz }')"
    R[$x,busy]="$(busy_between "$s0" "$s1")"
    # What of that was neither the suite nor the simulator: other work on the machine.
    R[$x,other]="$(awk -v b="${R[$x,busy]}" -v a="${R[$x,srvcpu]}" -v c="${R[$x,simcpu]}" -v w="${R[$x,wall]}" -v n="$(nproc)" \
        'BEGIN { o = (w > 0 && n > 0) ? b - 100 * (a + c) / (w * n) : 0; printf "%d", (o > 0 ? o : 0) }')"
    # simulate's report: a line per phone (kept in sim-N.log), then the summary from "phones:"
    # to the end (the progress bar before it redraws with \r).
    tr '\r' '\n' < "sim-$k.log" | awk '/^phones:/ { on = 1 } on' > "report-$k.txt"
    rep="report-$k.txt"
    R[$x,prov]="$(awk '/^provisioned:/ { print $2 }' "$rep")"
    R[$x,median]="$(awk '/^time to provisioned:/ { gsub(/,/, ""); print $5 }' "$rep")"
    R[$x,p99]="$(awk '/^time to provisioned:/ { gsub(/,/, ""); print $8 }' "$rep")"
    R[$x,max]="$(awk '/^time to provisioned:/ { gsub(/,/, ""); print $11 }' "$rep")"
    R[$x,done]="$(awk '/^all done after:/ { print $4 }' "$rep")"
    R[$x,req]="$(sed -n 's/^requests: *//p' "$rep")"
    R[$x,why]="$(awk '/^failed:/ { on = 1; next } on && /^ +[0-9]+ / { sub(/^ +/, ""); printf "%s; ", $0; next } { on = 0 }' "$rep" | sed 's/; $//')"
    if [ -z "${R[$x,prov]}" ]; then
        R[$x,prov]=0; R[$x,median]=-; R[$x,p99]=-; R[$x,max]=-; R[$x,done]=-; R[$x,req]=-
        R[$x,why]="no report: simulate exit $rc"
        noreport+=" $r.$k"
        if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then R[$x,why]+=" (timed out after $to s)"; fi
        tail -5 "sim-$k.log" | sed 's/^/    /' >&2
    fi
    R[$x,failed]=$((phones - R[$x,prov]))
    if [ "${R[$x,failed]}" -ne 0 ] || [ "$rc" -ne 0 ]; then keep_work=1; phone_failed=1; fi
    # The slowest phones (the tail the p99 hides), failed ones first: simulate's lines for them.
    tr '\r' '\n' < "sim-$k.log" | awk '/^  [0-9A-Fa-f][0-9A-Fa-f]:/ && match($0, / [0-9.]+ s \{/) {
            printf "%d %09.2f %s\n", ($4 != "PROVISIONED"), substr($0, RSTART + 1, RLENGTH - 4), $0 }' |
        sort -r | head -5 | cut -d' ' -f3- > "slowest-$k.txt" || true
    log "run $r storm $k ($label): ${R[$x,prov]}/$phones provisioned, ${R[$x,failed]} failed, all done after ${R[$x,done]} s," \
        "p99 ${R[$x,p99]} s, max ${R[$x,max]} s; suite CPU ${R[$x,srvcpu]} s, peak RSS ${R[$x,peak]} MiB; simulate exit $rc"
}

# What the suite recorded per storm (one event per DHCP exchange step, TFTP transfer and HTTP
# response), against what the phones sent: an HTTP request with no event was never answered.
event_check() { # RUN: after the suite stopped; fills R[RUN,N,events] and R[RUN,N,noans]
    local r="$1" k out
    timeout --foreground 60 "$java_bin" -jar "$jar" events --config phoneprov.yaml --last 10000000 > events.txt 2> events.err ||
        log "WARNING: run $r: phoneprov events failed: $(head -c 200 events.err)"
    for k in 1 2; do
        out="$(awk -v from="${R[$r,$k,from]}" -v to="${R[$r,$((k + 1)),from]:-9999}" -v req="${R[$r,$k,req]}" '
            ($1 " " $2) < from || ($1 " " $2) >= to { next }
            { n[$3]++ }
            $3 == "httpd" && $7 !~ /^[23]/ { bad["httpd " $7]++ }
            $3 == "tftpd" && match($0, / failed:[^ ]+/) { bad["tftpd " substr($0, RSTART + 1, RLENGTH - 1)]++ }
            $3 == "dhcpd" && $7 != "OFFER" && $7 != "ACK" { bad["dhcpd " $4 " " $7]++ }
            END {
                noans = "-"
                s = sprintf("dhcpd %d, httpd %d, tftpd %d events", n["dhcpd"], n["httpd"], n["tftpd"])
                if (match(req, /http [0-9]+/)) {
                    noans = substr(req, RSTART + 5, RLENGTH - 5) - n["httpd"]
                    s = s sprintf("; HTTP requests the phones sent that httpd never answered: %d", noans)
                }
                for (b in bad) s = s sprintf("; %d %s", bad[b], b)
                print noans; print s
            }' events.txt)"
        R[$r,$k,noans]="${out%%$'\n'*}"
        R[$r,$k,events]="${out#*$'\n'}"
    done
}

ok_storm() { # RUN N: all provisioned, none failed, simulate exit 0, all done in < goal_s
    local x="$1,$2"
    [ "${R[$x,prov]}" -eq "$phones" ] && [ "${R[$x,failed]}" -eq 0 ] && [ "${R[$x,rc]}" -eq 0 ] &&
        awk -v d="${R[$x,done]}" -v g="$goal_s" 'BEGIN { exit !(d != "-" && d + 0 < g) }'
}

detail() { # RUN: the run's full report (the tables and lines of a single run)
    local r="$1" k x warns
    printf '%-6s %-30s %6s %6s %6s %7s %7s %7s %7s %7s %5s %8s %8s %6s %8s %8s %8s\n' storm "" phones prov failed done_s \
        median p99_s max_s wall_s exit srvCPU_s simCPU_s busy% RSS_MiB peak_MiB HWM_MiB
    for k in 1 2; do
        x="$r,$k"
        printf '%-6s %-30s %6s %6s %6s %7s %7s %7s %7s %7s %5s %8s %8s %6s %8s %8s %8s\n' "$k" "${R[$x,label]}" "$phones" \
            "${R[$x,prov]}" "${R[$x,failed]}" "${R[$x,done]}" "${R[$x,median]}" "${R[$x,p99]}" "${R[$x,max]}" "${R[$x,wall]}" \
            "${R[$x,rc]}" "${R[$x,srvcpu]}" "${R[$x,simcpu]}" "${R[$x,busy]}" "${R[$x,rss]}" "${R[$x,peak]}" "${R[$x,hwm]}"
    done
    echo "(RSS before the first storm: ${R[$r,rss0]} MiB)"
    for k in 1 2; do
        x="$r,$k"
        if [ "${R[$x,other]}" -gt 15 ]; then
            echo "WARNING: storm $k: other work kept the CPUs ~${R[$x,other]}% busy besides the suite and the simulator; the times are skewed"
        fi
        echo "storm $k requests: ${R[$x,req]}"
        [ -z "${R[$x,why]}" ] || echo "storm $k failed: ${R[$x,why]}"
        echo "storm $k kernel counters: server namespace: ${R[$x,net_srv]}; phones' namespace: ${R[$x,net_ph]}"
        echo "storm $k the suite's event log: ${R[$x,events]}"
        if [ -s "slowest-$k.txt" ]; then echo "storm $k slowest phones:"; sed 's/^ */  /' "slowest-$k.txt"; fi
    done
    warns="$(grep -E ' (WARN|ERROR) ' server.log | grep -oE '(WARN|ERROR) +[a-z_]+\.[a-z_.-]+' | awk '{ print $1, $2 }' | sort | uniq -c | sort -rn || true)"
    if [ -n "$warns" ]; then
        echo "server log warnings (lines; rate-limited events log a few lines and count the rest in suppressed=):"
        printf '%s\n' "$warns" | sed 's/^/  /'
    else
        echo "server log: no WARN or ERROR lines"
    fi
    grep -oE '(dhcpd|tftpd|httpd|sipd)\.stopped.*' server.log | sed 's/^/  /' || true
}

one_run() { # RUN: a fresh lab, suite, state and phone state; both storms; the event log; the verdict
    local r="$1" d="$work/run-$1"
    mkdir "$d"
    cp -r "$work/template/." "$d/"
    cd "$d"
    make_lab "$r"
    [ "$r" -gt 1 ] || log "lab: $ns_srv (bridge lab0 10.77.0.1/16) <-> $ns_ph (eth0 10.77.0.2/16, local 10.77.1.0-10.77.255.255)"
    start_suite "$r"
    storm "$r" 1 "first boot"
    storm "$r" 2 "second boot, same phone state"
    # The suite's own counters (dhcpd.stopped rate_limited=...) come at a clean stop.
    stop "$srv_pid" TERM
    srv_pid=""
    event_check "$r"
    if ok_storm "$r" 1; then R[$r,goal]=met; else R[$r,goal]="NOT MET"; missed+=" $r"; fi
    if ok_storm "$r" 2; then R[$r,second]=ok; else R[$r,second]="not ok"; second_bad+=" $r"; fi
    grep -E ' (WARN|ERROR) ' server.log | grep -oE '(WARN|ERROR) +[a-z_]+\.[a-z_.-]+' | awk '{ print $1, $2 }' >> "$work/warnings.txt" || true
    detail "$r" > report.txt
    netns_remove "$ns_srv" "$ns_ph"
    cd "$work"
    log "run $r of $runs: goal ${R[$r,goal]}; second boot ${R[$r,second]}"
}

# --- the report -------------------------------------------------------------------------
row_fmt='%-4s %6s %6s %7s %7s %7s %6s %4s   %6s %6s %7s %7s %7s %6s %4s   %9s %8s %8s %6s  %s\n'
summary() {
    local r k x busy missed_n=0 second_ok=0 warns peak_top=0 peak_run=- hwm_top=0 noans1=0 noans1_runs=0 noans2=0 setting="" verdict_all
    summary_printed=1
    echo
    echo "boot storm: $phones simulated ST20xx phones (the four models in turn) powering up within $spread s"
    echo "against one phoneprov suite (dhcpd, tftpd, httpd, sipd of examples/lab); veth between two namespaces;"
    echo "$(nproc) CPUs shared by the simulator and the suite; CPU busy before the bench: ${busy_before}%; no peer server"
    echo "$runs_made run(s) in a row of $runs, each with a fresh suite, suite state and phone state: first boot, then second boot"
    java_opts_line
    echo "simulator JVM: ${sim_opts[*]}"
    [ -z "$retry_delay" ] || echo "phones retry after Server Unreachable in $retry_delay s (BENCH_RETRY_DELAY; the seed says 30 s)"
    echo
    printf '%-4s %-47s   %-47s\n' "" "------------------ first boot -----------------" "----------------- second boot -----------------"
    # shellcheck disable=SC2059
    printf "$row_fmt" run prov failed done_s p99_s max_s noHTTP exit prov failed done_s p99_s max_s noHTTP exit \
        srvCPU_s peak_MiB HWM_MiB other% goal
    for ((r = 1; r <= runs_made; r++)); do
        # shellcheck disable=SC2059
        printf "$row_fmt" "$r" "${R[$r,1,prov]}" "${R[$r,1,failed]}" "${R[$r,1,done]}" "${R[$r,1,p99]}" "${R[$r,1,max]}" \
            "${R[$r,1,noans]}" "${R[$r,1,rc]}" "${R[$r,2,prov]}" "${R[$r,2,failed]}" "${R[$r,2,done]}" "${R[$r,2,p99]}" \
            "${R[$r,2,max]}" "${R[$r,2,noans]}" "${R[$r,2,rc]}" "${R[$r,1,srvcpu]}/${R[$r,2,srvcpu]}" \
            "$(awk -v a="${R[$r,1,peak]}" -v b="${R[$r,2,peak]}" 'BEGIN { print (a + 0 > b + 0) ? a : b }')" "${R[$r,2,hwm]}" \
            "$(( R[$r,1,other] > R[$r,2,other] ? R[$r,1,other] : R[$r,2,other] ))" "${R[$r,goal]}"
    done
    echo "(done_s: simulate's \"all done after\", first power-up to the last phone provisioned or failed; p99 / max: a"
    echo " phone's power-up to provisioned; noHTTP: HTTP requests the phones sent that httpd never answered, by the suite's"
    echo " event log; exit: simulate's; srvCPU_s: the suite's CPU seconds in the first / second boot; peak_MiB: the suite's"
    echo " highest VmRSS, sampled every ${sample_every} s during both storms; HWM_MiB: its VmHWM at the end; other%: CPU use"
    echo " of other work besides the suite and the simulator, the higher of the two storms; goal: the first boot's)"
    for ((r = 1; r <= runs_made; r++)); do
        for k in 1 2; do
            x="$r,$k"
            if awk -v a="${R[$x,peak]}" -v b="$peak_top" 'BEGIN { exit !(a + 0 > b + 0) }'; then peak_top="${R[$x,peak]}"; peak_run="$r"; fi
            if awk -v a="${R[$x,hwm]}" -v b="$hwm_top" 'BEGIN { exit !(a + 0 > b + 0) }'; then hwm_top="${R[$x,hwm]}"; fi
        done
        [ "${R[$r,goal]}" = met ] || missed_n=$((missed_n + 1))
        [ "${R[$r,second]}" != ok ] || second_ok=$((second_ok + 1))
        if [[ "${R[$r,1,noans]}" =~ ^[0-9]+$ ]] && [ "${R[$r,1,noans]}" -gt 0 ]; then
            noans1=$((noans1 + R[$r,1,noans])); noans1_runs=$((noans1_runs + 1))
        fi
        if [[ "${R[$r,2,noans]}" =~ ^[0-9]+$ ]]; then noans2=$((noans2 + R[$r,2,noans])); fi
    done
    # The detail of every run that missed the goal or whose second boot did not do as well
    # (of the only run, when there was one); every run's is in run-N/report.txt.
    for ((r = 1; r <= runs_made; r++)); do
        if [ "$runs" -eq 1 ] || [ "${R[$r,goal]}" != met ] || [ "${R[$r,second]}" != ok ]; then
            echo
            echo "--- run $r: first boot goal ${R[$r,goal]}, second boot ${R[$r,second]} ---"
            (cd "$work/run-$r" && cat report.txt)
        fi
    done
    echo
    busy=""
    for ((r = 1; r <= runs_made; r++)); do
        for k in 1 2; do
            if [ "${R[$r,$k,other]}" -gt 15 ]; then busy+=" $r.$k (${R[$r,$k,other]}%)"; fi
        done
    done
    if [ -n "$busy" ]; then
        echo "WARNING: other work kept the CPUs more than 15% busy besides the suite and the simulator in run.storm$busy;"
        echo "  those times are skewed"
    fi
    warns="$(sort "$work/warnings.txt" 2>/dev/null | uniq -c | sort -rn || true)"
    if [ -n "$warns" ]; then
        echo "server log warnings over all runs (lines; rate-limited events log a few lines and count the rest in suppressed=):"
        printf '%s\n' "$warns" | sed 's/^/  /'
    else
        echo "server log: no WARN or ERROR lines in any run"
    fi
    echo "first boot over the runs: all done after $(stats 1 "done"); p99 $(stats 1 p99); max $(stats 1 max)"
    echo "  HTTP requests never answered: $noans1 in $noans1_runs of $runs_made runs"
    echo "second boot (same phone state): all provisioned, none failed, all done in < $goal_s s in $second_ok of $runs_made runs;"
    echo "  all done after $(stats 2 "done"); p99 $(stats 2 p99); max $(stats 2 max); HTTP requests never answered: $noans2"
    echo "memory: the suite's peak RSS over all runs $peak_top MiB (run $peak_run; VmRSS sampled every ${sample_every} s during"
    echo "  each storm), highest VmHWM $hwm_top MiB; goal <= $goal_rss_mib MiB: $(verdict "$(awk -v a="$peak_top" -v b="$hwm_top" \
        'BEGIN { print (a + 0 > b + 0) ? a : b }')" "$goal_rss_mib" - le)"
    if [ "$phones" -ne 1000 ] || [ "$spread" -ne 10 ] || [ -n "$retry_delay" ]; then
        setting=" (this bench: $phones phones within $spread s${retry_delay:+, retry delay $retry_delay s}: not the goal's setting)"
    fi
    echo "runs met / runs made: $((runs_made - missed_n))/$runs_made$setting"
    if [ "$missed_n" -eq 0 ] && [ "$runs_made" -eq "$runs" ]; then verdict_all=met; else verdict_all="NOT MET"; fi
    [ -z "${stopped_early:-}" ] || verdict_all+=" (stopped early: $stopped_early; $runs_made of $runs runs made)"
    echo "goal (1,000 phones booting within 10 s: all provisioned, none failed, all done in < ${goal_s} s; $runs run(s) in a row):" \
        "$verdict_all"
}
stats() { # STORM KEY -> "MIN..MAX s (median of runs M s)" over the runs made
    local r vals=""
    for ((r = 1; r <= runs_made; r++)); do vals+="${R[$r,$1,$2]} "; done
    awk -v v="$vals" 'BEGIN { n = 0; for (i = 1; i <= split(v, a, " "); i++) if (a[i] != "-") x[++n] = a[i] + 0
        if (!n) { print "-"; exit }
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
        m = (n % 2) ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
        if (n == 1) printf "%.2f s", x[1]; else printf "%.2f..%.2f s (median of runs %.2f s)", x[1], x[n], m }'
}

# --- the runs -------------------------------------------------------------------------
missed=""
second_bad=""
noreport=""
phone_failed=0
stopped_early=""
for ((run = 1; run <= runs; run++)); do
    if [ "$(left)" -lt "$run_needs" ]; then
        stopped_early="time budget ($budget_s s): $(left) s left, a run needs $run_needs"
        log "WARNING: stopping after $runs_made of $runs runs: $stopped_early"
        break
    fi
    one_run "$run"
    runs_made="$run"
done
summary
# A run that missed the goal: its logs, phone state and report stay for a look.
[ -z "$missed$second_bad" ] || keep_work=1
[ "$phone_failed" -eq 0 ] || log "some phones failed or simulate did not exit 0: keeping the work directory for its logs"
[ -z "$noreport" ] || die "simulate printed no report for run.storm$noreport: nothing measured (see run-N/sim-N.log in the work directory)"
