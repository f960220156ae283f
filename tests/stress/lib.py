"""Shared pieces of the stress, hostile-client, crash and security tests: the
real `lumbung` binary as a child process, raw sockets, and a browser-like
session (cookies, the CSRF field, urlencoded forms). Python standard library only."""
import http.client
import os
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

PASSWORD = "kata-sandi-uji-panjang"
SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def log(*a):
    print(*a, flush=True)


def lumbung(binary, *args, stdin=None):
    r = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure(f"lumbung {' '.join(args)} exited {r.returncode}: {r.stdout}{r.stderr}")
    return r.stdout


def add_user(binary, data, email, role, scope):
    lumbung(binary, "user", "add", "--data", data, "--email", email, "--name", "Uji " + role, "--role", role,
            "--scope", scope, "--password-stdin", stdin=PASSWORD + "\n")


class Server:
    """`lumbung serve --port 0` on loopback; kill() is SIGKILL, stop() SIGTERM."""

    def __init__(self, binary, data, *extra, log_path=None):
        self.log_path = log_path or os.path.join(data, "..", f"serve-{time.monotonic_ns()}.log")
        self.errfile = open(self.log_path, "ab")
        self.proc = subprocess.Popen([binary, "serve", "--data", data, "--port", "0", "--host", "127.0.0.1",
                                      "--log-level", "warn", *extra],
                                     stdout=subprocess.PIPE, stderr=self.errfile)
        line = b""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                ch = os.read(self.proc.stdout.fileno(), 1)
                if not ch:
                    break
                if ch == b"\n":
                    if line.startswith(b"listening on "):
                        break
                    line = b""
                else:
                    line += ch
            elif self.proc.poll() is not None:
                break
        m = re.match(rb"listening on http://127\.0\.0\.1:(\d+)", line)
        if not m:
            self.kill()
            raise Failure(f"the server did not start; see {self.log_path}")
        self.port = int(m.group(1))
        self.pid = self.proc.pid

    def rss_kb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def alive(self):
        return self.proc.poll() is None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = get(self.port, "/readyz")
                if last.status == 200:
                    return last
            except OSError:
                pass
            time.sleep(0.05)
        raise Failure(f"/readyz never 200: {last.status if last else None} {last.body[:300] if last else ''}")


class Reply:
    def __init__(self, status, headers, body, closed):
        self.status, self.headers, self.body, self.closed = status, headers, body, closed

    def header(self, name):
        for k, v in self.headers:
            if k == name.lower():
                return v
        return ""

    def all(self, name):
        return [v for k, v in self.headers if k == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def read_reply(sock, buf=b"", timeout=10.0, head=False):
    """One response from a raw socket: (Reply or None, rest of the buffer)."""
    deadline = time.monotonic() + timeout
    sock.settimeout(0.2)
    closed = False

    def more():
        nonlocal buf, closed
        if time.monotonic() > deadline:
            raise socket.timeout("reply timed out")
        try:
            d = sock.recv(65536)
        except socket.timeout:
            return
        except ConnectionResetError:
            d = b""
        if not d:
            closed = True
        buf += d

    while b"\r\n\r\n" not in buf:
        if closed:
            return None, buf
        more()
    head_bytes, buf = buf.split(b"\r\n\r\n", 1)
    lines = head_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.append((k.strip().lower(), v.strip()))
    length = next((int(v) for k, v in headers if k == "content-length"), None)
    if head or status in (204, 304):
        length = 0
    if length is None:
        while not closed:
            more()
        body, buf = buf, b""
    else:
        while len(buf) < length and not closed:
            more()
        body, buf = buf[:length], buf[length:]
    conn_close = any(k == "connection" and v.lower() == "close" for k, v in headers)
    return Reply(status, headers, body, closed or conn_close), buf


def raw(port, data, timeout=10.0):
    """Sends bytes on a fresh connection; returns every reply until the server closes or goes quiet."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        replies, buf = [], b""
        while True:
            try:
                r, buf = read_reply(s, buf, timeout=timeout)
            except socket.timeout:
                break
            if r is None:
                break
            replies.append(r)
            if r.closed:
                break
        return replies
    finally:
        s.close()


def request(port, method, target, headers=None, body=b"", timeout=30.0):
    h = {"Host": "127.0.0.1", "Connection": "close", **(headers or {})}
    if body or method == "POST":
        h["Content-Length"] = str(len(body))
    data = f"{method} {target} HTTP/1.1\r\n".encode() + b"".join(
        f"{k}: {v}\r\n".encode() for k, v in h.items()) + b"\r\n" + body
    replies = raw(port, data, timeout=timeout)
    if not replies:
        raise OSError(f"no reply to {method} {target}")
    return replies[0]


def get(port, target, headers=None):
    return request(port, "GET", target, headers)


def csrf_field(html):
    m = re.search(r'name="_csrf" value="([^"]+)"', html)
    return m.group(1) if m else ""


def cookie_value(reply, name):
    for v in reply.all("set-cookie"):
        if v.startswith(name + "="):
            return v[len(name) + 1:].split(";", 1)[0]
    return ""


class Browser:
    """A visitor or a logged-in user: the session cookie and its CSRF token."""

    def __init__(self, port):
        self.port = port
        page = get(port, "/masuk")
        self.cookies = "csrf=" + cookie_value(page, "csrf")
        self.csrf = csrf_field(page.text)

    def send(self, method, target, form=None, with_csrf=True, headers=None):
        fields = list(form.items()) if isinstance(form, dict) else list(form or [])
        h = {"Cookie": self.cookies, **(headers or {})}
        body = b""
        if method == "POST":
            if with_csrf:
                fields = [("_csrf", self.csrf)] + fields
            body = urllib.parse.urlencode(fields).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        return request(self.port, method, target, h, body)

    def log_in(self, email, password=PASSWORD):
        r = self.send("POST", "/masuk", {"email": email, "password": password})
        check(r.status == 303, f"log in {email}: {r.status} {r.text[:300]}")
        self.cookies = "sid=" + cookie_value(r, "sid")
        self.csrf = csrf_field(self.send("GET", "/akun").text)
        check(self.csrf, f"no CSRF field on /akun for {email}")
        return self


def profile(name, region="73.72", **over):
    """A complete innovation profile form (see tests/integration/editor_test.cpp)."""
    f = {"name": name, "summary": "Antrean puskesmas lewat pesan singkat.", "problem": "Warga menunggu berjam-jam.",
         "solution": "Nomor antrean lewat SMS.", "results": "Waktu tunggu turun dari 3 jam menjadi 20 menit.",
         "region_code": region, "sector": "kesehatan", "form": "pelayanan_publik", "stage": "penerapan",
         "digital": "1", "status": "berlanjut", "year_started": "2021", "budget_amount": "150.000.000",
         "trial_date": "2021-01-10", "implementation_date": "2021-06-01"}
    f.update(over)
    return f


def id_from_location(reply):
    m = re.match(r"^/inovasi/(\d+)/ubah", reply.header("location"))
    return int(m.group(1)) if m else 0


def publish_new(curator, name, region="73.72", **over):
    """Creates, submits and publishes an innovation as a curator; returns (id, version)."""
    r = curator.send("POST", "/inovasi/baru", profile(name, region, **over))
    check(r.status == 303, f"create {name}: {r.status} {r.text[:500]}")
    iid = id_from_location(r)
    r = curator.send("POST", f"/inovasi/{iid}/ajukan", {"version": "1"})
    check(r.status == 303, f"submit {iid}: {r.status} {r.text[:300]}")
    r = curator.send("POST", f"/inovasi/{iid}/terbitkan", {"version": "2"})
    check(r.status == 303, f"publish {iid}: {r.status} {r.text[:300]}")
    return iid, 3


def fresh_dir(name):
    return tempfile.mkdtemp(prefix=f"lumbung-{name}-")


def main_guard(fn):
    """Runs fn(); prints the failure and exits 1 on Failure."""
    try:
        fn()
    except Failure as e:
        log(f"FAILED: {e}")
        sys.exit(1)
