"""The local webhook receiver of bench/webhooks-bench.sh and bench/suite.sh: answers 200 at once to
every POST and appends one line per request to the file named by its first argument: arrival (epoch
ms), webhook-id, and the payload's timestamp (epoch ms; when the change was made, just before its
commit). GET answers the number of distinct webhook-ids received so far. Prints its port."""
import json
import sys
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out = open(sys.argv[1], "a", buffering=1)
lock = threading.Lock()
seen = set()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # the answer's head and body go out in two writes: without TCP_NODELAY the second waits for the
    # client's delayed ACK of the first (about 40 ms an answer on Linux)
    disable_nagle_algorithm = True

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        arrived = time.time() * 1000
        stamp = datetime.fromisoformat(json.loads(body)["timestamp"].replace("Z", "+00:00")).timestamp() * 1000
        message = self.headers.get("webhook-id")
        with lock:
            seen.add(message)
            out.write(f"{arrived:.1f} {message} {stamp:.0f}\n")
        self.answer(b"ok")

    def do_GET(self):
        with lock:
            count = len(seen)
        self.answer(str(count).encode())

    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
