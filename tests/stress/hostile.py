#!/usr/bin/env python3
"""Slow and hostile clients against the real server (ctest: stress_hostile):

  slowloris     many connections sending their header a byte at a time: a
                normal client is still served meanwhile, and the slow ones are
                cut off by the read timeout;
  huge headers  one huge field, many fields, a huge request line: 431 (or
                400/414) and the connection closed;
  keep-alive    many idle keep-alive connections: others are still served and
                the idle ones are closed by the idle timeout (descriptors back
                to where they were);
  smuggling     conflicting Content-Length/Transfer-Encoding, repeated
                Content-Length, Transfer-Encoding without chunked last, obs-fold:
                400 and the connection closed; never a second
                request smuggled out of the first one's body;
  memory        the resident size stays bounded through all of it.

No timed assertions: the timeouts only bound how long the test may wait.
  tests/stress/hostile.py --binary build/lumbung [--connections 200]
"""
import argparse
import os
import shutil
import socket
import threading
import time

import lib

TAIL = b"GET /tidak-ada HTTP/1.1\r\nHost: x\r\n\r\n"  # answered 404 only if it is read as its own request


INNER = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"


def smuggling(port):
    refused = {
        "Content-Length then Transfer-Encoding":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "Transfer-Encoding then Content-Length":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
        "two different Content-Length":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 0\r\n\r\nabcde",
        "two equal Content-Length":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nabcde",
        "Content-Length list": b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nabcde",
        "Transfer-Encoding gzip only": b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
        "Transfer-Encoding chunked twice in one field":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        "Transfer-Encoding chunked in two fields":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "unknown Transfer-Encoding beside Content-Length":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nabcde",
        "Transfer-Encoding in HTTP/1.0":
            b"POST /cari HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "space before the colon": b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\nabcde",
        "Content-Length with a sign": b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nabcde",
        "negative Content-Length": b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "bare LF line ends": b"GET / HTTP/1.1\nHost: x\n\n",
        "no Host in HTTP/1.1": b"GET / HTTP/1.1\r\n\r\n",
        "two Host fields": b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "bad chunk size": b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        # obs-fold (RFC 9112 5.2): refused rather than unfolded, as a proxy in front might not unfold it.
        "obs-fold": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\nX-Other: c\r\n\r\n",
        "obs-fold with a tab": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n\tb\r\n\r\n",
        "obs-fold hiding a request line": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n GET /metrics HTTP/1.1\r\n\r\n",
        "obs-fold of Transfer-Encoding":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n",
    }
    for what, data in refused.items():
        replies = lib.raw(port, data + TAIL, timeout=5)
        statuses = [r.status for r in replies]
        lib.check(statuses == [400], f"smuggling, {what}: answered {statuses}, expected [400] and a close")
        lib.check(replies[0].closed, f"smuggling, {what}: the connection stayed open after the 400")
    # Well-framed bodies followed by a pipelined request: both answered, in order, and nothing else.
    framed = {
        "Content-Length body": b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde",
        "chunked body": b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nabcde\r\n0\r\n\r\n",
        "chunked body with a body that looks like a request":
            b"POST /cari HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" %
            (len(INNER), INNER),
        "a body of spaces and line ends": b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n\r\n \r\n\t",
    }
    for what, data in framed.items():
        replies = lib.raw(port, data + TAIL + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                          timeout=5)
        statuses = [r.status for r in replies]
        lib.check(len(statuses) == 3 and statuses[1:] == [404, 200] and statuses[0] in (200, 405),
                  f"pipelining after a {what}: answered {statuses}, expected [200 or 405, 404, 200]")
    lib.log(f"smuggling: {len(refused)} ambiguous requests refused with 400 and a close; "
            f"{len(framed)} well-framed ones answered once each")


def huge_headers(port):
    cases = {
        "one 20 KB field": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
        "2,000 small fields": b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-F%d: v\r\n" % i for i in range(2000)) + b"\r\n",
        "a 64 KB request line": b"GET /" + b"a" * 65536 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        "a 1 MB cookie": b"GET / HTTP/1.1\r\nHost: x\r\nCookie: " + b"c" * (1 << 20) + b"\r\n\r\n",
    }
    for what, data in cases.items():
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        try:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before everything was sent; the reply may still be readable
            try:
                r, _ = lib.read_reply(s, timeout=10)
            except (socket.timeout, ConnectionResetError):
                r = None
            lib.check(r is not None and r.status in (431, 400, 414), f"huge headers, {what}: "
                      f"{r.status if r else 'no reply'}, expected 431")
            lib.check(r.closed, f"huge headers, {what}: the connection stayed open")
        finally:
            s.close()
        lib.check(lib.get(port, "/healthz").status == 200, f"not serving after {what}")
    # The same 2,000 fields in 40 pieces, each far below the limit: the whole header block counts.
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        r = None
        for piece in range(40):
            try:
                s.sendall(b"".join(b"X-P%d-%d: v\r\n" % (piece, i) for i in range(50)))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.02)
        try:
            s.sendall(b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            r, _ = lib.read_reply(s, timeout=10)
        except (socket.timeout, ConnectionResetError):
            r = None
        lib.check(r is not None and r.status == 431, f"huge headers in small pieces: {r.status if r else 'no reply'}, "
                                                     f"expected 431")
    finally:
        s.close()
    lib.log(f"huge headers: {len(cases) + 1} cases answered 431 and closed")


def slowloris(server, count):
    port = server.port
    request = b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\nAccept: */*\r\n\r\n"
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.setblocking(False)
        socks.append(s)
    stop = threading.Event()
    cut_off = [0]

    def drip():
        pos = [0] * len(socks)
        open_ = set(range(len(socks)))
        while open_ and not stop.is_set():
            for i in list(open_):
                try:
                    socks[i].send(request[pos[i]:pos[i] + 1])
                    pos[i] = min(pos[i] + 1, len(request) - 3)  # never finish the header
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    open_.discard(i)
                    cut_off[0] += 1
                    continue
                try:
                    if socks[i].recv(4096) == b"":
                        open_.discard(i)
                        cut_off[0] += 1
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    open_.discard(i)
                    cut_off[0] += 1
            stop.wait(0.2)

    t = threading.Thread(target=drip)
    t.start()
    served = 0
    peak = server.rss_kb()
    try:
        deadline = time.monotonic() + 60
        # A normal client while the slow ones drip, until every slow one is cut off.
        while time.monotonic() < deadline:
            r = lib.get(port, "/inovasi")
            lib.check(r.status == 200, f"a normal client got {r.status} during slowloris")
            served += 1
            peak = max(peak, server.rss_kb())
            if cut_off[0] == count and served >= 5:
                break
            time.sleep(0.1)
    finally:
        stop.set()
        t.join()
        for s in socks:
            s.close()
    lib.check(served >= 5, "the normal client was not served")
    lib.check(cut_off[0] == count, f"only {cut_off[0]} of {count} slow connections were cut off by the read timeout")
    lib.log(f"slowloris: {count} connections dripping a header byte by byte; a normal client was served {served} "
            f"times meanwhile; all {count} cut off by the read timeout; peak resident {peak / 1024:.1f} MB")
    return peak


def idle_keep_alive(server, count):
    port = server.port
    base_fds = server.fds()
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        r, _ = lib.read_reply(s, timeout=10)
        lib.check(r is not None and r.status == 200 and not r.closed, "a keep-alive request was not answered")
        socks.append(s)
    held = server.fds()
    lib.check(lib.get(port, "/inovasi").status == 200, "not serving with many idle connections")
    # The idle timeout closes them; wait until every one sees the close.
    deadline = time.monotonic() + 60
    closed = 0
    for s in socks:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            if s.recv(1) == b"":
                closed += 1
        except (socket.timeout, OSError):
            pass
        s.close()
    lib.check(closed == count, f"only {closed} of {count} idle keep-alive connections were closed by the server")
    time.sleep(0.5)
    after = server.fds()
    lib.check(after <= base_fds, f"descriptors: {base_fds} before, {after} after the idle connections went")
    lib.log(f"keep-alive: {count} idle connections held ({held} descriptors, {base_fds} before), others served, "
            f"all closed by the idle timeout, {after} descriptors after")


def run(args):
    work = lib.fresh_dir("hostile")
    data = os.path.join(work, "data")
    try:
        lib.lumbung(args.binary, "seed-demo", "--data", data, "--count", "60", "--log-level", "warn")
        server = lib.Server(args.binary, data, "--read-timeout", "2", "--idle-timeout", "2",
                            log_path=os.path.join(work, "serve.log"))
        try:
            server.wait_ready()
            for _ in range(3):
                lib.get(server.port, "/inovasi")
            base = server.rss_kb()
            smuggling(server.port)
            huge_headers(server.port)
            peak = slowloris(server, args.connections)
            idle_keep_alive(server, args.connections)
            after = server.rss_kb()
            lib.log(f"memory: {base / 1024:.1f} MB before, {max(peak, after) / 1024:.1f} MB at most, "
                    f"{after / 1024:.1f} MB after")
            lib.check(max(peak, after) - base <= args.memory_mb * 1024,
                      f"resident size grew by {(max(peak, after) - base) / 1024:.0f} MB (limit {args.memory_mb} MB)")
            lib.check(server.alive(), "the server died")
            lib.check(server.stop() == 0, "the server did not exit cleanly")
        finally:
            server.kill()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(lib.SOURCE_DIR, "build", "lumbung"))
    p.add_argument("--connections", type=int, default=200, help="slow and idle connections (default 200)")
    p.add_argument("--memory-mb", type=int, default=128, help="resident growth allowed (default 128 MB)")
    args = p.parse_args()
    lib.main_guard(lambda: run(args))


if __name__ == "__main__":
    main()
