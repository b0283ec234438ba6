"""Checks examples/deploy with the tools that run it.

1. The systemd units pass `systemd-analyze verify` with no complaint at all (the binary path pointed at
   the botops just built, since verify wants an executable there), a copy with a misspelt directive or a
   missing binary is caught, and the daemon's unit keeps its hardening (`systemd-analyze security`
   exposure of at most 2.0, and the directives the issue asks for).
2. compose.yaml passes the Compose specification's schema (check-jsonschema's vendor.compose-spec) and a
   broken copy does not.
   stack.yaml (the daemon as a swarm stack) passes the same schema and, where the docker CLI has it,
   `docker stack config`; broken copies of both do not.
3. The Dockerfile: two stages, the final one from a slim Debian, running as a non-root numeric user, the
   binary copied from the build stage, and no secret baked in (no ENV/ARG named like a token or key).

Quiet on success. Needs systemd-analyze (Debian's systemd) and check-jsonschema (scripts/setup)."""
import os
import re
import shutil
import sys
import tempfile

from check_support import botops, check, conclude, root, run

deploy = os.path.join(root, "examples", "deploy")
work = tempfile.mkdtemp(prefix="botops-deploy-")


def verify(folder, names):
    result = run(["systemd-analyze", "verify", *names], cwd=folder)
    return result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


# 1. systemd.
units = ["botops-reconcile.service", "botops-apply.service", "botops-apply.timer"]
if check(os.path.exists(botops), f"{botops} is not built"):
    for name in units:
        text = open(os.path.join(deploy, name)).read()
        with open(os.path.join(work, name), "w") as out:
            out.write(text.replace("/usr/local/bin/botops", botops))
    ok, output = verify(work, units)
    check(ok, "systemd-analyze verify examples/deploy:\n" + output)
    broken = os.path.join(work, "broken")
    os.makedirs(broken)
    for mistake, (old, new) in {"misspelt": ("ProtectSystem=strict", "ProtectSytem=strict"),
                                "missing binary": (botops, "/nonexistent/botops")}.items():
        with open(os.path.join(broken, "botops-reconcile.service"), "w") as out:
            out.write(open(os.path.join(work, "botops-reconcile.service")).read().replace(old, new))
        ok, _ = verify(broken, ["botops-reconcile.service"])
        check(not ok, f"a {mistake} copy of botops-reconcile.service passes verify: the check cannot fail")
    for name in ["botops-reconcile.service", "botops-apply.service"]:
        text = open(os.path.join(deploy, name)).read()
        for directive in ["DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes", "StateDirectory=botops",
                          "LoadCredential=", "CapabilityBoundingSet="]:
            check(directive in text, f"{name} lacks {directive}")
        check(not re.search(r"(?i)(token|secret|key)=[^%\s]*[A-Za-z0-9]{20}", text), f"{name} seems to hold a secret")
        result = run(["systemd-analyze", "security", "--offline=yes", "--no-pager", name], cwd=work)
        match = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout + result.stderr)
        if check(match, f"systemd-analyze security {name} said no exposure level:\n{result.stdout}{result.stderr}"):
            check(float(match.group(1)) <= 2.0, f"{name} exposure {match.group(1)} is above 2.0")
    text = open(os.path.join(deploy, "botops-apply.service")).read()
    check("Type=oneshot" in text, "botops-apply.service is not a oneshot")

# 2. Compose.
def compose_schema(name, old, new):
    """The file validates against the Compose specification and a copy with `old` made `new` does not; the copy's path."""
    path = os.path.join(deploy, name)
    result = run(["check-jsonschema", "--builtin-schema", "vendor.compose-spec", path])
    check(result.returncode == 0, f"{name} does not validate against the Compose specification:\n" + result.stdout + result.stderr)
    broken = os.path.join(work, name)
    with open(broken, "w") as out:
        out.write(open(path).read().replace(old, new, 1))
    result = run(["check-jsonschema", "--builtin-schema", "vendor.compose-spec", broken])
    check(result.returncode != 0, f"a broken {name} passes the Compose schema: the check cannot fail")
    return path, broken


compose, _ = compose_schema("compose.yaml", "    restart: unless-stopped\n", "    restart: sometimes\n    restrat: no\n")
compose_text = open(compose).read()
check("POSTGRES_PASSWORD:" not in compose_text, "compose.yaml sets a database password in clear")
check("condition: service_healthy" in compose_text, "the daemon does not wait for a healthy Postgres")

# 2b. The swarm stack: the Compose specification's schema, and Docker's own parser where the docker CLI has
# `stack config` (20.10 from Debian does not; newer ones do). A broken copy must fail both.
stack, broken_stack = compose_schema("stack.yaml", "      replicas: 2\n", "      replicaz: 2\n")
if shutil.which("docker") and run(["docker", "stack", "config", "--help"]).returncode == 0:
    result = run(["docker", "stack", "config", "-c", stack])
    check(result.returncode == 0, "docker stack config refuses stack.yaml:\n" + result.stdout + result.stderr)
    check(run(["docker", "stack", "config", "-c", broken_stack]).returncode != 0,
          "docker stack config takes a broken stack.yaml: the check cannot fail")
stack_text = open(stack).read()
check("replicas: 2" in stack_text and "/readyz" in stack_text, "the stack does not run two replicas checked by /readyz")
check("external: true" in stack_text and "PASSWORD:" not in stack_text, "the stack's secrets are not Docker secrets made beforehand")

# 3. The Dockerfile.
dockerfile = open(os.path.join(deploy, "Dockerfile")).read()
stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", dockerfile, re.MULTILINE | re.IGNORECASE)
check(len(stages) >= 2, "the Dockerfile is not multi-stage")
final = dockerfile[dockerfile.rfind("\nFROM "):]
check(stages and "slim" in stages[-1][0], "the final stage is not a slim image")
users = re.findall(r"^USER\s+(\S+)", final, re.MULTILINE)
check(users and not users[-1].split(":")[0] in ("0", "root"), "the final stage runs as root")
check(users and users[-1].split(":")[0].isdigit(), "USER is not numeric (Kubernetes' runAsNonRoot needs a number)")
check(re.search(r"^COPY --from=build \S*botops /usr/local/bin/botops", final, re.MULTILINE), "the binary is not copied from the build stage")
check("libgit2" in final, "the final stage does not install libgit2")
check(re.search(r"\bcurl\b", final), "the final stage has no curl for the stack's /readyz health check")
check(not re.search(r"^(ENV|ARG)\s+\S*(TOKEN|SECRET|PASSWORD|KEY)", dockerfile, re.MULTILINE | re.IGNORECASE),
      "the Dockerfile bakes a secret into the image")
dockerignore = os.path.join(root, ".dockerignore")
check(os.path.exists(dockerignore) and ".build" in open(dockerignore).read(), ".dockerignore does not keep .build out of the context")

shutil.rmtree(work, ignore_errors=True)
conclude("scripts/check-deploy")
