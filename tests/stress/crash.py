#!/usr/bin/env python3
"""Crash consistency: kill -9 the server at random points during a stream of
innovation saves, --rounds times (ctest: 10; --rounds 50 for the full run).

Each round starts the server on the same data directory, logs in two curators
and lets each save the profile form of its own published innovation over and
over (every save a new name), and, when the lab and IID areas are present,
nothing else: the saves are the writes checked. After a random 0.2-1.5 s the
server gets SIGKILL. Then, with the server down:
  - PRAGMA integrity_check and foreign_key_check pass;
  - every save acknowledged with 303 before the kill is there: the innovation's
    version is the acknowledged one (its name the acknowledged name) or the one
    after it (a save that committed but whose answer was lost with the kill);
  - nothing half-written: every innovation has the revision row of its current
    version, every outbox entry names an existing innovation;
and after the restart /readyz reaches outbox lag 0 and the search API finds
each innovation under its latest name.
  tests/stress/crash.py --binary build/lumbung --rounds 50 [--seed S]
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import threading
import time
import urllib.parse

import lib


def word(rng):
    return "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aiueo") for _ in range(5))


class Writer(threading.Thread):
    """Saves its innovation until the server dies; remembers what was acknowledged."""

    def __init__(self, browser, iid, version, rng):
        super().__init__(daemon=True)
        self.b, self.iid, self.version, self.rng = browser, iid, version, rng
        self.acked_name = None  # the name of the last acknowledged save
        self.acked = 0
        self.error = None

    def run(self):
        while True:
            name = f"Krasi {word(self.rng)} {self.iid}"
            try:
                r = self.b.send("POST", f"/inovasi/{self.iid}/ubah",
                                lib.profile(name, version=str(self.version), summary="Ringkasan " + word(self.rng)))
            except OSError:
                return  # the server is gone
            if r.status != 303:
                self.error = f"save of {self.iid} v{self.version}: {r.status} {r.text[:200]}"
                return
            self.version += 1
            self.acked_name = name
            self.acked += 1


def check_database(path, writers):
    """Returns how many saves committed without their acknowledgement reaching the client."""
    db = sqlite3.connect(path)
    unacknowledged = 0
    try:
        lib.check(db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], "PRAGMA integrity_check failed")
        lib.check(db.execute("PRAGMA foreign_key_check").fetchall() == [], "PRAGMA foreign_key_check failed")
        missing = db.execute("SELECT i.id, i.version FROM innovations i WHERE NOT EXISTS (SELECT 1 FROM "
                             "innovation_revisions r WHERE r.innovation_id = i.id AND r.version = i.version)").fetchall()
        lib.check(not missing, f"innovations without the revision of their version: {missing[:5]}")
        orphans = db.execute("SELECT o.id FROM outbox o WHERE o.entity = 'innovation' AND NOT EXISTS "
                             "(SELECT 1 FROM innovations i WHERE i.id = o.entity_id)").fetchall()
        lib.check(not orphans, f"outbox entries of missing innovations: {orphans[:5]}")
        for w in writers:
            version, name = db.execute("SELECT version, name FROM innovations WHERE id = ?", (w.iid,)).fetchone()
            acked_version = w.version  # the version the last acknowledged save produced
            lib.check(version in (acked_version, acked_version + 1),
                      f"innovation {w.iid}: version {version} in the database, {acked_version} acknowledged")
            unacknowledged += version == acked_version + 1
            if version == acked_version and w.acked_name:
                lib.check(name == w.acked_name, f"innovation {w.iid}: '{name}' stored, '{w.acked_name}' acknowledged")
            w.version, w.latest = version, name
    finally:
        db.close()
    return unacknowledged


def wait_converged(server, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = lib.get(server.port, "/readyz")
        if r.status == 200 and json.loads(r.body).get("outbox_lag") == 0:
            return
        time.sleep(0.05)
    raise lib.Failure(f"the index never caught up: {r.status} {r.text}")


def run(args):
    rng = random.Random(args.seed)
    lib.log(f"crash: {args.rounds} rounds, seed {args.seed}")
    work = lib.fresh_dir("crash")
    data = os.path.join(work, "data")
    serve_log = os.path.join(work, "serve.log")
    try:
        lib.lumbung(args.binary, "seed-demo", "--data", data, "--count", "40", "--log-level", "warn")
        emails = [f"kurator{i}@lumbung.go.id" for i in range(args.writers)]
        for e in emails:
            lib.add_user(args.binary, data, e, "curator", "national")
        server = lib.Server(args.binary, data, log_path=serve_log)
        owned = []
        try:
            for e in emails:
                b = lib.Browser(server.port).log_in(e)
                iid, version = lib.publish_new(b, f"Krasi awal {word(rng)}")
                owned.append((e, iid, version))
        finally:
            server.stop()
        total_acked = total_in_flight = 0
        for round_no in range(1, args.rounds + 1):
            server = lib.Server(args.binary, data, log_path=serve_log)
            try:
                writers = []
                for e, iid, version in owned:
                    writers.append(Writer(lib.Browser(server.port).log_in(e), iid, version, random.Random(rng.random())))
                for w in writers:
                    w.start()
                time.sleep(rng.uniform(0.2, 1.5))
                server.kill()
                for w in writers:
                    w.join(30)
            finally:
                server.kill()
            for w in writers:
                lib.check(w.error is None, f"round {round_no}: {w.error}")
            in_flight = check_database(os.path.join(data, "lumbung.db"), writers)
            total_in_flight += in_flight
            owned = [(e, w.iid, w.version) for (e, _, _), w in zip(owned, writers)]
            acked = sum(w.acked for w in writers)
            total_acked += acked
            # Restart: the index converges to the database and finds each latest name.
            server = lib.Server(args.binary, data, log_path=serve_log)
            try:
                wait_converged(server)
                for w in writers:
                    q = w.latest.split()[1]
                    r = lib.get(server.port, "/api/v1/search?q=" + urllib.parse.quote(q))
                    lib.check(r.status == 200, f"search {q}: {r.status}")
                    ids = [x.get("id") for x in json.loads(r.body).get("results", [])]
                    lib.check(w.iid in ids, f"round {round_no}: search for '{q}' does not find innovation {w.iid}")
            finally:
                server.stop()
            lib.log(f"  round {round_no}: {acked} saves acknowledged before the kill, {in_flight} committed without "
                    f"their answer; database and index consistent")
        lib.log(f"crash: {args.rounds} kills, {total_acked} acknowledged saves, all found ({total_in_flight} more "
                f"committed as the kill cut their answer); integrity_check ok each time")
    finally:
        if args.keep:
            lib.log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(lib.SOURCE_DIR, "build", "lumbung"))
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--writers", type=int, default=2)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--keep", action="store_true")
    args = p.parse_args()
    lib.main_guard(lambda: run(args))


if __name__ == "__main__":
    main()
