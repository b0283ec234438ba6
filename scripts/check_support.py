"""What the example checks (check_ci_examples, check_monitoring, check_deploy) share: where botops is,
collecting failures rather than stopping at the first, running tools quietly, and the closing report."""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
botops = os.environ.get("BOTOPS_BIN", os.path.join(root, ".build", "debug", "botops"))
failures = []


def check(condition, message):
    """Records `message` when `condition` is false; returns the condition, so a check can guard the next."""
    if not condition:
        failures.append(message)
    return condition


def run(args, **kwargs):
    """Runs a tool, capturing its output as text."""
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def conclude(name):
    """Prints the failures under `name` and exits 1, or exits 0 quietly."""
    if failures:
        print(f"{name}: {len(failures)} problem(s)", file=sys.stderr)
        for failure in failures:
            print(" - " + failure, file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
