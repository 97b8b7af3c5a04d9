#!/bin/sh
# copy-project.sh DEST: what `make` needs to build the handbook, copied
# with its times into DEST (the built generator too, so make does not
# compile again). For tests and benchmarks that run make elsewhere.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1/tests" "$1/build"
cp -a "$root/Makefile" "$root/generator" "$root/content" "$root/themes" \
    "$root/translations" "$1/"
cp -a "$root/tests/ensure-deps.sh" "$1/tests/"
# The generator and what it was built from; not the sanitizer or fuzz builds.
for f in "$root"/build/*; do
	case ${f##*/} in san | fuzz) ;; *) cp -a "$f" "$1/build/" ;; esac
done
