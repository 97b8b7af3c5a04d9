#!/bin/sh
# make zim: dist/handbook-<locale>.zim for Kiwix (Android, desktop,
# kiwix-serve on Internet-in-a-Box, RACHEL and school servers), one per
# locale, from the locale's built folder dist/<locale>/, with the locale's
# own translated metadata (`handbook meta`: title, description, ISO 639-3
# language from ICU) and a 48 x 48 PNG illustration made from the book's
# logo with rsvg-convert. The packing itself is tests/zim.py (libzim).
# usage: tests/make-zim.sh DIST [LOCALE...]
#   HANDBOOK  the generator (default ./build/handbook); HANDBOOK_ARGS are
#             passed to `handbook meta` (e.g. --theme, --content)
#   LOGO      the logo, SVG (default content/logo.svg)
#   ZIM_PROJECT  the project part of the ZIM's Name (default handbook)
set -eu
dist=${1:-dist}
[ $# -gt 0 ] && shift
hb=${HANDBOOK:-./build/handbook}
logo=${LOGO:-content/logo.svg}
here=$(dirname "$0")
# Debian's python3-libzim is built for Debian's python3, whatever
# python3 comes first on PATH.
python=${ZIM_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- $(cd "$dist" && for d in */; do d=${d%/}; [ -f "$d/handbook-$d.epub" ] && echo "$d"; done)
rsvg-convert -w 48 -h 48 -f png "$logo" -o "$work/illustration.png"
for tag; do
	# shellcheck disable=SC2086
	"$hb" meta ${HANDBOOK_ARGS:-} --locale "$tag" -o "$work/meta.xml"
	"$python" "$here/zim.py" "$work/meta.xml" "$dist" "$tag" \
	    "$work/illustration.png" "$dist/handbook-$tag.zim" >"$work/log" 2>&1 ||
	    { cat "$work/log" >&2; echo "handbook: error: $dist/handbook-$tag.zim not written" >&2; exit 1; }
	echo "$dist/handbook-$tag.zim: $(stat -c %s "$dist/handbook-$tag.zim") bytes"
done
