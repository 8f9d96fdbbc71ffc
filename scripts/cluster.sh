#!/usr/bin/env bash
# Start or stop a local raqib cluster to try the scale-out path on one
# machine: 3 NATS servers with JetStream (an R3 stream), a throwaway
# PostgreSQL, N ingest workers and `raqib serve`, all on 127.0.0.1.
#
#   scripts/cluster.sh up [WORKERS]     # default 2 workers; prints what to run next
#   scripts/cluster.sh status           # raqib queue status
#   scripts/cluster.sh down             # stop everything, remove the state
#
# Binaries (raqib, and nats-server built from the Go module raqib pins) go to
# .cluster/bin, state and logs to .cluster/. Ports: NATS 4222-4224 (routes
# 6222-6224), the UI and API on 8080; override with RAQIB_NATS_PORT,
# RAQIB_ROUTE_PORT and RAQIB_HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=$root/.cluster
nats_port=${RAQIB_NATS_PORT:-4222}
route_port=${RAQIB_ROUTE_PORT:-6222}
http=${RAQIB_HTTP:-127.0.0.1:8080}

urls() {
	local u=()
	for i in 0 1 2; do u+=("nats://127.0.0.1:$((nats_port + i))"); done
	(IFS=,; echo "${u[*]}")
}

wait_port() { # host port: wait until something listens
	for _ in $(seq 1 100); do
		if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
		sleep 0.1
	done
	echo "cluster.sh: nothing listens on $1:$2" >&2
	return 1
}

up() {
	local workers=${1:-2}
	if [ -e "$dir/pids" ]; then
		echo "cluster.sh: a cluster is already up ($dir); run scripts/cluster.sh down first" >&2
		exit 1
	fi
	mkdir -p "$dir/bin" "$dir/logs"
	echo "cluster.sh: building raqib and nats-server" >&2
	go build -o "$dir/bin/raqib" ./cmd/raqib
	go build -o "$dir/bin/nats-server" github.com/nats-io/nats-server/v2
	: >"$dir/pids"

	routes=""
	for i in 0 1 2; do routes="$routes${routes:+,}nats-route://127.0.0.1:$((route_port + i))"; done
	for i in 0 1 2; do
		"$dir/bin/nats-server" -a 127.0.0.1 -p $((nats_port + i)) -n "raqib-n$((i + 1))" -js -sd "$dir/nats$((i + 1))" \
			--cluster_name raqib --cluster "nats://127.0.0.1:$((route_port + i))" --routes "$routes" \
			-l "$dir/logs/nats$((i + 1)).log" >/dev/null 2>&1 &
		echo $! >>"$dir/pids"
	done
	for i in 0 1 2; do wait_port 127.0.0.1 $((nats_port + i)); done

	eval "$(sh scripts/postgres.sh)"
	echo "$RAQIB_TEST_POSTGRES_DIR" >"$dir/postgres_dir"
	dsn=$RAQIB_TEST_POSTGRES
	queue=$(urls)
	{
		echo "export RAQIB_QUEUE='$queue'"
		echo "export RAQIB_DB='$dsn'"
	} >"$dir/env"

	# The first worker creates the R3 stream; JetStream may need a few
	# seconds to elect its leaders, so it is retried.
	for w in $(seq 1 "$workers"); do
		for _ in $(seq 1 30); do
			"$dir/bin/raqib" worker --queue "$queue" --db "$dsn" --replicas 3 >>"$dir/logs/worker$w.log" 2>&1 &
			pid=$!
			sleep 1
			if kill -0 "$pid" 2>/dev/null; then break; fi
		done
		echo "$pid" >>"$dir/pids"
	done
	"$dir/bin/raqib" serve --db "$dsn" --addr "$http" >>"$dir/logs/serve.log" 2>&1 &
	echo $! >>"$dir/pids"
	wait_port "${http%:*}" "${http##*:}"

	cat <<EOF
raqib cluster up: NATS $queue, $workers workers, PostgreSQL, UI on http://$http/
Logs in $dir/logs. Then:

  . $dir/env
  $dir/bin/raqib ingest --queue "\$RAQIB_QUEUE" --replicas 3 examples/articles.jsonl
  $dir/bin/raqib queue status --queue "\$RAQIB_QUEUE"
  $dir/bin/raqib search --db "\$RAQIB_DB" "قصف"
  scripts/cluster.sh down
EOF
}

down() {
	if [ -e "$dir/pids" ]; then
		# Workers and serve first (SIGTERM: they finish their batch), NATS last.
		tac "$dir/pids" | while read -r pid; do kill "$pid" 2>/dev/null || true; done
		for _ in $(seq 1 100); do
			alive=0
			while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$dir/pids"
			[ $alive = 0 ] && break
			sleep 0.1
		done
	fi
	if [ -e "$dir/postgres_dir" ]; then
		sh scripts/postgres.sh stop "$(cat "$dir/postgres_dir")" || true
	fi
	rm -rf "$dir"
	echo "raqib cluster down"
}

case "${1:-}" in
up) up "${2:-2}" ;;
down) down ;;
status) "$dir/bin/raqib" queue status --queue "$(urls)" ;;
*)
	echo "usage: scripts/cluster.sh up [WORKERS] | status | down" >&2
	exit 2
	;;
esac
