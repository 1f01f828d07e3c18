#!/usr/bin/env python3
"""Load test of `relaunch serve`: the real server on 127.0.0.1, many concurrent clients.

    python3 bench/load.py                      # from the repository root, after
                                               # cargo build --release -p relaunch
    python3 bench/load.py --clients 50 --seconds 5 --bin target/release/relaunch

It starts the server on a fresh SQLite store in a temporary directory (a free port, a token of
its own), saves the Kaluga example and imports its actuals through the API, times a what-if
(`--whatif-runs` round trips of POST /api/v1/simulate with three overrides and 200
replications, polled until its result is there) on the idle server, then runs
`--clients` clients at once for `--seconds`. Each client loops over the read endpoints
(programmes, a programme, its status, its forecast history, the job list) and, every
`--job-every` requests, starts a short forecast job (20 replications, no tornado) and polls it
until it ends. It prints the requests made, the errors (any answer other than 2xx, any failed
job, any exception), the latency of the requests (p50, p99, max) and of the jobs (start to
succeeded), and exits 1 if there was any error. Python standard library only.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def quantile(values, q):
    """The q-quantile of `values` by the nearest-rank rule (the smallest value with at least a
    share q of the values at or below it)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 1))  # ceil(n q), at least 1
    return ordered[int(rank) - 1]


class Client:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host, port, token):
        self.host, self.port, self.token = host, port, token
        self.connection = None

    def request(self, method, path, body=None, content_type=None):
        headers = {}
        if body is not None:
            headers["Content-Type"] = content_type
        if method != "GET":
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                return response.status, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed between requests: once more.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def start_server(binary, db, token, jobs):
    env = dict(os.environ, RELAUNCH_TOKEN=token, RUST_LOG="error")
    process = subprocess.Popen(
        [binary, "serve", "--addr", "127.0.0.1:0", "--db", db, "--jobs", str(jobs)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stderr.readline()
    if "http://" not in line:
        process.kill()
        raise SystemExit("the server did not start: " + line + process.stderr.read())
    address = line.split("http://", 1)[1].split("/", 1)[0]
    host, port = address.rsplit(":", 1)
    # Keep reading stderr so the server never blocks on a full pipe.
    threading.Thread(target=lambda: process.stderr.read(), daemon=True).start()
    return process, host, int(port)


# A what-if a dashboard panel would send: the second hiring wave a month earlier, kits faster,
# the pilot releasing 6 a day instead of 5.
WHAT_IF = {
    "workforce.hires[1].date": "2024-05-06",
    "kit[crossover-skd4].lead_time": {"dist": "triangular", "min": "20d", "mode": "24d",
                                      "max": "40d"},
    "release.plan[0].per_day": 6,
}


def whatif_round_trip(client, name, replications):
    """Seconds from POST /api/v1/simulate (a stored programme with WHAT_IF) to its job read
    back succeeded with its result."""
    body = json.dumps({"programme": name, "replications": replications, "tornado": False,
                       "overrides": WHAT_IF}).encode()
    started = time.perf_counter()
    status, data = client.request("POST", "/api/v1/simulate", body, "application/json")
    if status != 202:
        raise SystemExit(f"the what-if: {status} {data[:300]!r}")
    job = json.loads(data)["links"]["self"]
    while True:
        status, data = client.request("GET", job)
        answer = json.loads(data)
        if answer["state"] == "succeeded" and "result" in answer:
            return time.perf_counter() - started
        if status != 200 or answer["state"] in ("failed", "cancelled"):
            raise SystemExit(f"the what-if job: {status} {data[:300]!r}")
        time.sleep(0.005)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "relaunch"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--job-every", type=int, default=10,
                        help="start a forecast job every N requests of a client")
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2, help="the server's run slots")
    parser.add_argument("--whatif-runs", type=int, default=3,
                        help="what-if round trips timed before the load")
    parser.add_argument("--whatif-replications", type=int, default=200)
    args = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="relaunch-load.")
    token = secrets.token_hex(32)
    process, host, port = start_server(args.bin, os.path.join(directory, "relaunch.db"), token,
                                       args.jobs)
    try:
        setup = Client(host, port, token)
        with open(os.path.join(ROOT, "examples/kaluga.toml"), "rb") as file:
            status, data = setup.request("POST", "/api/v1/programmes", file.read(),
                                         "application/toml")
        if status not in (200, 201):
            raise SystemExit(f"saving the programme: {status} {data[:300]!r}")
        saved = json.loads(data)["programme"]
        programme = saved["links"]["self"]
        with open(os.path.join(ROOT, "examples/actuals/kaluga.csv"), "rb") as file:
            status, data = setup.request("POST", programme + "/actuals", file.read(), "text/csv")
        if status != 200:
            raise SystemExit(f"importing the actuals: {status} {data[:300]!r}")

        # The what-if round trip on the idle server, before the load.
        whatif = [whatif_round_trip(setup, saved["name"], args.whatif_replications)
                  for _ in range(args.whatif_runs)]

        reads = [
            "/api/v1/programmes",
            programme,
            programme + "/status",
            programme + "/forecasts",
            "/api/v1/jobs",
        ]
        job_body = json.dumps({"replications": args.replications, "tornado": False,
                               "as_of": "2024-03-29"}).encode()
        lock = threading.Lock()
        latencies, job_times, errors = [], [], []
        deadline = time.monotonic() + args.seconds

        def client_loop(index):
            client = Client(host, port, token)
            count = 0
            own_latencies, own_jobs, own_errors = [], [], []

            def timed(method, path, body=None, content_type=None):
                started = time.perf_counter()
                try:
                    status, data = client.request(method, path, body, content_type)
                except Exception as error:  # any failure to talk to the server is an error
                    own_errors.append(f"{method} {path}: {error!r}")
                    return None, None
                own_latencies.append(time.perf_counter() - started)
                if not 200 <= status < 300:
                    own_errors.append(f"{method} {path}: {status} {data[:200]!r}")
                return status, data

            while time.monotonic() < deadline:
                count += 1
                if count % args.job_every == index % args.job_every:
                    started = time.perf_counter()
                    status, data = timed("POST", programme + "/forecasts", job_body,
                                         "application/json")
                    if status != 202:
                        continue
                    job = json.loads(data)["links"]["self"]
                    while True:
                        status, data = timed("GET", job)
                        if status != 200:
                            break
                        state = json.loads(data)["state"]
                        if state in ("succeeded", "failed", "cancelled"):
                            if state == "succeeded":
                                own_jobs.append(time.perf_counter() - started)
                            else:
                                own_errors.append(f"job {job} ended {state}: {data[:300]!r}")
                            break
                        time.sleep(0.05)
                else:
                    timed("GET", reads[count % len(reads)])
            with lock:
                latencies.extend(own_latencies)
                job_times.extend(own_jobs)
                errors.extend(own_errors)

        threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

        ms = lambda seconds: f"{seconds * 1000:.1f} ms"
        print(f"{args.clients} clients for {elapsed:.1f} s against {args.bin} "
              f"(--jobs {args.jobs}, {os.cpu_count()} cores)")
        print(f"requests: {len(latencies)} ({len(latencies) / elapsed:.0f}/s), "
              f"errors: {len(errors)}")
        print(f"request latency: p50 {ms(quantile(latencies, 0.5))}, "
              f"p99 {ms(quantile(latencies, 0.99))}, max {ms(max(latencies, default=0))}")
        print(f"forecast jobs ({args.replications} replications): {len(job_times)} succeeded, "
              f"start to result p50 {ms(quantile(job_times, 0.5))}, "
              f"p99 {ms(quantile(job_times, 0.99))}")
        print(f"what-if round trip (POST /simulate, {args.whatif_replications} replications of "
              f"the Kaluga programme with 3 overrides, no tornado, then polled every 5 ms until "
              f"succeeded; idle server, {len(whatif)} runs): "
              f"median {ms(quantile(whatif, 0.5))}, max {ms(max(whatif, default=0))}")
        for error in errors[:10]:
            print("error:", error, file=sys.stderr)
        return 1 if errors or not latencies else 0
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
