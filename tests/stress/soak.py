#!/usr/bin/env python3
"""Soak: mixed reads and writes at a steady rate for --seconds against the real
server, then checks that nothing went wrong and nothing leaked.

Writers are logged-in curators, each saving the profile form of its own
published innovation (CSRF field, optimistic version) and reading it back;
readers are visitors on the search page, the search API, the directory and
innovation pages. Every request must answer what it should (303 for a save,
200 for a read): zero errors. The server's resident size and open descriptors
are sampled every second; after the warm-up (the first fifth, at least 10 s)
the resident size may not grow beyond 10% of its size at the end of the
warm-up, and once the clients have gone the descriptor count must be back to
what it was before they came.

  tests/stress/soak.py --binary build/lumbung --seconds 60     # the CI version (ctest -L stress)
  tests/stress/soak.sh                                          # 10 minutes
"""
import argparse
import os
import random
import shutil
import statistics
import threading
import time
import urllib.parse

import lib

WORDS = ["layanan", "kesehatan", "antrean", "puskesmas", "pendidikan", "desa", "digital", "sampah", "air",
         "perizinan", "pasar", "anak", "kependudukan", "jalan", "pajak"]


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.ok = {}
        self.errors = []

    def good(self, kind):
        with self.lock:
            self.ok[kind] = self.ok.get(kind, 0) + 1

    def bad(self, what):
        with self.lock:
            self.errors.append(what)


def paced(stop, rate, fn):
    """Calls fn() `rate` times a second until stop is set (a steady, closed-loop rate)."""
    interval = 1.0 / rate
    next_at = time.monotonic() + random.random() * interval
    while not stop.is_set():
        now = time.monotonic()
        if now < next_at:
            stop.wait(next_at - now)
            continue
        fn()
        next_at += interval
        if next_at < time.monotonic() - 1:  # fell behind by more than a second: do not burst
            next_at = time.monotonic()


def writer(port, email, counters, stop, rate, n):
    b = lib.Browser(port).log_in(email)
    iid, version = lib.publish_new(b, f"Soak penulis {n} awal")
    seq = 0

    def save():
        nonlocal version, seq
        seq += 1
        name = f"Soak penulis {n} simpanan {seq}"
        try:
            r = b.send("POST", f"/inovasi/{iid}/ubah", lib.profile(name, version=str(version),
                                                                     summary=f"Ringkasan ke-{seq} " + "x" * (seq % 50)))
            if r.status != 303:
                return counters.bad(f"save {iid} v{version}: {r.status} {r.text[:200]}")
            version += 1
            counters.good("save")
            if seq % 5 == 0:  # read it back as its editor
                page = b.send("GET", f"/inovasi/{iid}/ubah")
                if page.status != 200 or name not in page.text:
                    return counters.bad(f"edit page {iid}: {page.status}, saved name missing")
                counters.good("edit page")
        except OSError as e:
            counters.bad(f"save {iid}: {e!r}")

    paced(stop, rate, save)


def reader(port, ids, counters, stop, rate):
    def read():
        choice = random.random()
        word = random.choice(WORDS)
        if choice < 0.35:
            target = "/cari?q=" + urllib.parse.quote(word)
        elif choice < 0.7:
            target = "/api/v1/search?q=" + urllib.parse.quote(word)
        elif choice < 0.85:
            target = f"/inovasi/{random.choice(ids)}"
        else:
            target = f"/inovasi?halaman={random.randint(1, 3)}"
        try:
            r = lib.get(port, target)
            if r.status != 200:
                return counters.bad(f"GET {target}: {r.status}")
            counters.good("read")
        except OSError as e:
            counters.bad(f"GET {target}: {e!r}")

    paced(stop, rate, read)


def settled_fds(server):
    """Open descriptors once the index has caught up and closed connections are gone (the least of 3 looks)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = lib.get(server.port, "/readyz")
        if r.status == 200 and __import__("json").loads(r.body).get("outbox_lag") == 0:
            break
        time.sleep(0.1)
    looks = []
    for _ in range(3):
        time.sleep(0.5)
        looks.append(server.fds())
    return min(looks)


def run(args):
    work = lib.fresh_dir("soak")
    data = os.path.join(work, "data")
    try:
        lib.lumbung(args.binary, "seed-demo", "--data", data, "--count", str(args.innovations), "--log-level", "warn")
        emails = [f"kurator{i}@lumbung.go.id" for i in range(args.writers)]
        for e in emails:
            lib.add_user(args.binary, data, e, "curator", "national")
        server = lib.Server(args.binary, data, log_path=os.path.join(work, "serve.log"))
        try:
            server.wait_ready()
            ids = [int(x) for x in __import__("re").findall(r'href="/inovasi/(\d+)-', lib.get(server.port, "/inovasi").text)]
            lib.check(ids, "no innovations listed on /inovasi")
            for _ in range(3):  # the pages once each, so first-use allocations happen before the baseline
                for t in ("/", "/inovasi", f"/inovasi/{ids[0]}", "/cari?q=layanan", "/api/v1/search?q=layanan"):
                    lib.get(server.port, t)
            # Concurrent searches open the search index's pool of reader handles (bounded, kept
            # open) before the count, so the pool filling up is not taken for a leak.
            warm_pages = ("/cari?q=layanan", "/api/v1/search?q=desa", f"/inovasi/{ids[0]}")
            warmers = [threading.Thread(target=lambda: [lib.get(server.port, t) for _ in range(3) for t in warm_pages])
                       for _ in range(12)]
            for t in warmers:
                t.start()
            for t in warmers:
                t.join()
            # One write through the index too, so lazily opened files are open before the count.
            lib.publish_new(lib.Browser(server.port).log_in(emails[0]), "Soak pemanasan")
            fds_before = settled_fds(server)
            counters = Counters()
            stop = threading.Event()
            threads = [threading.Thread(target=writer, args=(server.port, e, counters, stop, args.write_rate, i))
                       for i, e in enumerate(emails)]
            threads += [threading.Thread(target=reader, args=(server.port, ids, counters, stop, args.read_rate))
                        for _ in range(args.readers)]
            for t in threads:
                t.start()
            warmup = max(10.0, args.seconds / 5)
            samples = []  # (seconds since start, rss kB, fds)
            started = time.monotonic()
            while time.monotonic() - started < args.seconds:
                time.sleep(1)
                lib.check(server.alive(), "the server died")
                samples.append((time.monotonic() - started, server.rss_kb(), server.fds()))
                if args.verbose:
                    log_line = samples[-1]
                    lib.log(f"  t={log_line[0]:5.0f}s rss={log_line[1] / 1024:6.1f} MB fds={log_line[2]} "
                            f"ok={dict(counters.ok)} errors={len(counters.errors)}")
            stop.set()
            for t in threads:
                t.join()
            fds_after = settled_fds(server)
            after = [s for s in samples if s[0] >= warmup]
            lib.check(after, "the run is shorter than its warm-up")
            baseline = statistics.median(s[1] for s in samples if warmup - 3 <= s[0] <= warmup + 2) \
                if any(warmup - 3 <= s[0] <= warmup + 2 for s in samples) else after[0][1]
            peak = max(s[1] for s in after)
            final = statistics.median(s[1] for s in after[-5:])
            growth = (final - baseline) / baseline
            total = sum(counters.ok.values())
            lib.log(f"soak: {args.seconds} s, {len(emails)} writers x {args.write_rate}/s, {args.readers} readers x "
                    f"{args.read_rate}/s: {total} requests ({dict(counters.ok)}), {len(counters.errors)} errors")
            lib.log(f"  resident: {samples[0][1] / 1024:.1f} MB at start, {baseline / 1024:.1f} MB after the "
                    f"{warmup:.0f} s warm-up, {final / 1024:.1f} MB at the end (peak {peak / 1024:.1f} MB): "
                    f"{growth * 100:+.1f}%")
            lib.log(f"  descriptors: {fds_before} before the clients, {fds_after} after them "
                    f"(under load {min(s[2] for s in samples)}..{max(s[2] for s in samples)})")
            for e in counters.errors[:20]:
                lib.log("  error:", e)
            lib.check(not counters.errors, f"{len(counters.errors)} errors")
            lib.check(counters.ok.get("save", 0) > 0 and counters.ok.get("read", 0) > 0, "no traffic went through")
            if not args.no_memory_check:
                lib.check(growth <= 0.10, f"resident size grew {growth * 100:.1f}% after the warm-up (limit 10%)")
            lib.check(fds_after <= fds_before, f"descriptors grew from {fds_before} to {fds_after}")
            lib.check(server.stop() == 0, "the server did not exit cleanly on SIGTERM")
        finally:
            server.kill()
    finally:
        if args.keep:
            lib.log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(lib.SOURCE_DIR, "build", "lumbung"))
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--innovations", type=int, default=500, help="seed-demo --count (default 500)")
    p.add_argument("--writers", type=int, default=3, help="logged-in curators saving forms (default 3)")
    p.add_argument("--write-rate", type=float, default=2.0, help="saves a second per writer (default 2)")
    p.add_argument("--readers", type=int, default=4, help="visitors (default 4)")
    p.add_argument("--read-rate", type=float, default=5.0, help="reads a second per visitor (default 5)")
    p.add_argument("--no-memory-check", action="store_true",
                   help="leave out the resident-size limit (sanitizer builds grow by design)")
    p.add_argument("--verbose", action="store_true", help="print a sample every second")
    p.add_argument("--keep", action="store_true", help="keep the data directory and server log")
    args = p.parse_args()
    lib.main_guard(lambda: run(args))


if __name__ == "__main__":
    main()
