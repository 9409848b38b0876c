#!/usr/bin/env bash
# Checks the unit files and their companions on a machine where phoneprov is not
# installed: builds a throw-away root (host unit directory copied in, a stub
# /usr/bin/phoneprov, our units in /etc/systemd/system) and runs
#   systemd-analyze verify --root=ROOT   on phoneprov.service and phoneprov@<daemon>.service
#   systemd-sysusers / systemd-tmpfiles  --root=ROOT on phoneprov.sysusers / .tmpfiles
#   systemd-analyze security --offline   (exposure score, informational)
# Exit 0 only when none of them reports anything about our files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(mktemp -d "${TMPDIR:-/tmp}/unitroot.XXXXXX")"
trap 'rm -rf "$root"' EXIT
fail=0

need() { command -v "$1" >/dev/null || { echo "verify: $1 not found (install systemd)" >&2; exit 2; }; }
need systemd-analyze
need systemd-sysusers
need systemd-tmpfiles

# --- the temporary root ---------------------------------------------------------------
mkdir -p "$root/usr/bin" "$root/usr/lib/systemd" "$root/usr/sbin" \
         "$root/etc/systemd/system" "$root/usr/lib/sysusers.d" "$root/usr/lib/tmpfiles.d"
ln -s usr/bin "$root/bin"
ln -s usr/lib "$root/lib"
ln -s usr/sbin "$root/sbin"
# systemd-analyze checks that ExecStart=/ExecReload= binaries exist inside the root.
for exe in usr/bin/phoneprov usr/bin/kill; do
    printf '#!/bin/sh\nexit 0\n' > "$root/$exe"
    chmod 0755 "$root/$exe"
done
# The targets our units order against (network-online.target, multi-user.target,
# sysinit.target, ...) come from the host's own unit directory.
host_units=""
for d in /usr/lib/systemd/system /lib/systemd/system; do
    [ -d "$d" ] && { host_units="$d"; break; }
done
[ -n "$host_units" ] || { echo "verify: no host systemd unit directory" >&2; exit 2; }
cp -a "$host_units" "$root/usr/lib/systemd/"
cp "$here/phoneprov.service" "$here/phoneprov@.service" "$root/etc/systemd/system/"
cp "$here/phoneprov.sysusers" "$root/usr/lib/sysusers.d/phoneprov.conf"
cp "$here/phoneprov.tmpfiles" "$root/usr/lib/tmpfiles.d/phoneprov.conf"

# report NAME OUTPUT: print the output; any line naming our files fails the check.
report() {
    local name="$1" out="$2"
    if [ -n "$out" ]; then
        printf '%s\n' "$out" | awk '!seen[$0]++' | sed "s|^|  $name: |"
    fi
    if printf '%s\n' "$out" | grep -Eq 'phoneprov(@[A-Za-z0-9_-]*)?\.(service|conf)'; then
        echo "FAIL $name"
        fail=1
    else
        echo "ok   $name"
    fi
}

# --- units ----------------------------------------------------------------------------
units=(phoneprov.service phoneprov@dhcpd.service phoneprov@tftpd.service
       phoneprov@httpd.service phoneprov@sipd.service)
set +e
out="$(cd "$root" && systemd-analyze verify --man=no --root="$root" "${units[@]}" 2>&1)"
rc=$?
set -e
report "systemd-analyze verify" "$out"
if [ "$rc" -ne 0 ]; then echo "FAIL systemd-analyze verify exited $rc"; fail=1; fi

# --- sysusers and tmpfiles, applied to the temporary root -----------------------------
set +e
out="$(systemd-sysusers --root="$root" phoneprov.conf 2>&1)"; rc=$?
set -e
# sysusers prints what it creates ("Creating user 'phoneprov' ..."): that is fine.
out="$(printf '%s\n' "$out" | grep -v "^Creating \(user\|group\) 'phoneprov'" || true)"
report "systemd-sysusers" "$out"
if [ "$rc" -ne 0 ] || ! grep -q '^phoneprov:' "$root/etc/passwd"; then
    echo "FAIL systemd-sysusers (exit $rc, user phoneprov not created)"; fail=1
fi
set +e
out="$(systemd-tmpfiles --root="$root" --create phoneprov.conf 2>&1)"; rc=$?
set -e
report "systemd-tmpfiles" "$out"
if [ "$rc" -ne 0 ] || [ ! -d "$root/var/lib/phoneprov" ] || [ ! -d "$root/etc/phoneprov/files" ]; then
    echo "FAIL systemd-tmpfiles (exit $rc, directories missing)"; fail=1
fi

# --- launcher -------------------------------------------------------------------------
got="$(JAVA=echo JAVA_OPTS='-Xmx1m -Dx=y' PHONEPROV_JAR=/j.jar sh "$here/phoneprov-launcher" run --config c.yaml)"
# Without JAVA_OPTS the options come from the jvm.options file, comments and blank lines dropped.
want="$(sed -e 's/#.*//' "$here/../jvm.options" | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')"
got_file="$(env -u JAVA_OPTS JAVA=echo PHONEPROV_JVM_OPTIONS="$here/../jvm.options" PHONEPROV_JAR=/j.jar \
    sh "$here/phoneprov-launcher" run)"
if [ "$got" = "-Xmx1m -Dx=y -jar /j.jar run --config c.yaml" ] && [ "$got_file" = "$want -jar /j.jar run" ] &&
    [ -n "$want" ]; then
    echo "ok   phoneprov-launcher"
else
    echo "FAIL phoneprov-launcher: got '$got' and '$got_file' (jvm.options: '$want')"; fail=1
fi

# --- exposure score (informational) ---------------------------------------------------
for u in phoneprov.service phoneprov@dhcpd.service; do
    score="$(cd "$root" && { systemd-analyze security --offline=yes --root="$root" "$u" 2>&1 | grep 'Overall exposure level' || true; })"
    echo "info ${score:-$u: no exposure score}"
done

if [ "$fail" -ne 0 ]; then
    echo "verify: FAILED"
    exit 1
fi
echo "verify: all checks passed"
