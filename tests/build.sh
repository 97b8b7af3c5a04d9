#!/bin/sh
# Make that only reads or tells changes nothing: `make -n`, `make -n clean`,
# `make -n check`, `make -n booklet`, `make -q`, `make help` and `make
# clean` on a fresh copy of the project (no build/), and the read-only ones
# on a built copy, create or change no file and never call the package
# tools (a fake apt-get, dpkg-query, sudo and npm on PATH record any call,
# and report every package missing, so that an install would be attempted).
set -u
unset MAKEFLAGS MFLAGS MAKELEVEL
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
p=0 f=0
ok() { p=$((p + 1)); }
bad() { echo "FAIL $*"; f=$((f + 1)); }

mkdir -p "$work/bin"
for tool in apt-get apt dpkg-query sudo npm; do
	printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\nexit 1\n' "$tool" "$work" > "$work/bin/$tool"
	chmod +x "$work/bin/$tool"
done
state() { (cd "$1" && find . -printf '%p %s %T@\n' | sort); }

# try DIR NAME MAKE-ARGS...: runs make, then checks nothing changed.
try() {
	dir=$1 name=$2
	shift 2
	before=$(state "$dir")
	: > "$work/calls"
	(cd "$dir" && PATH="$work/bin:$PATH" make "$@" >"$work/out" 2>&1)
	if [ -s "$work/calls" ]; then bad "$name: called"; cat "$work/calls"
	elif [ "$(state "$dir")" != "$before" ]; then
		bad "$name: changed files:"
		echo "$before" > "$work/before" && state "$dir" > "$work/after"
		diff "$work/before" "$work/after" | head
	else ok; fi
}

# A fresh copy: what a clone has, no build/.
mkdir -p "$work/fresh/tests"
cp -a "$root/Makefile" "$root/generator" "$root/content" "$root/themes" \
    "$root/translations" "$work/fresh/"
cp -a "$root/tests/ensure-deps.sh" "$root/tests/ensure-npm.sh" "$work/fresh/tests/"
try "$work/fresh" "fresh make -n" -n
try "$work/fresh" "fresh make -n clean" -n clean
try "$work/fresh" "fresh make -n check" -n check
try "$work/fresh" "fresh make -n booklet" -n booklet
try "$work/fresh" "fresh make -q" -q
try "$work/fresh" "fresh make help" help
try "$work/fresh" "fresh make clean" clean
(cd "$work/fresh" && make help) > "$work/help"
grep -q '^make check ' "$work/help" && ok || bad "make help lists no check"

# A built copy: the read-only targets leave the build alone too.
"$root/tests/copy-project.sh" "$work/built"
try "$work/built" "built make -n clean" -n clean
try "$work/built" "built make -n booklet" -n booklet
try "$work/built" "built make -q" -q
try "$work/built" "built make help" help

echo "build: $p passed, $f failed, 0 skipped"
[ "$f" = 0 ]
