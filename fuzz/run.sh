#!/usr/bin/env bash
# Real fuzzing of phoneprov's network-facing decoders with Jazzer, for a set time per target.
# (The same fuzz tests run as plain regression tests over their committed corpus in every
# `mvn test`; this script is for finding new inputs.) See fuzz/README.md.
#
#   fuzz/run.sh [-j JOBS] [--update-corpus] [MINUTES] [TARGET...]
#
#   MINUTES          fuzzing time per target, default 10 (fractions allowed: 0.5)
#   TARGET           one or more of the names below, default all of them
#   -j JOBS          targets run at once (default 1; 2 on a 2-core machine)
#   --update-corpus  afterwards, merge what the fuzzer found into the committed corpus
#                    (src/test/resources/.../<Class>Inputs/<method>/): libFuzzer -merge keeps
#                    only inputs that add coverage to the seed-* files; other files are replaced
#   --merge-only     no fuzzing: only that merge, of what an earlier run left in fuzz/work/
#   --list           print the targets and exit
#
# Prints, per target: executions, seconds, corpus size, and each crash with its reproducer
# path (kept under fuzz/findings/<target>/). Exits 1 when any target crashed, 2 on misuse
# or a build failure. Scratch (generated corpus, logs) goes to fuzz/work/ (or $FUZZ_WORK).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD

# name | module | test class | method | extra instrumentation (besides org.phoneprov.**)
TARGETS=(
  "dhcp-decode|dhcpd|org.phoneprov.dhcpd.fuzz.DhcpDecoderFuzzTest|decode|"
  "dhcp-process|dhcpd|org.phoneprov.dhcpd.fuzz.DhcpProcessorFuzzTest|process|"
  "tftp-decode|tftpd|org.phoneprov.tftpd.fuzz.TftpDecoderFuzzTest|decode|"
  "tftp-transfer|tftpd|org.phoneprov.tftpd.fuzz.TftpTransferFuzzTest|transfer|"
  "tftp-name|tftpd|org.phoneprov.tftpd.fuzz.TftpNameFuzzTest|mapName|"
  "sip|sipd|org.phoneprov.sipd.fuzz.SipPnpFuzzTest|datagram|gov.nist.**"
  "http-path|httpd|org.phoneprov.httpd.fuzz.HttpPathFuzzTest|requestTarget|"
  "xmlrpc|httpd|org.phoneprov.httpd.fuzz.XmlRpcFuzzTest|call|"
  "inventory-edit|apid|org.phoneprov.apid.fuzz.InventoryEditFuzzTest|edit|"
  "cwmp|acsd|org.phoneprov.acsd.fuzz.CwmpFuzzTest|envelope|"
)

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
  echo "targets: $(for t in "${TARGETS[@]}"; do printf '%s ' "${t%%|*}"; done)"
}

JOBS=1
UPDATE=0
FUZZ=1
MINUTES=10
WANTED=()
while (($#)); do
  case "$1" in
    -j) JOBS=${2:?-j needs a number}; shift 2 ;;
    -j*) JOBS=${1#-j}; shift ;;
    --update-corpus) UPDATE=1; shift ;;
    --merge-only) UPDATE=1 FUZZ=0; shift ;;
    --list) for t in "${TARGETS[@]}"; do IFS='|' read -r n m c f _ <<<"$t"; echo "$n  $m  $c#$f"; done; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fuzz/run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *)
      if [[ ${#WANTED[@]} -eq 0 && $1 =~ ^[0-9]+([.][0-9]+)?$ ]]; then MINUTES=$1; else WANTED+=("$1"); fi
      shift ;;
  esac
done
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || { echo "fuzz/run.sh: -j wants a positive number" >&2; exit 2; }
SECONDS_PER_TARGET=$(awk -v m="$MINUTES" 'BEGIN { s = int(m * 60 + 0.5); print (s < 1 ? 1 : s) }')

SELECTED=()
if ((${#WANTED[@]} == 0)); then
  SELECTED=("${TARGETS[@]}")
else
  for w in "${WANTED[@]}"; do
    found=""
    for t in "${TARGETS[@]}"; do [[ ${t%%|*} == "$w" ]] && found=$t; done
    [[ -n $found ]] || { echo "fuzz/run.sh: unknown target '$w'" >&2; usage >&2; exit 2; }
    SELECTED+=("$found")
  done
fi

WORK=${FUZZ_WORK:-$ROOT/fuzz/work}
MAX_CORPUS=${FUZZ_MAX_CORPUS:-150}   # found inputs kept per target, besides the seed-* files
mkdir -p "$WORK"
MODULES=$(for t in "${SELECTED[@]}"; do IFS='|' read -r _ m _ <<<"$t"; echo "$m"; done | sort -u | paste -sd, -)

# One build for all targets, so parallel runs never race on target/: main and test classes,
# and each module's test classpath with common as built here (not an older installed jar).
# Not offline: on a fresh machine the dependency plugin (pinned in the root pom) is fetched once.
echo "fuzz: building $MODULES (mvn test-compile)" >&2
if ! mvn -B -q test-compile dependency:build-classpath -pl "$MODULES" -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt >"$WORK/build.log" 2>&1; then
  tail -40 "$WORK/build.log" >&2
  echo "fuzz: build failed (log: $WORK/build.log)" >&2
  exit 2
fi

classpath() { # module
  printf '%s:%s:%s' "$ROOT/$1/target/test-classes" "$ROOT/$1/target/classes" "$(cat "$ROOT/$1/target/fuzz-classpath.txt")"
}

inputs_dir() { # module class method
  local cls=$2
  printf '%s/%s/src/test/resources/%s/%sInputs/%s' "$ROOT" "$1" "$(dirname "${cls//.//}")" "${cls##*.}" "$3"
}

jazzer() { # module class method extra-includes args...
  local module=$1 cls=$2 method=$3 extra=$4
  shift 4
  local includes="org.phoneprov.**${extra:+:$extra}"
  nice -n 10 java -XX:+UseParallelGC -Xmx1g -cp "$(classpath "$module")" com.code_intelligence.jazzer.Jazzer \
    --target_class="$cls" --target_method="$method" --instrumentation_includes="$includes" "$@"
}

# Fuzzes one target; writes a summary line to $WORK/<name>/summary.
run_target() {
  IFS='|' read -r name module cls method extra <<<"$1"
  local dir=$WORK/$name findings=$ROOT/fuzz/findings/$name
  local inputs
  inputs=$(inputs_dir "$module" "$cls" "$method")
  mkdir -p "$dir/corpus" "$dir/reproducers" "$findings" "$inputs"
  local start=$SECONDS rc=0
  # The first corpus folder collects what the fuzzer finds; the committed inputs only seed it.
  jazzer "$module" "$cls" "$method" "$extra" --reproducer_path="$dir/reproducers" \
    -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -artifact_prefix="$findings/" \
    "$dir/corpus" "$inputs" >"$dir/fuzz.log" 2>&1 || rc=$?
  local took=$((SECONDS - start))
  local execs
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$dir/fuzz.log" | tail -1 | grep -oE '[0-9]+$' || true)
  [[ -n $execs ]] || execs=$(grep -oE '^Done [0-9]+ runs' "$dir/fuzz.log" | tail -1 | grep -oE '[0-9]+' || true)
  [[ -n $execs ]] || execs=$(grep -oE '^#[0-9]+' "$dir/fuzz.log" | tail -1 | tr -d '#' || true)
  local crashes
  crashes=$(grep -oE '(Test unit|artifact) written to [^ ]+' "$dir/fuzz.log" | awk '{print $NF}' | sort -u | paste -sd' ' - || true)
  local status=ok
  if [[ -n $crashes ]]; then
    status=CRASH
  elif ((rc != 0)); then
    status="FAILED(exit $rc, see $dir/fuzz.log)"
  fi
  echo "$name|$status|${execs:-?}|$took|$(ls "$dir/corpus" | wc -l)|$crashes" >"$dir/summary"
  rmdir "$findings" "$ROOT/fuzz/findings" 2>/dev/null || true
  if [[ $status == CRASH ]]; then
    {
      echo "== $name: crash"
      grep -m1 -A25 -E '^== Java Exception|^== libFuzzer crashing input' "$dir/fuzz.log" || true
      for c in $crashes; do
        echo "reproducer: $c ($(wc -c <"$c") bytes)"
        echo "  hex: $(od -An -tx1 -v "$c" | tr -d ' \n' | cut -c1-400)"
        echo "  replay: cp '$c' '$inputs/' && mvn -B -o test -pl $module -Dtest=${cls##*.}"
      done
    } >&2
  fi
}

# Merges the new corpus into the committed one: seed-* files stay, the rest is what adds coverage.
update_corpus() {
  IFS='|' read -r name module cls method extra <<<"$1"
  local dir=$WORK/$name inputs merged=$WORK/$name/merged
  inputs=$(inputs_dir "$module" "$cls" "$method")
  if [[ ! -d $dir/corpus ]]; then
    echo "fuzz: $name: nothing to merge ($dir/corpus is missing)" >&2
    return
  fi
  rm -rf "$merged" "$dir/previous"
  mkdir -p "$merged" "$dir/previous"
  find "$inputs" -maxdepth 1 -type f -name 'seed-*' -exec cp {} "$merged/" \;
  find "$inputs" -maxdepth 1 -type f ! -name 'seed-*' -exec cp {} "$dir/previous/" \;
  local seeds
  seeds=$(ls "$merged" | wc -l)
  # Coverage with hit counts first; when that keeps too many files, coverage edges only.
  local counters
  for counters in 1 0; do
    find "$merged" -maxdepth 1 -type f ! -name 'seed-*' -delete
    if ! jazzer "$module" "$cls" "$method" "$extra" -merge=1 -use_counters=$counters "$merged" \
        "$dir/previous" "$dir/corpus" >"$dir/merge.log" 2>&1; then
      echo "fuzz: $name: merge failed, corpus left as it was (log: $dir/merge.log)" >&2
      return
    fi
    (($(ls "$merged" | wc -l) - seeds <= MAX_CORPUS)) && break
  done
  find "$inputs" -maxdepth 1 -type f ! -name 'seed-*' -delete
  find "$merged" -maxdepth 1 -type f ! -name 'seed-*' -exec cp {} "$inputs/" \;
  echo "fuzz: $name: committed corpus now $(ls "$inputs" | wc -l) files, $(du -sb "$inputs" | cut -f1) bytes" >&2
}

if ((!FUZZ)); then
  for t in "${SELECTED[@]}"; do update_corpus "$t"; done
  exit 0
fi

echo "fuzz: ${#SELECTED[@]} target(s), ${SECONDS_PER_TARGET}s each, $JOBS at a time; logs in $WORK/<target>/" >&2
running=0
for t in "${SELECTED[@]}"; do
  n=${t%%|*}
  rm -f "$WORK/$n/summary"
  echo "fuzz: $n: started $(date +%H:%M:%S)" >&2
  run_target "$t" &
  running=$((running + 1))
  if ((running >= JOBS)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

if ((UPDATE)); then
  for t in "${SELECTED[@]}"; do update_corpus "$t"; done
fi

crashed=0
printf '\n%-14s %-8s %14s %8s %8s  %s\n' target result executions seconds corpus reproducers
for t in "${SELECTED[@]}"; do
  n=${t%%|*}
  if [[ -f $WORK/$n/summary ]]; then
    IFS='|' read -r name status execs took corpus crashes <"$WORK/$n/summary"
  else
    name=$n status="FAILED(no result)" execs=? took=? corpus=? crashes=""
  fi
  printf '%-14s %-8s %14s %8s %8s  %s\n' "$name" "$status" "$execs" "$took" "$corpus" "${crashes:--}"
  [[ $status == ok ]] || crashed=1
done
exit $crashed
