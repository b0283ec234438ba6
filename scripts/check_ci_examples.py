"""Checks examples/ci for real: each file against its platform's official schema (check-jsonschema's
vendored copies), a broken copy of each refused by that same check, and the shell of every job run with
bash on a real git repository, with the platform's variables set as the platform sets them and the botops
just built on PATH: validate and diff (no secrets, as for a fork); plan, posted as one comment that a second
run updates, through the real gh against a loopback stand-in of GitHub's REST API and the real curl against
one of GitLab's, with the Telegram sandbox standing in for api.telegram.org; apply; and a plan that then
finds nothing to do."""
import http.server
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.parse

import yaml

from check_support import botops, check, conclude, root, run

examples = os.path.join(root, "examples", "ci")


# 1. The official schemas, and proof that they bite.
for name, schema in [("github-actions.yml", "vendor.github-workflows"), ("gitlab-ci.yml", "vendor.gitlab-ci")]:
    path = os.path.join(examples, name)
    result = run(["check-jsonschema", "--builtin-schema", schema, path])
    check(result.returncode == 0, f"{name} does not validate against {schema}:\n{result.stdout}{result.stderr}")
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as broken:
        document = yaml.safe_load(open(path))
        first_job = next(iter(document["jobs"].values())) if "jobs" in document else document["validate"]
        first_job["when_or_if_misspelt"] = True
        yaml.safe_dump(document, broken)
    result = run(["check-jsonschema", "--builtin-schema", schema, broken.name])
    os.unlink(broken.name)
    check(result.returncode != 0, f"a broken copy of {name} passed {schema}: the check cannot fail")

# 2. A real repository: a valid base commit and a head that renames a bot's profile and adds a bot.
work = tempfile.mkdtemp(prefix="botops-ci-")
repo = os.path.join(work, "repo")
git_env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")


def git(*args):
    result = run(["git", "-c", "user.name=ci", "-c", "user.email=ci@example.org", "-c", "commit.gpgsign=false", *args],
                 cwd=repo, env=git_env)
    if result.returncode != 0:
        sys.exit(f"scripts/check-ci-examples: git {' '.join(args)}: {result.stderr}")
    return result.stdout.strip()


def write(path, text):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


os.makedirs(repo)
git("init", "--quiet", "-b", "main")
write("fleet/botops.yaml", "apiVersion: botops/v1\nkind: Project\nmetadata: {name: shop}\n")
bot = "apiVersion: botops/v1\nkind: Bot\nmetadata: {{name: {0}}}\nspec:\n  token: {{fromEnv: {1}_TOKEN}}\n  profile: {{name: {2}}}\n"
write("fleet/bots/alpha.yaml", bot.format("alpha", "ALPHA", "Alpha"))
git("add", "-A")
git("commit", "--quiet", "-m", "base")
base = git("rev-parse", "HEAD")
write("fleet/bots/alpha.yaml", bot.format("alpha", "ALPHA", "Alpha Shop"))
write("fleet/bots/beta.yaml", bot.format("beta", "BETA", "Beta"))
git("add", "-A")
git("commit", "--quiet", "-m", "head")

bin_dir = os.path.join(work, "bin")
os.makedirs(bin_dir)
os.symlink(botops, os.path.join(bin_dir, "botops"))
# Only what a runner has: no bot token, no database URL; the steps must not need them.
base_env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN") and k != "DATABASE_URL"}
base_env["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]


def shell(script, env, what):
    result = run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=repo, env=env)
    return result


# 3. GitHub Actions: the validate job and, for a fork, the diff job, step by step.
workflow = yaml.safe_load(open(os.path.join(examples, "github-actions.yml")))
runner_temp = os.path.join(work, "runner-temp")
os.makedirs(runner_temp)
summary = os.path.join(work, "step-summary.md")
github_env = dict(base_env, **workflow["env"], RUNNER_TEMP=runner_temp, GITHUB_STEP_SUMMARY=summary,
                  GITHUB_REPOSITORY="shop/fleet")


def steps(job):
    for step in workflow["jobs"][job]["steps"]:
        if "run" in step and step.get("name") != "Install botops":  # botops is on PATH already
            yield step


for job in ["validate", "diff"]:
    for step in steps(job):
        env = dict(github_env)
        for key, value in step.get("env", {}).items():
            env[key] = {"${{ github.event.pull_request.base.sha }}": base}.get(value, value)
        check("${{" not in step["run"], f"GitHub step {step['name']!r} interpolates an expression into its shell")
        result = shell(step["run"], env, step["name"])
        check(result.returncode == 0, f"GitHub {job}/{step['name']} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        if job == "diff":
            check("::notice file=fleet/bots/beta.yaml" in result.stdout, f"GitHub diff: no annotation:\n{result.stdout}")
summary_text = open(summary).read() if os.path.exists(summary) else ""
check(f"### botops diff `{base[:12]}`" in summary_text and "Bot/beta" in summary_text,
      f"GitHub diff: the job summary does not hold the diff:\n{summary_text}")

# 4. GitLab CI/CD: the same two jobs' scripts, as a merge request from a fork.
pipeline = yaml.safe_load(open(os.path.join(examples, "gitlab-ci.yml")))
gitlab_env = dict(base_env, **pipeline["variables"], CI_PIPELINE_SOURCE="merge_request_event",
                  CI_MERGE_REQUEST_DIFF_BASE_SHA=base, CI_PROJECT_ID="1", CI_MERGE_REQUEST_SOURCE_PROJECT_ID="2")
for job in ["validate", "diff"]:
    script = "\n".join(pipeline[job]["script"])
    result = shell(script, dict(gitlab_env, **pipeline[job].get("variables", {})), job)
    check(result.returncode == 0, f"GitLab {job} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
report = os.path.join(repo, "botops-diff.md")
check(os.path.exists(report) and "Bot/beta" in open(report).read(), "GitLab diff: botops-diff.md does not hold the diff")

# 4b. The jobs that need secrets, for a pull request from this repository and for main: plan against the
# Telegram sandbox (standing in for api.telegram.org), the plan posted as one comment that a second run
# updates, through the real `gh` against a loopback stand-in of GitHub's REST API (over TLS, as gh
# insists) and the real curl against one of GitLab's; then apply, and a plan that finds nothing to do.
class Forge:
    """Comments of one pull request (GitHub) and notes of one merge request (GitLab), as their APIs keep them."""

    def __init__(self):
        self.comments = {}  # id -> body
        self.requests = []
        self.next_id = 100

    def handler(self, kind, token):
        forge = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, value):
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                path = urllib.parse.urlsplit(self.path).path
                forge.requests.append((kind, self.command, path))
                authorized = (self.headers.get("Authorization") == f"token {token}" if kind == "github"
                              else self.headers.get("PRIVATE-TOKEN") == token)
                if not authorized:
                    return self.answer(401, {"message": "Bad credentials"})
                if kind == "github":
                    listing, one = "/api/v3/repos/shop/fleet/issues/7/comments", "/api/v3/repos/shop/fleet/issues/comments/"
                    body = json.loads(raw).get("body") if raw else None
                else:
                    listing = one = "/api/v4/projects/1/merge_requests/5/notes"
                    one += "/"
                    body = urllib.parse.parse_qs(raw).get("body", [None])[0] if raw else None
                if self.command == "GET" and path == listing:
                    return self.answer(200, [{"id": i, "body": b} for i, b in sorted(forge.comments.items())])
                if self.command == "POST" and path == listing and body is not None:
                    forge.next_id += 1
                    forge.comments[forge.next_id] = body
                    return self.answer(201, {"id": forge.next_id, "body": body})
                if self.command in ("PATCH", "PUT") and path.startswith(one) and body is not None:
                    number = int(path[len(one):])
                    if number not in forge.comments:
                        return self.answer(404, {"message": "Not Found"})
                    forge.comments[number] = body
                    return self.answer(200, {"id": number, "body": body})
                return self.answer(404, {"message": f"no stand-in for {self.command} {path}"})

            do_GET = do_POST = do_PATCH = do_PUT = handle_any

        return Handler


def serve(handler, tls=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


tokens = {"ALPHA_TOKEN": "7500001:" + "a" * 35, "BETA_TOKEN": "7500002:" + "b" * 35}
sandbox = subprocess.Popen([botops, "sandbox", "telegram", "--listen", "127.0.0.1:0", "--log-level", "warning",
                            "--bot", tokens["ALPHA_TOKEN"] + "=alpha_bot", "--bot", tokens["BETA_TOKEN"] + "=beta_bot"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
sandbox_url = sandbox.stdout.readline().strip().rsplit(" ", 1)[-1]
cert, key = os.path.join(work, "forge.pem"), os.path.join(work, "forge-key.pem")
made = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
check(made.returncode == 0, f"openssl could not make the stand-in's certificate: {made.stderr}")
github = Forge()
github_server = serve(github.handler("github", "gh-test-token"), tls=(cert, key))
gitlab = Forge()
gitlab_server = serve(gitlab.handler("gitlab", "gl-test-token"))
secrets = dict(tokens, DATABASE_URL="")
# Where a runner's secrets are: the sandbox in place of api.telegram.org, and a state of this test's own.
live_env = dict(BOTOPS_TELEGRAM_API_URL=sandbox_url)


def github_job(job, extra):
    outcomes = []
    for step in steps(job):
        env = dict(github_env, **live_env, **extra)
        for key, value in step.get("env", {}).items():
            secret = re.fullmatch(r"\$\{\{ secrets\.([A-Z_]+) \}\}", value)
            env[key] = secrets[secret.group(1)] if secret else {"${{ github.token }}": "gh-test-token",
                                                                  "${{ github.event.pull_request.number }}": "7"}.get(value, value)
        # The repository adds each bot's token to the job as it adds the bot (the workflow names ALPHA_TOKEN).
        env["BETA_TOKEN"] = tokens["BETA_TOKEN"]
        check("${{" not in step["run"], f"GitHub step {step['name']!r} interpolates an expression into its shell")
        outcomes.append((step["name"], shell(step["run"], env, step["name"])))
    return outcomes


untracked = run(["git", "status", "--porcelain"], cwd=repo).stdout
# gh takes the token of a host other than github.com from GH_ENTERPRISE_TOKEN (GH_TOKEN is github.com's),
# and trusts the stand-in's certificate through SSL_CERT_FILE.
gh_env = {"GH_HOST": f"127.0.0.1:{github_server.server_address[1]}", "GH_ENTERPRISE_TOKEN": "gh-test-token",
          "SSL_CERT_FILE": cert, "GH_CONFIG_DIR": os.path.join(work, "gh"), "GH_NO_UPDATE_NOTIFIER": "1", "GH_PROMPT_DISABLED": "1"}
for attempt in (1, 2):
    for name, result in github_job("plan", gh_env):
        check(result.returncode == 0, f"GitHub plan/{name} (run {attempt}) failed ({result.returncode}):\n{result.stdout}{result.stderr}")
check(len(github.comments) == 1, f"GitHub: {len(github.comments)} plan comments after two runs; one is updated: {github.requests}")
comment = next(iter(github.comments.values()), "")
check(comment.startswith("<!-- botops plan -->") and "**Plan: 0 to add, 2 to change, 0 to destroy.**" in comment
      and "| `Bot/beta` | update |" in comment,
      f"GitHub: the comment is not the plan:\n{comment}")
check(("github", "PATCH", "/api/v3/repos/shop/fleet/issues/comments/101") in github.requests, f"GitHub: no update: {github.requests}")
leftovers = run(["git", "status", "--porcelain"], cwd=repo).stdout
check(leftovers == untracked, f"the plan job left files in the checkout: {leftovers}")

gl_env = dict(gitlab_env, **live_env, **secrets, CI_PROJECT_ID="1", CI_MERGE_REQUEST_SOURCE_PROJECT_ID="1",
              CI_MERGE_REQUEST_IID="5", CI_API_V4_URL=f"http://127.0.0.1:{gitlab_server.server_address[1]}/api/v4",
              BOTOPS_GITLAB_TOKEN="gl-test-token")
for attempt in (1, 2):
    result = shell("\n".join(pipeline["plan"]["script"]), gl_env, "plan")
    check(result.returncode == 0, f"GitLab plan (run {attempt}) failed ({result.returncode}):\n{result.stdout}{result.stderr}")
note = next(iter(gitlab.comments.values()), "")
check(len(gitlab.comments) == 1 and note.startswith("<!-- botops plan -->") and "Bot/beta" in note,
      f"GitLab: expected one note holding the plan, got {gitlab.comments}")
check(("gitlab", "PUT", "/api/v4/projects/1/merge_requests/5/notes/101") in gitlab.requests, f"GitLab: no update: {gitlab.requests}")
for leftover in ["plan.md", "note.md"]:
    path = os.path.join(repo, leftover)
    if os.path.exists(path):
        os.remove(path)

# main: the apply job converges, and a plan after it finds nothing to do (the comment says so).
for name, result in github_job("apply", {}):
    check(result.returncode == 0, f"GitHub apply/{name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
result = shell("\n".join(pipeline["apply"]["script"]), gl_env, "apply")
check(result.returncode == 0 and "No changes" in result.stdout, f"GitLab apply after GitHub's did not find the fleet converged:\n{result.stdout}{result.stderr}")
for name, result in github_job("plan", gh_env):
    check(result.returncode == 0, f"GitHub plan/{name} after the apply failed:\n{result.stdout}{result.stderr}")
comment = next(iter(github.comments.values()), "")
check("No changes" in comment, f"GitHub: after the apply the comment does not say there is nothing to do:\n{comment}")
# A token the runner's secret store does not have makes the plan partial: the job fails after commenting.
secrets["ALPHA_TOKEN"] = ""
outcomes = github_job("plan", gh_env)
check(outcomes and outcomes[-1][1].returncode != 0, "GitHub: a plan that cannot read a bot did not fail its job")
secrets["ALPHA_TOKEN"] = tokens["ALPHA_TOKEN"]
sandbox.terminate()
sandbox.wait(timeout=10)
github_server.shutdown()
gitlab_server.shutdown()
shutil.rmtree(os.path.join(repo, "fleet", ".botops"), ignore_errors=True)

# 5. A head that does not validate fails the same steps.
write("fleet/webhooks/hook.yaml", "apiVersion: botops/v1\nkind: Webhook\nmetadata: {name: hook}\nspec:\n  bot: nobody\n  url: https://example.org/h\n")
os.remove(report)
git("add", "-A")
git("commit", "--quiet", "-m", "broken")
for step in steps("diff"):
    env = dict(github_env, BASE_SHA=base)
    result = shell(step["run"], env, step["name"])
    check(result.returncode != 0 and "::error file=fleet/webhooks/hook.yaml,line=5" in result.stdout,
          f"GitHub diff of an invalid head did not fail with an annotation ({result.returncode}):\n{result.stdout}")
result = shell("\n".join(pipeline["diff"]["script"]), gitlab_env, "diff")
check(result.returncode != 0, "GitLab diff of an invalid head did not fail")

shutil.rmtree(work)
conclude("scripts/check-ci-examples")
