"""Fuzzes the daemon's API against docs/openapi.json with schemathesis (see scripts/check-api).

1. A Telegram sandbox with two bots; a configuration folder declaring them, a Webhook, and a Channel whose bot
   lacks a right (so status, history, events and the pages have something in them); a daemon reconciling it
   with an operate key and all four push receivers enabled.
2. schemathesis on every operation of docs/openapi.json: every check, positive and negative data, deterministic
   generation. The bearer key and a page session (signed in with that key) are given by the document's own
   security schemes; push deliveries are signed as their forges sign them (check_api_hooks.py); the page's
   server-sent events are read for a second at a time. Any finding fails the check and its report is printed.
3. The check can fail: schemathesis must find a response code removed from a copy of the document and a
   response schema the daemon's answers do not match, each by the check meant to find it.

Usage: check_api.py SCHEMATHESIS [--keep]; --keep leaves the work folder (logs, documents, JSON reports).
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

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from check_support import botops, check, conclude, failures, root  # noqa: E402
from check_processes import Processes, http  # noqa: E402

NAME = "scripts/check-api"
schemathesis = os.path.abspath(sys.argv[1])
keep = "--keep" in sys.argv[2:]
document_path = os.path.join(root, "docs", "openapi.json")
work = tempfile.mkdtemp(prefix="botops-check-api-")
processes = Processes(work)
start, wait_for, listening = processes.start, processes.wait_for, processes.listening
# Logs explain a daemon or sandbox that did not start or died; schemathesis' own findings need none.
show_logs = True
# At most this many test cases an operation: the whole check takes about 30 s on 2 cores. Deterministic
# generation with one worker makes a run repeatable (the same requests in the same order).
MAX_EXAMPLES = 100
OPERATE_KEY = "check-api-operate-" + os.urandom(8).hex()
# The push receivers' secrets, given to the daemon and to the hooks that sign deliveries (check_api_hooks.py).
SECRETS = {"CHECK_API_GITHUB_SECRET": "github-secret-api", "CHECK_API_GITLAB_TOKEN": "gitlab-token-api",
           "CHECK_API_GITEA_SECRET": "gitea-secret-api", "CHECK_API_GENERIC_SECRET": "generic-secret-api"}
CONFIG = """
hooks = "check_api_hooks"
request-timeout = 10.0

# Credentials by the document's own security schemes, so schemathesis knows which operations take which, and
# leaves them out on purpose where it checks that they are needed (ignored_auth, missing_required_header).
[auth.openapi.bearer]
bearer = "${CHECK_API_KEY}"

[auth.openapi.session]
api_key = "${CHECK_API_SESSION}"

# The page's server-sent events never end: each request reads what one quiet second brings, then hangs up.
[[operations]]
include-path = "/live"
request-timeout = 1.0
"""


def finish(summary=None):
    processes.stop_all()
    if failures and show_logs:
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


def sign_in(daemon_url):
    """The fleet page's session for the operate key: the value of the botops_session cookie POST /sign-in sets."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(daemon_url + "/sign-in", method="POST", data=f"key={OPERATE_KEY}".encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    except urllib.error.HTTPError as answer:
        match = re.search(r"botops_session=([^;]+)", answer.headers.get("Set-Cookie", ""))
        if answer.code == 303 and match:
            return match.group(1)
    return None


def fuzz(document, label, checks="all", examples=MAX_EXAMPLES, extra=()):
    """Runs schemathesis on `document` against the daemon; returns (exit code, its output, its JSON report)."""
    path = os.path.join(work, f"openapi-{label}.json")
    with open(path, "w") as out:
        json.dump(document, out)
    report = os.path.join(work, f"report-{label}.json")
    args = [schemathesis, "--config-file", config, "run", path, "--url", daemon_url,
            "--checks", checks, "--mode", "all", "--phases", "examples,coverage,fuzzing,stateful",
            "--max-examples", str(examples), "--generation-deterministic", "--workers", "1", "--continue-on-failure",
            "--max-redirects", "0", "--max-response-time", "10",
            "--report", "json", "--report-json-path", report, "--no-color", *extra]
    environment = dict(os.environ, CHECK_API_KEY=OPERATE_KEY, CHECK_API_SESSION=session, NO_COLOR="1", COLUMNS="120",
                       PYTHONPATH=here, **SECRETS)
    try:
        result = subprocess.run(args, capture_output=True, text=True, env=environment, cwd=work, timeout=300)
    except subprocess.TimeoutExpired as error:
        return None, f"schemathesis did not finish in {error.timeout} s", None
    try:
        with open(report) as f:
            summary = json.load(f)
    except (OSError, ValueError):
        summary = None
    # schemathesis hides credentials in what it prints; the key and session are this run's own, but make sure.
    output = (result.stdout + result.stderr).replace(OPERATE_KEY, "<operate key>").replace(session, "<session>")
    return result.returncode, output, summary


try:
    if not check(os.path.exists(botops), f"{botops} is not built"):
        finish()
    if not check(os.path.exists(schemathesis), f"{schemathesis} is not installed"):
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
                       OPERATE_KEY=OPERATE_KEY, **SECRETS)
    environment.pop("BOTOPS_TELEGRAM_API_URL", None)
    daemon = start([botops, "reconcile", fleet, "--state", "file:" + os.path.join(work, "state.json"),
                    "--interval", "1h", "--listen", "127.0.0.1:0", "--api-key", "operate=env:OPERATE_KEY",
                    "--github-secret", "env:CHECK_API_GITHUB_SECRET", "--gitlab-token", "env:CHECK_API_GITLAB_TOKEN",
                    "--gitea-secret", "env:CHECK_API_GITEA_SECRET", "--generic-secret", "env:CHECK_API_GENERIC_SECRET"],
                   "daemon.log", env=environment)
    daemon_url = wait_for("the daemon to listen", lambda: listening("daemon.log"), process=daemon)
    if not daemon_url or not wait_for("the daemon's first pass", lambda: http(daemon_url + "/readyz")[0] == 200, 60,
                                      process=daemon):
        finish()
    # A failed delivery after the webhook was set: the next pass records a webhook-error event.
    operate = {"Authorization": f"Bearer {OPERATE_KEY}"}
    check(http(f"{sandbox_url}/_sandbox/bots/{alpha.split(':')[0]}/last_error?message=Connection%20refused"
               f"&date={int(time.time()) - 20}", method="PUT")[0] == 204, "PUT /_sandbox/bots/.../last_error")
    check(http(daemon_url + "/api/v1/reconcile", method="POST", headers=operate)[0] == 202, "POST /api/v1/reconcile")

    def settled():
        status = json.loads(http(daemon_url + "/api/v1/status", headers=operate)[1])
        return status["idle"] and status["passes"] >= 2 and status.get("webhooks")

    wait_for("the second pass", settled, 60, process=daemon)
    session = sign_in(daemon_url)
    check(session, "POST /sign-in with the operate key made no session")
    config = os.path.join(work, "schemathesis.toml")
    with open(config, "w") as out:
        out.write(CONFIG.lstrip())
    if failures:
        finish()
    with open(document_path) as f:
        document = json.load(f)

    # 2. The real document.
    started = time.time()
    code, output, report = fuzz(document, "real")
    seconds = time.time() - started
    show_logs = daemon.poll() is not None or sandbox.poll() is not None or report is None
    check(code == 0, f"schemathesis found problems in the daemon or docs/openapi.json (exit {code}); its report:\n{output}")
    check(daemon.poll() is None, "the daemon exited while it was fuzzed")

    # 3. The check can fail.
    without_400 = copy.deepcopy(document)
    del without_400["paths"]["/api/v1/history"]["get"]["responses"]["400"]
    wrong_schema = copy.deepcopy(document)
    wrong_schema["components"]["schemas"]["Status"]["properties"]["passes"] = {"type": "string"}
    mutants = [("without-400", without_400, "history", "status_code_conformance", "ST103",
                "GET /api/v1/history without its documented 400 (negative data: limit=0)"),
               ("wrong-schema", wrong_schema, "status", "response_schema_conformance", "ST108",
                "a Status whose passes is a string")]
    for label, mutant, operation, check_name, failure_code, what in mutants:
        mutant_code, mutant_output, mutant_report = fuzz(mutant, label, checks=check_name, examples=10,
                                                         extra=["--include-operation-id", operation])
        found = {failure["code"] for failure in (mutant_report or {}).get("failures", [])}
        check(mutant_code == 1 and failure_code in found,
              f"schemathesis missed {what} (exit {mutant_code}, found {sorted(found)}): the check proves nothing\n{mutant_output}")

    if report:
        finish(f"check-api: schemathesis {report['schemathesis_version']} found nothing: {report['operations']['tested']} "
               f"operations, {report['test_cases']['generated']} test cases, every check, positive and negative data "
               f"({seconds:.0f} s; {len(mutants)} broken copies of the document caught)")
    finish()
finally:
    processes.stop_all()
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
