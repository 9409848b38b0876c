#!/bin/sh
# prepare-docs.sh VERSION TARGET: the package's compressed documents, as dh_compress makes
# them (gzip -9n: no file name, no time stamp, so the same input gives the same bytes):
#   TARGET/man/*.1            (asciidoctor's troff) -> TARGET/man/*.1.gz
#   changelog.Debian + VERSION                      -> TARGET/doc/changelog.Debian.gz
# VERSION is Maven's, with the Debian revision (0.1.0-SNAPSHOT-1); it is written the way
# jdeb writes [[version]] into the control file (-SNAPSHOT becomes ~SNAPSHOT, which sorts
# before the release), so the changelog names the package's own version.
set -eu
version="$(printf '%s' "$1" | sed 's/-SNAPSHOT/~SNAPSHOT/')"
target="$2"
here="$(dirname "$0")"

set -- "$target"/man/*.1
[ -e "$1" ] || { echo "prepare-docs: no man pages in $target/man" >&2; exit 1; }
gzip -9nf "$@"

mkdir -p "$target/doc"
sed "s/@VERSION@/$version/" "$here/doc/changelog.Debian" | gzip -9n > "$target/doc/changelog.Debian.gz"
