"""What the checks that run botops' processes (check_api, check_monitoring) share: starting them in a work
folder with their output in a log there, waiting for a condition while they live, reading the address they
listen on, stopping them all, and plain HTTP calls."""
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

from check_support import check


class Processes:
    """The processes a check started, each logging to a file in `work`."""

    def __init__(self, work):
        self.work = work
        self.started = []

    def start(self, args, log, env=None):
        out = open(os.path.join(self.work, log), "w")
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                   cwd=self.work)
        self.started.append(process)
        return process

    def wait_for(self, what, condition, seconds=60, process=None):
        """`condition()`'s first truthy value within `seconds`, or None (and a failure) when it never comes or
        `process` exits first."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            if process is not None and process.poll() is not None:
                check(False, f"{what}: the process exited ({process.returncode})")
                return None
            try:
                value = condition()
                if value:
                    return value
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.1)
        check(False, f"timed out after {seconds} s waiting for {what}")
        return None

    def listening(self, log):
        """The address a process printed it listens on ('... listening on http://HOST:PORT')."""
        match = re.search(r"listening on (http://[0-9.:]+)", open(os.path.join(self.work, log)).read())
        return match.group(1) if match else None

    def stop_all(self):
        """SIGINT to each (a graceful stop), then SIGKILL to any still running after 20 s."""
        for process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def http(url, method="GET", headers=None, data=None):
    """(status, body text) of a request; an HTTP error status is an answer, not an exception."""
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
