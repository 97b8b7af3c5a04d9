#!/bin/sh
# Installs the npm test tools pinned in package-lock.json (HTML checker,
# browser driver, accessibility engine) unless they are already there.
cd "$(dirname "$0")/.." || exit 1
for m in vnu-jar playwright-core puppeteer-core axe-core; do
	[ -d "node_modules/$m" ] || { npm ci --no-audit --no-fund --loglevel=error && exit 0; exit 1; }
done
# vnu-jar's jar is part of its package; nothing to download at install.
[ -f node_modules/vnu-jar/build/dist/vnu.jar ]
