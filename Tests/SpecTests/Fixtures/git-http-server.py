#!/usr/bin/env python3
"""A git smart-HTTP server for tests: `git http-backend` behind HTTP Basic authentication.

  git-http-server.py ROOT PASSWORD

Serves the repositories below ROOT on 127.0.0.1 (a free port, printed as "listening on PORT" on the first
line of standard output). Every request must carry Basic credentials whose password is PASSWORD (any user);
others get 401 with a Basic challenge. Each request's Authorization outcome is appended to ROOT/auth.log.
It exits when its standard input closes, so it never outlives the test that started it (however python3 is
launched: a pyenv shim does not pass signals on).
"""
import base64
import http.server
import os
import subprocess
import sys
import threading

root, password = sys.argv[1], sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def authorized(self):
        header = self.headers.get("Authorization", "")
        ok = False
        if header.startswith("Basic "):
            try:
                _, _, given = base64.b64decode(header[6:]).decode().partition(":")
                ok = given == password
            except Exception:
                ok = False
        with open(os.path.join(root, "auth.log"), "a") as log:
            log.write(("ok" if ok else ("wrong" if header else "none")) + "\n")
        return ok

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))

    def serve(self):
        data = self.body() if self.command == "POST" else b""
        if not self.authorized():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        env = dict(os.environ, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL="1", PATH_INFO=path, QUERY_STRING=query,
                   REQUEST_METHOD=self.command, CONTENT_TYPE=self.headers.get("Content-Type", ""),
                   CONTENT_LENGTH=str(len(data)), REMOTE_USER="test", REMOTE_ADDR="127.0.0.1")
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        output = subprocess.run(["git", "http-backend"], input=data, env=env, capture_output=True).stdout
        head, _, payload = output.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = output.partition(b"\n\n")
        status, headers = 200, []
        for line in head.decode().splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = serve
    do_POST = serve


def exit_with_parent():
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=exit_with_parent, daemon=True).start()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
