"""The local receiver of bench/webhooks-bench.sh: answers 200 to every POST and appends one line per
request to the file named by its first argument: arrival (epoch ms), webhook-id, and the payload's
timestamp (epoch ms; when the change was made, just before its commit). Prints its port."""
import json
import sys
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out = open(sys.argv[1], "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        arrived = time.time() * 1000
        stamp = datetime.fromisoformat(json.loads(body)["timestamp"].replace("Z", "+00:00")).timestamp() * 1000
        out.write(f"{arrived:.1f} {self.headers.get('webhook-id')} {stamp:.0f}\n")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
