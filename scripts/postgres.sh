#!/bin/sh
# Start a throwaway PostgreSQL server for raqib's tests and print the DSN.
#
#   eval "$(scripts/postgres.sh)"        # exports RAQIB_TEST_POSTGRES
#   . scripts/postgres.sh                 # the same, sourced
#   scripts/postgres.sh stop DIR          # stop a server started earlier
#
# It installs Debian's postgresql package when no server binaries are found,
# then runs initdb and pg_ctl as the postgres user in a new temporary
# directory on a free local port (never the system service). The data
# directory is printed as RAQIB_TEST_POSTGRES_DIR for stopping it.

pg_bindir() {
	if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
		pg_config --bindir
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	done
}

as_postgres() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# The work runs in a subshell so that sourcing this file neither sets -eu
# nor exits the caller's shell; its export lines are evaluated afterwards.
raqib_postgres_main() (
	set -eu
	if [ "${1:-}" = stop ]; then
		bin=$(pg_bindir)
		as_postgres "$bin/pg_ctl" -D "$2/data" -m fast stop >/dev/null
		rm -rf "$2"
		exit 0
	fi

	bin=$(pg_bindir)
	if [ -z "$bin" ]; then
		echo "postgres.sh: installing postgresql" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update >&2
		apt-get install -y postgresql >&2
		bin=$(pg_bindir)
	fi
	if [ -z "$bin" ]; then
		echo "postgres.sh: no initdb found after installing postgresql" >&2
		exit 1
	fi

	# a free port: ask the kernel for one
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + $$ % 20000)))

	dir=$(mktemp -d /tmp/raqib-pg.XXXXXX)
	chmod 755 "$dir"
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$dir"
	fi
	as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres raqib_test

	RAQIB_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/raqib_test?sslmode=disable"
	echo "export RAQIB_TEST_POSTGRES=$RAQIB_TEST_POSTGRES"
	echo "export RAQIB_TEST_POSTGRES_DIR=$dir"
)

if raqib_postgres_out=$(raqib_postgres_main "$@"); then
	eval "$raqib_postgres_out"
	[ -z "$raqib_postgres_out" ] || printf '%s\n' "$raqib_postgres_out"
	unset raqib_postgres_out
else
	unset raqib_postgres_out
	return 1 2>/dev/null || exit 1
fi
