#!/usr/bin/env bash
# HTTP benchmark: the whole phoneprov suite (dhcpd, tftpd, httpd, sipd in one JVM, on
# loopback) against nginx, side by side in one run, serving the same 10,000 MAC-specific
# config files (ST20xx_<MAC>.txt) to wrk over loopback. Reported against the goals:
# throughput phoneprov/nginx >= 1.0x, p99 latency phoneprov/nginx <= 2.0x in the same run,
# and the suite's RSS (sampled during every load run, and VmHWM) <= 128 MiB.
# See bench/README.md. Bounded: every step has a timeout; the whole run takes ~2 minutes
# (about 4 x BENCH_DURATION + 2 x BENCH_WARMUP + 20 s).
#
# Environment (all optional):
#   BENCH_DEVICES=10000   devices in the generated inventory
#   BENCH_DURATION=20     seconds per measured wrk run
#   BENCH_WARMUP=8        seconds of warm-up per server
#   BENCH_THREADS=2 BENCH_CONNECTIONS=64   wrk -t / -c
#   BENCH_PP_PORT=18080 BENCH_NGINX_PORT=18081   HTTP ports (TCP, 127.0.0.1)
#   BENCH_TFTP_PORT=18069 BENCH_DHCP_PORT=18067 BENCH_SIP_PORT=15060   the other daemons' ports (UDP)
#   BENCH_JAVA_OPTS="..."  JVM options for the suite (default: jvm.options, as ./phoneprov)
#   BENCH_KEEP=1          keep the temporary work directory
#   PHONEPROV_JAR=...     the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"

devices="${BENCH_DEVICES:-10000}"
duration="${BENCH_DURATION:-20}"
warmup="${BENCH_WARMUP:-8}"
threads="${BENCH_THREADS:-2}"
conns="${BENCH_CONNECTIONS:-64}"
pp_port="${BENCH_PP_PORT:-18080}"
ng_port="${BENCH_NGINX_PORT:-18081}"
tftp_port="${BENCH_TFTP_PORT:-18069}"
dhcp_port="${BENCH_DHCP_PORT:-18067}"
sip_port="${BENCH_SIP_PORT:-15060}"
host=127.0.0.1
goal_tput="1.0"     # phoneprov req/s >= 1.0 x nginx's
goal_p99="2.0"      # phoneprov p99 <= 2.0 x nginx's, in the same run
goal_rss_mib=128    # the whole suite's RSS
sample_every=0.25   # seconds between RSS samples during a load run
need_positive devices duration warmup threads conns pp_port ng_port tftp_port dhcp_port sip_port
budget $((4 * duration + 2 * warmup + 120))

# --- tools ----------------------------------------------------------------------------
need_pkg wrk wrk
need_pkg nginx-light nginx /usr/sbin/nginx
need_pkg curl curl
install_missing
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
ensure_jar || die "no phoneprov jar ($jar)"
suite_java_opts

for port in "$pp_port" "$ng_port"; do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
        die "port $host:$port is already in use (set BENCH_PP_PORT / BENCH_NGINX_PORT)"
    fi
done
# UDP sockets with SO_REUSEADDR can share a port without an error: look first.
if command -v ss >/dev/null; then
    for port in "$tftp_port" "$dhcp_port" "$sip_port"; do
        [ -z "$(ss -Hunl "sport = :$port" 2>/dev/null)" ] ||
            die "UDP port $port is already in use (set BENCH_TFTP_PORT / BENCH_DHCP_PORT / BENCH_SIP_PORT)"
    done
fi

warn_busy_before

# --- work directory, servers stopped on exit ------------------------------------------
make_work http
pp_pid=""
ng_pid=""
on_cleanup() {
    [ -n "$pp_pid" ] && stop "$pp_pid" TERM 15
    [ -n "$ng_pid" ] && stop "$ng_pid" QUIT 15
    return 0
}

# --- config: the whole suite on loopback, $devices devices ------------------------------
# dhcpd: relay-only (no interface: no SO_BINDTODEVICE, no broadcasts), a high port, the
# subnet its relay would sit in; tftpd: a high port; sipd: the plug-and-play group joined on
# lo at a high port, answers from 127.0.0.1; httpd: the server under test.
mkdir -p "$work/files" "$work/state" "$work/rendered"
cat > "$work/phoneprov.yaml" <<EOF
suite:
  name: bench
  address: $host
paths:
  files: files
  state: state
httpd:
  enabled: true
  bind: $host
  port: $pp_port
  limits:                 # wrk is one address holding all its connections (default cap 64)
    max_per_client: $(( conns > 64 ? conns : 64 ))
    max_connections: $(( conns > 4096 ? conns : 4096 ))
tftpd:
  enabled: true
  bind: $host
  port: $tftp_port
dhcpd:
  enabled: true
  bind: $host
  port: $dhcp_port
  subnets:
    - subnet: 127.77.0.0/16       # reached through a relay at 127.77.0.1 (giaddr); nothing sends here
      pools: ["127.77.1.1-127.77.255.254"]
      router: 127.77.0.1
sipd:
  enabled: true
  interface: lo
  port: $sip_port
  pnp:
    allow: [127.0.0.0/8]
    vendors:
      - {user_agent: "^(Gigaset )?N510", url: "http://$host:$pp_port/gigaset/{MAC}.xml"}
inventory: devices.yaml
EOF
awk -v n="$devices" 'BEGIN {
    split("ST2030S ST2030M ST2022S ST2022M", models, " ")
    print "devices:"
    for (i = 1; i <= n; i++) {
        mac = sprintf("00:14:7F:%02X:%02X:%02X", int(i / 65536) % 256, int(i / 256) % 256, i % 256)
        num = 100000 + i
        printf "  - mac: %s\n    model: %s\n    lines:\n", mac, models[(i - 1) % 4 + 1]
        printf "      - {number: \"%d\", auth_user: \"%d\", password: \"pw%d\", display_name: \"User %d\", registrar: pbx.example.lan}\n", num, num, num, num
    }
}' > "$work/devices.yaml"
log "config: $devices devices in $work/devices.yaml"

timeout --foreground 60 "$java_bin" -jar "$jar" check --config "$work/phoneprov.yaml" >"$work/check.log" 2>&1 \
    || { cat "$work/check.log" >&2; die "phoneprov check failed"; }
timeout --foreground 120 "$java_bin" -jar "$jar" render --config "$work/phoneprov.yaml" --all --transport http \
        --out "$work/rendered" >"$work/render.log" 2>&1 \
    || { tail -20 "$work/render.log" >&2; die "phoneprov render --all failed"; }
# Request paths: every MAC-specific file the render produced (<MODEL>_<12 hex>.txt).
(cd "$work/rendered" && find . -maxdepth 1 -type f -regextype posix-extended \
    -regex '\./ST20[0-9]{2}[A-Z]_[0-9A-Fa-f]{12}\.txt' | sed 's|^\./|/|' | sort) > "$work/paths.txt"
npaths="$(wc -l < "$work/paths.txt")"
log "rendered $(find "$work/rendered" -type f | wc -l) files, $npaths MAC configs"
[ "$npaths" -eq "$devices" ] || die "expected $devices MAC config files in the render, found $npaths"
check_deadline "render"

# --- servers --------------------------------------------------------------------------
cat > "$work/nginx.conf" <<EOF
user root;
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=20000 inactive=60s;
    open_file_cache_valid 60s;
    types { text/plain txt inf; text/xml xml; }
    default_type application/octet-stream;
    client_body_temp_path $work/nginx-tmp;
    proxy_temp_path $work/nginx-tmp;
    fastcgi_temp_path $work/nginx-tmp;
    uwsgi_temp_path $work/nginx-tmp;
    scgi_temp_path $work/nginx-tmp;
    server {
        listen $host:$ng_port;
        root $work/rendered;
    }
}
EOF
mkdir -p "$work/nginx-tmp"
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" >"$work/nginx.out" 2>&1 &
ng_pid=$!

# The whole suite; should a daemon other than httpd be unable to start here, the suite is
# started again without it (said in the report), at most three times.
daemons=(dhcpd tftpd httpd sipd)
missing_daemons=""
start_suite() { # -> 0 once suite.started is logged; 1 with the daemon that failed in $failed_daemon
    local _ only
    only="$(IFS=,; echo "${daemons[*]}")"
    "$java_bin" "${java_opts[@]}" -jar "$jar" run --config "$work/phoneprov.yaml" --only "$only" \
        >"$work/phoneprov.log" 2>&1 &
    pp_pid=$!
    for _ in $(seq 1 240); do
        grep -q 'suite.started' "$work/phoneprov.log" && return 0
        kill -0 "$pp_pid" 2>/dev/null || break
        sleep 0.25
    done
    stop "$pp_pid" TERM
    pp_pid=""
    failed_daemon="$(sed -n 's/.*suite\.start_failed error="\([a-z]*\).*/\1/p' "$work/phoneprov.log" | head -1)"
    return 1
}
for attempt in 1 2 3 4; do
    start_suite && break
    why="$(grep -m1 -o 'suite.start_failed.*' "$work/phoneprov.log" || tail -1 "$work/phoneprov.log")"
    case " ${daemons[*]} " in *" $failed_daemon "*) ;; *) failed_daemon="" ;; esac
    if [ -z "$failed_daemon" ] || [ "$failed_daemon" = httpd ] || [ "$attempt" -eq 4 ]; then
        tail -30 "$work/phoneprov.log" >&2
        die "the suite did not start: $why"
    fi
    log "WARNING: $failed_daemon cannot run here ($why); starting the suite without it"
    why="${why#*error=\"}"
    missing_daemons+="$failed_daemon: ${why%\"}; "
    cp "$work/phoneprov.log" "$work/phoneprov-attempt-$attempt.log"
    rest=()
    for d in "${daemons[@]}"; do [ "$d" = "$failed_daemon" ] || rest+=("$d"); done
    daemons=("${rest[@]}")
done
[ -n "$pp_pid" ] || die "the suite did not start"
sleep 0.5   # the daemons log their sockets around suite.started
for d in "${daemons[@]}"; do
    grep -q "$d.listening" "$work/phoneprov.log" || { tail -30 "$work/phoneprov.log" >&2; die "$d did not log $d.listening"; }
done
case " ${daemons[*]} " in *" sipd "*)
    grep -q 'sipd.joined' "$work/phoneprov.log" || { tail -30 "$work/phoneprov.log" >&2; die "sipd did not join its group on lo"; } ;;
esac
suite_desc="$(IFS=,; echo "${daemons[*]}")"

first="$(head -1 "$work/paths.txt")"
wait_up() { # PORT PID
    local _
    for _ in $(seq 1 120); do
        kill -0 "$2" 2>/dev/null || return 1
        curl -sf -o /dev/null --max-time 2 "http://$host:$1$first" && return 0
        sleep 0.5
    done
    return 1
}
wait_up "$ng_port" "$ng_pid" || { cat "$work/nginx-error.log" "$work/nginx.out" >&2; die "nginx did not start"; }
wait_up "$pp_port" "$pp_pid" || { tail -30 "$work/phoneprov.log" >&2; die "phoneprov httpd did not start"; }
log "servers up: phoneprov pid $pp_pid ($suite_desc) with httpd on :$pp_port, nginx pid $ng_pid on :$ng_port"
check_deadline "start"

# --- same bytes from both -------------------------------------------------------------
samples=("$first" "$(sed -n "$((npaths / 2))p" "$work/paths.txt")" "$(tail -1 "$work/paths.txt")")
for m in ST2030S ST2030M ST2022S ST2022M; do
    p="$(grep -m1 "^/${m}_" "$work/paths.txt" || true)"
    [ -n "$p" ] && samples+=("$p")
done
mac_samples=${#samples[@]}
# ... and every generated file that is not a MAC config (INFs, common configs, telcfgs).
while IFS= read -r f; do samples+=("/$f"); done < <(cd "$work/rendered" && find . -maxdepth 1 -type f \
    -printf '%f\n' | grep -Ev '^ST20[0-9]{2}[A-Z]_[0-9A-Fa-f]{12}\.txt$' | sort)
for p in "${samples[@]}"; do
    a="$(curl -sf --max-time 5 "http://$host:$pp_port$p" | sha256sum | cut -d' ' -f1)"
    b="$(curl -sf --max-time 5 "http://$host:$ng_port$p" | sha256sum | cut -d' ' -f1)"
    c="$(sha256sum < "$work/rendered${p}" | cut -d' ' -f1)"
    if [ "$a" != "$b" ] || [ "$b" != "$c" ]; then
        die "bytes differ for $p: phoneprov $a, nginx $b, render $c"
    fi
done
log "identical bytes (sha256) from phoneprov, nginx and render for ${#samples[@]} files"
# tftpd of the same suite serves the MAC configs too (INFs differ by transport: names, not URLs).
if [ "${daemons[*]}" != "${daemons[*]/tftpd/}" ]; then
    for p in "${samples[@]:0:$mac_samples}"; do
        a="$(curl -sf --max-time 5 "tftp://$host:$tftp_port$p" | sha256sum | cut -d' ' -f1)"
        c="$(sha256sum < "$work/rendered${p}" | cut -d' ' -f1)"
        [ "$a" = "$c" ] || die "tftpd on :$tftp_port does not serve $p as rendered (sha256 $a, render $c)"
    done
    log "tftpd serves the same bytes for $mac_samples MAC configs"
fi

# --- load -----------------------------------------------------------------------------
export BENCH_PATHS="$work/paths.txt"
mapfile -t ng_pids < <(echo "$ng_pid"; pgrep -P "$ng_pid" || true)   # nginx: master and workers
run_wrk() { # LABEL PORT SECONDS PID...: the wrk report into $work/wrk-LABEL.txt, the RSS maxima into $work/mem-LABEL
    local label="$1" port="$2" secs="$3"
    shift 3
    local t0=0 t1=0 p
    for p in "$@"; do t0=$((t0 + $(proc_ticks "$p"))); done
    sampler_start "$work/mem-$label" "$sample_every" mem_kb "$@"
    timeout --foreground $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s --latency \
        -s "$here/paths.lua" "http://$host:$port/" > "$work/wrk-$label.txt" 2>&1 \
        || { cat "$work/wrk-$label.txt" >&2; die "wrk failed against $label"; }
    sampler_stop "$work/mem-$label"
    for p in "$@"; do t1=$((t1 + $(proc_ticks "$p"))); done
    echo $((t1 - t0)) > "$work/cpu-$label"
}
reqs() { awk '/^Requests\/sec:/ {print $2}' "$work/wrk-$1.txt"; }
p99() { # -> milliseconds
    awk '$1 == "99%" {
        v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
        printf "%.2f", v }' "$work/wrk-$1.txt"
}
errors() { # non-2xx responses plus socket errors
    awk '/Non-2xx or 3xx responses:/ {n += $NF}
         /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { gsub(",", "", $i); n += $i } }
         END {print n + 0}' "$work/wrk-$1.txt"
}
peak_kb() { # the highest VmRSS sampled in that run, or read right after it
    local r _
    read -r r _ < "$work/mem-$1"
    if [ -n "${rss_of[$1]:-}" ] && [ "${rss_of[$1]}" -gt "$r" ]; then r="${rss_of[$1]}"; fi
    echo "$r"
}
samples_of() { awk '{ print $NF }' "$work/mem-$1"; }
cpu_us() { # the server's CPU per request in that run, in microseconds (all its threads / processes)
    awk -v t="$(cat "$work/cpu-$1")" -v hz="$hz" -v r="$(reqs "$1")" -v d="$duration" \
        'BEGIN { if (r + 0 == 0) print "-"; else printf "%.1f", t / hz * 1e6 / (r * d) }'
}

declare -A rss_of
log "warm-up ${warmup}s each"
run_wrk warm-phoneprov "$pp_port" "$warmup" "$pp_pid"
run_wrk warm-nginx "$ng_port" "$warmup" "${ng_pids[@]}"
check_deadline "warm-up"
# Alternate the servers (P N P N): drift in the machine's state hits both alike.
runs=(phoneprov-1 nginx-1 phoneprov-2 nginx-2)
for r in "${runs[@]}"; do
    check_deadline "$r"
    log "$r (${duration}s, wrk -t$threads -c$conns)"
    case "$r" in
        phoneprov-*)
            run_wrk "$r" "$pp_port" "$duration" "$pp_pid"
            rss_of[$r]="$(rss_kb "$pp_pid")" ;;
        nginx-*)
            run_wrk "$r" "$ng_port" "$duration" "${ng_pids[@]}"
            rss_of[$r]="$(rss_kb "${ng_pids[@]}")" ;;
    esac
done
kill -0 "$pp_pid" 2>/dev/null || { tail -20 "$work/phoneprov.log" >&2; die "the suite died under load"; }
pp_hwm="$(hwm_kb "$pp_pid")"

# --- report ---------------------------------------------------------------------------
mean() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (a + b) / 2}'; }
mean2() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (a + b) / 2}'; }
echo
echo "HTTP: $npaths MAC config files cycled, wrk -t$threads -c$conns -d${duration}s, loopback, $(nproc) CPUs shared by servers and wrk"
if [ -z "$missing_daemons" ]; then
    echo "phoneprov: the whole suite in one JVM on $host: httpd :$pp_port, tftpd :$tftp_port, dhcpd :$dhcp_port (relay-only),"
    echo "  sipd 224.0.1.75:$sip_port joined on lo; only httpd gets load"
else
    echo "phoneprov: NOT the whole suite: $suite_desc in one JVM on $host (${missing_daemons%; }); only httpd gets load"
fi
java_opts_line
echo "CPU busy before the bench (other work): ${busy_before}%"
printf '%-12s %11s %9s %7s %9s %9s %11s\n' run req/s p99_ms errors RSS_MiB peak_MiB CPU_us/req
total_err=0
for r in "${runs[@]}"; do
    printf '%-12s %11.0f %9s %7s %9s %9s %11s\n' "$r" "$(reqs "$r")" "$(p99 "$r")" "$(errors "$r")" "$(mib "${rss_of[$r]}")" "$(mib "$(peak_kb "$r")")" "$(cpu_us "$r")"
    total_err=$((total_err + $(errors "$r")))
done
pp_mean="$(mean "$(reqs phoneprov-1)" "$(reqs phoneprov-2)")"
ng_mean="$(mean "$(reqs nginx-1)" "$(reqs nginx-2)")"
pp_p99="$(mean2 "$(p99 phoneprov-1)" "$(p99 phoneprov-2)")"
ng_p99="$(mean2 "$(p99 nginx-1)" "$(p99 nginx-2)")"
pp_peak=0; ng_peak=0; pp_samples=0
for r in warm-phoneprov phoneprov-1 phoneprov-2; do
    [ "$(peak_kb "$r")" -gt "$pp_peak" ] && pp_peak="$(peak_kb "$r")"
    pp_samples=$((pp_samples + $(samples_of "$r")))
done
for r in warm-nginx nginx-1 nginx-2; do [ "$(peak_kb "$r")" -gt "$ng_peak" ] && ng_peak="$(peak_kb "$r")"; done
echo
printf '%-12s %11s %13s %9s %9s\n' server "mean req/s" "mean p99_ms" "RSS_MiB" "peak_MiB"
printf '%-12s %11s %13s %9s %9s\n' phoneprov "$pp_mean" "$pp_p99" "$(mib "${rss_of[phoneprov-2]}")" "$(mib "$pp_peak")"
printf '%-12s %11s %13s %9s %9s\n' nginx "$ng_mean" "$ng_p99" "$(mib "${rss_of[nginx-2]}")" "$(mib "$ng_peak")"
echo
t_ratio="$(ratio "$pp_mean" "$ng_mean")"
t_range="$(range "$(reqs phoneprov-1) $(reqs phoneprov-2)" "$(reqs nginx-1) $(reqs nginx-2)")"
t_met="$(verdict "$t_ratio" "$goal_tput" "$t_range")"
l_ratio="$(ratio "$pp_p99" "$ng_p99")"
l_range="$(range "$(p99 phoneprov-1) $(p99 phoneprov-2)" "$(p99 nginx-1) $(p99 nginx-2)")"
l_met="$(verdict "$l_ratio" "$goal_p99" "$l_range" le)"
top_kb="$pp_peak"; [ "$pp_hwm" -gt "$top_kb" ] && top_kb="$pp_hwm"
m_met="$(verdict "$(mib "$top_kb")" "$goal_rss_mib" - le)"
[ -z "$missing_daemons" ] || m_met+=" (not the whole suite: $suite_desc)"
echo "throughput ratio phoneprov/nginx = $t_ratio (run-to-run range $t_range); goal >= ${goal_tput}x: $t_met"
echo "p99 ratio phoneprov/nginx = $l_ratio (run-to-run range $l_range); goal <= ${goal_p99}x in the same run: $l_met"
c_ratio="$(ratio "$(mean2 "$(cpu_us phoneprov-1)" "$(cpu_us phoneprov-2)")" "$(mean2 "$(cpu_us nginx-1)" "$(cpu_us nginx-2)")")"
echo "CPU per request phoneprov/nginx = $c_ratio (the servers' own CPU seconds over requests served; no goal, it explains the others)"
echo "memory: the suite's peak RSS under load $(mib "$pp_peak") MiB (VmRSS sampled every ${sample_every} s, $pp_samples samples"
echo "  over warm-up and runs), VmHWM $(mib "$pp_hwm") MiB; goal <= $goal_rss_mib MiB: $m_met"
if [ "${t_met%% (*}" = met ] && [ "${l_met%% (*}" = met ] && [ "${m_met%% (*}" = met ]; then all=met; else all="NOT MET"; fi
echo "goals (throughput, p99 and RSS in this one run): $all"
echo "RSS after load: phoneprov $(mib "${rss_of[phoneprov-2]}") MiB (one JVM), nginx $(mib "${rss_of[nginx-2]}") MiB (master + workers)"
if [ "$total_err" -ne 0 ]; then
    echo "WARNING: $total_err failed requests; see $work/wrk-*.txt"
    keep_work=1
fi
