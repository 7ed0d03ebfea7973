#!/usr/bin/env bash
# The test command: installs what the tests need (when run as root on Debian), then runs the
# default suite and the reference suite (live comparisons with Debian's python3 reference
# implementations). Slow suites: mvn -B -Pslow test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need_python=0
/usr/bin/python3 -c 'import numpy, scipy, mne, nibabel, sklearn, torch' 2>/dev/null || need_python=1
if [ "$need_python" = 1 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "run-tests: installing Debian reference packages (python3-mne, scipy, nibabel, sklearn, torch) ..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            python3-numpy python3-scipy python3-mne python3-nibabel python3-sklearn python3-torch >/dev/null
    else
        echo "run-tests: Debian's python3 reference packages are missing and I am not root; the reference suite will fail" >&2
    fi
fi

export DJL_OFFLINE=true
mvn -B -ntp install -Dstyle.color=never
mvn -B -ntp test -Preference -Dstyle.color=never -Dsurefire.failIfNoSpecifiedTests=false
