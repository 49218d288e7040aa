#!/usr/bin/env bash
# Property-based API tests of aireg's /api/v1 with Schemathesis.
#
# Usage (from the repository root):  scripts/schemathesis.sh [path/to/aireg] [extra `st run` options…]
#
# Starts `aireg demo` on a free loopback port with a throw-away SQLite database, creates an API
# token for a Kajaani org_admin, and runs Schemathesis against the served OpenAPI document
# (coverage, fuzzing and stateful phases, every check but positive_data_acceptance, see below).
# Exits non-zero when Schemathesis reports a failure or the run does not finish in time.
#
# Environment:
#   ST_MAX_EXAMPLES   test cases per operation            (default 50)
#   ST_TIMEOUT        wall-clock limit of the run, seconds (default 600)
#   ST_WORKERS        Schemathesis workers                 (default 1)
#   ST_SEED           seed, to replay a run                (default: random, printed)
#   ST_EXCLUDE_CHECKS checks to skip (default positive_data_acceptance; empty = run all).
#                     positive_data_acceptance expects 2xx for any schema-valid request, but the
#                     server rightly refuses valid-shaped input the schema cannot express:
#                     unknown organisations, a record without a name, control characters in text,
#                     facts outside the AI Act vocabulary.
#   KEEP_TMP=1        keep the temporary data directory and server log
set -euo pipefail

ST_VERSION=4.32.5
MAX_EXAMPLES=${ST_MAX_EXAMPLES:-50}
RUN_TIMEOUT=${ST_TIMEOUT:-600}
WORKERS=${ST_WORKERS:-1}
EXCLUDE_CHECKS=${ST_EXCLUDE_CHECKS-positive_data_acceptance}

BIN=${1:-target/debug/aireg}
shift || true
[[ -x $BIN ]] || { echo "schemathesis.sh: no aireg binary at $BIN (build it or pass its path)" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
ROOT=$(pwd)
WORK=$ROOT/target/schemathesis
VENV=$ROOT/target/schemathesis-venv
REPORT=$WORK/report
mkdir -p "$WORK"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/aireg-st.XXXXXX")
SERVER_PID=
ST_PID=
cleanup() {
    local rc=$?
    if [[ -n $ST_PID ]]; then
        kill "$ST_PID" 2>/dev/null || true
        wait "$ST_PID" 2>/dev/null || true
    fi
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ ${KEEP_TMP:-} == 1 ]]; then
        echo "schemathesis.sh: kept $TMP"
    else
        rm -rf "$TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Only the throw-away database: no settings of the caller's environment may point elsewhere.
unset DATABASE_URL AIREG_DATA_DIR AIREG_CONTENT_DIR AIREG_BIND AIREG_PORT AIREG_PUBLIC_URL \
    AIREG_SMTP_URL AIREG_MAIL_FROM
aireg() { "$BIN" --data-dir "$TMP/data" "$@"; }

# --- Schemathesis, in a venv of its own under target/ -----------------------------------------
if [[ ! -x $VENV/bin/st ]] || [[ $("$VENV/bin/st" --version 2>/dev/null) != *" $ST_VERSION" ]]; then
    echo "== installing schemathesis $ST_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$ST_VERSION"
fi
PY=$VENV/bin/python

# --- the server ----------------------------------------------------------------------------------
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
echo "== starting aireg demo on $BASE (data in $TMP/data)"
"$BIN" --data-dir "$TMP/data" demo --bind 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "schemathesis.sh: aireg demo exited; its log:" >&2
        tail -n 30 "$TMP/server.log" >&2
        exit 1
    fi
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
    sleep 0.5
done
curl -fsS -o /dev/null "$BASE/healthz" || { echo "schemathesis.sh: /healthz did not answer in 120 s" >&2; exit 1; }

# A Kajaani org_admin (editor rights in one organisation and its units).
USER_EMAIL=maija.virtanen@kajaani.example
if ! grep -q "$USER_EMAIL" "$TMP/server.log"; then
    USER_EMAIL=$(grep -Eo '^ +[^ ]+@[^ ]+ +org_admin in ' "$TMP/server.log" | awk '{print $1; exit}')
fi
[[ -n $USER_EMAIL ]] || { echo "schemathesis.sh: no org_admin among the demo accounts" >&2; exit 1; }
TOKEN=$(aireg token create --user "$USER_EMAIL" --name schemathesis 2>"$TMP/token.err" \
    | grep -Eo 'aireg_[0-9a-f]+' | head -n 1) || true
[[ -n $TOKEN ]] || { echo "schemathesis.sh: could not create an API token" >&2; cat "$TMP/token.err" >&2; exit 1; }
export TOKEN

# --- configuration: real ids and slugs, so that generated requests reach the handlers ----------
# Each parameter takes a known value with the given probability, a generated one otherwise.
"$PY" - "$BASE" >"$TMP/schemathesis.toml" <<'EOF'
import json, os, sys, urllib.request
base = sys.argv[1]
req = urllib.request.Request(base + "/api/v1/systems?per_page=100",
                             headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
items = json.load(urllib.request.urlopen(req))["items"]
ids = sorted({i["id"] for i in items})
orgs = sorted({i["organisation"]["slug"] for i in items}) + ["helsinki"]
if not ids:
    sys.exit("no records visible to the token")
toml = lambda xs: "[" + ", ".join(json.dumps(x) for x in xs) + "]"
print(f"""[dictionaries.system_ids]
values = {toml(ids)}
[dictionaries.orgs]
values = {toml(orgs)}
[dictionaries.langs]
values = ["fi", "sv", "en"]
[dictionaries.lifecycle]
values = ["idea", "planning", "procurement", "development", "pilot", "in_use", "suspended", "retired"]

[parameters]
"path.id" = {{ dictionary = "system_ids", probability = 0.8 }}
"query.org" = {{ dictionary = "orgs", probability = 0.7 }}
"query.lang" = {{ dictionary = "langs", probability = 0.7 }}
"body.organisation" = {{ dictionary = "orgs", probability = 0.8 }}
"body.to" = {{ dictionary = "lifecycle", probability = 0.8 }}""")
EOF

# --- the run -------------------------------------------------------------------------------------
rm -rf "$REPORT"
ARGS=(run "$BASE/api/v1/openapi.json"
    --header "Authorization: Bearer $TOKEN"
    --checks all
    --max-examples "$MAX_EXAMPLES"
    --workers "$WORKERS"
    --request-timeout 30
    --generation-database none
    --report junit,json --report-dir "$REPORT")
[[ -n $EXCLUDE_CHECKS ]] && ARGS+=(--exclude-checks "$EXCLUDE_CHECKS")
[[ -n ${ST_SEED:-} ]] && ARGS+=(--seed "$ST_SEED")
echo "== st $ST_VERSION: max-examples $MAX_EXAMPLES, workers $WORKERS, limit ${RUN_TIMEOUT}s," \
    "excluded checks: ${EXCLUDE_CHECKS:-none}"
START=$SECONDS
set +e
# From $WORK, so that Schemathesis' caches (.schemathesis/) land under target/.
# In the background, so that a signal to this script is handled at once (see cleanup).
(cd "$WORK" && exec timeout --kill-after=10 "$RUN_TIMEOUT" "$VENV/bin/st" \
    --config-file "$TMP/schemathesis.toml" "${ARGS[@]}" "$@") &
ST_PID=$!
wait "$ST_PID"
RC=$?
ST_PID=
set -e
ELAPSED=$((SECONDS - START))

# --- summary -------------------------------------------------------------------------------------
echo
echo "== schemathesis.sh summary"
if ((RC == 124 || RC == 137)); then
    echo "   TIMED OUT after ${RUN_TIMEOUT}s"
    exit 1
fi
"$PY" - "$REPORT" "$ELAPSED" <<'EOF' || true
import glob, json, sys
files = glob.glob(sys.argv[1] + "/json-*.json")
if not files:
    sys.exit(0)
r = json.load(open(files[0]))
tc = r["test_cases"]
print(f"   {r['operations']['tested']}/{r['operations']['total']} operations, "
      f"{tc['generated']} test cases, {sys.argv[2]} s, seed {r['seed']}")
for f in r["failures"]:
    print(f"   FAIL {f['code']} {f['title']} ({f['count']}): " + ", ".join(f["operations"]))
for e in r.get("errors", []):
    print(f"   ERROR {e}")
print(f"   reports: {files[0]} and junit-*.xml beside it")
EOF
if ((RC == 0)); then
    echo "   OK: no failures"
else
    echo "   FAILED (st exit code $RC)"
fi
exit "$RC"
