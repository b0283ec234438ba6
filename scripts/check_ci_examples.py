"""Checks examples/ci for real: each file against its platform's official schema (check-jsonschema's
vendored copies), a broken copy of each refused by that same check, and the shell of the jobs that
need no secret (validate, and diff for forks) run with bash on a real git repository, with the
platform's variables set as the platform sets them and the botops just built on PATH."""
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
botops = os.environ.get("BOTOPS_BIN", os.path.join(root, ".build", "debug", "botops"))
examples = os.path.join(root, "examples", "ci")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


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
if failures:
    print("scripts/check-ci-examples: FAILED", file=sys.stderr)
    for failure in failures:
        print(" - " + failure, file=sys.stderr)
    sys.exit(1)
