#!/usr/bin/env bash
# Start the local PostgreSQL cluster the server tests use (127.0.0.1:5432) if it is not running,
# then wait until it accepts connections. Called by .ci/run before the tests.
set -euo pipefail

HOST=127.0.0.1
PORT=5432

if pg_isready -q -h "$HOST" -p "$PORT"; then
    exit 0
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ -z "$version" ]; then
    echo "ensure-postgres: no PostgreSQL cluster under /etc/postgresql" >&2
    exit 1
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 60); do
    if pg_isready -q -h "$HOST" -p "$PORT"; then
        exit 0
    fi
    sleep 0.5
done
echo "ensure-postgres: PostgreSQL $version did not become ready on $HOST:$PORT" >&2
exit 1
