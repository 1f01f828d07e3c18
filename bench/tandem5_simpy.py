"""The benchmark tandem line of bench/tandem5.toml in SimPy 4.1.2, the peer of relaunch.

Poisson arrivals (lambda = 0.8/min) feed five exponential stations in series (mu = 1, 1.1, 1.2,
1.1, 1.0 per min). Station 1 has an unlimited buffer; stations 2-5 have 5 places in front of
their single server. Blocking after service: a server that finishes keeps its job, and stays
occupied, until the job gets a place at the next station.

Modelling, as fast as idiomatic SimPy goes: each station is one server process pulling jobs from
a simpy.Store (the buffer; capacity 5, or unlimited for station 1). After service the server
does `yield next_store.put(job)`, which only returns once the next station admits the job, so
the server is blocked meanwhile. Station k >= 2 thus holds at most 5 waiting + 1 in service, as
in relaunch. A job is just its arrival time (a float), so there is no per-job process.

Usage: python3 bench/tandem5_simpy.py [JOBS] [SEED]      (defaults 1000000, 1)
Prints `key value` lines: jobs, wall_seconds (env.run() only), jobs_per_second,
mean_time_in_system_minutes, simulated_minutes.
"""

import random
import sys
import time

import simpy

ARRIVAL_RATE = 0.8  # per minute
SERVICE_RATES = (1.0, 1.1, 1.2, 1.1, 1.0)  # per minute
BUFFERS = (float("inf"), 5, 5, 5, 5)  # places in front of each server


def build(env, jobs, rng, sink):
    stores = [simpy.Store(env, capacity=cap) for cap in BUFFERS]
    expo = rng.expovariate
    timeout = env.timeout

    def source():
        put = stores[0].put
        for _ in range(jobs):
            yield timeout(expo(ARRIVAL_RATE))
            put(env.now)  # station 1's buffer is unlimited: never waits

    def server(k):
        get = stores[k].get
        rate = SERVICE_RATES[k]
        if k + 1 < len(stores):
            put_next = stores[k + 1].put
            while True:
                job = yield get()
                yield timeout(expo(rate))
                yield put_next(job)  # blocked until the next station admits the job
        else:
            while True:
                job = yield get()
                yield timeout(expo(rate))
                sink(env.now - job)

    env.process(source())
    for k in range(len(stores)):
        env.process(server(k))


def main():
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    env = simpy.Environment()
    rng = random.Random(seed)
    done = [0, 0.0]  # count, sum of times in system

    def sink(flow):
        done[0] += 1
        done[1] += flow

    build(env, jobs, rng, sink)
    started = time.perf_counter()
    env.run()
    wall = time.perf_counter() - started
    assert done[0] == jobs, f"only {done[0]} of {jobs} jobs left the line"
    print(f"jobs {done[0]}")
    print(f"wall_seconds {wall:.3f}")
    print(f"jobs_per_second {done[0] / wall:.1f}")
    print(f"mean_time_in_system_minutes {done[1] / done[0]:.6f}")
    print(f"simulated_minutes {env.now:.1f}")


if __name__ == "__main__":
    main()
