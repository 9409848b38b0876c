#!/usr/bin/env bash
# DHCP with leases in PostgreSQL (issue 14 item 5): phoneprov dhcpd on its PostgreSQL store
# against Kea (kea-dhcp4, multi-threaded, "postgresql" lease-database), with phoneprov on its
# SQLite store beside them, one after the other in one run, driven by perfdhcp at rising
# rates of full DORA exchanges. The PostgreSQL server is a throw-away cluster this script
# makes (Debian's postgresql binaries, as the postgres user) on 127.0.0.1 inside the server
# namespace: one database for Kea (schema by kea-admin db-init), one for phoneprov (schema by
# phoneprov db migrate). Namespaces, servers and the cluster are removed on exit, on failure
# and on Ctrl-C. See bench/README.md. Bounded: every step has a timeout; the default run
# takes ~4-6 minutes.
#
# Environment (all optional):
#   BENCH_RATES="1000 1500 2000 3000 4000 6000 8000 10000 12000"   DORA exchanges/s, rising
#   BENCH_SECONDS=6      seconds per rate
#   BENCH_ONLY="kea-pg phoneprov-pg phoneprov-sqlite"   which servers, in this order
#   BENCH_CLIENTS=60000  distinct simulated clients (MACs), below the pool size (65,278)
#   BENCH_WARMUP=3       seconds at 1000/s before the measured rates (every server; JIT, pools)
#   BENCH_STOP_DROPS=5   stop raising the rate once drops exceed this percentage
#   BENCH_KEA_THREADS=8  Kea's thread-pool-size (see start_kea_pg); packet-queue-size is 11 x that
#   BENCH_PG_POOL=4      phoneprov's store.pool_size
#   BENCH_PG_SYNC=on     the cluster's synchronous_commit (on: every COMMIT waits for its WAL
#                        fsync, which both servers need for a lease to survive a crash; "off"
#                        shows what the fsyncs cost, and is no durable configuration)
#   BENCH_JAVA_OPTS="..."  JVM options for phoneprov (default: jvm.options, as ./phoneprov)
#   BENCH_KEEP=1         keep the work directory (configs, logs, perfdhcp reports, PostgreSQL's log)
#   PHONEPROV_JAR=...    the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"

read -ra rates <<< "${BENCH_RATES:-1000 1500 2000 3000 4000 6000 8000 10000 12000}"
read -ra servers <<< "${BENCH_ONLY:-kea-pg phoneprov-pg phoneprov-sqlite}"
secs="${BENCH_SECONDS:-6}"
clients="${BENCH_CLIENTS:-60000}"
warmup="${BENCH_WARMUP:-3}"
stop_drops="${BENCH_STOP_DROPS:-5}"
kea_threads="${BENCH_KEA_THREADS:-8}"
pg_pool="${BENCH_PG_POOL:-4}"
pg_sync="${BENCH_PG_SYNC:-on}"
ok_drops=1             # a rate counts when at most this percentage of exchanges got no ACK
goal=1.0               # phoneprov-pg / kea-pg
kea_published=7441     # ISC's figure for kea-dhcp4 MT on PostgreSQL, 6-core box (issue 14)
srv_addr=10.77.0.1
cli_addr=10.77.0.2
pg_port=5432
ns_srv="ppg-srv-$$"
ns_cli="ppg-cli-$$"

need_root "this benchmark needs root (namespaces, port 67, the postgres user, apt-get): sudo bash bench/dhcp-pg/run.sh"
for r in "${rates[@]}"; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RATES: '$r' is not a positive integer"; done
for s in "${servers[@]}"; do
    case "$s" in kea-pg|phoneprov-pg|phoneprov-sqlite) ;; *) die "BENCH_ONLY: '$s' is not kea-pg, phoneprov-pg or phoneprov-sqlite" ;; esac
done
need_positive secs clients kea_threads pg_pool stop_drops
need_whole warmup
[ "$clients" -le 65000 ] || die "BENCH_CLIENTS=$clients: keep it below the pool size (65,278 addresses)"
case "$pg_sync" in on|off|local) ;; *) die "BENCH_PG_SYNC must be on, local or off, not '$pg_sync'" ;; esac
# Per server: every rate with its slack, warm-up, start-up; then the cluster and teardown.
budget $((${#servers[@]} * (${#rates[@]} * (secs + 5) + warmup + 60) + 150))

# --- tools ----------------------------------------------------------------------------
need_pkg kea-dhcp4-server /usr/sbin/kea-dhcp4
need_pkg kea-admin /usr/sbin/perfdhcp
newest_pg_ctl() { find /usr/lib/postgresql -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -1; }
pg_ctl_found="$(newest_pg_ctl)"
need_pkg postgresql "${pg_ctl_found:-/usr/lib/postgresql/none/bin/pg_ctl}"
install_missing kea-dhcp4 kea-dhcp4-server.service
pg_bin="$(dirname "$(newest_pg_ctl)")"
[ -x "$pg_bin/initdb" ] || die "no /usr/lib/postgresql/*/bin/initdb after installing postgresql"
[ -x /usr/sbin/kea-dhcp4 ] && [ -x /usr/sbin/perfdhcp ] && [ -x /usr/sbin/kea-admin ] || die "kea-dhcp4, perfdhcp or kea-admin missing"
id postgres >/dev/null 2>&1 || die "no postgres user (the postgresql package makes it)"
command -v psql >/dev/null || die "psql missing (postgresql-client; kea-admin needs it too)"
ensure_jar || true   # no jar: phoneprov's rows say so
suite_java_opts
warn_busy_before

# --- work directory, namespaces, the cluster; all removed on exit ---------------------
make_work dhcp-pg
cd "$work"
# The cluster lives apart from the work directory: that one is kept after a failure, the
# cluster never is (its log is copied into the work directory first).
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/phoneprov-bench-pg.XXXXXX")"
srv_pid=""
on_cleanup() {
    [ -z "$srv_pid" ] || stop "$srv_pid" TERM
    pg_down
    cp -f "$pgdir/server.log" "$work/postgresql.log" 2>/dev/null || true
    rm -rf "$pgdir"
}

netns_add "$ns_srv" "$ns_cli"
lab_link "$ns_srv" "$ns_cli" "$srv_addr/16" "$cli_addr/16" ppg
ns_sockbufs 8388608 4194304 "$ns_srv" "$ns_cli"   # as bench/dhcp: bursts overflow 208 KiB
# Some kernels refuse these in a namespace (EINVAL, 6.18 here): then perfdhcp reads through 208 KiB.
cli_rcvbuf="$(ip netns exec "$ns_cli" sysctl -n net.core.rmem_default 2>/dev/null || echo '?')"
wait_link_up "$ns_cli" eth0
log "lab: $ns_srv (lab0 $srv_addr/16, PostgreSQL 127.0.0.1:$pg_port) <-> $ns_cli (eth0 $cli_addr/16)"

# --- PostgreSQL -----------------------------------------------------------------------
# The server refuses to run as root: initdb and pg_ctl run as postgres, which owns only
# $pgdir. Local (socket) logins are trusted, for set-up; TCP logins, which both DHCP servers
# use, need a password (scram-sha-256), as a real deployment would.
as_pg() { (cd "$pgdir" && runuser -u postgres -- "$@"); }   # from a folder postgres may enter
pg_sql() { # DB SQL -> rows, unaligned
    as_pg timeout 60 "$pg_bin/psql" -h "$pgdir" -p "$pg_port" -U postgres -d "$1" \
        -v ON_ERROR_STOP=1 -AtX -c "$2"
}
pg_up() {
    chown postgres:postgres "$pgdir"
    as_pg timeout 120 "$pg_bin/initdb" -D "$pgdir/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >"$pgdir/initdb.log" 2>&1 ||
        { cat "$pgdir/initdb.log" >&2; die "initdb failed"; }
    # Stock settings but the ones a bench must pin: where it listens, and synchronous_commit.
    (cd "$pgdir" && timeout 90 ip netns exec "$ns_srv" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" \
        -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdir -c synchronous_commit=$pg_sync -c track_wal_io_timing=on" start \
        >/dev/null) || { cat "$pgdir/server.log" >&2; die "PostgreSQL did not start"; }
    pg_main="$(head -1 "$pgdir/data/postmaster.pid")"
    log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') up (pid $pg_main, data $pgdir/data, synchronous_commit=$pg_sync)"
}
pg_down() { # fast shutdown; if pg_ctl cannot, SIGKILL exactly the postmaster it recorded
    [ -f "$pgdir/data/postmaster.pid" ] || return 0
    as_pg timeout 30 "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast -w -t 20 stop >/dev/null 2>&1 && return 0
    local p
    p="$(head -1 "$pgdir/data/postmaster.pid" 2>/dev/null || true)"
    [[ "$p" =~ ^[0-9]+$ ]] && kill -KILL "$p" 2>/dev/null || true
}
# shellcheck disable=SC2046  # one PID a word
pg_pids() { echo "$pg_main" $(pgrep -P "$pg_main" || true); }   # the postmaster and its children now
pg_ticks() { local p t=0; for p in $(pg_pids); do t=$((t + $(proc_ticks "$p"))); done; echo "$t"; }
# Commits in DB, and the WAL fsyncs of the whole cluster with the milliseconds they took, from
# the statistics views (PostgreSQL 14+; the time needs track_wal_io_timing). Backends report
# them at most once a second, so a delta over a few seconds is approximate.
pg_counts() {
    pg_sql "$1" "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), wal_sync,
        round(wal_sync_time) FROM pg_stat_wal" | tr '|' ' '
}
pg_role_db() { # ROLE PASSWORD DB: a login role owning DB (PostgreSQL 15: public belongs to the owner)
    pg_sql postgres "CREATE ROLE $1 LOGIN PASSWORD '$2'" >/dev/null
    pg_sql postgres "CREATE DATABASE $3 OWNER $1" >/dev/null
}

pg_up
kea_pw="kea-$$-$RANDOM"; pp_pw="pp-$$-$RANDOM"
pg_role_db kea "$kea_pw" kea
pg_role_db phoneprov "$pp_pw" phoneprov
timeout 60 ip netns exec "$ns_srv" /usr/sbin/kea-admin db-init pgsql -h 127.0.0.1 -P "$pg_port" -u kea -p "$kea_pw" -n kea \
    >"$work/kea-admin.log" 2>&1 || { cat "$work/kea-admin.log" >&2; die "kea-admin db-init pgsql failed"; }
log "kea-admin db-init pgsql: schema $(pg_sql kea "SELECT version || '.' || minor FROM schema_version")"

# --- perfdhcp -------------------------------------------------------------------------
# Unicast to the server address, perfdhcp acting as a relay (giaddr 10.77.0.2): the fastest
# path for both servers, as in bench/dhcp. Full DORA (no -i), -R distinct clients.
perfdhcp_run() { # OUTFILE RATE SECONDS
    local rc=0
    timeout --foreground -k 3 $(($3 + 8)) ip netns exec "$ns_cli" /usr/sbin/perfdhcp -4 -r "$2" -R "$clients" -p "$3" \
        -W 1500000 "$srv_addr" >"$1" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]   # 3: some exchanges got no answer, which is a measurement
}
perfdhcp_stats() { # REPORT -> "DISCOVERs OFFERs REQUESTs ACKs RA_avg RA_max" ("-" for what it lacks)
    awk '/Statistics for:/ { s = /DISCOVER-OFFER/ ? "d" : /REQUEST-ACK/ ? "r" : "" }
         s != "" && /^(sent packets|received packets|avg delay|max delay):/ { split($0, kv, ":"); split(kv[2], w, " "); v[s kv[1]] = w[1] }
         function g(k) { return (k in v) ? v[k] : "-" }
         END { print g("dsent packets"), g("dreceived packets"), g("rsent packets"), g("rreceived packets"), g("ravg delay"), g("rmax delay") }' "$1"
}
answers() { # a handful of exchanges: at least one ACK?
    local st
    perfdhcp_run "$work/probe.txt" 20 1 || return 1
    read -ra st <<< "$(perfdhcp_stats "$work/probe.txt")"
    [[ "${st[3]}" =~ ^[1-9] ]]
}
await_answers() { # PID SECONDS [LOG]: until the server ACKs; not when it dies or says its dhcpd is down
    local end=$((SECONDS + $(cap "$2")))
    while [ "$SECONDS" -lt "$end" ]; do
        kill -0 "$1" 2>/dev/null || return 1
        if [ -n "${3:-}" ] && grep -q 'daemon.unavailable daemon=dhcpd\|suite.idle' "$3" 2>/dev/null; then return 1; fi
        answers && return 0
        sleep 0.5
    done
    return 1
}

# --- servers --------------------------------------------------------------------------
# Kea: the memfile bench's config with the lease database swapped. Kea's ARM ("Multi-Threading
# Settings With Different Database Backends") tunes PostgreSQL at 8 threads and a queue of 11
# packets per thread: each thread waits for its own lease's COMMIT, so more threads than
# cores keep the CPUs busy while commits wait for fsync.
start_kea_pg() {
    mkdir -p "$work/kea"
    # The subnet, pool and lifetime of bench/dhcp, the same for every server here.
    local db="{ \"type\": \"postgresql\", \"name\": \"kea\", \"host\": \"127.0.0.1\", \"port\": $pg_port, \"user\": \"kea\", \"password\": \"$kea_pw\" }"
    local mt="{ \"enable-multi-threading\": true, \"thread-pool-size\": $kea_threads, \"packet-queue-size\": $((11 * kea_threads)) }"
    local net="{ \"id\": 1, \"subnet\": \"10.77.0.0/16\", \"pools\": [ { \"pool\": \"10.77.1.0 - 10.77.255.254\" } ], \"option-data\": [ { \"name\": \"routers\", \"data\": \"$srv_addr\" } ] }"
    local logger="{ \"name\": \"kea-dhcp4\", \"output_options\": [ { \"output\": \"$work/kea/kea.log\" } ], \"severity\": \"WARN\" }"
    printf '{ "Dhcp4": {\n  "interfaces-config": { "interfaces": [ "lab0" ], "dhcp-socket-type": "udp" },\n  "lease-database": %s,\n  "multi-threading": %s,\n  "valid-lifetime": 3600,\n  "subnet4": [ %s ],\n  "loggers": [ %s ]\n} }\n' \
        "$db" "$mt" "$net" "$logger" > "$work/kea/kea-dhcp4.conf"
    chmod 600 "$work/kea/kea-dhcp4.conf"   # it holds the password
    local env=(env KEA_PIDFILE_DIR="$work/kea" KEA_LOCKFILE_DIR="$work/kea")
    timeout 20 ip netns exec "$ns_srv" "${env[@]}" /usr/sbin/kea-dhcp4 -t "$work/kea/kea-dhcp4.conf" >"$work/kea/check.log" 2>&1 ||
        { cat "$work/kea/check.log" >&2; die "kea-dhcp4 -t rejects the generated config"; }
    ip netns exec "$ns_srv" "${env[@]}" /usr/sbin/kea-dhcp4 -c "$work/kea/kea-dhcp4.conf" >"$work/kea/stdout.log" 2>&1 &
    srv_pid=$!
    srv_log="$work/kea/stdout.log"
}
start_phoneprov() { # STORE(pg|sqlite); sets why[] and returns 1 when it cannot start
    local d="$work/pp-$1" name="phoneprov-$1"
    mkdir -p "$d/files" "$d/state"
    # Only dhcpd, on the subnet and pool Kea gets (flow style: one line a section).
    { echo "suite: {name: bench, address: $srv_addr}"
      echo "paths: {files: files, state: state}"
      echo "httpd: {enabled: false}"
      echo "dhcpd: {enabled: true, interface: lab0, subnets: [{subnet: 10.77.0.0/16, pools: [10.77.1.0-10.77.255.254], router: $srv_addr, lease_time: 3600}]}"
    } > "$d/phoneprov.yaml"
    if [ "$1" = pg ]; then
        printf '%s\n' "$pp_pw" > "$d/db.password"
        chmod 600 "$d/db.password"
        echo "store: {type: postgresql, url: 'jdbc:postgresql://127.0.0.1:$pg_port/phoneprov', user: phoneprov, password_file: db.password, pool_size: $pg_pool}" \
            >> "$d/phoneprov.yaml"
    fi
    srv_log="$d/phoneprov.log"
    [ -f "$jar" ] || { why[$name]="$jar missing (build failed)"; return 1; }
    if ! timeout --foreground 60 "$java_bin" -jar "$jar" check --config "$d/phoneprov.yaml" >"$d/check.log" 2>&1; then
        why[$name]="phoneprov check rejects the bench config: $(head -1 "$d/check.log")"
        return 1
    fi
    if [ "$1" = pg ] && ! timeout --foreground 90 ip netns exec "$ns_srv" "$java_bin" -jar "$jar" db migrate \
        --config "$d/phoneprov.yaml" >"$d/migrate.log" 2>&1; then
        why[$name]="phoneprov db migrate failed: $(tail -1 "$d/migrate.log")"
        return 1
    fi
    [ "$1" = pg ] && log "$(head -1 "$d/migrate.log")"
    ip netns exec "$ns_srv" "$java_bin" "${java_opts[@]}" -jar "$jar" run --config "$d/phoneprov.yaml" --only dhcpd \
        >"$srv_log" 2>&1 &
    srv_pid=$!
}

# --- one server through the rates -----------------------------------------------------
declare -A why best peak rows stored batch netd
declare -A r_rate r_sent r_acks r_drop r_ach r_ra_avg r_ra_max r_scpu r_pgcpu r_pcpu r_commits r_per_sync r_sync_ms r_other r_us r_lost
# CPU ticks the machine spent on anything else between two /proc/stat "cpu" lines: all busy
# time (steal included: a busy host) but interrupts and softirqs (the veth traffic), minus OURS.
other_ticks() {
    printf '%s\n%s\n' "$1" "$2" | awk -v ours="$3" '{ b = $2 + $3 + $4 + $9 } NR == 1 { b0 = b } END { d = b - b0 - ours; print (d > 0) ? d : 0 }'
}
rcvbuf_errors() { net_counters "$1" | awk '$1 == "Udp:RcvbufErrors" { print $2; f = 1 } END { if (!f) print 0 }'; }
pct_core() { awk -v d="$1" -v hz="$hz" -v ns="$2" 'BEGIN { printf "%.0f", 100 * d / hz / (ns / 1e9) }'; }

run_server() { # NAME
    local name="$1" db="" i=0 rate f st drop ach s0 s1 g0 g1 w0 w1 p0 p1 c0 c1 m0 m1 l0 t0 t1 k0 k1
    check_deadline "$name start"
    best[$name]=0; peak[$name]=0; rows[$name]=0
    case "$name" in
        kea-pg) db=kea; start_kea_pg ;;
        phoneprov-pg) db=phoneprov; start_phoneprov pg || true ;;
        phoneprov-sqlite) start_phoneprov sqlite || true ;;
    esac
    # A server the rates would only find dead: say why and go on with the next one.
    if [ -n "${why[$name]:-}" ] || ! await_answers "$srv_pid" 40 "$srv_log"; then
        why[$name]="${why[$name]:-does not answer DHCP within 40 s: $(grep -m1 -i 'error\|unavailable' "$srv_log" 2>/dev/null | cut -c1-160)}"
        log "$name: ${why[$name]}"
        [ -f "$srv_log" ] && tail -5 "$srv_log" | sed 's/^/    /' >&2
        [ -z "$srv_pid" ] || stop "$srv_pid" TERM
        srv_pid=""
        return 0
    fi
    log "$name answers (pid $srv_pid); warm-up ${warmup}s at 1000/s"
    [ "$warmup" -eq 0 ] || perfdhcp_run "$work/$name-warmup.txt" 1000 "$warmup" || true
    [ -z "$db" ] || pg_sql postgres CHECKPOINT >/dev/null   # the previous server's dirty pages are not this one's cost
    net_counters "$ns_srv" > "$work/$name-net0"; net_counters "$ns_cli" > "$work/$name-cnet0"
    for rate in "${rates[@]}"; do
        check_deadline "$name at $rate/s"
        kill -0 "$srv_pid" 2>/dev/null || { why[$name]="died at $rate/s"; log "$name ${why[$name]}"; break; }
        f="$work/$name-$rate.txt"
        [ -z "$db" ] || read -r k0 g0 w0 <<< "$(pg_counts "$db")"
        l0="$(rcvbuf_errors "$ns_cli")"
        s0="$(proc_ticks "$srv_pid")"; p0="$(pg_ticks)"; c0="$(child_ticks)"; m0="$(head -1 /proc/stat)"; t0="$(date +%s%N)"
        perfdhcp_run "$f" "$rate" "$secs" || { tail -5 "$f" >&2; die "perfdhcp failed against $name at $rate/s"; }
        s1="$(proc_ticks "$srv_pid")"; p1="$(pg_ticks)"; c1="$(child_ticks)"; m1="$(head -1 /proc/stat)"; t1="$(date +%s%N)"
        read -ra st <<< "$(perfdhcp_stats "$f")"
        r_lost[$name,$i]=$(($(rcvbuf_errors "$ns_cli") - l0))   # replies perfdhcp's full socket dropped
        [[ "${st[0]}" =~ ^[0-9]+$ ]] || st[0]=0
        [[ "${st[3]}" =~ ^[0-9]+$ ]] || st[3]=0
        drop="$(awk -v d="${st[0]}" -v a="${st[3]}" 'BEGIN { printf "%.2f", (d > 0) ? 100 * (d - a) / d : 100 }')"
        ach=$((st[3] / secs))
        r_rate[$name,$i]="$rate"; r_sent[$name,$i]="${st[0]}"; r_acks[$name,$i]="${st[3]}"; r_drop[$name,$i]="$drop"
        r_ach[$name,$i]="$ach"; r_ra_avg[$name,$i]="${st[4]}"; r_ra_max[$name,$i]="${st[5]}"
        r_scpu[$name,$i]="$(pct_core $((s1 - s0)) $((t1 - t0)))"
        r_pgcpu[$name,$i]="$(pct_core $((p1 - p0)) $((t1 - t0)))"
        r_pcpu[$name,$i]="$(pct_core $((c1 - c0)) $((t1 - t0)))"
        # What an ACKed lease cost the server and PostgreSQL together, in CPU microseconds: the
        # comparison that still holds where perfdhcp, not the server, ran out.
        r_us[$name,$i]="$(awk -v d=$((s1 - s0 + p1 - p0)) -v hz="$hz" -v a="${st[3]}" 'BEGIN { printf "%.0f", (a > 0) ? 1e6 * d / hz / a : 0 }')"
        r_other[$name,$i]="$(pct_core "$(other_ticks "$m0" "$m1" $((s1 - s0 + p1 - p0 + c1 - c0)))" $((t1 - t0)))"
        r_commits[$name,$i]="-"; r_per_sync[$name,$i]="-"; r_sync_ms[$name,$i]="-"
        if [ -n "$db" ]; then
            sleep 1.2   # the statistics of the rate's last second reach the views
            read -r k1 g1 w1 <<< "$(pg_counts "$db")"
            r_commits[$name,$i]="$(((k1 - k0) / secs))"
            r_per_sync[$name,$i]="$(awk -v a="${st[3]}" -v s=$((g1 - g0)) 'BEGIN { printf (s > 0) ? "%.1f" : "-", a / s }')"
            r_sync_ms[$name,$i]="$(awk -v t=$((w1 - w0)) -v s=$((g1 - g0)) 'BEGIN { printf (s > 0) ? "%.2f" : "-", t / s }')"
        fi
        log "$name $rate/s: ${st[0]} DISCOVER, ${st[3]} ACK ($ach leases/s), drops $drop%, server ${r_scpu[$name,$i]}% PostgreSQL ${r_pgcpu[$name,$i]}% perfdhcp ${r_pcpu[$name,$i]}%"
        [ "$ach" -le "${peak[$name]}" ] || peak[$name]="$ach"
        if awk -v d="$drop" -v m="$ok_drops" 'BEGIN { exit !(d <= m) }' && [ "$ach" -gt "${best[$name]}" ]; then best[$name]="$ach"; fi
        i=$((i + 1)); rows[$name]="$i"
        if awk -v d="$drop" -v m="$stop_drops" 'BEGIN { exit !(d > m) }'; then
            log "$name: drops above $stop_drops%, not raising the rate further"
            break
        fi
        sleep 1   # let the queues drain between rates
    done
    # A datagram the server's socket had no room for (it stalled) is a drop no server log shows.
    net_counters "$ns_srv" > "$work/$name-net1"; net_counters "$ns_cli" > "$work/$name-cnet1"
    netd[$name]="server namespace: $(net_delta "$work/$name-net0" "$work/$name-net1"); perfdhcp's: $(net_delta "$work/$name-cnet0" "$work/$name-cnet1")"
    stop "$srv_pid" TERM 20
    srv_pid=""
    # What each store holds now, and phoneprov's own count of leases per transaction (the
    # committer's totals, logged when the store closes).
    case "$name" in
        kea-pg) stored[$name]="$(pg_sql kea "SELECT count(*) FROM lease4") rows in lease4" ;;
        phoneprov-pg) stored[$name]="$(pg_sql phoneprov "SELECT count(*) FROM lease") rows in lease" ;;
        phoneprov-sqlite) stored[$name]="$(timeout 30 python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM lease").fetchone()[0])' \
            "$work/pp-sqlite/state/leases.db" 2>/dev/null || echo '?') rows in lease" ;;
    esac
    if [ "$name" != kea-pg ]; then
        batch[$name]="$(grep -o 'lease.store.closed.*' "$srv_log" | tail -1 | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            if (v["transactions"] > 0) printf "%d leases in %d transactions (%.1f a commit)", v["committed"], v["transactions"], v["committed"] / v["transactions"] }')"
    fi
}
for s in "${servers[@]}"; do run_server "$s"; done

# --- report ---------------------------------------------------------------------------
echo
echo "DHCPv4 with leases in PostgreSQL: perfdhcp full DORA, ${secs}s per rate, $clients distinct clients, relayed unicast $cli_addr -> $srv_addr (veth, namespaces)"
echo "$(nproc) CPUs shared by perfdhcp, the server under test and PostgreSQL; CPU busy before the bench (other work): ${busy_before}%"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1 of the server namespace, data on $(df -T "$pgdir" | awk 'NR == 2 {print $2}'), stock settings but synchronous_commit=$pg_sync;"
echo "kea-pg: kea-dhcp4 $(/usr/sbin/kea-dhcp4 -v), thread-pool-size $kea_threads, packet-queue-size $((11 * kea_threads)); phoneprov-pg: store pool_size $pg_pool"
java_opts_line
echo "perfdhcp's socket receive buffer (net.core.rmem_default in its namespace): $cli_rcvbuf bytes"
echo "A rate counts when at most ${ok_drops}% of the DISCOVERs sent did not end in an ACK (drops)."
fmt='%-17s %8s %9s %9s %7s %8s %9s %7s %8s %7s %6s %8s %6s %8s %9s %8s %7s\n'
# shellcheck disable=SC2059
printf "\n$fmt" server "target/s" DISCOVERs ACKs drops% perfLost "leases/s" RA_avg RA_max srvCPU% pgCPU% perfCPU% other% us/lease commits/s ACK/sync fsync_ms
for s in "${servers[@]}"; do
    # shellcheck disable=SC2059
    [ "${rows[$s]}" -gt 0 ] || { printf '%-17s %s\n' "$s" "${why[$s]}"; continue; }
    for ((i = 0; i < rows[$s]; i++)); do
        # shellcheck disable=SC2059
        printf "$fmt" "$s" "${r_rate[$s,$i]}" "${r_sent[$s,$i]}" "${r_acks[$s,$i]}" "${r_drop[$s,$i]}" "${r_lost[$s,$i]}" "${r_ach[$s,$i]}" \
            "${r_ra_avg[$s,$i]}" "${r_ra_max[$s,$i]}" "${r_scpu[$s,$i]}" "${r_pgcpu[$s,$i]}" "${r_pcpu[$s,$i]}" "${r_other[$s,$i]}" "${r_us[$s,$i]}" \
            "${r_commits[$s,$i]}" "${r_per_sync[$s,$i]}" "${r_sync_ms[$s,$i]}"
    done
done
echo "(perfLost = replies that reached perfdhcp's namespace and found its socket full (Udp:RcvbufErrors): drops of the"
echo " load generator, not of the server; RA = REQUEST->ACK delay in ms, from perfdhcp, including the lease's COMMIT; CPU in % of one core: srv = the DHCP"
echo " server, pg = every PostgreSQL process, perf = perfdhcp, other = the rest of the machine (steal included, no"
echo " interrupts); us/lease = CPU time of server + PostgreSQL per ACK; commits/s = transactions committed in the server's database,"
echo " ACK/sync = ACKs per WAL fsync of the cluster, fsync_ms = the mean time of one; from PostgreSQL's statistics views,"
echo " approximate)"
echo
printf '%-17s %14s %13s  %s\n' server "best leases/s" "max leases/s" "store"
for s in "${servers[@]}"; do
    if [ "${rows[$s]}" -gt 0 ]; then
        printf '%-17s %14s %13s  %s\n' "$s" "${best[$s]}" "${peak[$s]}" "${stored[$s]:-}${batch[$s]:+; ${batch[$s]}}${why[$s]:+; ${why[$s]}}"
    else
        printf '%-17s %14s %13s  %s\n' "$s" - - "${why[$s]}"
    fi
done
echo "(best: most leases/s at a rate with <=${ok_drops}% drops; max: at any rate)"
for s in "${servers[@]}"; do [ -z "${netd[$s]:-}" ] || printf 'kernel counters %-17s %s\n' "$s:" "${netd[$s]}"; done
echo
best_of() { [ "${rows[$1]:-0}" -gt 0 ] && [ "${best[$1]}" -gt 0 ] && echo "${best[$1]}" || echo -; }
pp_pg="$(best_of phoneprov-pg)"; kea_pg="$(best_of kea-pg)"; pp_sq="$(best_of phoneprov-sqlite)"
r="$(ratio "$pp_pg" "$kea_pg")"
echo "phoneprov-pg / kea-pg = ${r}x (goal >= $goal): $(verdict "$r" "$goal")"
echo "phoneprov-pg / phoneprov-sqlite = $(ratio "$pp_pg" "$pp_sq")x (what the shared database costs phoneprov)"
echo "kea-pg here: $kea_pg leases/s on $(nproc) CPUs shared with perfdhcp and PostgreSQL; ISC's published figure: $kea_published leases/s (MT, 6 cores) = $(ratio "$kea_pg" "$kea_published")x of it"
top="${rates[${#rates[@]}-1]}"
for s in phoneprov-pg phoneprov-sqlite; do
    [ "$(best_of "$s")" = - ] || [ "${best[$s]}" -lt $((top * 95 / 100)) ] ||
        echo "note: $s kept up with the highest rate tried ($top/s); perfdhcp on the same CPUs, not $s, may be the limit (BENCH_RATES)"
done
# CPU per lease at the highest rate every server passed (<= ok_drops): one "server rate drops"
# line a row, the rate kept when as many servers passed it as were measured.
common="$(for s in "${servers[@]}"; do for ((i = 0; i < ${rows[$s]:-0}; i++)); do echo "$s ${r_rate[$s,$i]} ${r_drop[$s,$i]}"; done; done |
    awk -v m="$ok_drops" -v n="${#servers[@]}" '$3 <= m { ok[$2]++ } END { for (r in ok) if (ok[r] == n && r + 0 > best + 0) best = r; print best }')"
if [ -n "$common" ]; then
    line="server + PostgreSQL CPU per lease at $common/s (the highest rate all passed):"
    for s in "${servers[@]}"; do
        for ((i = 0; i < rows[$s]; i++)); do [ "${r_rate[$s,$i]}" != "$common" ] || line+=" $s ${r_us[$s,$i]} us"; done
    done
    echo "$line"
fi
busy_rates=""
for s in "${servers[@]}"; do
    for ((i = 0; i < ${rows[$s]:-0}; i++)); do
        [ "${r_other[$s,$i]}" -le 15 ] || busy_rates+=" $s@${r_rate[$s,$i]} (${r_other[$s,$i]}%)"
    done
done
[ -z "$busy_rates" ] || echo "WARNING: other work took more than 15% of a core during$busy_rates: those rows are skewed; repeat on a quiet machine"
for s in "${servers[@]}"; do
    case "${netd[$s]:-}" in
        *"perfdhcp's:"*RcvbufErrors*) echo "note: for $s perfdhcp's own socket overflowed (Udp:RcvbufErrors in its namespace): those drops are the load generator's, not the server's" ;;
    esac
done
echo "Noise: perfdhcp, the server and PostgreSQL share the machine; compare servers within one run, repeat when a ratio is near the goal."
