#!/usr/bin/env bash
# TFTP benchmark: phoneprov tftpd against tftp-hpa (Debian's in.tftpd, a forked child per
# transfer), one after the other in one run, with the same clients and the same files:
#   1. lockstep: a 32 MiB file at blksize 1468 with curl (no window), several times, MB/s;
#   2. window:   the same file with atftp, blksize 1468 and windowsize 16 (RFC 7440);
#                tftp-hpa has no window support, so it answers atftp in lockstep and the
#                goal compares phoneprov's window number with tftp-hpa's curl lockstep one;
#   3. storm:    200 concurrent curl clients, each from an address of its own, each fetching
#                one 1 MiB file at curl's default blksize 512; wall time, every copy sha256-checked.
# Everything runs in two network namespaces this script creates (server 10.77.0.1/16 on
# lab0, client 10.77.0.2/16) and removes on exit; no packet leaves them. See
# bench/README.md. Bounded: every client command runs under `timeout`, and the whole run
# stops at a 290 s budget (a default run takes ~45 s on an idle 2-core machine).
#
# Environment (all optional):
#   BENCH_ONLY=hpa|phoneprov  run one server only
#   BENCH_REPS=5            measured fetches per server for parts 1 and 2
#   BENCH_BIG_MIB=32        size of the big file
#   BENCH_BLKSIZE=1468      blksize for parts 1 and 2 (1468 fills a 1500-byte MTU)
#   BENCH_WINDOW=16         windowsize for part 2
#   BENCH_STORM_CLIENTS=200 concurrent clients in part 3
#   BENCH_STORM_MIB=1       size of the file each storm client fetches
#   BENCH_STORM_BLKSIZE=512 blksize the storm clients ask for (512: curl's default)
#   BENCH_STORM_REPS=3      storms per server
#   BENCH_PIN=1             pin the clients to CPU 0 and the server to CPU 1
#   BENCH_JAVA_OPTS="..."   JVM options for phoneprov (default: jvm.options, as ./phoneprov)
#   BENCH_PP_TFTPD_YAML="..."  extra lines for phoneprov's tftpd: section (two-space indent)
#   BENCH_KEEP=1            keep the temporary work directory (configs, logs, client errors)
#   PHONEPROV_JAR=...       the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"

only="${BENCH_ONLY:-}"
reps="${BENCH_REPS:-5}"
big_mib="${BENCH_BIG_MIB:-32}"
blksize="${BENCH_BLKSIZE:-1468}"
window="${BENCH_WINDOW:-16}"
storm_n="${BENCH_STORM_CLIENTS:-200}"
storm_mib="${BENCH_STORM_MIB:-1}"
storm_bs="${BENCH_STORM_BLKSIZE:-512}"
storm_reps="${BENCH_STORM_REPS:-3}"
goal_lock="1.0"     # phoneprov lockstep MB/s >= 1.0 x tftp-hpa's
goal_win="3.0"      # phoneprov windowsize MB/s >= 3 x tftp-hpa's lockstep
goal_storm="2.0"    # tftp-hpa storm time >= 2 x phoneprov's
srv_addr=10.77.0.1
cli_addr=10.77.0.2
ns_srv="ppt-srv-$$"
ns_cli="ppt-cli-$$"
budget 290 5

need_root "this benchmark needs root (network namespaces, port 69, apt-get): run it as: sudo bash bench/tftp/run.sh"
case "$only" in ""|hpa|phoneprov) ;; *) die "BENCH_ONLY must be hpa or phoneprov, not '$only'" ;; esac
need_positive reps big_mib blksize window storm_n storm_mib storm_bs storm_reps
if [ "$blksize" -lt 8 ] || [ "$blksize" -gt 65464 ]; then die "BENCH_BLKSIZE must be 8..65464"; fi
[ "$storm_n" -le 1000 ] || die "BENCH_STORM_CLIENTS=$storm_n: at most 1000"

# --- tools ----------------------------------------------------------------------------
need_pkg curl curl
need_pkg atftp atftp
need_pkg tftpd-hpa /usr/sbin/in.tftpd
need_pkg coreutils sha256sum
need_pkg iproute2 ip
install_missing in.tftpd tftpd-hpa.service
for t in curl atftp sha256sum ip; do command -v "$t" >/dev/null || die "$t missing after install"; done
[ -x /usr/sbin/in.tftpd ] || die "/usr/sbin/in.tftpd missing after install"

if [ "$only" != hpa ]; then ensure_jar || true; fi   # no jar: phoneprov's rows say so
suite_java_opts

warn_busy_before

# --- work directory, namespaces, files; all removed on exit ---------------------------
make_work tftp
cd "$work"   # nothing of this run lands in the caller's directory
# The clients' copies go to RAM when /dev/shm has room, so disk writeback never times a fetch.
need_kb=$(( (storm_n * storm_mib + 2 * big_mib + 64) * 1024 ))
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt "$need_kb" ]; then
    out="$(mktemp -d /dev/shm/phoneprov-bench-tftp-out.XXXXXX)"
else
    out="$work/out"; mkdir -p "$out"
fi
srv_pid=""
cg=""
on_cleanup() {
    sampler_stop_all
    [ -n "$srv_pid" ] && stop "$srv_pid" TERM
    netns_remove_all   # before the cgroup: its processes must be gone
    [ -n "$cg" ] && { sleep 0.2; rmdir "$cg" 2>/dev/null || log "could not remove cgroup $cg"; }
    [ -z "${out:-}" ] || rm -rf "$out"
}

netns_add "$ns_srv" "$ns_cli"
lab_link "$ns_srv" "$ns_cli" "$srv_addr/16" "$cli_addr/16" ppt
# 200 RRQs arrive at port 69 in one burst; give both servers the same larger socket buffers.
ns_sockbufs 8388608 4194304 "$ns_srv" "$ns_cli"
wait_link_up "$ns_cli" eth0
# The storm clients' own addresses: 10.77.1.1 upward (250 per /24).
for ((i = 1; i <= storm_n; i++)); do
    echo "address add 10.77.$((1 + (i - 1) / 250)).$((1 + (i - 1) % 250))/16 dev eth0"
done | ip -n "$ns_cli" -batch - || die "could not add the storm clients' addresses"
log "lab: $ns_srv (lab0 $srv_addr/16) <-> $ns_cli (eth0 $cli_addr/16)"

# Both servers serve this one directory: the same bytes.
root="$work/root"
mkdir -p "$root"
head -c $((big_mib * 1048576)) /dev/urandom > "$root/big.bin"
head -c $((storm_mib * 1048576)) /dev/urandom > "$root/storm.bin"
echo "phoneprov tftp bench probe" > "$root/probe.txt"
big_bytes=$((big_mib * 1048576))
big_sha="$(sha256sum < "$root/big.bin" | cut -d' ' -f1)"
storm_sha="$(sha256sum < "$root/storm.bin" | cut -d' ' -f1)"

# BENCH_PIN=1: the clients on CPU 0, the server on CPU 1 (one core each, no sharing).
srv_pin=(env); cli_pin=(env)
if [ "${BENCH_PIN:-0}" = 1 ]; then
    [ "$(nproc)" -ge 2 ] || die "BENCH_PIN=1 needs two CPUs"
    command -v taskset >/dev/null || die "BENCH_PIN=1 needs taskset (util-linux)"
    srv_pin=(taskset -c 1); cli_pin=(taskset -c 0)
fi

# --- clients (all in the client namespace, all under timeout) -------------------------
cli() { # TIMEOUT CMD... : run in the client namespace
    local t="$1"; shift
    timeout --foreground -k 2 "$(cap "$t")" ip netns exec "$ns_cli" "${cli_pin[@]}" "$@"
}
probe() { # does the server answer a small RRQ with the right bytes?
    rm -f "$out/probe.txt"
    cli 3 curl -sS --connect-timeout 2 -m 2 -o "$out/probe.txt" "tftp://$srv_addr/probe.txt" 2>/dev/null &&
        cmp -s "$out/probe.txt" "$root/probe.txt"
}
# One fetch of big.bin. Prints MB/s (10^6 bytes/s over the wall time of the client
# process) and returns 0, or prints why it failed and returns 1.
fetch_big() { # curl|atftp
    local f="$out/big.bin" t0 t1 rc=0 sha
    rm -f "$f"
    t0="$(date +%s%N)"
    if [ "$1" = curl ]; then
        cli 60 curl -sS --tftp-blksize "$blksize" -o "$f" "tftp://$srv_addr/big.bin" 2>"$work/client.err" || rc=$?
    else
        cli 60 atftp --tftp-timeout 2 --option "blksize $blksize" --option "windowsize $window" \
            -g -r big.bin -l "$f" "$srv_addr" >"$work/client.err" 2>&1 || rc=$?
    fi
    t1="$(date +%s%N)"
    if [ "$rc" -ne 0 ]; then
        echo "$1 exit $rc: $(head -c 120 "$work/client.err" | tr '\n' ' ')"
        return 1
    fi
    sha="$(sha256sum < "$f" | cut -d' ' -f1)"
    [ "$sha" = "$big_sha" ] || { echo "$1: different bytes ($(stat -c %s "$f") of $big_bytes)"; return 1; }
    awk -v b="$big_bytes" -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", b / (ns / 1e9) / 1e6 }'
}
# The storm: N curl processes started at once in the client namespace; prints
# "WALL_NS FAILED_CLIENTS".
# Each client has an address of its own (10.77.1.1 upward, like N phones), so a server's
# per-client limits see N clients, not one.
cat > "$work/storm.sh" <<'EOF'
n="$1" url="$2" bs="$3" dir="$4" to="$5"
pids=()
t0="$(date +%s%N)"
for ((i = 1; i <= n; i++)); do
    timeout -k 2 "$to" curl -sS --interface "10.77.$((1 + (i - 1) / 250)).$((1 + (i - 1) % 250))" \
        --tftp-blksize "$bs" -o "$dir/$i.bin" "$url" 2>"$dir/$i.err" &
    pids+=($!)
done
fail=0
for p in "${pids[@]}"; do wait "$p" || fail=$((fail + 1)); done
t1="$(date +%s%N)"
echo "$((t1 - t0)) $fail"
EOF

# --- measurements of the server -------------------------------------------------------
ns_mem_kb() { # over every process in the server namespace (tftp-hpa: listener + children):
    # "VmRSS_sum_KB PROCS Pss_sum_KB" (Pss shares each shared page among the processes mapping it)
    local p st=() sm=()
    for p in $(ip netns pids "$ns_srv" 2>/dev/null); do st+=("/proc/$p/status"); sm+=("/proc/$p/smaps_rollup"); done
    [ "${#st[@]}" -eq 0 ] && { echo "0 0 0"; return 0; }
    awk '/^VmRSS:/ { r += $2; n++ } /^Pss:/ { p += $2 } END { print r + 0, n + 0, p + 0 }' "${st[@]}" "${sm[@]}" 2>/dev/null || echo "0 0 0"
}
# CPU of the server with every process it forks (tftp-hpa: a child per transfer, which it
# never waits for, so /proc/PID/stat cannot count them): a cpuacct cgroup of our own.
make_cgroup() {
    local d
    if [ -w /sys/fs/cgroup/cpuacct/cgroup.procs ]; then
        d="/sys/fs/cgroup/cpuacct/phoneprov-bench-tftp-$$"
        mkdir "$d" 2>/dev/null && [ -f "$d/cpuacct.usage" ] && cg="$d"
    elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then
        d="/sys/fs/cgroup/phoneprov-bench-tftp-$$"
        mkdir "$d" 2>/dev/null && [ -f "$d/cpu.stat" ] && cg="$d"
    fi
    [ -n "$cg" ] || log "no cgroup for CPU accounting: server CPU is not reported"
}
srv_cpu_ns() { # CPU time of the server's cgroup, in ns ("" without a cgroup)
    [ -n "$cg" ] || { echo ""; return 0; }
    if [ -f "$cg/cpuacct.usage" ]; then cat "$cg/cpuacct.usage"
    else awk '$1 == "usage_usec" { print $2 * 1000 }' "$cg/cpu.stat"; fi
}
in_cgroup() { # CMD...: run CMD inside our cgroup (when there is one)
    # shellcheck disable=SC2016
    sh -c '[ -n "$1" ] && echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$cg" "$@"
}
make_cgroup

# --- servers --------------------------------------------------------------------------
start_hpa() {
    mkdir -p "$work/hpa"
    # --secure: chroot to the root, names relative to it; -u root: no user switch needed;
    # -B: the largest blksize it grants (1468 fills the 1500-byte MTU, as phones ask).
    in_cgroup ip netns exec "$ns_srv" "${srv_pin[@]}" /usr/sbin/in.tftpd --foreground --address "$srv_addr:69" --secure \
        --user root --blocksize "$blksize" "$root" >"$work/hpa/stdout.log" 2>&1 &
    srv_pid=$!
}
start_phoneprov() {
    mkdir -p "$work/pp/state"
    {
        cat <<EOF
suite:
  name: bench
  address: $srv_addr
paths:
  files: $root
  state: state
httpd:
  enabled: false
tftpd:
  enabled: true
  bind: $srv_addr
  port: 69
  max_blksize: $blksize
EOF
        [ -n "${BENCH_PP_TFTPD_YAML:-}" ] && printf '%s\n' "$BENCH_PP_TFTPD_YAML"
    } > "$work/pp/phoneprov.yaml"
    [ -f "$jar" ] || { echo "$jar missing (build failed)" > "$work/pp/why"; return 1; }
    if ! timeout --foreground 60 "$java_bin" -jar "$jar" check --config "$work/pp/phoneprov.yaml" >"$work/pp/check.log" 2>&1; then
        { echo "phoneprov check rejects the bench config:"; head -5 "$work/pp/check.log"; } > "$work/pp/why"
        return 1
    fi
    in_cgroup ip netns exec "$ns_srv" "${srv_pin[@]}" "$java_bin" "${java_opts[@]}" -jar "$jar" run --config "$work/pp/phoneprov.yaml" \
        --only tftpd >"$work/pp/phoneprov.log" 2>&1 &
    srv_pid=$!
}
wait_answering() { # PID SECONDS [LOG: give up at once if it says tftpd is unavailable]
    local end=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$end" ]; do
        kill -0 "$1" 2>/dev/null || return 1
        if [ -n "${3:-}" ] && grep -q 'daemon.unavailable daemon=tftpd\|suite.idle' "$3" 2>/dev/null; then
            return 1
        fi
        probe && return 0
        sleep 0.5
    done
    return 1
}

declare -A ran status lock_runs lock_mean win_runs win_mean win_note storm_s storm_ok storm_cpu storm_ccpu storm_runs rss peak peak_procs peak_pss
servers=()
[ "$only" = phoneprov ] || servers+=(hpa)
[ "$only" = hpa ] || servers+=(phoneprov)
failed_bytes=0
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; if (NF) printf "%.1f", s / NF; else print "-" }' <<< "$1"; }

run_server() { # NAME
    local name="$1" i r line s0 s1 c0 c1 ok n fail
    check_deadline "$name start"
    status[$name]="ok"
    if [ "$name" = hpa ]; then
        start_hpa
        wait_answering "$srv_pid" 15 || { cat "$work/hpa/stdout.log" >&2; die "tftp-hpa (in.tftpd) does not answer"; }
    else
        if ! start_phoneprov || ! wait_answering "$srv_pid" 30 "$work/pp/phoneprov.log"; then
            status[$name]="phoneprov tftpd: not answering yet"
            [ -f "$work/pp/why" ] && status[$name]+=" ($(head -2 "$work/pp/why" | tr '\n' ' ' | sed 's/ *$//'))"
            log "${status[$name]}"
            [ -f "$work/pp/why" ] && sed 's/^/    /' "$work/pp/why" >&2
            [ -f "$work/pp/phoneprov.log" ] && tail -5 "$work/pp/phoneprov.log" | sed 's/^/    /' >&2
            [ -n "$srv_pid" ] && stop "$srv_pid" TERM
            srv_pid=""
            ran[$name]=0
            return 0
        fi
    fi
    ran[$name]=1
    log "$name answers (pid $srv_pid)"
    # The peaks of ns_mem_kb's sums and process count, 4 times a second.
    sampler_start "$work/$name-peak" 0.25 ns_mem_kb

    # Warm-up (the JIT needs it; tftp-hpa gets the same): one fetch with each client.
    check_deadline "$name warm-up"
    r="$(fetch_big curl)" || { status[$name]="lockstep warm-up: $r"; log "$name: ${status[$name]}"; }
    r="$(fetch_big atftp)" || log "$name: windowsize warm-up: $r"

    # 1. lockstep, curl
    lock_runs[$name]=""
    for ((i = 1; i <= reps; i++)); do
        check_deadline "$name lockstep"
        if r="$(fetch_big curl)"; then
            lock_runs[$name]+="$r "
            log "$name lockstep (curl, blksize $blksize) run $i: $r MB/s"
        else
            log "$name lockstep run $i FAILED: $r"
            status[$name]="lockstep: $r"
            case "$r" in *"different bytes"*) failed_bytes=1 ;; esac
        fi
    done
    lock_mean[$name]="$(mean "${lock_runs[$name]}")"

    # 2. windowsize, atftp
    win_runs[$name]=""
    for ((i = 1; i <= reps; i++)); do
        check_deadline "$name windowsize"
        if r="$(fetch_big atftp)"; then
            win_runs[$name]+="$r "
            log "$name windowsize $window (atftp, blksize $blksize) run $i: $r MB/s"
        else
            log "$name windowsize run $i FAILED: $r"
            win_note[$name]="$r"
            case "$r" in *"different bytes"*) failed_bytes=1 ;; esac
        fi
    done
    win_mean[$name]="$(mean "${win_runs[$name]}")"

    # 3. storm, storm_reps times
    storm_runs[$name]=""; storm_ok[$name]=0
    local sc=0 cc=0 j fails=0
    for ((j = 1; j <= storm_reps; j++)); do
        check_deadline "$name storm"
        rm -f "$out"/[0-9]*.bin "$out"/[0-9]*.err
        s0="$(srv_cpu_ns)"; c0="$(child_ticks)"
        line="$(cli 120 bash "$work/storm.sh" "$storm_n" "tftp://$srv_addr/storm.bin" "$storm_bs" "$out" "$(cap 100)")" || line=""
        s1="$(srv_cpu_ns)"; c1="$(child_ticks)"
        ok="$(find "$out" -maxdepth 1 -name '[0-9]*.bin' -exec sha256sum {} + | awk -v h="$storm_sha" '$1 == h' | wc -l)"
        read -r n fail <<< "${line:-0 $storm_n}"
        r="$(awk -v ns="$n" 'BEGIN { printf "%.2f", ns / 1e9 }')"
        storm_runs[$name]+="$r "
        storm_ok[$name]=$((storm_ok[$name] + ok))
        [ -n "$s0" ] && [ -n "$s1" ] && sc=$((sc + s1 - s0))
        cc=$((cc + c1 - c0))
        log "$name storm run $j: $storm_n clients x $storm_mib MiB (blksize $storm_bs) in $r s; $ok identical copies, $fail clients failed"
        if [ "$ok" -ne "$storm_n" ]; then
            fails=1
            [ -n "$line" ] && [ "$fail" -eq 0 ] && failed_bytes=1
            find "$out" -maxdepth 1 -name '[0-9]*.err' -size +0 -exec cat {} + 2>/dev/null | sort | uniq -c | sort -rn | head -3 | sed 's/^/    /' >&2 || true
            [ "${BENCH_KEEP:-0}" = 1 ] && mkdir -p "$work/$name-storm-$j-errors" && cp "$out"/*.err "$work/$name-storm-$j-errors/" 2>/dev/null
        fi
        rm -f "$out"/[0-9]*.bin
    done
    [ "$fails" -eq 0 ] || status[$name]="storm: only ${storm_ok[$name]} of $((storm_n * storm_reps)) copies identical"
    storm_s[$name]="$(awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.2f", s / NF }' <<< "${storm_runs[$name]}")"
    if [ -n "$cg" ]; then
        storm_cpu[$name]="$(awk -v d="$sc" -v k="$storm_reps" 'BEGIN { printf "%.2f", d / 1e9 / k }')"
    else
        storm_cpu[$name]="-"
    fi
    storm_ccpu[$name]="$(awk -v d="$cc" -v hz="$hz" -v k="$storm_reps" 'BEGIN { printf "%.2f", d / hz / k }')"
    log "$name storm: mean ${storm_s[$name]} s; per run: server CPU ${storm_cpu[$name]} s, clients ${storm_ccpu[$name]} s"

    read -r "rss[$name]" _ _ <<< "$(ns_mem_kb)"
    sampler_stop "$work/$name-peak"
    read -r "peak[$name]" "peak_procs[$name]" "peak_pss[$name]" _ < "$work/$name-peak"
    stop "$srv_pid" TERM
    srv_pid=""
    netns_kill "$ns_srv" "$ns_cli"   # tftp-hpa children of a storm that timed out
}
for s in "${servers[@]}"; do run_server "$s"; done

# --- report ---------------------------------------------------------------------------
label() { [ "$1" = hpa ] && echo tftp-hpa || echo phoneprov; }
echo
echo "TFTP: $big_mib MiB file at blksize $blksize; storm: $storm_n concurrent curl clients x $storm_mib MiB at blksize $storm_bs (curl's default)"
echo "veth between two namespaces, $srv_addr -> $cli_addr; $(nproc) CPUs shared by clients and server; CPU busy before the bench: ${busy_before}%"
echo "MB/s = 10^6 bytes per second of client wall time; every copy sha256-checked against the served file"
[ "$only" = hpa ] || java_opts_line
printf '\n%-10s %-28s %s\n' server "part" "per run (MB/s; storm: s)"
for s in "${servers[@]}"; do
    if [ "${ran[$s]}" -eq 0 ]; then printf '%-10s %s\n' "$(label "$s")" "${status[$s]}"; continue; fi
    printf '%-10s %-28s %s\n' "$(label "$s")" "1 lockstep (curl)" "${lock_runs[$s]:-none}"
    if [ "$s" = hpa ]; then
        printf '%-10s %-28s %s\n' "$(label "$s")" "2 atftp ws$window (no window)" "${win_runs[$s]:-none}"
    else
        printf '%-10s %-28s %s\n' "$(label "$s")" "2 windowsize $window (atftp)" "${win_runs[$s]:-none} ${win_note[$s]:-}"
    fi
    printf '%-10s %-28s %s\n' "$(label "$s")" "3 storm (s per run)" "${storm_runs[$s]:-none}"
done
printf '\n%-10s %9s %9s %8s %8s %8s %8s %8s %9s %9s %6s  %s\n' server "lock MB/s" "win MB/s" "storm s" "storm ok" srvCPU_s cliCPU_s RSS_MiB peakRSS peakPSS procs notes
for s in "${servers[@]}"; do
    if [ "${ran[$s]}" -eq 0 ]; then
        printf '%-10s %9s %9s %8s %8s %8s %8s %8s %9s %9s %6s  %s\n' "$(label "$s")" - - - - - - - - - - "${status[$s]}"
        continue
    fi
    printf '%-10s %9s %9s %8s %8s %8s %8s %8s %9s %9s %6s  %s\n' "$(label "$s")" "${lock_mean[$s]}" "${win_mean[$s]}" \
        "${storm_s[$s]}" "${storm_ok[$s]}/$((storm_n * storm_reps))" "${storm_cpu[$s]}" "${storm_ccpu[$s]}" "$(mib "${rss[$s]}")" \
        "$(mib "${peak[$s]}")" "$(mib "${peak_pss[$s]}")" "${peak_procs[$s]}" "${status[$s]}"
done
echo "(lock: mean MB/s of $reps curl runs; win: of $reps atftp runs with windowsize $window, which tftp-hpa ignores: it"
echo " answers lockstep; storm s: mean wall time of $storm_reps storms; srvCPU_s / cliCPU_s: CPU seconds per storm of the"
echo " server (with every process it forked) and of the $storm_n clients; RSS_MiB: VmRSS after the storms; peakRSS /"
echo " peakPSS: the highest sum of VmRSS / Pss over the server's processes, sampled 4x/s over the whole run; procs: the"
echo " most server processes seen at once)"
echo
if [ "${ran[hpa]:-0}" -eq 1 ] && [ "${ran[phoneprov]:-0}" -eq 1 ]; then
    r1="$(ratio "${lock_mean[phoneprov]}" "${lock_mean[hpa]}")"
    r1r="$(range "${lock_runs[phoneprov]}" "${lock_runs[hpa]}")"
    r2="$(ratio "${win_mean[phoneprov]}" "${lock_mean[hpa]}")"
    r2r="$(range "${win_runs[phoneprov]}" "${lock_runs[hpa]}")"
    r2b="$(ratio "${win_mean[phoneprov]}" "${win_mean[hpa]}")"
    if [ "${storm_ok[phoneprov]}" -eq $((storm_n * storm_reps)) ] && [ "${storm_ok[hpa]}" -eq $((storm_n * storm_reps)) ]; then
        r3="$(ratio "${storm_s[hpa]}" "${storm_s[phoneprov]}")"
        r3r="$(range "${storm_runs[hpa]}" "${storm_runs[phoneprov]}")"
    else
        r3="-"; r3r="-"
    fi
    echo "lockstep   phoneprov/tftp-hpa MB/s = $r1 (run-to-run range $r1r); goal >= ${goal_lock}x: $(verdict "$r1" "$goal_lock" "$r1r")"
    echo "window     phoneprov ws$window / tftp-hpa lockstep (curl) MB/s = $r2 (range $r2r); goal >= ${goal_win}x: $(verdict "$r2" "$goal_win" "$r2r")"
    echo "           (same client, atftp against atftp: $r2b)"
    echo "storm      tftp-hpa time / phoneprov time = $r3 (range $r3r); goal >= ${goal_storm}x faster, all copies identical: $(verdict "$r3" "$goal_storm" "$r3r")"
    [ "${storm_cpu[hpa]}" != - ] &&
        echo "           server CPU per storm, tftp-hpa / phoneprov = $(ratio "${storm_cpu[hpa]}" "${storm_cpu[phoneprov]}")"
elif [ "$only" != hpa ] && [ "${ran[phoneprov]:-0}" -eq 0 ]; then
    echo "ratios: not measured (${status[phoneprov]})"
fi
for s in "${servers[@]}"; do
    if [ "${ran[$s]}" -ne 1 ] || [ "${storm_cpu[$s]}" = - ]; then continue; fi
    busy="$(awk -v a="${storm_cpu[$s]}" -v b="${storm_ccpu[$s]}" -v t="${storm_s[$s]}" -v n="$(nproc)" 'BEGIN { printf "%.0f", 100 * (a + b) / (t * n) }')"
    if [ "$busy" -ge 85 ]; then
        echo "WARNING: $(label "$s")'s storm kept the $(nproc) CPUs ${busy}% busy with server + clients alone: the machine, not only the server, set its time."
    fi
done
echo "Noise: clients and server share $(nproc) CPUs (the storm's $storm_n curl processes above all); compare servers within one run."
[ "$failed_bytes" -eq 0 ] || die "a server delivered different bytes (see above)"
