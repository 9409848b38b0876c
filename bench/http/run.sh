#!/usr/bin/env bash
# HTTP benchmark: phoneprov httpd against nginx, side by side in one run, serving the same
# 10,000 MAC-specific config files (ST20xx_<MAC>.txt) to wrk over loopback.
# See bench/README.md. Bounded: every step has a timeout; the whole run takes ~2 minutes
# (about 4 x BENCH_DURATION + 2 x BENCH_WARMUP + 15 s).
#
# Environment (all optional):
#   BENCH_DEVICES=10000   devices in the generated inventory
#   BENCH_DURATION=20     seconds per measured wrk run
#   BENCH_WARMUP=8        seconds of warm-up per server
#   BENCH_THREADS=2 BENCH_CONNECTIONS=64   wrk -t / -c
#   BENCH_PP_PORT=18080 BENCH_NGINX_PORT=18081
#   BENCH_JAVA_OPTS="..."  JVM options for phoneprov (default: the launcher's, see ./phoneprov)
#   BENCH_KEEP=1          keep the temporary work directory
#   PHONEPROV_JAR=...     the jar to run (default: cli/target/phoneprov.jar, built if missing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="${PHONEPROV_JAR:-$repo/cli/target/phoneprov.jar}"

devices="${BENCH_DEVICES:-10000}"
duration="${BENCH_DURATION:-20}"
warmup="${BENCH_WARMUP:-8}"
threads="${BENCH_THREADS:-2}"
conns="${BENCH_CONNECTIONS:-64}"
pp_port="${BENCH_PP_PORT:-18080}"
ng_port="${BENCH_NGINX_PORT:-18081}"
host=127.0.0.1
goal="0.8"
deadline=$((SECONDS + 4 * duration + 2 * warmup + 90))

log() { printf '[bench %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
check_deadline() { [ "$SECONDS" -lt "$deadline" ] || die "time budget exceeded during: $1"; }

# --- tools ----------------------------------------------------------------------------
install_missing() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    command -v curl >/dev/null || missing+=(curl)
    [ "${#missing[@]}" -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; run as root or install them"
    log "installing ${missing[*]}"
    # Keep the package scripts from starting a system-wide nginx on port 80.
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
    fi
    timeout --foreground 120 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout --foreground 300 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ "$made_policy" -eq 1 ] && rm -f "$policy"
    return 0
}
install_missing
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

if [ ! -f "$jar" ]; then
    log "building phoneprov ($jar missing)"
    (cd "$repo" && timeout --foreground 900 ./phoneprov --help >/dev/null)
fi
[ -f "$jar" ] || die "$jar not found after build"
java_bin="${JAVA:-java}"

for port in "$pp_port" "$ng_port"; do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
        die "port $host:$port is already in use (set BENCH_PP_PORT / BENCH_NGINX_PORT)"
    fi
done

cpu_busy() { # percent of all CPUs busy over one second, from /proc/stat
    local a b
    a="$(head -1 /proc/stat)"; sleep 1; b="$(head -1 /proc/stat)"
    printf '%s\n%s\n' "$a" "$b" | awk '{ t = 0; for (i = 2; i <= NF; i++) t += $i; idle = $5 + $6
        if (NR == 1) { t0 = t; i0 = idle } else printf "%d", 100 * (1 - (idle - i0) / (t - t0)) }'
}
busy_before="$(cpu_busy)"
if [ "$busy_before" -gt 15 ]; then
    log "WARNING: CPUs already ${busy_before}% busy before the bench; other work on this machine skews the numbers"
fi

# --- work directory, servers stopped on exit ------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/phoneprov-bench-http.XXXXXX")"
pp_pid=""
ng_pid=""
stop() { # PID SIGNAL: signal, wait up to 15 s, then SIGKILL
    local _
    kill -"$2" "$1" 2>/dev/null || return 0
    for _ in $(seq 1 30); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    set +e
    [ -n "$pp_pid" ] && stop "$pp_pid" TERM
    [ -n "$ng_pid" ] && stop "$ng_pid" QUIT
    if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then
        log "work directory kept: $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- config with $devices devices -----------------------------------------------------
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

read -ra java_opts <<< "${BENCH_JAVA_OPTS--XX:+UseSerialGC -Xmx512m -XX:+ExitOnOutOfMemoryError}"

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

"$java_bin" "${java_opts[@]}" -jar "$jar" run --config "$work/phoneprov.yaml" --only httpd \
    >"$work/phoneprov.log" 2>&1 &
pp_pid=$!

first="$(head -1 "$work/paths.txt")"
wait_up() { # NAME PORT PID
    local _
    for _ in $(seq 1 120); do
        kill -0 "$3" 2>/dev/null || return 1
        curl -sf -o /dev/null --max-time 2 "http://$host:$2$first" && return 0
        sleep 0.5
    done
    return 1
}
wait_up nginx "$ng_port" "$ng_pid" || { cat "$work/nginx-error.log" "$work/nginx.out" >&2; die "nginx did not start"; }
wait_up phoneprov "$pp_port" "$pp_pid" || { tail -30 "$work/phoneprov.log" >&2; die "phoneprov httpd did not start"; }
log "servers up: phoneprov pid $pp_pid on :$pp_port, nginx pid $ng_pid on :$ng_port"

# --- same bytes from both -------------------------------------------------------------
samples=("$first" "$(sed -n "$((npaths / 2))p" "$work/paths.txt")" "$(tail -1 "$work/paths.txt")")
for m in ST2030S ST2030M ST2022S ST2022M; do
    p="$(grep -m1 "^/${m}_" "$work/paths.txt" || true)"
    [ -n "$p" ] && samples+=("$p")
done
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

# --- load -----------------------------------------------------------------------------
export BENCH_PATHS="$work/paths.txt"
run_wrk() { # LABEL PORT SECONDS -> prints the wrk report into $work/wrk-LABEL.txt
    timeout --foreground $(( $3 + 30 )) wrk -t"$threads" -c"$conns" -d"$3s" --timeout 5s --latency \
        -s "$here/paths.lua" "http://$host:$2/" > "$work/wrk-$1.txt" 2>&1 \
        || { cat "$work/wrk-$1.txt" >&2; die "wrk failed against $1"; }
}
rss_kb() { # PID... -> summed VmRSS in kB
    local total=0 p v
    for p in "$@"; do
        v="$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)"
        total=$((total + ${v:-0}))
    done
    echo "$total"
}
nginx_pids() { echo "$ng_pid"; pgrep -P "$ng_pid" || true; }
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

log "warm-up ${warmup}s each"
run_wrk warm-phoneprov "$pp_port" "$warmup"
run_wrk warm-nginx "$ng_port" "$warmup"
check_deadline "warm-up"
# Alternate the servers (P N P N): drift in the machine's state hits both alike.
declare -A rss_of
runs=(phoneprov-1 nginx-1 phoneprov-2 nginx-2)
for r in "${runs[@]}"; do
    check_deadline "$r"
    log "$r (${duration}s, wrk -t$threads -c$conns)"
    case "$r" in
        phoneprov-*)
            run_wrk "$r" "$pp_port" "$duration"
            rss_of[$r]="$(rss_kb "$pp_pid")" ;;
        nginx-*)
            run_wrk "$r" "$ng_port" "$duration"
            mapfile -t ng_pids < <(nginx_pids)
            rss_of[$r]="$(rss_kb "${ng_pids[@]}")" ;;
    esac
done

# --- report ---------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (a + b) / 2}'; }
echo
echo "HTTP: $npaths MAC config files cycled, wrk -t$threads -c$conns -d${duration}s, loopback, $(nproc) CPUs shared by servers and wrk"
echo "CPU busy before the bench (other work): ${busy_before}%"
printf '%-12s %11s %9s %7s %9s\n' run req/s p99_ms errors RSS_MiB
total_err=0
for r in "${runs[@]}"; do
    printf '%-12s %11.0f %9s %7s %9s\n' "$r" "$(reqs "$r")" "$(p99 "$r")" "$(errors "$r")" "$(mib "${rss_of[$r]}")"
    total_err=$((total_err + $(errors "$r")))
done
pp_mean="$(mean "$(reqs phoneprov-1)" "$(reqs phoneprov-2)")"
ng_mean="$(mean "$(reqs nginx-1)" "$(reqs nginx-2)")"
ratio="$(awk -v a="$pp_mean" -v b="$ng_mean" 'BEGIN {printf "%.2f", a / b}')"
lo="$(awk -v a1="$(reqs phoneprov-1)" -v a2="$(reqs phoneprov-2)" -v b1="$(reqs nginx-1)" -v b2="$(reqs nginx-2)" \
    'BEGIN {lo = a1 < a2 ? a1 : a2; hi = b1 > b2 ? b1 : b2; printf "%.2f", lo / hi}')"
hi="$(awk -v a1="$(reqs phoneprov-1)" -v a2="$(reqs phoneprov-2)" -v b1="$(reqs nginx-1)" -v b2="$(reqs nginx-2)" \
    'BEGIN {hi = a1 > a2 ? a1 : a2; lo = b1 < b2 ? b1 : b2; printf "%.2f", hi / lo}')"
met="$(awk -v r="$ratio" -v g="$goal" 'BEGIN {print (r >= g) ? "MET" : "NOT MET"}')"
echo
printf '%-12s %11s %13s %9s\n' server "mean req/s" "last p99_ms" "RSS_MiB"
printf '%-12s %11s %13s %9s\n' phoneprov "$pp_mean" "$(p99 phoneprov-2)" "$(mib "${rss_of[phoneprov-2]}")"
printf '%-12s %11s %13s %9s\n' nginx "$ng_mean" "$(p99 nginx-2)" "$(mib "${rss_of[nginx-2]}")"
echo
echo "throughput ratio phoneprov/nginx = $ratio (run-to-run range $lo..$hi); goal >= ${goal}x: $met"
echo "RSS after load: phoneprov $(mib "${rss_of[phoneprov-2]}") MiB (one JVM), nginx $(mib "${rss_of[nginx-2]}") MiB (master + workers)"
if [ "$total_err" -ne 0 ]; then
    echo "WARNING: $total_err failed requests; see $work/wrk-*.txt"
    BENCH_KEEP=1
fi
