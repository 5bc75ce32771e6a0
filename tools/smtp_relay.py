"""A mail relay for the tests, on 127.0.0.1 only: aiosmtpd accepts every message and writes it,
as received (headers and body), to a file of its own in the folder given; a recipient whose
address starts with "reject" is refused with 550 (a permanent failure). It prints
"listening on PORT" once ready and stops when its standard input closes or it is killed.

    python smtp_relay.py FOLDER [PORT]
"""

import os
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, "%06d-%d.eml" % (self.count, time.time_ns()))
        with open(name + ".tmp", "wb") as out:
            out.write(("X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode())
            out.write(envelope.original_content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


def main():
    folder = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if port == 0:
        # aiosmtpd checks its own port by connecting to it: it needs a real one.
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Keep(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening on %d" % controller.port, flush=True)
    # Stop with the test: when it closes our standard input (or is gone).
    done = threading.Event()

    def wait_for_eof():
        sys.stdin.read()
        done.set()

    threading.Thread(target=wait_for_eof, daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
