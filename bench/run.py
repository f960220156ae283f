#!/usr/bin/env python3
"""The benchmark suite (bench/run.sh): each part runs its baseline in the same
invocation on the same machine, prints a table, and everything is written to
bench/.work/results-<UTC time>.json.

Parts (--only chooses):
  http     GET /, /inovasi, an innovation page, /cari?q=Q and /api/v1/search?q=Q
           with wrk -t2 -cC -dS for each C in --connections, next to nginx serving
           a static file of the same size (the same bytes) on loopback.
  search   bench/search/run.sh --no-http: the engine in process, p50/p99 over 200
           queries, next to PostgreSQL full-text search on the same corpus.
  memory   resident size of `lumbung serve` with N innovations: idle after
           /readyz, and the peak while the http part's wrk runs (or a short
           load of its own when http is not selected).
  startup  seconds from process start to the first /readyz 200 with N
           innovations (index already built), median of --startup-runs.

The data directory (`lumbung seed-demo --count N --seed 1`, then `lumbung
reindex`) is cached in bench/.work/suite-n<N>/ for later runs.
"""
import argparse
import datetime
import json
import os
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
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WORK = os.path.join(ROOT, "bench", ".work")
PARTS = ["http", "memory", "startup", "search"]


def log(*a):
    print(*a, flush=True)


def step(text):
    log(f"\n== {text}")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rss_kb(pid):
    """(VmRSS, VmHWM) of a live process, in kB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                out[k] = int(v.split()[0])
    return out.get("VmRSS", 0), out.get("VmHWM", 0)


def drain(url, timeout=600):
    """Waits until the server answers /healthz again: requests queued by closed wrk connections still run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if fetch(url + "/healthz", timeout=30)[0] == 200:
                return
        except OSError:
            pass
    raise RuntimeError("the server did not recover after wrk")


def fetch(url, timeout=120):
    """(status, body bytes) of a GET; never raises on an HTTP error status."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url), timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def git(*args):
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


class Server:
    """`lumbung serve --port 0` on a data directory, until stop()."""

    def __init__(self, binary, data, log_dir, extra=()):
        self.out = open(os.path.join(log_dir, "serve.out"), "w+")
        self.err = open(os.path.join(log_dir, "serve.err"), "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([binary, "serve", "--data", data, "--port", "0", "--log-level", "warn", *extra],
                                     stdout=self.out, stderr=self.err)
        self.url = None
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and self.url is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"lumbung serve exited with {self.proc.returncode}; see {self.err.name}")
            self.out.seek(0)
            for line in self.out.read().splitlines():
                if line.startswith("listening on "):
                    self.url = line[len("listening on "):].strip()
            time.sleep(0.005)
        if self.url is None:
            raise RuntimeError("lumbung serve did not print its address")
        self.listening = time.monotonic() - self.started

    def wait_ready(self, timeout=600):
        """Seconds from process start to the first /readyz 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if fetch(self.url + "/readyz", timeout=5)[0] == 200:
                    return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.01)
        raise RuntimeError("/readyz never answered 200")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Nginx:
    """nginx in the foreground on loopback serving files from a temp root."""

    def __init__(self, work, port, workers):
        self.root = os.path.join(work, "www")
        os.makedirs(self.root, exist_ok=True)
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes {workers};
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx.err;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  default_type text/html;
  client_body_temp_path {work}/tmp;
  server {{ listen 127.0.0.1:{port}; root {self.root}; }}
}}
""")
        os.makedirs(os.path.join(work, "tmp"), exist_ok=True)
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.proc = subprocess.Popen([binary, "-c", conf, "-p", work], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(work, "nginx.stderr"), "w"))
        self.url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"nginx exited; see {work}/nginx.stderr")
                time.sleep(0.02)
        raise RuntimeError("nginx did not start")

    def publish(self, name, body):
        with open(os.path.join(self.root, name), "wb") as f:
            f.write(body)
        return f"{self.url}/{name}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wrk(url, connections, seconds, threads=2):
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                          url], capture_output=True, text=True).stdout

    def ms(text):
        text = text.strip()
        for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60000.0)):
            if text.endswith(unit):
                return round(float(text[: -len(unit)]) * f, 3)
        return None

    r = {"requests_per_second": 0.0, "p50_ms": None, "p99_ms": None, "max_ms": None, "requests": 0, "errors": 0,
         "non_2xx_3xx": 0, "socket_errors": 0}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            r["requests_per_second"] = float(parts[1])
        elif parts[:1] == ["50%"]:
            r["p50_ms"] = ms(parts[1])
        elif parts[:1] == ["99%"]:
            r["p99_ms"] = ms(parts[1])
        elif parts[:1] == ["Latency"] and len(parts) >= 4 and r["max_ms"] is None:
            r["max_ms"] = ms(parts[3])
        elif "requests in" in line:
            r["requests"] = int(parts[0])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            r["non_2xx_3xx"] = int(parts[-1])
        elif line.strip().startswith("Socket errors:"):
            r["socket_errors"] = sum(int(p.strip(",")) for p in parts if p.strip(",").isdigit())
    r["errors"] = r["non_2xx_3xx"] + r["socket_errors"]
    if r["requests"] == 0:
        r["wrk_output"] = out[-2000:]
    return r


class RssSampler:
    """Samples a process's VmRSS every 100 ms while running."""

    def __init__(self, pid):
        self.pid, self.peak, self.samples = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, rss_kb(self.pid)[0])
                self.samples += 1
            except OSError:
                return
            self._stop.wait(0.1)

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.peak


def prepare_data(args, n):
    """A cached data directory with n demo innovations, reindexed."""
    cache = os.path.join(WORK, f"suite-n{n}")
    data = os.path.join(cache, "data")
    marker = os.path.join(cache, ".ready")
    if args.fresh and os.path.isdir(cache):
        shutil.rmtree(cache)
    info_path = os.path.join(cache, "prepare.json")
    if not os.path.exists(marker):
        step(f"data: lumbung seed-demo --count {n} --seed 1, then reindex (cached in {cache})")
        shutil.rmtree(cache, ignore_errors=True)
        os.makedirs(cache)
        t = time.monotonic()
        subprocess.run([args.lumbung, "seed-demo", "--data", data, "--count", str(n), "--seed", "1",
                        "--log-level", "warn"], check=True, stdout=subprocess.DEVNULL)
        seeded = time.monotonic() - t
        t = time.monotonic()
        subprocess.run([args.lumbung, "reindex", "--data", data, "--log-level", "warn"], check=True,
                       stdout=subprocess.DEVNULL)
        info = {"seed_seconds": round(seeded, 1), "reindex_seconds": round(time.monotonic() - t, 1)}
        json.dump(info, open(info_path, "w"))
        open(marker, "w").close()
    info = json.load(open(info_path)) if os.path.exists(info_path) else {}
    db = os.path.join(data, "lumbung.db")
    info["database_bytes"] = os.path.getsize(db) if os.path.exists(db) else None
    info["index_bytes"] = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(data, "search"))
                              for f in fs)
    return data, info


def pick_pages(url, query):
    """The five pages, with a real innovation id taken from the listing."""
    status, listing = fetch(url + "/inovasi")
    if status != 200:
        raise RuntimeError(f"/inovasi answered {status}")
    import re
    m = re.search(rb'href="(/inovasi/\d+[^"]*)"', listing)
    if not m:
        raise RuntimeError("no innovation link on /inovasi")
    q = urllib.request.quote(query)
    return [("home", "/"), ("directory /inovasi", "/inovasi"), ("innovation page", m.group(1).decode()),
            (f"search page /cari?q={query}", f"/cari?q={q}"), (f"search API ?q={query}", f"/api/v1/search?q={q}")]


def run_http(args, server, result, sampler_peaks):
    step(f"http: wrk -t2 -c{{{','.join(map(str, args.connections))}}} -d{args.seconds}s, lumbung next to nginx "
         f"({args.nginx_workers} worker) serving the same bytes as a static file")
    work = tempfile.mkdtemp(prefix="lumbung-bench-nginx-")
    nginx = Nginx(work, args.nginx_port or free_port(), args.nginx_workers)
    rows = []
    try:
        for i, (name, path) in enumerate(pick_pages(server.url, args.query)):
            status, body = fetch(server.url + path)
            static = nginx.publish(f"page{i}.html", body)
            for c in args.connections:
                base = wrk(static, c, args.seconds)
                sampler = RssSampler(server.proc.pid)
                mine = wrk(server.url + path, c, args.seconds)
                t = time.monotonic()
                drain(server.url)
                mine["drain_seconds"] = round(time.monotonic() - t, 1)
                sampler_peaks.append(sampler.stop())
                ratio = mine["requests_per_second"] / base["requests_per_second"] if base["requests_per_second"] else 0
                row = {"page": name, "path": path, "status": status, "bytes": len(body), "connections": c,
                       "nginx": base, "lumbung": mine, "ratio": round(ratio, 3)}
                rows.append(row)
                log(f"  {name:<28} c={c:<4} nginx {base['requests_per_second']:>9.0f}/s  lumbung "
                    f"{mine['requests_per_second']:>8.0f}/s  {pct(ratio):>6}  errors {mine['errors']}"
                    + (f"  (queued work drained {mine['drain_seconds']} s after wrk)" if mine["drain_seconds"] > 1 else ""))
    finally:
        nginx.stop()
        shutil.rmtree(work, ignore_errors=True)
    result["http"] = {"tool": f"wrk -t2 -cC -d{args.seconds}s --timeout 10s --latency", "nginx_workers": args.nginx_workers,
                      "server": "lumbung serve defaults (1 I/O thread, 4 workers)", "rows": rows}


def pct(ratio):
    """A ratio as a percentage, with more decimals when it is small."""
    return f"{ratio * 100:.1f}%" if ratio >= 0.01 else f"{ratio * 100:.2f}%"


def print_http(result):
    h = result.get("http")
    if not h:
        return
    log(f"\nHTTP ({h['tool']}; nginx: {h['nginx_workers']} worker, static file of the same bytes)")
    log(f"{'page':<28} {'bytes':>7} {'conns':>5} {'nginx r/s':>10} {'lumbung r/s':>11} {'ratio':>6} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'nginx p99':>9} {'errors':>6}")
    for r in h["rows"]:
        m, b = r["lumbung"], r["nginx"]
        fmt = lambda v: f"{v:.2f}" if v is not None else "-"
        log(f"{r['page']:<28} {r['bytes']:>7} {r['connections']:>5} {b['requests_per_second']:>10.0f} "
            f"{m['requests_per_second']:>11.0f} {pct(r['ratio']):>6} {fmt(m['p50_ms']):>8} {fmt(m['p99_ms']):>8} "
            f"{fmt(b['p99_ms']):>9} {m['errors']:>6}")
    for key in ("innovation page", "search API"):
        for r in h["rows"]:
            if r["page"].startswith(key):
                verdict = "met" if r["ratio"] >= 0.5 else "NOT met"
                log(f"target >= 50% of nginx, {r['page']} c={r['connections']}: {pct(r['ratio'])} ({verdict})")


def run_search(args, n, result):
    step(f"search: bench/search/run.sh --n {n} --no-http (engine in process next to PostgreSQL)")
    cmd = [os.path.join(ROOT, "bench", "search", "run.sh"), "--n", str(n), "--no-http", "--build", args.build,
           "--rounds", str(args.search_rounds)]
    tool = os.path.join(args.build, "bench", "search", "lumbung_bench_search")
    if os.path.exists(tool) and not args.build_tools:
        cmd.append("--no-build")
    if args.no_pg:
        cmd.append("--no-pg")
    subprocess.run(cmd, check=True)
    s = json.load(open(os.path.join(WORK, "search.json")))
    runs = s.get("runs", {})
    entry = {"n": n, "engine_x1": runs.get("xapian-1"), "engine_x2": runs.get("xapian-2"),
             "postgresql_x1": runs.get("pg-1"), "postgresql_x2": runs.get("pg-2"), "index": s.get("index"),
             "pg_load": s.get("pg-load")}
    for c in ("x1", "x2"):
        e, p = entry[f"engine_{c}"], entry[f"postgresql_{c}"]
        if e and p and e.get("p99_ms"):
            entry[f"p99_ratio_pg_over_engine_{c}"] = round(p["p99_ms"] / e["p99_ms"], 1)
            entry[f"p50_ratio_pg_over_engine_{c}"] = round(p["p50_ms"] / e["p50_ms"], 1) if e.get("p50_ms") else None
    for r in ("engine_x1", "engine_x2", "postgresql_x1", "postgresql_x2"):
        if entry[r]:
            entry[r] = {k: entry[r].get(k) for k in ("p50_ms", "p99_ms", "max_ms", "samples", "queries_per_second",
                                                     "errors", "cpu_p50_ms", "cpu_p99_ms", "settings")
                        if k in entry[r]}
    result.setdefault("search", []).append(entry)


def print_search(result):
    if not result.get("search"):
        return
    log("\nSearch, 200 queries with filters and facets (bench/search; same corpus and queries for both)")
    log(f"{'documents':>10} {'target':<22} {'p50 ms':>8} {'p99 ms':>8} {'q/s':>8}  p99 ratio PostgreSQL/engine")
    for e in result["search"]:
        for key, label in (("engine_x1", "engine in process x1"), ("postgresql_x1", "PostgreSQL FTS x1"),
                           ("engine_x2", "engine in process x2"), ("postgresql_x2", "PostgreSQL FTS x2")):
            r = e.get(key)
            if not r:
                continue
            ratio = e.get(f"p99_ratio_pg_over_engine_{key[-2:]}") if key.startswith("postgresql") else None
            log(f"{e['n']:>10} {label:<22} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['queries_per_second']:>8.1f}"
                f"  {str(ratio) + 'x' if ratio else ''}")


def run_startup(args, n, data, result, log_dir):
    step(f"startup: process start to /readyz 200, {n} innovations, {args.startup_runs} run(s)")
    times, listening = [], []
    for _ in range(args.startup_runs):
        s = Server(args.lumbung, data, log_dir)
        try:
            times.append(s.wait_ready())
            listening.append(s.listening)
        finally:
            s.stop()
    entry = {"n": n, "ready_seconds": [round(t, 3) for t in times], "median_ready_seconds": round(statistics.median(times), 3),
             "median_listening_seconds": round(statistics.median(listening), 3)}
    log(f"  ready in {entry['median_ready_seconds']} s (runs: {entry['ready_seconds']})")
    result.setdefault("startup", []).append(entry)


def print_startup(result):
    if not result.get("startup"):
        return
    log("\nStart-up (process start to the first /readyz 200; the search index already built)")
    log(f"{'innovations':>11} {'median s':>9} {'listening s':>11}  runs")
    for e in result["startup"]:
        log(f"{e['n']:>11} {e['median_ready_seconds']:>9.3f} {e['median_listening_seconds']:>11.3f}  {e['ready_seconds']}")


def print_memory(result):
    if not result.get("memory"):
        return
    log("\nMemory (resident set of lumbung serve)")
    log(f"{'innovations':>11} {'idle MB':>8} {'load peak MB':>12} {'VmHWM MB':>9}  load")
    for e in result["memory"]:
        log(f"{e['n']:>11} {e['idle_rss_kb'] / 1024:>8.1f} {e['load_peak_rss_kb'] / 1024:>12.1f} "
            f"{e['hwm_kb'] / 1024:>9.1f}  {e['load']}")


def serve_and_measure(args, n, data, result, log_dir, with_http):
    server = Server(args.lumbung, data, log_dir)
    try:
        server.wait_ready()
        time.sleep(2)
        idle = rss_kb(server.proc.pid)[0]
        peaks = []
        if with_http:
            run_http(args, server, result, peaks)
            load = "the http part's wrk runs"
        else:
            pages = pick_pages(server.url, args.query)
            for _, path in pages:
                sampler = RssSampler(server.proc.pid)
                wrk(server.url + path, max(args.connections), args.seconds)
                drain(server.url)
                peaks.append(sampler.stop())
            load = f"wrk -c{max(args.connections)} -d{args.seconds}s on each page"
        if "memory" in args.only:
            result.setdefault("memory", []).append({"n": n, "idle_rss_kb": idle, "load_peak_rss_kb": max(peaks + [idle]),
                                                    "hwm_kb": rss_kb(server.proc.pid)[1], "load": load})
    finally:
        server.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts: {','.join(PARTS)} (default all)")
    p.add_argument("--n", type=int, default=100000, help="innovations for http, memory and startup (default 100000)")
    p.add_argument("--search-n", type=int, default=None, help="search corpus size (default: --n)")
    p.add_argument("--million", action="store_true", help="also search and memory at 1,000,000 (slow the first time)")
    p.add_argument("--seconds", type=int, default=10, help="wrk duration per run (default 10)")
    p.add_argument("--connections", default="16,256", help="wrk connection counts (default 16,256)")
    p.add_argument("--query", default="layanan", help="the search term for /cari and the API (default layanan)")
    p.add_argument("--nginx-workers", default="1", help="nginx worker_processes (default 1; 'auto' for every core)")
    p.add_argument("--nginx-port", type=int, default=0, help="nginx port (default: a free one)")
    p.add_argument("--startup-runs", type=int, default=3)
    p.add_argument("--search-rounds", type=int, default=5, help="passes over the 200 queries (default 5)")
    p.add_argument("--no-pg", action="store_true", help="search without the PostgreSQL baseline")
    p.add_argument("--build", default=os.path.join(ROOT, "build"), help="build directory (default build)")
    p.add_argument("--build-tools", action="store_true", help="(re)build lumbung_bench_search before the search part")
    p.add_argument("--fresh", action="store_true", help="rebuild the cached data directories")
    p.add_argument("--quick", action="store_true",
                   help="a few minutes: --n 2000 --search-n 10000 --seconds 3 --startup-runs 1 --search-rounds 1")
    args = p.parse_args()
    if args.quick:
        args.n, args.seconds, args.startup_runs, args.search_rounds = 2000, 3, 1, 1
        args.search_n = args.search_n or 10000
    args.search_n = args.search_n or args.n
    args.only = [x.strip() for x in args.only.split(",") if x.strip()]
    for part in args.only:
        if part not in PARTS:
            p.error(f"unknown part {part} (choose from {', '.join(PARTS)})")
    args.connections = [int(c) for c in args.connections.split(",")]
    args.build = os.path.abspath(args.build)
    args.lumbung = os.path.join(args.build, "lumbung")
    if not os.access(args.lumbung, os.X_OK):
        sys.exit(f"run.py: {args.lumbung} missing (cmake --build build --target lumbung)")
    if "http" in args.only:
        for tool in ("wrk",):
            if not shutil.which(tool):
                sys.exit("run.py: wrk missing (apt-get install wrk)")
        if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
            sys.exit("run.py: nginx missing (apt-get install nginx-light)")

    os.makedirs(WORK, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    result = {"date": stamp, "commit": git("rev-parse", "--short", "HEAD") +
              ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else ""),
              "machine": {"cpus": os.cpu_count(), "cpu": cpu}, "load_average_start": os.getloadavg(),
              "args": {k: v for k, v in vars(args).items() if k not in ("lumbung",)}}
    log_dir = tempfile.mkdtemp(prefix="lumbung-bench-logs-")
    started = time.monotonic()
    sizes = [args.n] + ([1000000] if args.million and args.n != 1000000 else [])
    try:
        for n in sizes:
            wants_server = any(x in args.only for x in ("http", "memory", "startup"))
            if not wants_server:
                break
            data, info = prepare_data(args, n)
            result.setdefault("data", []).append({"n": n, **info})
            if "startup" in args.only:
                run_startup(args, n, data, result, log_dir)
            with_http = "http" in args.only and n == args.n
            if with_http or "memory" in args.only:
                serve_and_measure(args, n, data, result, log_dir, with_http)
        if "search" in args.only:
            for n in [args.search_n] + ([1000000] if args.million and args.search_n != 1000000 else []):
                run_search(args, n, result)
    finally:
        result["seconds"] = round(time.monotonic() - started, 1)
        result["load_average_end"] = os.getloadavg()
        dest = os.path.join(WORK, f"results-{stamp}.json")
        json.dump(result, open(dest, "w"), indent=2)
        shutil.rmtree(log_dir, ignore_errors=True)

    step(f"results ({result['machine']['cpus']} cores, {cpu}; load average at start "
         f"{' '.join(f'{x:.1f}' for x in result['load_average_start'])}, end "
         f"{' '.join(f'{x:.1f}' for x in result['load_average_end'])})")
    print_http(result)
    print_search(result)
    print_memory(result)
    print_startup(result)
    log(f"\nwritten {dest}")


if __name__ == "__main__":
    main()
