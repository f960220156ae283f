#!/usr/bin/env python3
"""Prepares a seeded Lumbung data directory for the IID deadline-day benchmark.

  prepare.py DB CLIENTS_FILE --admins N       region admins with sessions, window open
  prepare.py DB - --bulk REGIONS INNOVATIONS  submitted entries for the recompute timing

--admins: N region admins (one per regency or city), each with a session
cookie and its CSRF token written to CLIENTS_FILE as "sid csrf region" lines,
and the 2023 window opened around now. --bulk: REGIONS submitted entries with
INNOVATIONS innovations each, every SPD and SID indicator answered (the
deadline-day volume: 550 regions x 50 innovations). Writes with the sqlite3
module, as the server would (the schema is the migrations').
"""
import hashlib, random, secrets, sqlite3, sys, time

db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA busy_timeout = 10000")
now = int(time.time())
rng = random.Random(9)
regions = [r[0] for r in db.execute(
    "SELECT code FROM regions WHERE kind IN ('regency', 'city', 'province') ORDER BY code")]

def next_ids(name, count):
    """`count` ids as store::next_id would hand them out (next_value is the last one issued)."""
    row = db.execute("SELECT next_value FROM id_sequences WHERE name = ?", (name,)).fetchone()
    start = (row[0] if row else 0) + 1
    db.execute("INSERT INTO id_sequences (name, next_value) VALUES (?, ?) "
               "ON CONFLICT (name) DO UPDATE SET next_value = excluded.next_value", (name, start + count - 1))
    return range(start, start + count)

if "--admins" in sys.argv:
    n = int(sys.argv[sys.argv.index("--admins") + 1])
    db.execute("UPDATE iid_frameworks SET window_opens = ?, window_closes = ? WHERE year = 2023", (now - 3600, now + 86400))
    chosen = [c for c in regions if "." in c][:n]
    ids = next_ids("users", len(chosen))
    with open(sys.argv[2], "w") as out:
        for uid, code in zip(ids, chosen):
            db.execute("INSERT INTO users (id, email, name, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
                       (uid, f"bench{uid}@example.id", f"Bench {code}", now, now))
            db.execute("INSERT INTO user_grants (user_id, role, scope_kind, scope_ref) VALUES (?, 'region_admin', 'region', ?)",
                       (uid, code))
            sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            db.execute("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (hashlib.sha256(sid.encode()).hexdigest(), uid, csrf, now, now, now + 86400))
            out.write(f"{sid} {csrf} {code}\n")
elif "--bulk" in sys.argv:
    i = sys.argv.index("--bulk")
    n_regions, n_inn = int(sys.argv[i + 1]), int(sys.argv[i + 2])
    spd = [r[0] for r in db.execute("SELECT number FROM iid_indicators WHERE year = 2023 AND aspect = 'spd'")]
    sid = [r[0] for r in db.execute("SELECT number FROM iid_indicators WHERE year = 2023 AND aspect = 'sid'")]
    db.execute("DELETE FROM iid_answers")
    db.execute("DELETE FROM iid_submission_innovations")
    db.execute("DELETE FROM iid_submissions")
    inn_ids = [r[0] for r in db.execute("SELECT id FROM innovations ORDER BY id")]
    sub_ids = next_ids("iid_submissions", n_regions)
    k = 0
    for sub, code in zip(sub_ids, regions[:n_regions]):
        db.execute("INSERT INTO iid_submissions (id, year, region_code, status, submitted_at, submitted_by, created_at, "
                   "updated_at) VALUES (?, 2023, ?, 'submitted', ?, 0, ?, ?)", (sub, code, now, now, now))
        rows = [(sub, 0, num, rng.randint(1, 3), "bukti.pdf", "x.pdf", "application/pdf",
                 rng.choice(["pending", "accepted", "accepted", "rejected"]), now, 0) for num in spd]
        for j in range(n_inn):
            inn = inn_ids[k % len(inn_ids)]
            k += 1
            db.execute("INSERT OR IGNORE INTO iid_submission_innovations (submission_id, innovation_id, added_at) "
                       "VALUES (?, ?, ?)", (sub, inn, now + j))
            rows += [(sub, inn, num, rng.randint(1, 3), "bukti.pdf", "x.pdf", "application/pdf",
                      rng.choice(["pending", "accepted", "accepted", "rejected"]), now, 0) for num in sid]
        db.executemany("INSERT OR IGNORE INTO iid_answers (submission_id, innovation_id, number, param, evidence_name, "
                       "evidence_file, evidence_type, status, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       rows)
db.commit()
