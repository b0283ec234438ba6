#!/usr/bin/env python3
"""Checks schemas/botops-v1.schema.json against the examples and the invalid corpus.

1. The schema itself is a valid JSON Schema 2020-12 document, its patterns ECMA-262 regular expressions as the
   specification asks (check-jsonschema --check-metaschema: editors and check-jsonschema refuse the schema
   otherwise; Python's `re` accepted a `(?i)` that ECMA-262 has no such syntax for).
2. Every YAML document of every file under examples/ validates.
3. Every case under Tests/SpecTests/Fixtures/invalid/ whose schema.txt says `reject` is rejected by the
   schema (a YAML syntax error counts as a rejection). A case marked `n/a: <reason>` holds a mistake the
   schema cannot see (a cross-reference, a cycle, a cron range...), so the schema must accept it: if the
   schema rejects it, the case carries a second, unintended mistake or is mislabelled.
4. If a botops binary is available ($BOTOPS_BIN, else .build/debug/botops), `botops validate` must exit 0
   on every example and 1 on every invalid case, so the schema and the validator agree.

Quiet on success apart from the closing `schema: N passed, M failed` line. `-v` prints, for every invalid
case, the schema's errors so a person can check each case is rejected for the intended reason.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

try:
    import jsonschema
    import yaml
except ImportError as error:  # pragma: no cover - environment problem, say what to do
    print(f"check-schema: {error}; install python3-jsonschema and python3-yaml (scripts/setup)", file=sys.stderr)
    sys.exit(2)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schemas" / "botops-v1.schema.json"
EXAMPLES = ROOT / "examples"
INVALID = ROOT / "Tests" / "SpecTests" / "Fixtures" / "invalid"
VALIDATE_TIMEOUT = 120

# A string that looks like a Telegram bot token; redacted from anything this script prints.
TOKEN_RE = re.compile(r"(?<![A-Za-z0-9_-])[0-9]+:[A-Za-z0-9_-]{30,}")


def redact(text: str) -> str:
    return TOKEN_RE.sub("<redacted token>", text)


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def ok(self) -> None:
        self.passed += 1

    def fail(self, title: str, details: list[str] | None = None) -> None:
        self.failed += 1
        print(f"FAIL {title}")
        for line in details or []:
            print(f"    {redact(line)}")


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def yaml_files(directory: Path) -> list[Path]:
    """The files botops reads: *.yaml and *.yml, recursively, skipping dot-folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                found.append(Path(dirpath) / name)
    return found


class Document:
    def __init__(self, path: Path, index: int, node: yaml.Node, data: object) -> None:
        self.path, self.index, self.node, self.data = path, index, node, data


def reject_duplicate_keys(node: yaml.Node) -> None:
    """botops's YAML parser refuses a key written twice in one mapping; PyYAML keeps the last silently."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise yaml.MarkedYAMLError(problem=f"key '{key.value}' appears more than once in the same mapping",
                                                   problem_mark=key.start_mark)
                    seen.add(key.value)
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def load_documents(path: Path) -> list[Document]:
    """All non-empty documents of a file, each with its node tree for line/column. Raises yaml.YAMLError."""
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    documents = []
    try:
        index = 0
        while loader.check_node():
            node = loader.get_node()
            reject_duplicate_keys(node)
            index += 1
            data = loader.construct_document(node)
            if data is not None:  # an empty document (a stray '---' or only comments) declares nothing
                documents.append(Document(path, index, node, data))
    finally:
        loader.dispose()
    return documents


def node_at(node: yaml.Node, path, key_of_last: str | None = None) -> yaml.Node:
    """The node at a JSON path inside a composed YAML node (or the key node of `key_of_last` under it)."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part) or (isinstance(part, bool) and key.tag.endswith(":bool")):
                    node = value
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    if key_of_last is not None and isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if key.value == key_of_last:
                return key
    return node


def format_error(doc: Document, error: jsonschema.ValidationError) -> str:
    key = None
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        key = str(extra[0]) if extra else None
    mark = node_at(doc.node, error.absolute_path, key).start_mark
    where = "/".join(str(p) for p in error.absolute_path) or "(document)"
    message = shorten(error.message)
    if error.context:  # anyOf/oneOf: say why each alternative failed
        reasons = dict.fromkeys(shorten(e.message, 120) for e in error.context)
        message += " (" + "; ".join(reasons) + ")"
    return f"{rel(doc.path)}:{mark.line + 1}:{mark.column + 1}: {where}: {message}"


def shorten(text: str, limit: int = 240) -> str:
    # Keep the end too: jsonschema puts the reason ("is too long") after the offending value.
    return text if len(text) <= limit else text[: limit * 2 // 3] + " ... " + text[-(limit // 3):]


def schema_errors(validator, doc: Document) -> list[str]:
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [format_error(doc, e) for e in errors]


def check_tree(validator, directory: Path) -> tuple[list[str], bool]:
    """Schema errors of every document under a directory. The bool says whether YAML itself failed."""
    messages: list[str] = []
    syntax_failed = False
    for path in yaml_files(directory):
        try:
            documents = load_documents(path)
        except UnicodeDecodeError as error:
            syntax_failed = True
            messages.append(f"{rel(path)}: not UTF-8: {error}")
            continue
        except yaml.YAMLError as error:
            syntax_failed = True
            mark = getattr(error, "problem_mark", None)
            where = f"{rel(path)}:{mark.line + 1}:{mark.column + 1}" if mark else rel(path)
            problem = getattr(error, "problem", None) or str(error)
            context = getattr(error, "context", None)
            messages.append(f"{where}: YAML error: {problem}" + (f" ({context})" if context else ""))
            continue
        for doc in documents:
            messages.extend(schema_errors(validator, doc))
    return messages, syntax_failed


def find_botops(report: Report) -> str | None:
    explicit = os.environ.get("BOTOPS_BIN")
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return os.path.abspath(explicit)  # validate runs from the repository root
        report.fail(f"BOTOPS_BIN={explicit} is not an executable file")
        return None
    fallback = ROOT / ".build" / "debug" / "botops"
    if not (fallback.is_file() and os.access(fallback, os.X_OK)):
        print("validator: skipped (no botops binary: set BOTOPS_BIN or build .build/debug/botops)")
        return None
    # ArgumentParser answers `validate --help` with the top-level help (exit 0) when there is no such command.
    try:
        probe = subprocess.run([str(fallback), "validate", "--help"], capture_output=True, text=True, timeout=VALIDATE_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        report.fail(f"{rel(fallback)} validate --help: {error}")
        return None
    if probe.returncode != 0 or not re.search(r"USAGE: botops validate\b", probe.stdout + probe.stderr):
        print(f"validator: skipped ({rel(fallback)} has no 'validate' command yet; set BOTOPS_BIN to require one)")
        return None
    return str(fallback)


def run_validate(report: Report, botops: str, directory: Path, expected: int) -> None:
    command = [botops, "validate", str(directory)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=VALIDATE_TIMEOUT, cwd=ROOT)
    except subprocess.TimeoutExpired:
        report.fail(f"botops validate {rel(directory)}: timed out after {VALIDATE_TIMEOUT}s")
        return
    except OSError as error:
        report.fail(f"botops validate {rel(directory)}: cannot run {botops}: {error}")
        return
    if result.returncode == expected:
        report.ok()
        return
    output = (result.stdout + result.stderr).strip().splitlines()
    report.fail(f"botops validate {rel(directory)}: exit {result.returncode}, expected {expected}", output[:20])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print the schema's errors for every invalid case")
    args = parser.parse_args()

    report = Report()
    try:
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        report.fail(f"{rel(SCHEMA_PATH)} is not a valid JSON Schema 2020-12 document", str(error).splitlines()[:10])
        print(f"schema: {report.passed} passed, {report.failed} failed")
        return 1
    report.ok()
    metaschema = subprocess.run(["check-jsonschema", "--check-metaschema", str(SCHEMA_PATH)], capture_output=True, text=True)
    if metaschema.returncode != 0:
        report.fail(f"{rel(SCHEMA_PATH)} fails check-jsonschema --check-metaschema",
                    (metaschema.stdout + metaschema.stderr).splitlines()[:10])
    else:
        report.ok()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

    # A botops configuration is a folder with a botops.yaml; others (examples/ci) hold other tools' files.
    examples = sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith(".")
                      and (p / "botops.yaml").is_file()) if EXAMPLES.is_dir() else []
    if not examples:
        report.fail(f"{rel(EXAMPLES)}: no example configs")
    for example in examples:
        messages, _ = check_tree(validator, example)
        if not yaml_files(example):
            report.fail(f"example {rel(example)} holds no *.yaml or *.yml files")
        elif messages:
            report.fail(f"example {rel(example)} does not validate against the schema", messages)
        else:
            report.ok()

    cases = sorted(p for p in INVALID.iterdir() if p.is_dir()) if INVALID.is_dir() else []
    if not cases:
        report.fail(f"{rel(INVALID)}: no invalid cases")
    for case in cases:
        marker = case / "schema.txt"
        verdict = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
        messages, syntax_failed = check_tree(validator, case)
        if not yaml_files(case):
            report.fail(f"invalid case {case.name} holds no *.yaml or *.yml files")
        elif verdict == "reject":
            if args.verbose:
                print(f"{case.name}: reject")
                for message in messages:
                    print(f"    {redact(message)}")
            if messages or syntax_failed:
                report.ok()
            else:
                report.fail(f"invalid case {case.name}: schema.txt says reject, but the schema accepts every document")
        elif verdict.startswith("n/a:") and verdict[4:].strip():
            if args.verbose:
                print(f"{case.name}: {verdict}" + ("" if not messages else " -- BUT THE SCHEMA REJECTS IT"))
            if messages:
                report.fail(f"invalid case {case.name}: schema.txt says n/a, but the schema rejects it "
                            "(a second mistake in the case, or it should say reject)", messages)
            else:
                report.ok()
        elif not marker.is_file():
            report.fail(f"invalid case {case.name}: no schema.txt (write 'reject' or 'n/a: <reason>')")
        else:
            report.fail(f"invalid case {case.name}: schema.txt must hold 'reject' or 'n/a: <reason>', found {verdict!r}")

    botops = find_botops(report)
    if botops:
        for example in examples:
            run_validate(report, botops, example, 0)
        for case in cases:
            run_validate(report, botops, case, 1)

    print(f"schema: {report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
