#!/bin/sh
# Installs the Debian packages named on the command line that are missing.
# As root it runs apt-get itself; otherwise it prints the command to run.
# "CMD=PKG" means: PKG is needed only when the command CMD is not found
# (node and npm may come from elsewhere than Debian).
missing=
for arg in "$@"; do
	case $arg in
	*=*)	command -v "${arg%%=*}" >/dev/null 2>&1 && continue
		pkg=${arg#*=} ;;
	*)	pkg=$arg ;;
	esac
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "handbook: error: missing packages:$missing (install them with your package manager)" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "handbook: error: missing Debian packages; run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
