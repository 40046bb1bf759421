#!/usr/bin/env bash
# CI (.ci/run): build the Linux bundle with the .venv that scripts/test made, then run
# the bundle's self-test, including a login to a local IMAP server (pymap, from the test
# extras). Any failure fails CI. Takes about a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || { echo "ci-linux: run scripts/test first (it makes .venv)" >&2; exit 1; }
start=$(date +%s)
"$PY" -m pip install -q pyinstaller

# Qt's system libraries: build-linux.sh installs the missing ones (GitHub's runner) or
# stops. After scripts/test none may be missing: .ci/run fails if this step installs any.

# A throwaway IMAP server on loopback with a demo mailbox, so the bundled engine
# (imapclient, ssl, folder listing) is exercised, not only imported.
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="ci-$RANDOM-$RANDOM"
.venv/bin/pymap --host 127.0.0.1 --port "$port" --no-tls dict --demo-data \
  --demo-user selftest --demo-password "$password" >/dev/null 2>&1 &
imap_pid=$!
trap 'kill "$imap_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" \
    2>/dev/null && break
  sleep 0.2
done

ARCHIVE=0 PYTHON="$PY" MAILMOVER_SELFTEST_PASSWORD="$password" packaging/build-linux.sh \
  --self-test-imap "imap+plain://selftest@127.0.0.1:$port"
echo "ci-linux: bundle built and self-tested in $(( $(date +%s) - start )) s"
