#!/usr/bin/env python3
"""Soak: a mixed read/write load at a fixed rate against `aireg demo`, with the server's memory
sampled. Not a test: it measures and prints a report (issue 13, item 7).

    scripts/soak.py [--binary target/debug/aireg] [--engine sqlite|postgres]
                    [--minutes 30] [--reads 20] [--writes 2] [--report FILE]

It starts the demo on a fresh database (SQLite in a temporary directory, or a new PostgreSQL
database on 127.0.0.1:5432 as user postgres, dropped afterwards), makes an API token for a
Kajaani admin, and then, open loop at the given rates (per second), reads the public register
(list, search, record pages, the public API) and the staff API, and writes through the API
(edits of Kajaani's records, one new draft in five writes). Every 10 s it samples the server's
resident memory (and on SQLite the write-ahead log). Any 5xx, refused connection or
unexpected status is an error; the exit code is 1 when there was one.

Python 3 standard library only.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ADMIN = "maija.virtanen@kajaani.example"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return float("nan")
    return float("nan")


def size_mib(path):
    try:
        return os.path.getsize(path) / (1024 * 1024)
    except FileNotFoundError:
        return 0.0


class Stats:
    """Counts and latencies per kind of request, in total and since the last sample."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = {}
        self.errors = []
        self.latencies = {}
        self.window = []
        self.conflicts = 0
        self.late = 0

    def record(self, kind, seconds, error=None, conflict=False):
        with self.lock:
            self.count[kind] = self.count.get(kind, 0) + 1
            self.latencies.setdefault(kind, []).append(seconds)
            self.window.append(seconds)
            if conflict:
                self.conflicts += 1
            if error:
                self.errors.append(f"{kind}: {error}")

    def take_window(self):
        with self.lock:
            w, self.window = self.window, []
            return w


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


class Client:
    def __init__(self, base, token, stats):
        self.base = base
        self.token = token
        self.stats = stats

    def call(self, kind, method, path, body=None, auth=False, ok=(200,)):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        start = time.perf_counter()
        status, text = None, ""
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                status, text = res.status, res.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode("utf-8", "replace")
        except Exception as e:  # refused, reset, timed out
            self.stats.record(kind, time.perf_counter() - start, error=repr(e))
            return None, None
        elapsed = time.perf_counter() - start
        if status == 409 and kind == "edit":
            # Two edits of one record raced: the API said so, as it should.
            self.stats.record(kind, elapsed, conflict=True)
        elif status not in ok:
            self.stats.record(kind, elapsed, error=f"{method} {path} -> {status}: {text[:200]}")
        else:
            self.stats.record(kind, elapsed)
        return status, text


def reads(client, ids, words):
    """One read, chosen at random as residents and staff read."""
    r = random.random()
    if r < 0.25:
        client.call("register page", "GET", f"/{random.choice(['fi', 'sv', 'en'])}/")
    elif r < 0.45:
        client.call("search page", "GET", f"/fi/?q={urllib.parse.quote(random.choice(words))}")
    elif r < 0.65:
        client.call("public API list", "GET", f"/api/v1/public/systems?page={random.randint(1, 2)}")
    elif r < 0.85:
        client.call("public API record", "GET", f"/api/v1/public/systems/{random.choice(ids['public'])}",
                    ok=(200, 404))
    else:
        client.call("staff API record", "GET", f"/api/v1/systems/{random.choice(ids['staff'])}", auth=True)


def write(client, ids, n):
    """An edit of a Kajaani record through the API, or (one in five) a new draft."""
    if n % 5 == 4:
        status, text = client.call(
            "create", "POST", "/api/v1/systems", auth=True, ok=(201,),
            body={"organisation": "kajaani",
                  "record": {"name": {"fi": f"Kuormitustesti {n}"}, "lifecycle": "idea"}},
        )
        if status == 201:
            ids["staff"].append(json.loads(text)["id"])
        return
    sid = random.choice(ids["staff"])
    status, text = client.call("read for edit", "GET", f"/api/v1/systems/{sid}", auth=True)
    if status != 200:
        return
    current = json.loads(text)
    record = current["record"]
    record.setdefault("summary", {})["fi"] = f"Päivitetty kuormitustestissä {n} ({time.time():.0f})."
    client.call("edit", "PUT", f"/api/v1/systems/{sid}", auth=True,
                body={"version": current["version"], "record": record})


def fixed_rate(rate, seconds, pool, job, stats, stop):
    """Starts `job(n)` `rate` times a second for `seconds`, open loop (not waiting for answers)."""
    if rate <= 0:
        return
    start = time.monotonic()
    n = 0
    while not stop.is_set():
        due = start + n / rate
        if due - start >= seconds:
            break
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        elif now - due > 1.0:
            stats.late += 1
        pool.submit(job, n)
        n += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default="target/debug/aireg")
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--reads", type=float, default=20, help="reads per second")
    ap.add_argument("--writes", type=float, default=2, help="writes per second")
    ap.add_argument("--report", help="also write the report (Markdown) here")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    tmp = tempfile.mkdtemp(prefix="aireg-soak-")
    env = {k: v for k, v in os.environ.items() if not (k.startswith("AIREG_") or k == "DATABASE_URL")}
    db_args = ["--data-dir", os.path.join(tmp, "data")]
    pg_name = None
    if args.engine == "postgres":
        pg_name = f"aireg_soak_{os.getpid()}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True)
        db_args += ["--database", f"postgres://postgres@127.0.0.1:5432/{pg_name}"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(tmp, "server.log"), "w")
    server = subprocess.Popen([binary, *db_args, "demo", "--port", str(port)], stdout=log,
                              stderr=subprocess.STDOUT, env=env)
    stats = Stats()
    stop = threading.Event()
    samples = []
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except Exception:
                if server.poll() is not None:
                    sys.exit("aireg demo stopped; see " + log.name)
                time.sleep(0.5)
        out = subprocess.run([binary, *db_args, "token", "create", "--user", ADMIN, "--name", "soak"],
                             capture_output=True, text=True, env=env, check=True)
        token = re.search(r"aireg_[0-9a-f]+", out.stdout + out.stderr).group(0)
        client = Client(base, token, stats)
        staff = json.loads(urllib.request.urlopen(urllib.request.Request(
            base + "/api/v1/systems?org=kajaani&per_page=100",
            headers={"Authorization": f"Bearer {token}"})).read())["items"]
        public = json.loads(urllib.request.urlopen(base + "/api/v1/public/systems?per_page=100").read())["items"]
        ids = {"staff": [s["id"] for s in staff], "public": [s["id"] for s in public]}
        words = ["chat", "botti", "käännös", "ennuste", "AI", "tekoäly", "assistent"]
        wal = os.path.join(tmp, "data", "aireg.db-wal")
        seconds = args.minutes * 60
        print(f"soak: {args.engine}, {args.minutes:g} min, {args.reads:g} reads/s and "
              f"{args.writes:g} writes/s against {binary} (pid {server.pid})", flush=True)

        def sample(t):
            window = stats.take_window()
            row = {
                "t": t, "rss": rss_mib(server.pid), "wal": size_mib(wal),
                "requests": sum(stats.count.values()), "errors": len(stats.errors),
                "p95": percentile(window, 95) * 1000,
            }
            samples.append(row)
            print(f"  {t / 60:5.1f} min  RSS {row['rss']:7.1f} MiB  WAL {row['wal']:6.1f} MiB  "
                  f"{row['requests']:7d} requests  {row['errors']} errors  p95 {row['p95']:7.1f} ms",
                  flush=True)

        sample(0)
        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            loops = [
                threading.Thread(target=fixed_rate, args=(args.reads, seconds, pool,
                                                          lambda n: reads(client, ids, words), stats, stop)),
                threading.Thread(target=fixed_rate, args=(args.writes, seconds, pool,
                                                          lambda n: write(client, ids, n), stats, stop)),
            ]
            for loop in loops:
                loop.start()
            began = time.monotonic()
            while any(loop.is_alive() for loop in loops):
                time.sleep(min(10, max(0.1, began + (len(samples)) * 10 - time.monotonic())))
                if time.monotonic() - began >= len(samples) * 10:
                    sample(time.monotonic() - began)
            for loop in loops:
                loop.join()
        sample(time.monotonic() - began)
    finally:
        stop.set()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if pg_name:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", pg_name])
        if stats.errors:
            kept = os.path.join(tempfile.gettempdir(), f"aireg-soak-{os.getpid()}-server.log")
            shutil.copy(os.path.join(tmp, "server.log"), kept)
            print(f"the server's log is kept in {kept}")
        shutil.rmtree(tmp, ignore_errors=True)

    report = render(args, samples, stats)
    print(report)
    if args.report:
        with open(args.report, "w") as f:
            f.write(report)
    sys.exit(1 if stats.errors else 0)


def render(args, samples, stats):
    lines = [f"## Soak: {args.engine}, {args.minutes:g} minutes, {args.reads:g} reads/s, "
             f"{args.writes:g} writes/s", ""]
    total = sum(stats.count.values())
    lines.append(f"{total} requests, {len(stats.errors)} errors, {stats.conflicts} edit conflicts "
                 f"(409, two edits of one record at once), {stats.late} starts more than 1 s late.")
    lines.append("")
    lines.append("| request | count | p50 ms | p95 ms | p99 ms | max ms |")
    lines.append("|---|---|---|---|---|---|")
    for kind in sorted(stats.latencies):
        v = stats.latencies[kind]
        lines.append(f"| {kind} | {len(v)} | {percentile(v, 50) * 1000:.1f} | {percentile(v, 95) * 1000:.1f} "
                     f"| {percentile(v, 99) * 1000:.1f} | {max(v) * 1000:.1f} |")
    rss = [s["rss"] for s in samples]
    if rss:
        half = [s for s in samples if s["t"] >= samples[-1]["t"] / 2]
        slope = 0.0
        if len(half) >= 2:
            ts = [s["t"] / 600 for s in half]
            rs = [s["rss"] for s in half]
            mt, mr = statistics.mean(ts), statistics.mean(rs)
            var = sum((t - mt) ** 2 for t in ts)
            slope = sum((t - mt) * (r - mr) for t, r in zip(ts, rs)) / var if var else 0.0
        lines += ["", f"Resident memory: {rss[0]:.1f} MiB at start, {min(rss):.1f} min, {max(rss):.1f} max, "
                      f"{rss[-1]:.1f} MiB at the end; over the second half it moved "
                      f"{slope:+.2f} MiB per 10 minutes."]
        if args.engine == "sqlite":
            wal = [s["wal"] for s in samples]
            lines.append(f"Write-ahead log: largest {max(wal):.1f} MiB, {wal[-1]:.1f} MiB at the end.")
        lines += ["", "| min | RSS MiB | WAL MiB | requests | errors | p95 ms (last 10 s) |", "|---|---|---|---|---|---|"]
        step = max(1, len(samples) // 20)
        for s in samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else []):
            lines.append(f"| {s['t'] / 60:.1f} | {s['rss']:.1f} | {s['wal']:.1f} | {s['requests']} | "
                         f"{s['errors']} | {s['p95']:.1f} |")
    if stats.errors:
        lines += ["", "First errors:"] + [f"- {e}" for e in stats.errors[:10]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
