#!/usr/bin/env bash
# Measure the queue path on this machine: publish FILE to a local cluster
# (scripts/cluster.sh) with WORKERS workers and time the drain.
#
#   scripts/bench-queue.sh WORKERS [FILE]     # FILE defaults to ../shared/data/ant-bulk.jsonl
#
# Prints the publish rate, the articles stored per second from the first
# publish until the queue is drained, and each worker's peak RSS (VmHWM).
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:?usage: scripts/bench-queue.sh WORKERS [FILE]}
file=${2:-../shared/data/ant-bulk.jsonl}
dir=.cluster
scripts/cluster.sh up "$workers" >/dev/null
trap 'scripts/cluster.sh down >/dev/null' EXIT
. "$dir/env"
start=$(date +%s.%N)
"$dir/bin/raqib" ingest --queue "$RAQIB_QUEUE" --replicas 3 "$file" 2>&1 | tail -1
while :; do
	st=$("$dir/bin/raqib" queue status --queue "$RAQIB_QUEUE")
	if echo "$st" | grep -q "^stream RAQIB_ARTICLES: 0 messages" && echo "$st" | grep -q " 0 delivered and not acked"; then
		break
	fi
	sleep 0.2
done
end=$(date +%s.%N)
n=$(psql "$RAQIB_DB" -Atc 'SELECT count(*) FROM articles' 2>/dev/null || echo '?')
awk -v w="$workers" -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%d workers: %s articles stored in %.1f s: %.1f articles/s (publish to drained)\n", w, n, e - s, n / (e - s) }'
# worker pids: after the 3 NATS servers, before serve
sed -n "4,$((3 + workers))p" "$dir/pids" | while read -r pid; do
	echo "worker $pid: peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/"$pid"/status)"
done
echo "$st"
