#!/usr/bin/env bash
# DHCP benchmark: phoneprov dhcpd against Kea (kea-dhcp4, multi-threaded, memfile leases
# persisted to disk), one after the other in one run, driven by perfdhcp at rising rates
# of full DORA exchanges. Everything runs in two network namespaces this script creates
# (server 10.77.0.1/16 on lab0, client 10.77.0.2/16) and removes on exit; no packet leaves
# them. See bench/README.md. Bounded: every step has a timeout; the default run takes
# ~4.5 minutes (at most 2 x rates x (BENCH_SECONDS + ~3 s) + start-ups and audits).
#
# Environment (all optional):
#   BENCH_RATES="1000 2000 4000 6000 8000 10000 12000 14000 16000 18000"   DORA exchanges/s, rising
#   BENCH_SECONDS=10     seconds per rate
#   BENCH_ONLY=kea|phoneprov   run one server only
#   BENCH_CLIENTS=60000  distinct simulated clients (MACs), below the pool size (65,278)
#   BENCH_WARMUP=3       seconds at 1000/s before the measured rates (both servers; JIT)
#   BENCH_STOP_DROPS=5   stop raising the rate once drops exceed this percentage
#   BENCH_JAVA_OPTS="..."  JVM options for phoneprov (default: jvm.options, as ./phoneprov)
#   BENCH_KEA_LOG=WARN   Kea's log severity (INFO logs a line per lease, as a stock Kea does)
#   BENCH_KEA_SOCKET=udp  Kea's dhcp-socket-type (raw works too; perfdhcp talks to it as a relay)
#   BENCH_PIN=1          pin perfdhcp to CPU 0 and the server to CPU 1
#   BENCH_PERF_ARGS="..."  extra perfdhcp arguments (e.g. "-g single")
#   BENCH_KEEP=1         keep the temporary work directory (configs, logs, perfdhcp output)
#   PHONEPROV_JAR=...    the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"

read -ra rates <<< "${BENCH_RATES:-1000 2000 4000 6000 8000 10000 12000 14000 16000 18000}"
secs="${BENCH_SECONDS:-10}"
only="${BENCH_ONLY:-}"
clients="${BENCH_CLIENTS:-60000}"
warmup="${BENCH_WARMUP:-3}"
stop_drops="${BENCH_STOP_DROPS:-5}"
goal="1.5"
ok_drops="1"           # a rate counts when at most this percentage of exchanges got no ACK
srv_addr=10.77.0.1
cli_addr=10.77.0.2
ns_srv="ppb-srv-$$"
ns_cli="ppb-cli-$$"

need_root "this benchmark needs root (network namespaces, port 67, apt-get): run it as: sudo bash bench/dhcp/run.sh"
case "$only" in ""|kea|phoneprov) ;; *) die "BENCH_ONLY must be kea or phoneprov, not '$only'" ;; esac
for r in "${rates[@]}"; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RATES: '$r' is not a positive integer"; done
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS: '$secs' is not a positive integer"
[ "$clients" -le 65000 ] || die "BENCH_CLIENTS=$clients: keep it below the pool size (65,278 addresses)"
# Budget: per server, every rate plus its slack, the warm-up and start-up; then teardown.
per_rate=$((secs + 6))
budget $((2 * (${#rates[@]} * per_rate + warmup + 60) + 120))

# --- tools ----------------------------------------------------------------------------
need_pkg kea-dhcp4-server /usr/sbin/kea-dhcp4
need_pkg kea-admin /usr/sbin/perfdhcp
install_missing kea-dhcp4 kea-dhcp4-server.service
if [ ! -x /usr/sbin/kea-dhcp4 ] || [ ! -x /usr/sbin/perfdhcp ]; then die "kea-dhcp4 or perfdhcp missing after install"; fi
command -v ip >/dev/null || die "ip (iproute2) is missing"

if [ "$only" != kea ]; then ensure_jar || true; fi   # no jar: phoneprov's rows say so
suite_java_opts

warn_busy_before

# --- work directory, namespaces; all removed on exit ----------------------------------
make_work dhcp
cd "$work"   # nothing of this run lands in the caller's directory
srv_pid=""
on_cleanup() { [ -z "$srv_pid" ] || stop "$srv_pid" TERM; }

netns_add "$ns_srv" "$ns_cli"
lab_link "$ns_srv" "$ns_cli" "$srv_addr/16" "$cli_addr/16" ppb
# A burst of 12,000 DORAs/s overflows the default 208 KiB socket buffers long before
# either server is saturated; give both the same larger ceiling (per namespace).
ns_sockbufs 8388608 4194304 "$ns_srv" "$ns_cli"
wait_link_up "$ns_cli" eth0
log "lab: $ns_srv (lab0 $srv_addr/16) <-> $ns_cli (eth0 $cli_addr/16)"

# BENCH_PIN=1: perfdhcp on CPU 0, the server on CPU 1 (one core each, no sharing).
srv_pin=(env); cli_pin=(env)
if [ "${BENCH_PIN:-0}" = 1 ]; then
    [ "$(nproc)" -ge 2 ] || die "BENCH_PIN=1 needs two CPUs"
    srv_pin=(taskset -c 1); cli_pin=(taskset -c 0)
fi

# --- perfdhcp -------------------------------------------------------------------------
# Unicast to the server address: perfdhcp acts as a relay (giaddr 10.77.0.2, port 67),
# the server answers to the relay by unicast. Full DORA (no -i), -R distinct clients.
perf() { # OUTFILE RATE SECONDS [extra perfdhcp args...]
    local out="$1" rate="$2" s="$3" rc=0
    shift 3
    # shellcheck disable=SC2086  # BENCH_PERF_ARGS: several arguments
    timeout --foreground -k 3 $((s + 8)) ip netns exec "$ns_cli" "${cli_pin[@]}" /usr/sbin/perfdhcp -4 ${BENCH_PERF_ARGS:-} \
        -r "$rate" -R "$clients" -p "$s" -W 1500000 "$@" "$srv_addr" >"$out" 2>&1 || rc=$?
    # 0: all fine; 3: some exchanges unsuccessful (drops): both are measurements.
    [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]
}
# Fields from perfdhcp's final report. Sections: "Statistics for: DISCOVER-OFFER" and
# "Statistics for: REQUEST-ACK"; within each, "sent packets: N", "received packets: N",
# "avg delay: X ms", "max delay: X ms".
pfield() { # FILE SECTION(DISCOVER-OFFER|REQUEST-ACK) KEY -> value (first number)
    awk -v sec="$2" -v key="$3" '
        /Statistics for:/ { in_sec = (index($0, sec) > 0) }
        in_sec && index($0, key ":") == 1 { v = substr($0, length(key) + 2); gsub(/^[ \t]+/, "", v); split(v, a, " "); print a[1]; exit }
    ' "$1"
}
answering() { # perfdhcp with a handful of exchanges: at least one ACK?
    local f="$work/probe.txt" acks
    perf "$f" 20 1 || return 1
    acks="$(pfield "$f" REQUEST-ACK "received packets")"
    [ -n "$acks" ] && [ "$acks" -gt 0 ]
}
wait_answering() { # PID SECONDS [LOG: give up at once if it says dhcpd is unavailable]
    local end=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$end" ]; do
        kill -0 "$1" 2>/dev/null || return 1
        if [ -n "${3:-}" ] && grep -q 'daemon.unavailable daemon=dhcpd\|suite.idle' "$3" 2>/dev/null; then
            return 1
        fi
        answering && return 0
        sleep 0.5
    done
    return 1
}

# --- servers --------------------------------------------------------------------------
start_kea() {
    mkdir -p "$work/kea"
    cat > "$work/kea/kea-dhcp4.conf" <<EOF
{
"Dhcp4": {
    "interfaces-config": { "interfaces": [ "lab0" ], "dhcp-socket-type": "${BENCH_KEA_SOCKET:-udp}" },
    "lease-database": {
        "type": "memfile",
        "persist": true,
        "name": "$work/kea/leases4.csv",
        "lfc-interval": 0
    },
    "multi-threading": {
        "enable-multi-threading": true,
        "thread-pool-size": 2,
        "packet-queue-size": 64
    },
    "valid-lifetime": 3600,
    "subnet4": [ {
        "id": 1,
        "subnet": "10.77.0.0/16",
        "pools": [ { "pool": "10.77.1.0 - 10.77.255.254" } ],
        "option-data": [ { "name": "routers", "data": "$srv_addr" } ]
    } ],
    "loggers": [ {
        "name": "kea-dhcp4",
        "output_options": [ { "output": "$work/kea/kea.log" } ],
        "severity": "${BENCH_KEA_LOG:-WARN}"
    } ]
}
}
EOF
    timeout 20 ip netns exec "$ns_srv" env KEA_PIDFILE_DIR="$work/kea" KEA_LOCKFILE_DIR="$work/kea" /usr/sbin/kea-dhcp4 -t "$work/kea/kea-dhcp4.conf" \
        >"$work/kea/check.log" 2>&1 || { cat "$work/kea/check.log" >&2; die "kea-dhcp4 -t rejects the generated config"; }
    ip netns exec "$ns_srv" "${srv_pin[@]}" env KEA_PIDFILE_DIR="$work/kea" KEA_LOCKFILE_DIR="$work/kea" \
        /usr/sbin/kea-dhcp4 -c "$work/kea/kea-dhcp4.conf" >"$work/kea/stdout.log" 2>&1 &
    srv_pid=$!
}
start_phoneprov() {
    mkdir -p "$work/pp/files" "$work/pp/state"
    cat > "$work/pp/phoneprov.yaml" <<EOF
suite:
  name: bench
  address: $srv_addr
paths:
  files: files
  state: state
httpd:
  enabled: false
dhcpd:
  enabled: true
  interface: lab0
  subnets:
    - subnet: 10.77.0.0/16
      pools: ["10.77.1.0-10.77.255.254"]
      router: $srv_addr
      lease_time: 3600
EOF
    [ -f "$jar" ] || { echo "$jar missing (build failed)" > "$work/pp/why"; return 1; }
    if ! timeout --foreground 60 "$java_bin" -jar "$jar" check --config "$work/pp/phoneprov.yaml" >"$work/pp/check.log" 2>&1; then
        { echo "phoneprov check rejects the bench config:"; head -5 "$work/pp/check.log"; } > "$work/pp/why"
        return 1
    fi
    ip netns exec "$ns_srv" "${srv_pin[@]}" "$java_bin" "${java_opts[@]}" -jar "$jar" run --config "$work/pp/phoneprov.yaml" \
        --only dhcpd >"$work/pp/phoneprov.log" 2>&1 &
    srv_pid=$!
}

# --- durability: crash the server under load, then look for every ACKed lease -------
# perfdhcp (-x l) lists the client and address of every ACK it received. The server gets
# SIGKILL in the middle of that run, while ACKs are in flight; a lease whose ACK reached
# the client must then be in the store the server would restart from (Kea: the last
# memfile record for that address; phoneprov: the lease table in state/leases.db, WAL
# included). This checks commit-before-ACK against a process crash, not a power cut: the
# kernel's page cache survives a SIGKILL (Kea never fsyncs its memfile anyway).
crash_audit() { # NAME -> audit[NAME]
    local name="$1" f="$work/$1-audit.txt" store ppid
    audit[$name]="not run"
    command -v python3 >/dev/null || { audit[$name]="skipped (python3 missing)"; stop "$srv_pid" TERM; srv_pid=""; return 0; }
    # New clients (their own MAC prefix), so every audit ACK is a new lease that cannot
    # have been stored by an earlier rate; ~2,000 of them fit in the free part of the pool.
    perf "$f" 1000 3 -x l -b mac=0e:77:00:00:00:00 &
    ppid=$!
    sleep 2
    kill -KILL "$srv_pid" 2>/dev/null || true
    wait "$srv_pid" 2>/dev/null || true
    srv_pid=""
    wait "$ppid" || { audit[$name]="perfdhcp failed"; return 0; }
    if [ "$name" = kea ]; then store="$work/kea/leases4.csv"; else store="$work/pp/state/leases.db"; fi
    audit[$name]="$(timeout 60 python3 - "$f" "$name" "$store" <<'PY' || echo "audit failed"
import csv, ipaddress, sqlite3, sys
report, kind, store = sys.argv[1:4]
acked, section = {}, None
for line in open(report):
    line = line.strip()
    if line.startswith("***Leases for"):
        section = "REQUEST-ACK" in line
        continue
    parts = line.split(",")
    if section and len(parts) >= 2 and parts[1].count(".") == 3:
        cid = parts[0].lower()   # the client identifier the server echoed (RFC 6842), if any
        acked[parts[1]] = cid[2:] if cid.startswith("01") and len(cid) == 14 else ""
have = {}
if kind == "kea":
    with open(store, newline="") as fh:
        for row in csv.DictReader(fh):   # later records replace earlier ones
            have[row["address"]] = row["hwaddr"].replace(":", "").lower()
else:
    db = sqlite3.connect(store)
    for addr, mac in db.execute("SELECT address, mac FROM lease"):
        have[str(ipaddress.IPv4Address(addr))] = mac.replace(":", "").lower()
# Without an echoed client id, the stored MAC must at least be one of the audit clients'.
missing = [a for a, m in acked.items() if have.get(a, "") != m and not (m == "" and have.get(a, "").startswith("0e7700"))]
no_cid = sum(1 for m in acked.values() if m == "")
print(f"{len(acked)} new leases ACKed around a SIGKILL, {len(missing)} missing from the store"
      + (f" (e.g. {missing[0]})" if missing else "")
      + (f"; {no_cid} ACKs without the client identifier (option 61, RFC 6842)" if no_cid else ""))
PY
)"
    log "$name durability: ${audit[$name]}"
}

declare -A row_scpu row_pcpu row_us row_rate row_sent row_acks row_drop row_ach row_do_avg row_do_max row_ra_avg row_ra_max
declare -A best peak acks_total rss hwm status audit us_at
servers=()
[ "$only" = phoneprov ] || servers+=(kea)
[ "$only" = kea ] || servers+=(phoneprov)

run_server() { # NAME
    local name="$1" rate f disc offers reqs acks drop ach i=0
    check_deadline "$name start"
    status[$name]="ok"
    best[$name]=0; peak[$name]=0; acks_total[$name]=0
    if [ "$name" = kea ]; then
        start_kea
        wait_answering "$srv_pid" 20 || { tail -20 "$work/kea/kea.log" "$work/kea/stdout.log" >&2 2>/dev/null; die "Kea does not answer DHCP"; }
    else
        if ! start_phoneprov || ! wait_answering "$srv_pid" 30 "$work/pp/phoneprov.log"; then
            status[$name]="phoneprov dhcpd: not answering yet"
            [ -f "$work/pp/why" ] && status[$name]+=" ($(head -1 "$work/pp/why"))"
            log "${status[$name]}"
            [ -f "$work/pp/why" ] && sed 's/^/    /' "$work/pp/why" >&2
            [ -f "$work/pp/phoneprov.log" ] && tail -5 "$work/pp/phoneprov.log" | sed 's/^/    /' >&2
            [ -n "$srv_pid" ] && stop "$srv_pid" TERM
            srv_pid=""
            return 0
        fi
    fi
    log "$name answers (pid $srv_pid); warm-up ${warmup}s at 1000/s"
    if [ "$warmup" -gt 0 ]; then
        perf "$work/$name-warmup.txt" 1000 "$warmup" || true
        acks_total[$name]="$(pfield "$work/$name-warmup.txt" REQUEST-ACK "received packets")"
        acks_total[$name]="${acks_total[$name]:-0}"
    fi
    for rate in "${rates[@]}"; do
        check_deadline "$name at $rate/s"
        kill -0 "$srv_pid" 2>/dev/null || { status[$name]="server died at $rate/s"; log "$name: ${status[$name]}"; break; }
        f="$work/$name-$rate.txt"
        s0="$(proc_ticks "$srv_pid")"; c0="$(child_ticks)"; t0="$(date +%s%N)"
        perf "$f" "$rate" "$secs" || { tail -5 "$f" >&2; die "perfdhcp failed against $name at $rate/s"; }
        s1="$(proc_ticks "$srv_pid")"; c1="$(child_ticks)"; t1="$(date +%s%N)"
        # CPU in % of one core over the perfdhcp run (the machine has $(nproc) cores: 100% each).
        row_scpu[$name,$i]="$(awk -v d=$((s1 - s0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN {printf "%.0f", 100 * d / hz / (ns / 1e9)}')"
        row_pcpu[$name,$i]="$(awk -v d=$((c1 - c0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN {printf "%.0f", 100 * d / hz / (ns / 1e9)}')"
        disc="$(pfield "$f" DISCOVER-OFFER "sent packets")"; offers="$(pfield "$f" DISCOVER-OFFER "received packets")"
        reqs="$(pfield "$f" REQUEST-ACK "sent packets")"; acks="$(pfield "$f" REQUEST-ACK "received packets")"
        disc="${disc:-0}"; acks="${acks:-0}"
        # Drops: DORA exchanges started (DISCOVERs sent) that did not end in an ACK.
        drop="$(awk -v d="$disc" -v a="$acks" 'BEGIN { printf "%.2f", (d > 0) ? 100 * (d - a) / d : 100 }')"
        ach="$(awk -v a="$acks" -v s="$secs" 'BEGIN { printf "%.0f", a / s }')"
        row_rate[$name,$i]="$rate"; row_sent[$name,$i]="$disc"; row_acks[$name,$i]="$acks"
        row_drop[$name,$i]="$drop"; row_ach[$name,$i]="$ach"
        row_do_avg[$name,$i]="$(pfield "$f" DISCOVER-OFFER "avg delay")"; row_do_max[$name,$i]="$(pfield "$f" DISCOVER-OFFER "max delay")"
        row_ra_avg[$name,$i]="$(pfield "$f" REQUEST-ACK "avg delay")"; row_ra_max[$name,$i]="$(pfield "$f" REQUEST-ACK "max delay")"
        # Server CPU time per lease, in microseconds: what each ACKed lease cost the server.
        row_us[$name,$i]="$(awk -v d=$((s1 - s0)) -v hz="$hz" -v a="$acks" 'BEGIN {printf "%.0f", (a > 0) ? 1e6 * d / hz / a : 0}')"
        log "$name $rate/s: $disc DISCOVER, ${offers:-0} OFFER, ${reqs:-0} REQUEST, $acks ACK ($ach leases/s), drops $drop%"
        acks_total[$name]=$((acks_total[$name] + acks))
        [ "$ach" -gt "${peak[$name]}" ] && peak[$name]="$ach"
        if awk -v d="$drop" -v m="$ok_drops" 'BEGIN { exit !(d <= m) }'; then
            [ "$ach" -gt "${best[$name]}" ] && best[$name]="$ach"
        fi
        i=$((i + 1))
        awk -v d="$drop" -v m="$stop_drops" 'BEGIN { exit !(d > m) }' && { log "$name: drops above $stop_drops%, not raising the rate further"; break; }
        sleep 1   # let the queues drain between rates
    done
    rss[$name]="$(rss_kb "$srv_pid")"; hwm[$name]="$(hwm_kb "$srv_pid")"
    if [ "$name" = kea ]; then
        # Durability as far as Kea goes: every ACKed lease is a line in the memfile (written
        # and flushed before the ACK; Kea does not fsync it).
        status[$name]+="; memfile: $(($(grep -c . "$work/kea/leases4.csv") - 1)) lease records for ${acks_total[$name]} ACKs (+ probes)"
    fi
    rows[$name]="$i"
    crash_audit "$name"
}
declare -A rows
for s in "${servers[@]}"; do run_server "$s"; done

# --- report ---------------------------------------------------------------------------
echo
echo "DHCPv4: perfdhcp full DORA, ${secs}s per rate, $clients distinct clients, unicast via relay address $cli_addr -> $srv_addr (veth, namespaces)"
echo "$(nproc) CPUs shared by perfdhcp and the server under test; CPU busy before the bench (other work): ${busy_before}%"
[ "$only" = kea ] || java_opts_line
echo "A rate counts when at most ${ok_drops}% of the DISCOVERs sent did not end in an ACK (drops)."
printf '\n%-10s %8s %9s %9s %7s %9s %7s %8s %7s %8s %7s %8s %7s\n' server "target/s" DISCOVERs ACKs drops% "leases/s" DO_avg DO_max RA_avg RA_max srvCPU% perfCPU% "us/lease"
for s in "${servers[@]}"; do
    if [ "${rows[$s]:-0}" -eq 0 ]; then
        printf '%-10s %s\n' "$s" "${status[$s]}"
        continue
    fi
    for ((i = 0; i < rows[$s]; i++)); do
        printf '%-10s %8s %9s %9s %7s %9s %7s %8s %7s %8s %7s %8s %7s\n' "$s" "${row_rate[$s,$i]}" "${row_sent[$s,$i]}" "${row_acks[$s,$i]}" \
            "${row_drop[$s,$i]}" "${row_ach[$s,$i]}" "${row_do_avg[$s,$i]:--}" "${row_do_max[$s,$i]:--}" \
            "${row_ra_avg[$s,$i]:--}" "${row_ra_max[$s,$i]:--}" "${row_scpu[$s,$i]}" "${row_pcpu[$s,$i]}" "${row_us[$s,$i]}"
    done
done
echo "(delays in ms, from perfdhcp: DO = DISCOVER->OFFER, RA = REQUEST->ACK; CPU in % of one core,"
echo " $(nproc) cores = $(( $(nproc) * 100 ))%; us/lease = server CPU time per ACKed lease, in microseconds)"
echo
printf '%-10s %16s %12s %9s %9s  %s\n' server "best leases/s" "max leases/s" RSS_MiB HWM_MiB notes
for s in "${servers[@]}"; do
    if [ "${rows[$s]:-0}" -eq 0 ]; then
        printf '%-10s %16s %12s %9s %9s  %s\n' "$s" - - - - "${status[$s]}"
    else
        printf '%-10s %16s %12s %9s %9s  %s\n' "$s" "${best[$s]}" "${peak[$s]}" "$(mib "${rss[$s]}")" "$(mib "${hwm[$s]}")" "${status[$s]}"
    fi
done
echo "(best: highest rate with <=${ok_drops}% drops; max: most ACKs/s at any rate, drops or not;"
echo " RSS: VmRSS after the last rate, HWM: its peak, VmHWM)"
for s in "${servers[@]}"; do
    [ "${rows[$s]:-0}" -gt 0 ] && printf 'durability %-10s %s\n' "$s:" "${audit[$s]}"
done
echo
if [ "${rows[kea]:-0}" -gt 0 ] && [ "${rows[phoneprov]:-0}" -gt 0 ] && [ "${best[kea]}" -gt 0 ]; then
    ratio="$(awk -v a="${best[phoneprov]}" -v b="${best[kea]}" 'BEGIN {printf "%.2f", a / b}')"
    met="$(awk -v r="$ratio" -v g="$goal" 'BEGIN {print (r >= g) ? "MET" : "NOT MET"}')"
    case "${audit[phoneprov]}" in
        *", 0 missing from the store"*) durable="every ACKed lease found after the crash" ;;
        *) met="NOT MET"; durable="durability not shown: ${audit[phoneprov]}" ;;
    esac
    echo "ratio phoneprov/kea (best leases/s with <=${ok_drops}% drops) = $ratio; goal >= ${goal}x with every ACKed lease durable: $met ($durable)"
    echo "ratio of max leases/s at any rate: $(awk -v a="${peak[phoneprov]}" -v b="${peak[kea]}" 'BEGIN {printf "%.2f", a / b}')"
    top="${rates[${#rates[@]}-1]}"
    if [ "${best[phoneprov]}" -ge $((top * 95 / 100)) ]; then
        echo "note: phoneprov kept up with the highest rate tried ($top/s); raise BENCH_RATES to find its limit"
    fi
elif [ "${rows[phoneprov]:-0}" -eq 0 ] && [ "$only" != kea ]; then
    echo "ratio phoneprov/kea: not measured (${status[phoneprov]})"
fi
# CPU per lease at the highest rate that every measured server passed (<= ok_drops): the
# comparison that still holds when perfdhcp, not the server, is what ran out of CPU.
common=""
for r in "${rates[@]}"; do
    all=1
    for s in "${servers[@]}"; do
        hit=0
        for ((i = 0; i < ${rows[$s]:-0}; i++)); do
            [ "${row_rate[$s,$i]}" = "$r" ] && awk -v d="${row_drop[$s,$i]}" -v m="$ok_drops" 'BEGIN { exit !(d <= m) }' && hit=1
        done
        [ "$hit" -eq 1 ] || all=0
    done
    [ "$all" -eq 1 ] && common="$r"
done
if [ -n "$common" ]; then
    line="server CPU per lease at $common/s (highest rate all passed):"
    for s in "${servers[@]}"; do
        for ((i = 0; i < ${rows[$s]:-0}; i++)); do
            [ "${row_rate[$s,$i]}" = "$common" ] && { line+=" $s ${row_us[$s,$i]} us"; us_at[$s]="${row_us[$s,$i]}"; }
        done
    done
    if [ -n "${us_at[kea]:-}" ] && [ -n "${us_at[phoneprov]:-}" ] && [ "${us_at[phoneprov]}" -gt 0 ]; then
        line+=" (kea/phoneprov = $(awk -v a="${us_at[kea]}" -v b="${us_at[phoneprov]}" 'BEGIN {printf "%.2f", a / b}'))"
    fi
    echo "$line"
fi
for s in "${servers[@]}"; do
    n="${rows[$s]:-0}"
    [ "$n" -gt 0 ] || continue
    if [ "${row_pcpu[$s,$((n - 1))]}" -ge 95 ]; then
        echo "WARNING: perfdhcp used ${row_pcpu[$s,$((n - 1))]}% of a core at $s's last rate: the load generator, not only $s, was out of CPU there."
    fi
done
echo "Noise: perfdhcp itself needs a good share of a core at these rates, on the same 2 CPUs as the server;"
echo "compare servers within one run, and repeat when a ratio is close to the goal."
