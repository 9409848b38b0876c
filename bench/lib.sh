# shellcheck shell=bash
# bench/lib.sh: what every bench/*/run.sh shares. Sourced, never run:
#
#   here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
#   . "$here/../lib.sh"
#
# It sets repo (the checkout), jar (PHONEPROV_JAR or cli/target/phoneprov.jar), java_bin
# (JAVA or java) and hz (clock ticks a second), and defines:
#   log, die, need_root, need_positive, need_whole       messages and argument checks
#   budget, budget_restart, left, cap, check_deadline    the run's time budget
#   cpu_busy, busy_between, warn_busy_before             how busy the machine is
#   need_pkg, install_missing                             Debian tools, installed when missing
#   ensure_jar, suite_java_opts, java_opts_line           the jar and the suite's JVM options
#   stop, make_work (+ the cleanup trap, on_cleanup)      processes, work directory, exit
#   netns_add, netns_kill, netns_remove, netns_remove_all, lab_link, wait_link_up, ns_sockbufs
#   proc_ticks, child_ticks, mem_kb, rss_kb, hwm_kb, mib  CPU and memory of processes
#   sampler_start, sampler_stop                           a value's maximum, sampled
#   net_counters, net_delta                               kernel drop/retry counters
#   ratio, range, verdict                                 ratios against goals
# Everything it starts (samplers, namespaces, the processes in them) goes on exit, on
# failure and on Ctrl-C; the script adds its own servers in on_cleanup.

# shellcheck disable=SC2034  # globals for the scripts that source this file
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PHONEPROV_JAR:-$repo/cli/target/phoneprov.jar}"
# shellcheck disable=SC2034
java_bin="${JAVA:-java}"
# shellcheck disable=SC2034
hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# --- messages and argument checks -------------------------------------------------------
log() { printf '[bench %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || die "$1"; }
need_positive() { # VARNAME...: each a positive integer
    local v
    for v in "$@"; do [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v='${!v}' is not a positive integer"; done
}
need_whole() { # VARNAME...: each a whole number (0 allowed)
    local v
    for v in "$@"; do [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v='${!v}' is not a whole number"; done
}

# --- time budget ------------------------------------------------------------------------
budget_s=600
budget_margin=0
deadline=$((SECONDS + budget_s))
budget() { # SECONDS [MARGIN]: the run stops once no more than MARGIN seconds are left
    budget_s="$1"
    budget_margin="${2:-0}"
    deadline=$((SECONDS + budget_s))
}
budget_restart() { deadline=$((SECONDS + budget_s)); }   # after a build, which does not count
left() { echo $((deadline - SECONDS)); }
check_deadline() { [ "$(left)" -gt "$budget_margin" ] || die "time budget ($budget_s s) exceeded during: $1"; }
cap() { # SECONDS -> min(SECONDS, time left - 3), at least 1
    local l=$(($(left) - 3))
    [ "$l" -lt 1 ] && l=1
    if [ "$1" -lt "$l" ]; then echo "$1"; else echo "$l"; fi
}

# --- how busy the machine is ------------------------------------------------------------
busy_between() { # two /proc/stat cpu lines -> percent of all CPUs busy between them
    printf '%s\n%s\n' "$1" "$2" | awk '{ t = 0; for (i = 2; i <= NF; i++) t += $i; idle = $5 + $6
        if (NR == 1) { t0 = t; i0 = idle } else printf "%d", (t > t0) ? 100 * (1 - (idle - i0) / (t - t0)) : 0 }'
}
cpu_busy() { # percent of all CPUs busy over one second, from /proc/stat
    local a b
    a="$(head -1 /proc/stat)"; sleep 1; b="$(head -1 /proc/stat)"
    busy_between "$a" "$b"
}
warn_busy_before() { # sets busy_before; warns when other work already keeps the CPUs > 15 % busy
    busy_before="$(cpu_busy)"
    if [ "$busy_before" -gt 15 ]; then
        log "WARNING: CPUs already ${busy_before}% busy before the bench; other work on this machine skews the numbers"
    fi
}

# --- Debian tools -----------------------------------------------------------------------
pkg_missing=()
need_pkg() { # PACKAGE TEST...: PACKAGE is missing unless a TEST holds (/path: executable; name: a command)
    local p="$1" t
    shift
    for t in "$@"; do
        case "$t" in
            /*) [ -x "$t" ] && return 0 ;;
            *) command -v "$t" >/dev/null && return 0 ;;
        esac
    done
    pkg_missing+=("$p")
}
# shellcheck disable=SC2120  # PROCESS UNIT are optional
install_missing() { # [PROCESS UNIT]: apt-get install what need_pkg found missing (apt-get update only then).
    # A temporary policy-rc.d (only if none exists) keeps the packages from starting system
    # daemons; should PROCESS have started anyway (a systemd host ignores policy-rc.d on some
    # paths), UNIT is disabled and exactly the PROCESS PIDs that appeared with it are stopped.
    [ "${#pkg_missing[@]}" -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing ${pkg_missing[*]}; run as root or install them"
    log "installing ${pkg_missing[*]}"
    local policy=/usr/sbin/policy-rc.d made_policy=0 before=" " p rc=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
    fi
    if [ -n "${1:-}" ]; then before=" $(pgrep -x "$1" | tr '\n' ' ' || true) "; fi
    timeout --foreground 120 apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive timeout --foreground 300 apt-get install -y -qq --no-install-recommends \
        "${pkg_missing[@]}" >/dev/null || rc=$?
    if [ "$made_policy" -eq 1 ]; then rm -f "$policy"; fi
    [ "$rc" -eq 0 ] || die "apt-get install ${pkg_missing[*]} failed (exit $rc)"
    if [ -n "${1:-}" ]; then
        if [ -n "${2:-}" ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
            systemctl disable --now "$2" >/dev/null 2>&1 || true
        fi
        for p in $(pgrep -x "$1" || true); do
            case "$before" in *" $p "*) ;; *) log "stopping system $1 pid $p started by the package"; kill "$p" 2>/dev/null || true ;; esac
        done
    fi
    pkg_missing=()
}

# --- the jar and the suite's JVM options ------------------------------------------------
ensure_jar() { # builds the jar with ./phoneprov --version when it is missing; warns when it is older than the sources
    if [ ! -f "$jar" ]; then
        log "building phoneprov ($jar missing)"
        (cd "$repo" && timeout --foreground 900 ./phoneprov --version >/dev/null) || { log "build failed"; return 1; }
        budget_restart   # the build does not count against the bench's budget
        [ -f "$jar" ] || { log "$jar not found after the build"; return 1; }
    elif [ -z "${PHONEPROV_JAR:-}" ] &&
        [ -n "$(find "$repo" -name target -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
        log "WARNING: $jar is older than the sources; './phoneprov --version' rebuilds it"
    fi
    return 0
}
suite_java_opts() { # -> java_opts (array) and java_opts_from: the suite's JVM options
    # BENCH_JAVA_OPTS when set (even empty; split at blanks), else jvm.options at the repository
    # root, the file ./phoneprov reads: one option a line, '#' starts a comment.
    local line
    java_opts=()
    # glibc's malloc arenas, as the launchers set them (see jvm.options, "MALLOC_ARENA_MAX").
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
    if [ -n "${BENCH_JAVA_OPTS+set}" ]; then
        read -ra java_opts <<< "$BENCH_JAVA_OPTS"
        java_opts_from=BENCH_JAVA_OPTS
        return 0
    fi
    [ -r "$repo/jvm.options" ] || die "$repo/jvm.options is missing (the suite's JVM options); or set BENCH_JAVA_OPTS"
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line%%#*}"
        line="${line#"${line%%[![:space:]]*}"}"
        line="${line%"${line##*[![:space:]]}"}"
        [ -z "$line" ] || java_opts+=("$line")
    done < "$repo/jvm.options"
    java_opts_from=jvm.options
}
java_opts_line() { # the line every report prints
    echo "suite JVM options (from $java_opts_from): ${java_opts[*]:-(none)}; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
}

# --- processes, the work directory, the exit trap ---------------------------------------
stop() { # PID SIGNAL [SECONDS]: signal, wait up to SECONDS (10), then SIGKILL
    local _
    kill -"$2" "$1" 2>/dev/null || return 0
    for _ in $(seq 1 $((${3:-10} * 2))); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
keep_work=0   # set to 1 to keep the work directory although the run succeeded
make_work() { # NAME: work=<a new directory in TMPDIR>; installs the exit trap that cleans up
    work="$(mktemp -d "${TMPDIR:-/tmp}/phoneprov-bench-$1.XXXXXX")"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}
bench_cleanup() { # the EXIT trap: the script's on_cleanup EXIT_CODE (its servers), samplers, namespaces, the work directory
    local rc=$?
    set +eu
    trap - INT TERM
    if declare -F on_cleanup >/dev/null; then on_cleanup "$rc"; fi
    sampler_stop_all
    netns_remove_all
    if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ] || [ "$keep_work" -eq 1 ]; then
        log "work directory kept: $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}

# --- network namespaces -----------------------------------------------------------------
bench_netns=()
bench_veths=()
netns_add() { # NS...: new namespaces with lo up, removed on exit
    local ns
    for ns in "$@"; do
        ip netns add "$ns"
        bench_netns+=("$ns")
        ip -n "$ns" link set lo up
    done
}
netns_kill() { # NS...: SIGKILL whatever still runs in them: this script started it
    local ns p
    for ns in "$@"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    done
}
netns_remove() { # NS...: what runs in them killed, then the namespaces deleted
    local ns rest=()
    netns_kill "$@"
    for ns in "$@"; do ip netns del "$ns" 2>/dev/null || true; done
    for ns in "${bench_netns[@]}"; do
        case " $* " in *" $ns "*) ;; *) rest+=("$ns") ;; esac
    done
    bench_netns=("${rest[@]}")
}
netns_remove_all() {
    local v
    [ "${#bench_netns[@]}" -eq 0 ] || netns_remove "${bench_netns[@]}"
    # A veth end still in this namespace (a failure between creating and moving it).
    for v in "${bench_veths[@]}"; do ip link del "$v" 2>/dev/null || true; done
    bench_veths=()
}
lab_link() { # SRV_NS CLI_NS SRV_ADDR/LEN CLI_ADDR/LEN VETH_PREFIX [bridge]
    # A veth pair <prefix>s<pid> / <prefix>c<pid>: lab0 in SRV_NS (the veth itself, or with
    # "bridge" a bridge lab0 holding it), eth0 in CLI_NS; addresses set, all up.
    local srv="$1" cli="$2" vs="${5}s$$" vc="${5}c$$"
    ip link add "$vs" type veth peer name "$vc"
    bench_veths+=("$vs")
    ip link set "$vs" netns "$srv"
    ip link set "$vc" netns "$cli"
    if [ "${6:-}" = bridge ]; then
        ip -n "$srv" link add lab0 type bridge
        ip -n "$srv" link set "$vs" master lab0
        ip -n "$srv" link set "$vs" up
    else
        ip -n "$srv" link set "$vs" name lab0
    fi
    ip -n "$cli" link set "$vc" name eth0
    ip -n "$srv" addr add "$3" dev lab0
    ip -n "$cli" addr add "$4" dev eth0
    ip -n "$srv" link set lab0 up
    ip -n "$cli" link set eth0 up
}
wait_link_up() { # NS DEV: up to 4 s for the carrier
    local _
    for _ in $(seq 1 20); do
        ip -n "$1" link show "$2" | grep -q LOWER_UP && return 0
        sleep 0.2
    done
    ip -n "$1" link show "$2" | grep -q LOWER_UP || die "veth pair did not come up"
}
ns_sockbufs() { # MAX DEFAULT NS...: socket buffer ceiling (and default, unless DEFAULT is -) in bytes, per namespace
    local max="$1" def="$2" ns
    shift 2
    for ns in "$@"; do
        if [ "$def" = - ]; then
            ip netns exec "$ns" sysctl -qw net.core.rmem_max="$max" net.core.wmem_max="$max" 2>/dev/null || true
        else
            ip netns exec "$ns" sysctl -qw net.core.rmem_max="$max" net.core.wmem_max="$max" \
                net.core.rmem_default="$def" net.core.wmem_default="$def" 2>/dev/null || true
        fi
    done
}

# --- CPU and memory of processes --------------------------------------------------------
proc_ticks() { # PID -> utime + stime of the process (all its threads), in clock ticks; 0 once it is gone
    local s fld
    s="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return 0; }
    read -ra fld <<< "${s##*) }"
    echo $((fld[11] + fld[12]))
}
child_ticks() { # cutime + cstime of this shell: CPU of the children it has waited for
    local fld
    read -ra fld <<< "$(sed 's/.*) //' /proc/$$/stat)"
    echo $((fld[13] + fld[14]))
}
mem_kb() { # PID... -> "VmRSS VmHWM" in kB, summed over the PIDs (no fork: cheap enough to sample often)
    local p k v _ r=0 h=0
    for p in "$@"; do
        [ -r "/proc/$p/status" ] || continue
        while read -r k v _; do
            case "$k" in VmRSS:) r=$((r + v)) ;; VmHWM:) h=$((h + v)) ;; esac
        done 2>/dev/null < "/proc/$p/status" || true
    done
    echo "$r $h"
}
rss_kb() { local r _; read -r r _ <<< "$(mem_kb "$@")"; echo "$r"; }   # PID... -> summed VmRSS in kB
hwm_kb() { local _ h; read -r _ h <<< "$(mem_kb "$@")"; echo "$h"; }   # PID... -> summed VmHWM (peak) in kB
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }           # kB -> MiB

# --- sampled maxima ---------------------------------------------------------------------
declare -A bench_sampler=()
sampler_start() { # FILE INTERVAL CMD...: runs CMD (whole numbers on one line) every INTERVAL seconds and keeps
    # in FILE the maximum of each column so far, then the number of samples. It ends at
    # sampler_stop FILE, when this shell ends, or at the time budget's end (60 s slack).
    local f="$1" iv="$2" n
    shift 2
    n="$(awk -v l="$(left)" -v i="$iv" 'BEGIN { printf "%d", (l + 60) / i + 1 }')"
    _sample_once "$f" 0 "$@"
    (
        trap - EXIT INT TERM
        k=1
        while [ "$k" -lt "$n" ] && kill -0 $$ 2>/dev/null; do
            sleep "$iv"
            _sample_once "$f" "$k" "$@"
            k=$((k + 1))
        done
    ) &
    bench_sampler[$f]=$!
}
_sample_once() { # FILE SAMPLES_BEFORE CMD...
    local f="$1" k="$2" v m=() i
    shift 2
    if [ "$k" -gt 0 ] && [ -s "$f" ]; then read -ra m < "$f"; unset "m[${#m[@]}-1]"; fi
    read -ra v <<< "$("$@")"
    for i in "${!v[@]}"; do
        if [ -z "${m[i]:-}" ] || [ "${v[i]}" -gt "${m[i]}" ]; then m[i]="${v[i]}"; fi
    done
    echo "${m[*]} $((k + 1))" > "$f.tmp" && mv -f "$f.tmp" "$f"
}
sampler_stop() { # FILE: ends its sampler; FILE keeps the maxima
    local p="${bench_sampler[$1]:-}"
    [ -n "$p" ] || return 0
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
    unset "bench_sampler[$1]"
    rm -f "$1.tmp"
}
sampler_stop_all() {
    local f
    for f in "${!bench_sampler[@]}"; do sampler_stop "$f"; done
}

# --- kernel counters of a namespace -----------------------------------------------------
# What a lost DISCOVER, RRQ or SYN leaves behind when neither side logs it.
net_counters() { # NS -> "Proto:Name value" lines from /proc/net/snmp and netstat
    timeout 5 ip netns exec "$1" cat /proc/net/snmp /proc/net/netstat 2>/dev/null |
        awk 'NR % 2 == 1 { n = split($0, h) } NR % 2 == 0 { p = h[1]; sub(/:$/, "", p); for (i = 2; i <= NF; i++) print p ":" h[i], $i }'
}
net_delta() { # BEFORE_FILE AFTER_FILE -> "Name +N, ..." for the drop/retry counters that moved, or "none"
    awk 'BEGIN { split("Tcp:RetransSegs Tcp:AttemptFails Tcp:EstabResets TcpExt:ListenOverflows TcpExt:ListenDrops " \
                       "TcpExt:TCPTimeouts TcpExt:TCPSynRetrans Udp:InErrors Udp:RcvbufErrors Udp:SndbufErrors Udp:NoPorts " \
                       "Ip:InDiscards Ip:OutDiscards Ip:OutNoRoutes", k, " "); for (i in k) want[k[i]] = i }
         FNR == NR { b[$1] = $2; next }
         ($1 in want) && $2 - b[$1] != 0 { d[want[$1]] = $1 " +" ($2 - b[$1]) }
         END { s = ""; for (i = 1; i <= 14; i++) if (i in d) s = s (s == "" ? "" : ", ") d[i]; print (s == "" ? "none" : s) }' "$1" "$2"
}

# --- ratios against goals ---------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
range() { # RUNS_A RUNS_B (blank-separated) -> "min(A)/max(B)..max(A)/min(B)": worst to best pairing of single runs
    awk -v a="$1" -v b="$2" 'BEGIN { na = split(a, x, " "); nb = split(b, y, " ")
        if (!na || !nb) { print "-"; exit }
        amin = amax = x[1]; bmin = bmax = y[1]
        for (i = 2; i <= na; i++) { if (x[i] + 0 < amin + 0) amin = x[i]; if (x[i] + 0 > amax + 0) amax = x[i] }
        for (i = 2; i <= nb; i++) { if (y[i] + 0 < bmin + 0) bmin = y[i]; if (y[i] + 0 > bmax + 0) bmax = y[i] }
        if (bmax + 0 == 0 || bmin + 0 == 0) { print "-"; exit }
        printf "%.2f..%.2f", amin / bmax, amax / bmin }'
}
verdict() { # VALUE GOAL [RANGE lo..hi] [ge|le] -> met / NOT MET (VALUE >= GOAL, or <= with le), and whether
    # the run-to-run range straddles the goal
    awk -v r="$1" -v g="$2" -v rg="${3:--}" -v dir="${4:-ge}" 'BEGIN {
        ok = (r != "-") && (dir == "le" ? r + 0 <= g + 0 : r + 0 >= g + 0); v = ok ? "met" : "NOT MET"
        if (split(rg, x, /\.\./) == 2 && (dir == "le" ? x[1] + 0 <= g + 0 && x[2] + 0 > g + 0 : x[1] + 0 < g + 0 && x[2] + 0 >= g + 0))
            v = v " (the run-to-run range straddles the goal: repeat)"
        print v }'
}
