#!/usr/bin/env python3
"""Crash consistency: kill -9 the server at random points during a stream of
innovation saves, --rounds times (ctest: 10; --rounds 50 for the full run).

Each round starts the server on the same data directory, logs in two curators
who each save the profile form of their own published innovation over and
over (every save a new name), and a region admin who saves IID 2023 SPD
answers with a PDF as evidence (multipart: a database row and a file). After a
random 0.2-1.5 s the server gets SIGKILL. Then, with the server down:
  - PRAGMA integrity_check and foreign_key_check pass;
  - every save acknowledged with 303 before the kill is there: the innovation's
    version is the acknowledged one (its name the acknowledged name) or the one
    after it (a save that committed but whose answer was lost with the kill);
  - every IID answer acknowledged is stored with the acknowledged value (or
    the value of the one save in flight at the kill);
  - nothing half-written: every innovation has the revision row of its current
    version, every outbox entry names an existing innovation, every IID
    answer's evidence file is on disk;
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


IID_NUMBERS = ["1", "2a", "2b", "3", "4", "5a", "5b", "6", "7", "8", "9", "10a", "10b", "11a", "11b", "12", "13a", "13b",
               "14", "15"]
BOUNDARY = "----crashboundary7MA4"


class IidWriter(threading.Thread):
    """A region admin saving SPD answers with evidence until the server dies."""

    def __init__(self, browser, region, rng):
        super().__init__(daemon=True)
        self.b, self.region, self.rng = browser, region, rng
        self.acked = {}  # number -> param of the last acknowledged save
        self.in_flight = None
        self.count = 0
        self.error = None

    def run(self):
        def field(name, value):
            return f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()

        while True:
            number, param = self.rng.choice(IID_NUMBERS), self.rng.randint(1, 3)
            pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n% " + word(self.rng).encode() * 50 + b"\ntrailer\n<<>>\n%%EOF\n"
            body = (field("_csrf", self.b.csrf) + field("daerah", self.region) + field("inovasi", "0") +
                    field("nomor", number) + field("param", str(param)) +
                    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="bukti"; filename="bukti.pdf"\r\n'
                    f'Content-Type: application/pdf\r\n\r\n'.encode() + pdf + f"\r\n--{BOUNDARY}--\r\n".encode())
            self.in_flight = (number, param)
            try:
                r = lib.request(self.b.port, "POST", "/iid/2023/pengisian/jawaban",
                                {"Cookie": self.b.cookies, "Content-Type": "multipart/form-data; boundary=" + BOUNDARY},
                                body)
            except OSError:
                return
            if r.status != 303:
                self.error = f"IID answer {number}: {r.status} {r.text[:200]}"
                return
            self.acked[number] = param
            self.in_flight = None
            self.count += 1


def check_iid(data, writer):
    db = sqlite3.connect(os.path.join(data, "lumbung.db"))
    try:
        rows = db.execute("SELECT a.number, a.param, a.evidence_file FROM iid_answers a JOIN iid_submissions s ON "
                          "s.id = a.submission_id WHERE s.year = 2023 AND s.region_code = ? AND a.innovation_id = 0",
                          (writer.region,)).fetchall()
    finally:
        db.close()
    stored = {number: param for number, param, _ in rows}
    for number, param in writer.acked.items():
        ok = stored.get(number) == param or (writer.in_flight and writer.in_flight[0] == number and
                                             stored.get(number) == writer.in_flight[1])
        lib.check(ok, f"IID answer {number}: {stored.get(number)} stored, {param} acknowledged")
    for number, _, evidence in rows:
        if evidence:
            lib.check(os.path.exists(os.path.join(data, "files", "iid", evidence)),
                      f"IID answer {number}: evidence file {evidence} missing")
    return len(rows)


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
        lib.add_user(args.binary, data, "ra@pareparekota.go.id", "region_admin", "region:73.72")
        db = sqlite3.connect(os.path.join(data, "lumbung.db"))
        now = int(time.time())
        db.execute("UPDATE iid_frameworks SET window_opens = ?, window_closes = ? WHERE year = 2023",
                   (now - 3600, now + 30 * 86400))
        db.commit()
        db.close()
        iid_acked = {}
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
                iid = IidWriter(lib.Browser(server.port).log_in("ra@pareparekota.go.id"), "73.72",
                                random.Random(rng.random()))
                iid.acked = dict(iid_acked)
                for w in writers + [iid]:
                    w.start()
                time.sleep(rng.uniform(0.2, 1.5))
                server.kill()
                for w in writers + [iid]:
                    w.join(30)
            finally:
                server.kill()
            for w in writers:
                lib.check(w.error is None, f"round {round_no}: {w.error}")
            lib.check(iid.error is None, f"round {round_no}: {iid.error}")
            answers = check_iid(data, iid)
            db = sqlite3.connect(os.path.join(data, "lumbung.db"))
            iid_acked = dict(db.execute("SELECT a.number, a.param FROM iid_answers a JOIN iid_submissions s ON s.id = "
                                        "a.submission_id WHERE s.year = 2023 AND s.region_code = '73.72'").fetchall())
            db.close()
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
            lib.log(f"  round {round_no}: {acked} saves and {iid.count} IID answers acknowledged before the kill, "
                    f"{in_flight} saves committed without their answer; {answers} IID answers with their files; "
                    f"database and index consistent")
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
