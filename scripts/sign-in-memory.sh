#!/usr/bin/env bash
# Benchmark: the server's resident memory under sign-in load (issue 13: Argon2 must not let a
# stranger inflate it). Starts `aireg demo` on a temporary database, samples the server's RSS,
# sends sign-ins 8 at a time (one in eight with a wrong password, staying under the 30 failures
# an address may make: right or wrong, each computes a hash), and prints a report. Not a test:
# it measures and prints.
#
#   scripts/sign-in-memory.sh [AIREG_BINARY] [SIGN_INS]
#
# The binary defaults to target/release/aireg, else target/debug/aireg (the hashing crates
# are optimised in both profiles).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [[ -z "$bin" ]]; then
  if [[ -x target/release/aireg ]]; then bin=target/release/aireg; else bin=target/debug/aireg; fi
fi
total="${2:-128}"
port=$((20000 + RANDOM % 20000))
data="$(mktemp -d)"
log="$data/server.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

"$bin" --data-dir "$data" demo --port "$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$log"; exit 1; }

password="$(grep -oiE 'password[^:]*: *[^ ]+' "$log" | head -n1 | sed -E 's/.*: *//')"
accounts=($(grep -oE '[a-z0-9.+-]+@[a-z0-9.-]+\.example' "$log" | sort -u))
[[ -n "$password" && ${#accounts[@]} -gt 0 ]] || { echo "no demo accounts in the log"; cat "$log"; exit 1; }

rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }
hwm() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }

sign_ins() { # $1: how many, numbered from $2
  seq "$2" $(($2 + $1 - 1)) | xargs -P 8 -I{} sh -c '
    n={}; i=$((n % '"${#accounts[@]}"'))
    set -- '"${accounts[*]}"'
    shift $i; email=$1
    if [ $((n % 8)) -ne 0 ]; then pw="'"$password"'"; else pw="wrong-$n"; fi
    curl -s -o /dev/null -w "%{http_code}\n" -X POST \
      --data-urlencode "email=$email" --data-urlencode "password=$pw" \
      "http://127.0.0.1:'"$port"'/en/login"' | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'
}

echo "aireg sign-in memory benchmark: $bin, $(nproc) cores, $total sign-ins 8 at a time"
echo "  after start and demo load:   RSS $(rss) MiB"
half=$((total / 2))
start=$(date +%s.%N)
codes=$(sign_ins "$half" 1)
echo "  after $half sign-ins:          RSS $(rss) MiB  (answers: $codes)"
codes=$(sign_ins "$((total - half))" $((half + 1)))
end=$(date +%s.%N)
echo "  after $total sign-ins:         RSS $(rss) MiB  (answers: $codes)"
sleep 10
echo "  10 s later:                  RSS $(rss) MiB, peak $(hwm) MiB"
printf '  %.1f sign-ins/s\n' "$(echo "$total / ($end - $start)" | bc -l)"
