#!/usr/bin/env python3
"""A proxy in front of a moto_server that fails chosen calls the way a
load balancer or a throttled API does, for collect's failure-path
end-to-end test (issue 16).

    Scripts/fault-proxy.py PORT UPSTREAM RULE...

Each RULE is TARGET@REGION=KIND: requests whose X-Amz-Target ends with
TARGET (e.g. AWSEvents.ListRules) signed for REGION are answered with
KIND instead of being forwarded:
  html500    HTTP 500 with an HTML page (no AWS error document)
  denied     HTTP 400 AccessDeniedException, JSON 1.1 style
Every other request goes to UPSTREAM unchanged. Prints "ready" once
listening, and for each faulted request a line "fault TARGET REGION".
"""
import http.client
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

port, upstream = int(sys.argv[1]), urlparse(sys.argv[2])
rules = []
for spec in sys.argv[3:]:
    target_region, kind = spec.split("=")
    target, region = target_region.split("@")
    rules.append((target, region, kind))

HTML = b"<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server is temporarily unable to service your request.</p></body></html>"
DENIED = b'{"__type":"AccessDeniedException","message":"User: arn:aws:sts::123456789012:assumed-role/Collector/s is not authorized to perform: events:ListRules"}'


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        target = self.headers.get("X-Amz-Target", "")
        scope = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", self.headers.get("Authorization", ""))
        region = scope.group(1) if scope else ""
        for rule_target, rule_region, kind in rules:
            if target.endswith(rule_target) and region == rule_region:
                print(f"fault {rule_target} {region}", flush=True)
                if kind == "html500":
                    self.answer(500, "text/html", HTML)
                else:
                    self.answer(400, "application/x-amz-json-1.1", DENIED)
                return
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        headers = {key: value for key, value in self.headers.items() if key.lower() not in ("connection", "keep-alive")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()

    def answer(self, status, content_type, data):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any


server = ThreadingHTTPServer(("127.0.0.1", port), Proxy)
print("ready", flush=True)
server.serve_forever()
