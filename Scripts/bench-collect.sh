#!/usr/bin/env bash
# Collect throughput (issue 16): an organization of N accounts built in a
# local moto_server (Scripts/moto-org.py), collected by trailgrid's own
# client and then with --via-cli, in one run; prints calls/s and cells/s of
# each and the ratio of their times.
#
#   Scripts/bench-collect.sh [N=20] [REGIONS=us-east-1,eu-west-1,eu-central-1] [RULES_PER_CELL=2]
#   SCRATCH=.build-rel CONFIG=release Scripts/bench-collect.sh 50
#   CLI_ACCOUNTS=5 Scripts/bench-collect.sh 200    # the CLI path on the first 5 accounts only
#
# The figures come from each collect's own last line on stderr
# ("collect: C calls, K cells in S s …"). moto_server answers from one
# Python process, so against it both paths are bound by the emulator, not
# by AWS's quotas: see README "Cost of a collect" for real AWS.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-20}
regions=${2:-us-east-1,eu-west-1,eu-central-1}
rules=${3:-2}
scratch=${SCRATCH:-$(pwd)/.build}
config=${CONFIG:-debug}
for tool in moto_server aws python3; do
    command -v "$tool" >/dev/null || { echo "bench-collect.sh needs $tool (pip install 'moto[server]' awscli boto3)" >&2; exit 1; }
done
swift build -c "$config" --scratch-path "$scratch" --product trailgrid 2>&1 | tail -n 1
binary="$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)/trailgrid"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; wait "$moto" 2>/dev/null; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing AWS_DEFAULT_REGION=us-east-1 \
    AWS_PAGER= AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
setup_start=$(date +%s)
python3 Scripts/moto-org.py "$endpoint" "$accounts" "$regions" "$rules" >/dev/null
echo "organization of $accounts accounts × $(tr ',' '\n' <<<"$regions" | wc -l) regions, $rules rule(s) per cell + a schedule: built in $(( $(date +%s) - setup_start )) s"

summary() { grep '^collect: ' "$1" | tail -n 1; }
"$binary" collect --out "$work/native" --endpoint-url "$endpoint" --regions "$regions" --role-name OrganizationAccountAccessRole \
    2>"$work/native.err" || { echo "native collect failed:"; tail -n 5 "$work/native.err"; exit 1; }
echo "native:    $(summary "$work/native.err")"

cli_accounts=${CLI_ACCOUNTS:-$accounts}
if [ "$cli_accounts" -lt "$accounts" ]; then
    echo "(--via-cli is timed on a fresh organization of $cli_accounts accounts)"
    kill "$moto"; wait "$moto" 2>/dev/null || true
    moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
    moto=$!
    for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done
    python3 Scripts/moto-org.py "$endpoint" "$cli_accounts" "$regions" "$rules" >/dev/null
fi
"$binary" collect --via-cli --out "$work/cli" --endpoint-url "$endpoint" --regions "$regions" --role-name OrganizationAccountAccessRole \
    2>"$work/cli.err" || { echo "collect --via-cli failed:"; tail -n 5 "$work/cli.err"; exit 1; }
echo "--via-cli: $(summary "$work/cli.err")"
python3 - "$work/native.err" "$work/cli.err" <<'PY'
import re, sys
def figures(path):
    line = [l for l in open(path) if l.startswith("collect: ")][-1]
    calls, cells, seconds = re.search(r"collect: (\d+) calls, (\d+) cells in ([\d.]+) s", line).groups()
    return int(calls), int(cells), float(seconds)
native, cli = figures(sys.argv[1]), figures(sys.argv[2])
per_cell = lambda f: f[1] / f[2]
print(f"cells/s: native {per_cell(native):.1f}, --via-cli {per_cell(cli):.2f}: native is {per_cell(native) / per_cell(cli):.0f}× faster per cell")
PY
