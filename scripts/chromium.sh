#!/bin/sh
# Make sure a headless Chromium is available for raqib's browser tests
# (internal/web, driven by chromedp) and export its path.
#
#   . scripts/chromium.sh        # sourced: exports RAQIB_CHROMIUM
#   scripts/chromium.sh          # run: installs if needed and prints the path
#
# It installs Debian's chromium package with apt-get when /usr/bin/chromium
# is absent. The tests look for $RAQIB_CHROMIUM, then /usr/bin/chromium,
# then chromium on $PATH; without one they fail when CI=true and skip
# otherwise.

raqib_chromium_install() {
	if [ -x /usr/bin/chromium ]; then
		return 0
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "chromium.sh: /usr/bin/chromium is absent and apt-get is not available" >&2
		return 1
	fi
	SUDO=
	if [ "$(id -u)" != 0 ]; then
		SUDO=sudo
	fi
	echo "chromium.sh: installing Debian's chromium package" >&2
	$SUDO apt-get update >&2 &&
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-core >&2
}

if raqib_chromium_install; then
	RAQIB_CHROMIUM=/usr/bin/chromium
	export RAQIB_CHROMIUM
	echo "RAQIB_CHROMIUM=$RAQIB_CHROMIUM"
else
	echo "chromium.sh: could not install chromium" >&2
	false
fi
