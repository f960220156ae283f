#!/usr/bin/env python3
"""Security checks over every route `lumbung routes` prints (ctest: stress_security):

  headers   every GET route, as a visitor and as an admin, answers with a
            Content-Security-Policy holding frame-ancestors, X-Frame-Options,
            X-Content-Type-Options: nosniff and a Referrer-Policy;
  cookies   the session and CSRF cookies are HttpOnly and SameSite, and Secure
            when the server runs with --secure-cookies (behind TLS);
  csrf      every POST route refuses a logged-in session's request without the
            CSRF field, and with a forged one (403), except the signed
            unsubscribe link (RFC 8058) and the cookieless API;
  xss       markup typed into every text field of an innovation comes back
            escaped on its profile, print view, history, the directory, the
            home page, search page and search API, and the review queue;
  sql       SQL metacharacters in every query parameter the code reads, and
            in every path parameter, of every public GET route: never a 500,
            and the database is intact afterwards.
  tests/stress/security.py --binary build/lumbung
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import urllib.parse

import lib

PROBE = "Zqxv<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
RAW_MARKERS = ["<script>alert(", "<img src=x onerror", "\"'><img"]
SQL_VALUES = ["'", "1' OR '1'='1", "\"; DROP TABLE innovations; --", "1 UNION SELECT name FROM users--",
              "\\' %27 ` ; --", "' || (SELECT password_hash FROM users LIMIT 1) || '", "%", "_", "1e309", "-1",
              "99999999999999999999999"]


def routes(binary, data):
    out = lib.lumbung(binary, "routes", "--data", data)
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) >= 4:
            rows.append((parts[0], parts[1], parts[2], parts[3]))
    lib.check(len(rows) > 50, f"`lumbung routes` printed only {len(rows)} routes")
    return rows


def query_names():
    """Every query parameter name the server code reads (req.query.get... / search params)."""
    names = {"q", "page", "sort", "sector", "province", "region_code", "region_type", "year", "year_from", "year_to",
             "form", "stage", "status", "digital", "award", "source", "verified", "facets", "limit", "cursor",
             "exact", "next", "problem"}
    src = os.path.join(lib.SOURCE_DIR, "src")
    for d, _, files in os.walk(src):
        for f in files:
            if f.endswith(".cpp"):
                text = open(os.path.join(d, f), encoding="utf-8", errors="replace").read()
                names.update(re.findall(r'query\.(?:get|get_or|all|has|contains)\("([a-z_]+)"', text))
    return sorted(names)


def concrete(pattern, ids, value=None):
    subst = {"lang": "id", "path...": "css/site.css", "id": str(ids["innovation"]), "token": "x" * 43,
             "tahun": "2023", "kode": "73.72", "code": "73.72", "nomor": "1", "inovasi": str(ids["innovation"]),
             "idea": "1", "version": "1", "key": "x", "step": "1", "stage": "masalah"}

    def one(m):
        return urllib.parse.quote(value, safe="") if value is not None else subst.get(m.group(1), "1")

    return re.sub(r"\{([^}]+)\}", one, pattern)


def check_headers(port, rows, ids, who):
    checked = 0
    for method, pattern, name, _ in rows:
        if method != "GET":
            continue
        target = concrete(pattern, ids)
        r = who.send("GET", target)
        csp = r.header("content-security-policy")
        problems = []
        if "default-src" not in csp:
            problems.append("no Content-Security-Policy")
        if "frame-ancestors 'none'" not in csp and r.header("x-frame-options").upper() not in ("DENY", "SAMEORIGIN"):
            problems.append("neither frame-ancestors nor X-Frame-Options")
        if r.header("x-frame-options").upper() not in ("DENY", "SAMEORIGIN"):
            problems.append("no X-Frame-Options")
        if r.header("x-content-type-options") != "nosniff":
            problems.append("no X-Content-Type-Options: nosniff")
        if not r.header("referrer-policy"):
            problems.append("no Referrer-Policy")
        lib.check(not problems, f"GET {target} ({name}, {r.status}): {', '.join(problems)}")
        lib.check(r.status != 500, f"GET {target} ({name}): 500")
        checked += 1
    return checked


def check_cookies(binary, data, work):
    for secure in (False, True):
        server = lib.Server(binary, data, *(["--secure-cookies"] if secure else []),
                            log_path=os.path.join(work, "serve-cookies.log"))
        try:
            anon = lib.get(server.port, "/masuk")
            csrf_cookie = next((v for v in anon.all("set-cookie") if v.startswith("csrf=")), "")
            b = lib.Browser(server.port)
            r = b.send("POST", "/masuk", {"email": "admin@lumbung.go.id", "password": lib.PASSWORD})
            sid_cookie = next((v for v in r.all("set-cookie") if v.startswith("sid=")), "")
            for label, cookie in (("sid", sid_cookie), ("csrf", csrf_cookie)):
                lib.check(cookie, f"no {label} cookie set")
                flags = [f.strip().lower() for f in cookie.split(";")[1:]]
                lib.check("httponly" in flags, f"{label} cookie without HttpOnly: {cookie}")
                lib.check(any(f.startswith("samesite=") and f != "samesite=none" for f in flags),
                          f"{label} cookie without SameSite Lax/Strict: {cookie}")
                lib.check(("secure" in flags) == secure,
                          f"{label} cookie Secure flag is {'secure' in flags} with --secure-cookies {secure}: {cookie}")
        finally:
            server.stop()


def check_csrf(port, rows, ids, admin):
    refused = 0
    for method, pattern, name, _ in rows:
        if method != "POST" or name == "post_unsubscribe":
            continue
        target = concrete(pattern, ids)
        for label, token in (("without the CSRF field", None), ("with a forged CSRF field", "A" * 43)):
            form = [] if token is None else [("_csrf", token)]
            r = admin.send("POST", target, form + [("name", "x"), ("aktif", "0")], with_csrf=False)
            lib.check(r.status == 403, f"POST {target} ({name}) {label}: {r.status}, expected 403")
            if not target.startswith("/api/"):
                lib.check("Formulir kedaluwarsa" in r.text, f"POST {target} ({name}) {label}: 403 but not the "
                                                          f"CSRF refusal: {r.text[:200]}")
        refused += 1
    return refused


def check_xss(port, curator, ids, binary, data):
    fields = {f: PROBE + f" {f}" for f in ("summary", "problem", "solution", "results", "novelty",
                                           "beneficiaries")}
    r = curator.send("POST", "/inovasi/baru", lib.profile(PROBE, **fields))
    lib.check(r.status == 303, f"creating the probe innovation: {r.status} {r.text[:300]}")
    iid = lib.id_from_location(r)
    lib.check(curator.send("POST", f"/inovasi/{iid}/ajukan", {"version": "1"}).status == 303, "submit")
    pages = [("review queue", "/kurasi/tinjauan", curator), ("edit form", f"/inovasi/{iid}/ubah", curator)]
    lib.check(curator.send("POST", f"/inovasi/{iid}/terbitkan", {"version": "2"}).status == 303, "publish")
    server_ready = lambda: json.loads(lib.get(port, "/readyz").body).get("outbox_lag") == 0
    for _ in range(200):
        if server_ready():
            break
        __import__("time").sleep(0.05)
    visitor = lib.Browser(port)
    pages += [("profile", f"/inovasi/{iid}", visitor), ("print view", f"/inovasi/{iid}/cetak", visitor),
              ("history", f"/inovasi/{iid}/riwayat", curator), ("directory", "/inovasi", visitor),
              ("home", "/", visitor), ("search page", "/cari?q=Zqxv", visitor),
              ("region page", "/daerah/73.72", visitor)]
    shown = 0
    for label, target, who in pages:
        r = who.send("GET", target)
        lib.check(r.status == 200, f"{label} {target}: {r.status}")
        for marker in RAW_MARKERS:
            lib.check(marker not in r.text, f"{label} {target}: unescaped markup '{marker}' in the page")
        if "Zqxv" in r.text:
            lib.check("&lt;script&gt;" in r.text or "&lt;script" in r.text.replace("&#60;", "&lt;"),
                      f"{label} {target}: the probe is shown but not as escaped text")
            shown += 1
    lib.check(shown >= 8, f"the probe text was shown on only {shown} of {len(pages)} pages")
    api = lib.get(port, "/api/v1/search?q=Zqxv")
    lib.check(api.status == 200 and api.header("content-type").startswith("application/json"), "search API")
    results = json.loads(api.body).get("results", [])
    lib.check(any(x.get("id") == iid for x in results), "the search API does not find the probe innovation")
    for x in results:
        for marker in RAW_MARKERS:
            lib.check(marker not in x.get("snippet_html", ""), f"search API snippet_html holds '{marker}'")
    return shown


def check_sql(port, rows, ids, data):
    db = os.path.join(data, "lumbung.db")
    before = sqlite3.connect(db).execute("SELECT count(*) FROM innovations").fetchone()[0]
    names = query_names()
    sent = 0
    for method, pattern, name, who in rows:
        if method != "GET" or who != "public":
            continue
        for value in SQL_VALUES:
            query = urllib.parse.urlencode([(n, value) for n in names])
            targets = [concrete(pattern, ids) + "?" + query]
            if "{" in pattern and "path..." not in pattern:
                targets.append(concrete(pattern, ids, value))
            for target in targets:
                r = lib.get(port, target)
                lib.check(r.status < 500, f"GET {target[:200]} ({name}): {r.status}")
                sent += 1
    con = sqlite3.connect(db)
    lib.check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check after the SQL probes")
    lib.check(con.execute("SELECT count(*) FROM innovations").fetchone()[0] == before, "innovations changed")
    return sent, len(names)


def run(args):
    work = lib.fresh_dir("security")
    data = os.path.join(work, "data")
    try:
        lib.lumbung(args.binary, "seed-demo", "--data", data, "--count", "12", "--log-level", "warn")
        lib.add_user(args.binary, data, "admin@lumbung.go.id", "admin", "national")
        lib.add_user(args.binary, data, "kurator@lumbung.go.id", "curator", "national")
        rows = routes(args.binary, data)
        con = sqlite3.connect(os.path.join(data, "lumbung.db"))
        ids = {"innovation": con.execute("SELECT id FROM innovations WHERE state = 'published' ORDER BY id").fetchone()[0]}
        con.close()
        check_cookies(args.binary, data, work)
        lib.log("cookies: sid and csrf are HttpOnly and SameSite=Lax; Secure exactly with --secure-cookies")
        server = lib.Server(args.binary, data, log_path=os.path.join(work, "serve.log"))
        try:
            server.wait_ready()
            admin = lib.Browser(server.port).log_in("admin@lumbung.go.id")
            curator = lib.Browser(server.port).log_in("kurator@lumbung.go.id")
            n = check_headers(server.port, rows, ids, lib.Browser(server.port))
            n += check_headers(server.port, rows, ids, admin)
            lib.log(f"headers: {n} GET responses (every GET route, visitor and admin) carry CSP with frame-ancestors, "
                    f"X-Frame-Options, nosniff and Referrer-Policy")
            n = check_csrf(server.port, rows, ids, admin)
            lib.log(f"csrf: {n} POST routes refuse a missing and a forged token with 403")
            n = check_xss(server.port, curator, ids, args.binary, data)
            lib.log(f"xss: markup in 7 text fields shown escaped on {n} pages and in the search API")
            sent, names = check_sql(server.port, rows, ids, data)
            lib.log(f"sql: {sent} requests with SQL metacharacters in {names} query parameters and the path "
                    f"parameters of every public GET route; no 500, database intact")
            lib.check(server.alive(), "the server died")
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(lib.SOURCE_DIR, "build", "lumbung"))
    args = p.parse_args()
    lib.main_guard(lambda: run(args))


if __name__ == "__main__":
    main()
