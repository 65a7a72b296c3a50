#!/usr/bin/env bash
# Load run (issue 8): `trailgrid watch` (release build) in tmux on a
# directory fed get-records lines at RATE events/s for SECONDS, sampling the
# dashboard's RSS, timing key presses until the screen changes, and checking
# that the status line's counters equal what was written once the writer stops.
#
#   Scripts/load.sh [SECONDS=180] [RATE=20000]
#
# Prints one line per sample and a summary; exits non-zero when counters
# differ, RSS grows by more than 25% from the first minute, or a key takes
# longer than 1 s. Needs tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
rate=${2:-20000}
root=$(pwd)
swift build -c release --scratch-path "${SCRATCH:-$root/.build-hostile-rel}" --product trailgrid >/dev/null
binary="${SCRATCH:-$root/.build-hostile-rel}/release/trailgrid"
work=$(mktemp -d /tmp/trailgrid-load.XXXXXX)
socket="trailgrid-load-$$"
mkdir -p "$work/feed" "$work/state"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    [ -n "${writer:-}" ] && kill "$writer" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

tmux -L "$socket" -f /dev/null new-session -d -x 160 -y 45 \
    "exec env LANG=C.UTF-8 TERM=tmux-256color TRAILGRID_STATE_DIR='$work/state' '$binary' watch --events '$work/feed' --quarantine '$work/state/q.jsonl'"
pid=$(tmux -L "$socket" list-panes -F '#{pane_pid}')
screen() { tmux -L "$socket" capture-pane -p; }
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
until screen | grep -q "read 0"; do sleep 0.1; done

# The writer: distinct events (so none is a duplicate) over 12 accounts and
# 17 regions, 1 in 50 a security-group change the watches match; files
# rotate every 200,000 events and rotated files are deleted a minute later
# (the dashboard holds them open, as tail -F does, until it has read them).
python3 - "$work/feed" "$rate" "$seconds" > "$work/written" <<'PY' &
import base64, json, os, sys, time
feed, rate, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
accounts = ["1000000000%02d" % i for i in range(12)]
regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
           "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2",
           "ca-central-1", "sa-east-1", "af-south-1"]
def line(n):
    account, region = accounts[n % 12], regions[(n // 12) % 17]
    name = "AuthorizeSecurityGroupIngress" if n % 50 == 0 else "DescribeInstances"
    record = ('{"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::%s:assumed-role/Ops/load",'
              '"accountId":"%s"},"eventTime":"2025-06-01T12:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"%s",'
              '"awsRegion":"%s","sourceIPAddress":"198.51.100.7","userAgent":"load/1.0","requestParameters":null,'
              '"eventID":"load-%d","readOnly":%s,"eventType":"AwsApiCall","recipientAccountId":"%s"}'
              % (account, account, name, region, n, "false" if n % 50 == 0 else "true", account))
    envelope = ('{"version":"0","id":"e-%d","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2","account":"%s",'
                '"time":"2025-06-01T12:00:00Z","region":"%s","resources":[],"detail":%s}' % (n, account, region, record))
    data = base64.b64encode(envelope.encode()).decode()
    return '{"SequenceNumber":"%056d","ApproximateArrivalTimestamp":1748779200.0,"Data":"%s","PartitionKey":"p"}\n' % (n, data)
start, n, part, rotated = time.time(), 0, 0, []
out = open(os.path.join(feed, "stream.jsonl"), "a")
while time.time() - start < seconds:
    due = int((time.time() - start) * rate)
    if due > n:
        out.write("".join(line(i) for i in range(n, due)))
        out.flush()
        n = due
        if n // 200000 > part:
            part = n // 200000
            out.close()
            os.rename(os.path.join(feed, "stream.jsonl"), os.path.join(feed, "stream.jsonl.%d" % part))
            rotated.append((time.time(), os.path.join(feed, "stream.jsonl.%d" % part)))
            out = open(os.path.join(feed, "stream.jsonl"), "a")
        while rotated and time.time() - rotated[0][0] > 60:
            os.unlink(rotated.pop(0)[1])
    time.sleep(0.01)
out.close()
print(n)
PY
writer=$!

start=$(date +%s)
first_rss=$(rss); peak=$first_rss; baseline=0; worst_key=0; keys=0
echo "t=0s rss=${first_rss}kB"
while kill -0 "$writer" 2>/dev/null; do
    sleep 4
    # Key latency: open help and wait for it, then close it and wait.
    for step in open close; do
        t0=$(date +%s%N)
        if [ $step = open ]; then tmux -L "$socket" send-keys '?'; want="Verdicts"; else tmux -L "$socket" send-keys Escape; want=""; fi
        while :; do
            if [ $step = open ]; then screen | grep -q "$want" && break; else screen | grep -q "Verdicts" || break; fi
            sleep 0.005
        done
        ms=$(( ($(date +%s%N) - t0) / 1000000 ))
        keys=$((keys + 1)); [ "$ms" -gt "$worst_key" ] && worst_key=$ms
        latencies="${latencies:-} $ms"
    done
    now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
    elapsed=$(( $(date +%s) - start ))
    [ "$baseline" = 0 ] && [ "$elapsed" -ge 60 ] && baseline=$now
    status=$(screen | grep -o "read [0-9]*  accepted [0-9]*" || true)
    echo "t=${elapsed}s rss=${now}kB key=${ms}ms ${status}"
done
wait "$writer" || true
written=$(cat "$work/written")
deadline=$(( $(date +%s) + 60 ))
until screen | grep -q "read $written  accepted $written "; do
    [ "$(date +%s)" -gt "$deadline" ] && break
    sleep 0.2
done
end_rss=$(rss)
final=$(screen | grep -o "read [0-9]*  accepted [0-9]*  duplicate [0-9]*  skipped [0-9]*  rejected [0-9]*" || true)
sorted=$(echo $latencies | tr ' ' '\n' | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "written=$written screen: $final"
echo "rss: start=${first_rss}kB after-1min=${baseline}kB peak=${peak}kB end=${end_rss}kB"
echo "keys: $keys presses, median ${median}ms, worst ${worst_key}ms"
status=0
[ "$final" = "read $written  accepted $written  duplicate 0  skipped 0  rejected 0" ] || { echo "FAIL: counters differ" >&2; status=1; }
[ "$baseline" = 0 ] || [ "$peak" -le $(( baseline * 5 / 4 )) ] || { echo "FAIL: RSS grew more than 25% after the first minute" >&2; status=1; }
[ "$worst_key" -le 1000 ] || { echo "FAIL: a key took ${worst_key}ms" >&2; status=1; }
exit $status
