#!/usr/bin/env bash
# The test command: installs what the tests need (when run as root on Debian), then runs the
# default suite and the reference suite (live comparisons with Debian's python3 reference
# implementations), then the browser suite (the web page in headless Chromium). Slow suites: mvn -B -Pslow test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

packages=()
/usr/bin/python3 -c 'import numpy, scipy, mne, nibabel, sklearn, torch' 2>/dev/null \
    || packages+=(python3-numpy python3-scipy python3-mne python3-nibabel python3-sklearn python3-torch)
# Headless Chromium for the web page's browser suite (-Pbrowser).
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || packages+=(chromium)
if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "run-tests: installing Debian packages: ${packages[*]} ..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    else
        echo "run-tests: Debian packages missing and I am not root: ${packages[*]}; the reference and browser suites will fail" >&2
    fi
fi

export DJL_OFFLINE=true
mvn -B -ntp install -Dstyle.color=never
mvn -B -ntp test -Preference -Dstyle.color=never -Dsurefire.failIfNoSpecifiedTests=false
mvn -B -ntp test -Pbrowser -pl serve -Dstyle.color=never -Dsurefire.failIfNoSpecifiedTests=false
