#!/usr/bin/env bash
# Lists the tests that a Swift Testing log shows starting and never ending
# (passed, failed or skipped), for .ci/run to print when `swift test` hangs.
# A name that two suites share counts once per start and once per end.
set -euo pipefail
log=${1:?usage: unfinished-tests.sh SWIFT_TEST_LOG}
awk '
    match($0, /Test [^ ]+ started\./) {
        name = substr($0, RSTART + 5, RLENGTH - 14); open[name]++; next
    }
    match($0, /Test [^ ]+ (with [0-9]+ test cases? )?(passed|failed|skipped)/) {
        split(substr($0, RSTART + 5), words, " "); open[words[1]]--
    }
    END { for (name in open) if (open[name] > 0 && name != "run") print "  " name }
' "$log"
