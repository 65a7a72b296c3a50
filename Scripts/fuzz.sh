#!/usr/bin/env bash
# Builds the libFuzzer drivers (Fuzz/) and runs each target for a while.
#
#   Scripts/fuzz.sh [SECONDS_PER_TARGET]     default 10; 5 targets
#   FUZZ_TARGETS="feed pattern" Scripts/fuzz.sh 600
#
# Corpora grow in Fuzz/corpus/<target> (git-ignored), seeded from the test
# fixtures and ../shared/samples; a crash leaves Fuzz/artifacts/crash-* and
# makes the script exit non-zero (turn each into a regression test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
root=$(pwd)
fuzz="$root/Fuzz"
samples="${TRAILGRID_SAMPLES:-$root/../shared/samples}"
targets=${FUZZ_TARGETS:-"feed pattern inventory config theme"}

# Every Swift module is built with the fuzzer's coverage and ASan;
# -parse-as-library because libFuzzer, not Swift, supplies main().
swift build --package-path "$fuzz" --scratch-path "$fuzz/.build" -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -Ev "ld.gold: warning: Cannot export local symbol" || true
binary="$fuzz/.build/debug/TrailGridFuzz"
[ -x "$binary" ] || { echo "fuzz build failed" >&2; exit 1; }

seed() {  # seed TARGET FILES...: copy small seeds into the target's corpus
    local dir="$fuzz/corpus/$1"; shift
    mkdir -p "$dir"
    for file in "$@"; do
        [ -f "$file" ] && [ "$(stat -c %s "$file")" -le 65536 ] && cp -n "$file" "$dir/seed-$(basename "$file")" || true
    done
}
seed feed "$root"/Tests/TrailGridCoreTests/Fixtures/*.jsonl "$samples"/formats/* "$samples"/cloudtrail-records.jsonl \
    $(find "$samples/logfiles" -type f 2>/dev/null | head -20)
seed pattern "$root"/Tests/TrailGridCoreTests/Fixtures/patterns/*.json 2>/dev/null
mkdir -p "$fuzz/corpus/pattern" "$fuzz/corpus/inventory"
printf '%s' '{"source":["aws.cloudtrail"],"detail":{"eventName":[{"prefix":"Stop"},{"anything-but":["x"]}],"n":[{"numeric":[">",1,"<=",9]}],"sourceIPAddress":[{"cidr":"10.0.0.0/8"}]}}' > "$fuzz/corpus/pattern/seed-ops"
printf '%s' '{"detail":{"userIdentity":{"type":[{"equals-ignore-case":"root"}]},"x":[{"wildcard":"a*b"},{"exists":false}],"$or":[{"a":[1]},{"b":[{"suffix":"z"}]}]}}' > "$fuzz/corpus/pattern/seed-or"
for file in $(find "$root/Tests/TrailGridCoreTests/Fixtures/inventory-org" -name '*.json' | head -40); do
    { printf '\x02'; cat "$file"; } > "$fuzz/corpus/inventory/seed-$(echo "$file" | md5sum | cut -c1-8)"
done
seed config "$root"/Examples/*.yaml "$root"/trailgrid.yaml
mkdir -p "$fuzz/corpus/config"
cat > "$fuzz/corpus/config/seed-watch" <<'YAML'
builtin-watches: false
watches:
  - name: sg-open
    severity: high
    description: ingress opened
    pattern: {"source": ["aws.ec2"], "detail": {"eventName": [{"prefix": "Authorize"}], "errorCode": [{"exists": false}]}}
    probes:
      - {"source": "aws.ec2", "detail": {"eventName": "AuthorizeSecurityGroupIngress"}}
      - '{"source": "aws.ec2", "detail": {"eventName": "AuthorizeSecurityGroupEgress"}}'
    regions: [us-east-1, eu-west-1]
YAML
seed theme "$root"/Themes/*.yaml

mkdir -p "$fuzz/artifacts"
status=0
for target in $targets; do
    echo "== fuzz $target for ${seconds}s"
    # The Swift runtime's own crash backtracer must be off: it makes a
    # fuzzer-found crash hang instead of reporting it.
    SWIFT_BACKTRACE=enable=no TRAILGRID_FUZZ_TARGET=$target "$binary" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$fuzz/artifacts/$target-" -print_final_stats=1 \
        "$fuzz/corpus/$target" 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::new_units_added|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
    if ls "$fuzz/artifacts/$target-"* >/dev/null 2>&1; then status=1; echo "!! $target: crash artifacts in Fuzz/artifacts" >&2; fi
done
exit $status
