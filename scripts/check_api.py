"""Fuzzes the daemon's API against docs/openapi.json with schemathesis (see scripts/check-api).

1. A Telegram sandbox with two bots, a configuration folder declaring them, a Webhook and a Channel whose
   bot lacks a right (so status, history and events have something in them), and a daemon reconciling it
   with an operate key and all four push receivers enabled.
2. schemathesis, every check, positive and negative data, a fixed seed: any finding fails the check and its
   report is printed.
3. The check can fail: against copies of the document with a response code removed and with a response
   schema that the daemon's answers cannot match, schemathesis must complain.

Usage: check_api.py SCHEMATHESIS [--keep]; --keep leaves the work folder (logs, reports) and says where.
Needs the botops just built (BOTOPS_BIN, default .build/debug/botops); no other service."""
import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_support import botops, check, conclude, failures, root  # noqa: E402

NAME = "scripts/check-api"
schemathesis = os.path.abspath(sys.argv[1])
keep = "--keep" in sys.argv[2:]
document_path = os.path.join(root, "docs", "openapi.json")
work = tempfile.mkdtemp(prefix="botops-check-api-")
processes = []
OPERATE_KEY = "check-api-operate-key-" + os.urandom(6).hex()
# Bounds: about 40 s for the real run on 2 cores. The seed makes a run repeatable (with one worker).
SEED = "20240601"
MAX_EXAMPLES = "30"
REQUEST_TIMEOUT = "10"


def stop_all():
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def finish(summary=None):
    stop_all()
    if failures:
        for log in ["daemon.log", "sandbox.log"]:
            path = os.path.join(work, log)
            if os.path.exists(path):
                failures.append(f"--- {log} (last lines)\n" + "".join(open(path).readlines()[-15:]))
    if keep:
        print(f"{NAME}: the work folder is kept: {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    if summary and not failures:
        print(summary)
    conclude(NAME)


def on_signal(number, _frame):
    raise SystemExit(128 + number)


signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGHUP, on_signal)


def start(args, log, env=None):
    out = open(os.path.join(work, log), "w")
    process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=work)
    processes.append(process)
    return process


def wait_for(what, condition, seconds=60, process=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            check(False, f"{what}: the process exited ({process.returncode})")
            return None
        try:
            value = condition()
            if value:
                return value
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    check(False, f"timed out after {seconds} s waiting for {what}")
    return None


def http(url, method="GET", headers=None, data=None):
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def listening(log):
    match = re.search(r"listening on (http://[0-9.:]+)", open(os.path.join(work, log)).read())
    return match.group(1) if match else None


def fuzz(document, label, extra=()):
    """Runs schemathesis on `document` against the daemon; returns (exit code, its output, its JSON report)."""
    path = os.path.join(work, f"openapi-{label}.json")
    with open(path, "w") as out:
        json.dump(document, out)
    report = os.path.join(work, f"report-{label}.json")
    args = [schemathesis, "run", path, "--url", daemon_url,
            "--header", f"Authorization: Bearer {OPERATE_KEY}",
            "--checks", "all", "--mode", "all", "--phases", "examples,coverage,fuzzing,stateful",
            "--max-examples", MAX_EXAMPLES, "--seed", SEED, "--generation-deterministic",
            "--workers", "1", "--max-redirects", "0",
            "--request-timeout", REQUEST_TIMEOUT, "--max-response-time", REQUEST_TIMEOUT,
            "--report", "json", "--report-json-path", report, "--no-color", "--output-sanitize", "false",
            *extra]
    environment = dict(os.environ, SCHEMATHESIS_HOOKS="", NO_COLOR="1", COLUMNS="160")
    try:
        result = subprocess.run(args, capture_output=True, text=True, env=environment, cwd=work, timeout=300)
    except subprocess.TimeoutExpired as error:
        return None, f"schemathesis did not finish in {error.timeout} s", None
    try:
        with open(report) as f:
            summary = json.load(f)
    except (OSError, ValueError):
        summary = None
    # What it printed names the key; the key is this run's own, but keep it out of logs all the same.
    return result.returncode, (result.stdout + result.stderr).replace(OPERATE_KEY, "<operate key>"), summary


try:
    if not check(os.path.exists(botops), f"{botops} is not built"):
        finish()

    # 1. The sandbox, the configuration and the daemon.
    alpha, beta = "7400001:" + "a" * 35, "7400002:" + "b" * 35
    sandbox = start([botops, "sandbox", "telegram", "--bot", f"{alpha}=alpha_api_bot", "--bot", f"{beta}=beta_api_bot",
                     "--listen", "127.0.0.1:0", "--webhook-set-interval", "0", "--log-level", "warning"], "sandbox.log")
    sandbox_url = wait_for("the sandbox to listen", lambda: listening("sandbox.log"), process=sandbox)
    if not sandbox_url:
        finish()
    # The channel's owner let alpha post but not edit: the Channel is degraded, an event and a health to report.
    chat = {"id": -1001740000001, "type": "channel", "username": "api_news", "title": "News",
            "members": {alpha.split(":")[0]: {"status": "administrator", "rights": ["can_post_messages"]}}}
    check(http(f"{sandbox_url}/_sandbox/chats", method="PUT", headers={"Content-Type": "application/json"},
               data=json.dumps(chat).encode())[0] == 204, "PUT /_sandbox/chats")

    fleet = os.path.join(work, "fleet")
    os.makedirs(fleet)
    files = {
        "botops.yaml": f"""
apiVersion: botops/v1
kind: Project
metadata: {{name: checkapi}}
spec:
  telegram: {{apiURL: "{sandbox_url}"}}
""",
        "bots.yaml": """
apiVersion: botops/v1
kind: Bot
metadata: {name: alpha}
spec:
  token: {fromEnv: ALPHA_TOKEN}
  profile: {name: Alpha, description: Fuzzed by schemathesis, shortDescription: Alpha}
  commands:
    - commands: [{command: start, description: Start}]
---
apiVersion: botops/v1
kind: Bot
metadata: {name: beta}
spec:
  token: {fromEnv: BETA_TOKEN}
  profile: {name: Beta}
""",
        "webhook.yaml": """
apiVersion: botops/v1
kind: Webhook
metadata: {name: alpha}
spec:
  bot: alpha
  url: https://gateway.example.com/tg/alpha
  secretToken: {fromEnv: ALPHA_SECRET}
""",
        "channel.yaml": """
apiVersion: botops/v1
kind: Channel
metadata: {name: news}
spec:
  chat: "@api_news"
  bot: alpha
  botRights: {canPostMessages: true, canEditMessages: true}
""",
    }
    for name, text in files.items():
        with open(os.path.join(fleet, name), "w") as out:
            out.write(text.lstrip())

    environment = dict(os.environ, ALPHA_TOKEN=alpha, BETA_TOKEN=beta, ALPHA_SECRET="webhook-secret-api",
                       OPERATE_KEY=OPERATE_KEY, GITHUB_SECRET="github-secret-api", GITLAB_TOKEN="gitlab-token-api",
                       GITEA_SECRET="gitea-secret-api", GENERIC_SECRET="generic-secret-api")
    environment.pop("BOTOPS_TELEGRAM_API_URL", None)
    daemon = start([botops, "reconcile", fleet, "--state", "file:" + os.path.join(work, "state.json"),
                    "--interval", "1h", "--listen", "127.0.0.1:0", "--api-key", "operate=env:OPERATE_KEY",
                    "--github-secret", "env:GITHUB_SECRET", "--gitlab-token", "env:GITLAB_TOKEN",
                    "--gitea-secret", "env:GITEA_SECRET", "--generic-secret", "env:GENERIC_SECRET"],
                   "daemon.log", env=environment)
    daemon_url = wait_for("the daemon to listen", lambda: listening("daemon.log"), process=daemon)
    if not daemon_url or not wait_for("the daemon's first pass", lambda: http(daemon_url + "/readyz")[0] == 200, 60,
                                      process=daemon):
        finish()
    operate = {"Authorization": f"Bearer {OPERATE_KEY}"}
    # A failed delivery after the webhook was set: the next pass logs a webhook-error event.
    check(http(f"{sandbox_url}/_sandbox/bots/{alpha.split(':')[0]}/last_error?message=Connection%20refused"
               f"&date={int(time.time()) - 20}", method="PUT")[0] == 204, "PUT last_error")
    check(http(daemon_url + "/api/v1/reconcile", method="POST", headers=operate)[0] == 202, "POST /api/v1/reconcile")

    def settled():
        status = json.loads(http(daemon_url + "/api/v1/status", headers=operate)[1])
        return status["idle"] and status["passes"] >= 2 and status.get("webhooks")

    wait_for("the second pass", settled, 60, process=daemon)
    if failures:
        finish()
    with open(document_path) as f:
        document = json.load(f)

    # 2. The real document.
    started = time.time()
    code, output, report = fuzz(document, "real")
    seconds = time.time() - started
    if not check(code == 0, f"schemathesis found problems in the daemon or docs/openapi.json (exit {code}):\n{output}"):
        finish()
    check(daemon.poll() is None, "the daemon exited while it was fuzzed")

    # 3. The check can fail: a response code removed, and a response schema nothing matches.
    mutants = []
    without_400 = copy.deepcopy(document)
    del without_400["paths"]["/api/v1/history"]["get"]["responses"]["400"]
    mutants.append(("without-400", without_400, "history", "/api/v1/history without its documented 400"))
    wrong_schema = copy.deepcopy(document)
    wrong_schema["components"]["schemas"]["Status"]["properties"]["passes"] = {"type": "string"}
    mutants.append(("wrong-schema", wrong_schema, "status", "a Status whose passes is a string"))
    for label, mutant, operation, what in mutants:
        mutant_code, mutant_output, _ = fuzz(mutant, label, ["--include-operation-id", operation, "--max-examples", "10"])
        check(mutant_code == 1, f"schemathesis accepted {what} (exit {mutant_code}); the check proves nothing:\n{mutant_output}")

    finish(f"check-api: schemathesis found nothing in {seconds:.0f} s: " + output.strip().splitlines()[-1])
finally:
    stop_all()
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
