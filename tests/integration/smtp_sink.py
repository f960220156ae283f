#!/usr/bin/env python3
"""A local SMTP sink for the mail delivery tests: smtp_sink.py PORT DIR.

Listens on 127.0.0.1:PORT (aiosmtpd, no TLS) and writes every message it
accepts to DIR/NNNN.eml (written to a temporary name, then renamed), with an
"X-Sink-Rcpt:" line naming the envelope recipients prepended. Prints "ready"
once it accepts connections; runs until SIGTERM.
"""
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        name = os.path.join(self.directory, "%04d.eml" % n)
        data = b"X-Sink-Rcpt: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n" + envelope.original_content
        with open(name + ".tmp", "wb") as f:
            f.write(data)
        os.rename(name + ".tmp", name)
        return "250 OK stored"


def main():
    port = int(sys.argv[1])
    directory = sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        print("ready", flush=True)
    except BrokenPipeError:
        pass  # the test stopped listening; keep serving until SIGTERM
    while not stop.wait(0.5):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
