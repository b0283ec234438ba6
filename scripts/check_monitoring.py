"""Checks examples/monitoring for real.

1. promtool: the scrape configuration and the rules load (`check config`, `check rules`), their unit tests pass (`test rules`), and each alert's test
   can fail (a copy whose expression never fires must fail the tests).
2. The dashboard is well-formed Grafana JSON (ids, grid, every panel queries the datasource variable).
3. A real Prometheus (Debian's) scrapes a real daemon reconciling a small fleet: a Bot and its Webhook
   on the Telegram sandbox (with injected flood control), a Schedule in the Postgres of scripts/services
   and a Container on its podman. Drift is made by hand and healed, a webhook starts failing; then every
   dashboard query must return series, every alert expression must parse and every series it names
   must exist with the labels it matches on, and the rules must load in the server.

With --demo, prints what Prometheus saw instead of staying quiet. Needs scripts/services running and
the botops just built (BOTOPS_BIN, default .build/debug/botops)."""
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

from check_support import botops, check, conclude, failures, root, run
from check_processes import Processes, http

examples = os.path.join(root, "examples", "monitoring")
demo = "--demo" in sys.argv
work = tempfile.mkdtemp(prefix="botops-monitoring-")
processes = Processes(work)
start, wait_for, listening = processes.start, processes.wait_for, processes.listening


def finish():
    processes.stop_all()
    shutil.rmtree(work, ignore_errors=True)
    conclude("scripts/check-monitoring")


# 1. promtool.
alerts_path = os.path.join(examples, "alerts.yml")
tests_path = os.path.join(examples, "alerts-test.yml")
result = run(["promtool", "check", "rules", alerts_path])
check(result.returncode == 0, "promtool check rules alerts.yml:\n" + result.stdout + result.stderr)
result = run(["promtool", "check", "config", os.path.join(examples, "prometheus.yml")])
check(result.returncode == 0, "promtool check config prometheus.yml:\n" + result.stdout + result.stderr)
result = run(["promtool", "test", "rules", tests_path])
check(result.returncode == 0, "promtool test rules alerts-test.yml:\n" + result.stdout + result.stderr)
rules = yaml.safe_load(open(alerts_path))
alerts = [rule for group in rules["groups"] for rule in group["rules"] if "alert" in rule]
mutants = os.path.join(work, "mutants")
os.makedirs(mutants)
shutil.copy(tests_path, mutants)
for index, alert in enumerate(alerts):
    mutant = yaml.safe_load(open(alerts_path))
    [rule for group in mutant["groups"] for rule in group["rules"] if "alert" in rule][index]["expr"] = "vector(0) > 1"
    with open(os.path.join(mutants, "alerts.yml"), "w") as out:
        yaml.safe_dump(mutant, out)
    result = run(["promtool", "test", "rules", os.path.join(mutants, "alerts-test.yml")])
    check(result.returncode != 0, f"{alert['alert']} never firing still passes alerts-test.yml: it has no test that expects it")

# 2. The dashboard's shape.
dashboard = json.load(open(os.path.join(examples, "grafana-dashboard.json")))
ids = [panel["id"] for panel in dashboard["panels"]]
check(len(ids) == len(set(ids)), "dashboard panel ids repeat")
targets = []
for panel in dashboard["panels"]:
    grid = panel["gridPos"]
    check(grid["x"] + grid["w"] <= 24, f"panel {panel['title']!r} is wider than the grid")
    if panel["type"] == "row":
        continue
    check(panel.get("datasource", {}).get("uid") == "${datasource}", f"panel {panel['title']!r} does not use the datasource variable")
    check(panel.get("targets"), f"panel {panel['title']!r} has no query")
    for target in panel.get("targets", []):
        targets.append((panel["title"], target["expr"]))
check(any(v["name"] == "instance" for v in dashboard["templating"]["list"]), "the dashboard has no instance variable")


# 3. The real thing.
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def by_hand(method, body=b"{}"):
    """A Bot API call made as a person would, through the sandbox's injected flood control."""
    for _ in range(20):
        status, answer = http(f"{sandbox_url}/bot{token}/{method}", method="POST",
                              headers={"Content-Type": "application/json"}, data=body)
        if status != 429:
            return check(status == 200, f"{method} by hand: {status} {answer}")
        time.sleep(1)
    return check(False, f"{method} by hand: flood control never let it through")


services = {name: os.environ.get(name) for name in ["BOTOPS_TEST_POSTGRES_URL", "BOTOPS_TEST_DOCKER_HOST", "BOTOPS_TEST_IMAGE"]}
if not all(services.values()):
    check(False, "scripts/services must be running (source <(scripts/services env))")
    finish()
if not os.path.exists(botops):
    check(False, f"{botops} is not built")
    finish()

token = "7300001:" + "m" * 35
sandbox = start([botops, "sandbox", "telegram", "--bot", f"{token}=metrics_bot", "--listen", "127.0.0.1:0",
                 "--fail-rate", "0.2", "--fail-kinds", "429", "--seed", "11", "--webhook-set-interval", "0",
                 "--log-level", "warning"], "sandbox.log")
sandbox_url = wait_for("the sandbox", lambda: listening("sandbox.log"), process=sandbox)
suffix = os.urandom(4).hex()
schema = "mon_" + suffix
container = "mon" + suffix + "-worker"
fleet = os.path.join(work, "fleet")
os.makedirs(fleet)
files = {
    "botops.yaml": f"""
apiVersion: botops/v1
kind: Project
metadata: {{name: mon{suffix}}}
spec:
  telegram: {{apiURL: "{sandbox_url}"}}
  postgres:
    url: {{fromEnv: DATABASE_URL}}
    schema: {schema}
  docker:
    engines:
      default: {{host: "{services['BOTOPS_TEST_DOCKER_HOST']}"}}
""",
    "bot.yaml": """
apiVersion: botops/v1
kind: Bot
metadata: {name: alpha}
spec:
  token: {fromEnv: ALPHA_TOKEN}
  profile: {name: Alpha, description: Watched by Prometheus, shortDescription: Alpha}
  commands:
    - commands: [{command: start, description: Start}]
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
    "schedule.yaml": """
apiVersion: botops/v1
kind: Schedule
metadata: {name: morning}
spec:
  cron: "0 8 * * *"
  timezone: Europe/Moscow
  task: publish_post
  bot: alpha
""",
    "channel.yaml": """
apiVersion: botops/v1
kind: Channel
metadata: {name: news}
spec:
  chat: "@mon_news"
  bot: alpha
  botRights: {canPostMessages: true, canEditMessages: true}
""",
    "container.yaml": f"""
apiVersion: botops/v1
kind: Container
metadata: {{name: {container}}}
spec:
  image: {services['BOTOPS_TEST_IMAGE']}
  command: [sleep, "3600"]
  network: none
  stopTimeout: 0
  pullPolicy: Never
""",
}
# The channel's owner let the bot post but not edit: the Channel is degraded from the first pass.
chat = {"id": -1001730000001, "type": "channel", "username": "mon_news", "title": "News",
        "members": {token.split(":")[0]: {"status": "administrator", "rights": ["can_post_messages"]}}}
check(http(f"{sandbox_url}/_sandbox/chats", method="PUT", headers={"Content-Type": "application/json"},
           data=json.dumps(chat).encode())[0] == 204, "PUT /_sandbox/chats")
for name, text in files.items():
    with open(os.path.join(fleet, name), "w") as out:
        out.write(text.lstrip())
# A git repository, as the daemon is meant to run: the applied revision is a commit.
git_env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
for args in [["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "A fleet Prometheus watches"]]:
    result = run(["git", "-c", "user.name=ops", "-c", "user.email=ops@example.org", "-c", "commit.gpgsign=false", *args],
                 cwd=fleet, env=git_env)
    check(result.returncode == 0, f"git {args[0]}: {result.stderr}")

environment = dict(os.environ, ALPHA_TOKEN=token, ALPHA_SECRET="webhook-secret-1", OPERATE_KEY="operate-key-monitoring",
                   DATABASE_URL=services["BOTOPS_TEST_POSTGRES_URL"])
environment.pop("BOTOPS_TELEGRAM_API_URL", None)
daemon = start([botops, "reconcile", "--repo", fleet, "--ref", "main", "--state", "file:" + os.path.join(work, "state.json"),
                "--interval", "1h", "--listen", "127.0.0.1:0",
                "--api-key", "operate=env:OPERATE_KEY", "--log-format", "json"], "daemon.log", env=environment)
daemon_url = wait_for("the daemon", lambda: listening("daemon.log"), process=daemon)
prometheus_port = free_port()
prometheus_url = f"http://127.0.0.1:{prometheus_port}"


def cleanup_live():
    # The Container and the rows the daemon made are the test's to remove.
    host = services["BOTOPS_TEST_DOCKER_HOST"]
    if host.startswith("unix://"):
        run(["curl", "-s", "--unix-socket", host[len("unix://"):], "-X", "DELETE",
             f"http://localhost/containers/{container}?force=true"])
    run(["psql", services["BOTOPS_TEST_POSTGRES_URL"], "-q", "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"])


try:
    if daemon_url:
        config = {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [alerts_path],
            "scrape_configs": [{"job_name": "botops", "static_configs": [{"targets": [daemon_url[len("http://"):]]}]}],
        }
        with open(os.path.join(work, "prometheus.yml"), "w") as out:
            yaml.safe_dump(config, out)
        prometheus = start(["prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/tsdb",
               f"--web.listen-address=127.0.0.1:{prometheus_port}", "--log.level=warn"], "prometheus.log")

        check(wait_for("the daemon's first pass", lambda: http(daemon_url + "/readyz")[0] == 200, 120, process=daemon),
              "the daemon never became ready:\n" + open(os.path.join(work, "daemon.log")).read()[-3000:])
        # Drift by hand (the webhook deleted), and Telegram failing to deliver to the gateway.
        operate = {"Authorization": "Bearer operate-key-monitoring"}
        by_hand("deleteWebhook")
        check(http(daemon_url + "/api/v1/reconcile", method="POST", headers=operate)[0] == 202, "POST /api/v1/reconcile")
        wait_for("the drift to be healed", lambda: 'botops_drift_healed_total{kind="Webhook"} 1' in http(daemon_url + "/metrics")[1], 120)
        # The webhook botops set again starts failing, with updates piling up (a setWebhook clears both).
        bot_id = token.split(":")[0]
        check(http(f"{sandbox_url}/_sandbox/bots/{bot_id}/pending_update_count?count=42", method="PUT")[0] == 204, "pending count")
        check(http(f"{sandbox_url}/_sandbox/bots/{bot_id}/last_error?message=Connection%20refused&date={int(time.time()) - 20}",
                   method="PUT")[0] == 204, "last error")
        check(http(daemon_url + "/api/v1/reconcile", method="POST", headers=operate)[0] == 202, "POST /api/v1/reconcile")
        wait_for("the webhook's backlog", lambda: 'botops_webhook_pending_updates{webhook="alpha",bot="alpha"} 42' in
                 http(daemon_url + "/metrics")[1], 120)

        def query(expr):
            status, body = http(prometheus_url + "/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
            return json.loads(body)

        def scraped(name):
            result = query(f"count_over_time({name}[1m])")
            return result["status"] == "success" and any(float(r["value"][1]) >= 3 for r in result["data"]["result"])

        # Each rate needs samples either side: wait until the newest series has a few.
        wait_for("Prometheus to have scraped the backlog a few times", lambda: scraped("botops_webhook_pending_updates"), 120)

        for title, expr in targets:
            expr = expr.replace("$instance", ".+")
            result = query(expr)
            if check(result.get("status") == "success", f"dashboard {title!r}: {expr} does not run: {result}"):
                check(result["data"]["result"], f"dashboard {title!r}: {expr} returns no series")

        selector = re.compile(r"\b(botops_[a-z_]+)(\{([^}]*)\})?")
        for alert in alerts:
            result = query(alert["expr"])
            check(result.get("status") == "success", f"alert {alert['alert']}: the expression does not run: {result}")
            for name, _, matchers in selector.findall(alert["expr"]):
                series = query(name)["data"]["result"]
                if not check(series, f"alert {alert['alert']}: {name} has no series"):
                    continue
                for label in re.findall(r"([a-z_]+)\s*(?:=~|!~|!=|=)", matchers or ""):
                    check(any(label in s["metric"] for s in series), f"alert {alert['alert']}: {name} has no label {label}")
            for labels in re.findall(r"\b(?:by|on)\s*\(([^)]*)\)", alert["expr"]):
                for label in [l.strip() for l in labels.split(",") if l.strip()]:
                    names = [name for name, _, _ in selector.findall(alert["expr"])]
                    check(any(label in s["metric"] for name in names for s in query(name)["data"]["result"]),
                          f"alert {alert['alert']}: no series it names has the label {label}")

        loaded = json.loads(http(prometheus_url + "/api/v1/rules")[1])["data"]["groups"]
        names = sorted(rule["name"] for group in loaded for rule in group["rules"])
        check(names == sorted(alert["alert"] for alert in alerts), f"Prometheus loaded {names}")
        check(all(rule["health"] == "ok" for group in loaded for rule in group["rules"]),
              "a rule does not evaluate: " + json.dumps(loaded)[:2000])
        active = json.loads(http(prometheus_url + "/api/v1/alerts")[1])["data"]["alerts"]
        check(any(a["labels"]["alertname"] == "BotopsWebhookDeliveryFailing" and a["labels"].get("bot") == "alpha" for a in active),
              f"the failing webhook raised no BotopsWebhookDeliveryFailing (pending): {active}")
        check(not any(a["labels"]["alertname"] == "BotopsLeaderMissing" for a in active), "a leader is missing while one leads")
        check(any(a["labels"]["alertname"] == "BotopsChannelDegraded" and a["labels"].get("kind") == "Channel" for a in active),
              f"the Channel whose bot cannot edit raised no BotopsChannelDegraded (pending): {active}")

        if demo:
            print("Prometheus scraped the daemon; some of what the dashboard shows:")
            for expr, what in [
                ('sum by (kind) (botops_resources{sync="synced"})', "resources in sync, by kind"),
                ('sum(botops_resources{sync!="synced"})', "resources not in sync"),
                ('sum by (kind) (botops_drift_healed_total)', "drift healed"),
                ('max by (kind) (botops_degraded_resources) > 0', "degraded (a bot lacks a right)"),
                ('botops_webhook_pending_updates', "pending updates"),
                ('round(botops_webhook_last_error_age_seconds)', "seconds since the last delivery error"),
                ('sum by (status) (botops_telegram_requests_total)', "Bot API requests by status"),
                ('sum by (reason) (botops_telegram_retries_total)', "Bot API retries"),
                ('sum by (status) (botops_docker_requests_total)', "Docker requests by status"),
                ('sum by (operation, result) (botops_postgres_operations_total)', "Postgres operations"),
            ]:
                rows = query(expr)["data"]["result"]
                shown = ", ".join("%s=%s" % (",".join(f"{k}={v}" for k, v in sorted(r["metric"].items())
                                                        if k not in ("job", "instance", "__name__")) or "-", r["value"][1])
                                  for r in rows)
                print(f"  {what:40} {shown}")
            print("Alerts:", ", ".join(sorted({f"{a['labels']['alertname']} ({a['state']})" for a in active})) or "none")
finally:
    cleanup_live()
    if failures:
        for log in ["daemon.log", "prometheus.log", "sandbox.log"]:
            path = os.path.join(work, log)
            if os.path.exists(path):
                failures.append(f"--- {log} (last lines)\n" + "".join(open(path).readlines()[-20:]))
finish()
