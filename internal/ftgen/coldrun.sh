#!/bin/sh
# coldrun.sh: whole-process times of examples/faulttree against SCRAM on
# the Aralia trees (or the files given), one process per tree, as a user
# runs them. Run from anywhere inside the repository; skips cleanly when
# SCRAM or the data is absent. Extra flags go first: coldrun.sh -runs 3.
set -e
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
data=../shared/benchdata/aralia
flags=""
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do flags="$flags $1 $2"; shift 2; done
if [ $# -eq 0 ]; then
	if [ ! -d "$data" ]; then echo "coldrun: $data absent, skipping"; exit 0; fi
	set -- "$data"/*.xml
fi
if ! command -v scram >/dev/null; then echo "coldrun: scram absent, skipping (apt-get install scram)"; exit 0; fi
go build -o /tmp/ft ./examples/faulttree
go build -o /tmp/coldrun ./internal/ftgen/cmd/coldrun
nproc; lscpu | grep 'Model name' || true
exec /tmp/coldrun -ours /tmp/ft $flags "$@"
