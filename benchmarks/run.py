#!/usr/bin/env python3
"""Benchmark cognito-lint against cfn-lint and a "parse floor" (issue 6).

    python benchmarks/run.py [--runs N] [--quick] [--corpus PATH] [--skip-cfn-lint]

Builds workloads under benchmarks/.work/ from the real-world corpus, installs cfn-lint into its
own virtualenv there, times every tool as a whole process (wall time and peak RSS, median of
--runs runs after one untimed check run), prints a table with ratios and the issue's targets
(PASS/MISS, reported, not enforced) and writes it all to benchmarks/results/latest.json.

Exits 0 when everything ran (whatever the targets say), 2 when something could not run.
Standard library only; see benchmarks/README.md for what is measured and why.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
RESULTS = BENCH / "results"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "real"
LARGE_SNAPSHOT = "aws-samples__aws-genai-llm-chatbot__tests____snapshots____cdk-app.test.ts.snap"

#: Corpus files cognito-lint does not read (shell, Jest snapshots) and corpus metadata.
NOT_LINTED = {".sh", ".snap", ".md", ".tsv", ".txt"}
KNOWN_EXTENSIONS = {".json", ".yaml", ".yml", ".template", ".tf"}
MANY_FILES, MANY_FILES_QUICK = 1000, 100
#: The minified stress workloads: clients in one one-line template (time must grow linearly with them).
MINIFIED_CLIENTS = (2000, 20000)
GENERATED_RESOURCES = 5000
#: cfn-lint exit codes are a bit mask of 2 (error), 4 (warning), 8 (informational).
CFN_LINT_OK = frozenset({0, 2, 4, 6, 8, 10, 12, 14})


def child_environment() -> dict[str, str]:
    """The environment every timed process gets: bytecode is cached (under .work/, so that nothing
    is written next to the sources), as it is for anyone who installed the tools normally.
    Without this, PYTHONDONTWRITEBYTECODE=1 in the environment makes each run compile every
    module that has no .pyc yet, e.g. all of an editable install's own modules."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return env


CHILD_ENV = child_environment()


class CannotRun(Exception):
    """Something the benchmark needs could not be set up or run: exit 2 with this message."""


# --- workloads ------------------------------------------------------------------------------------


@dataclass
class CorpusFile:
    source: Path
    #: "template" (CloudFormation/SAM/CDK JSON), "serverless", "api" (API payload), "terraform" or "other".
    kind: str
    #: File name in the workloads, with an extension cognito-lint reads when walking a directory.
    name: str


@dataclass
class Workload:
    key: str
    title: str
    #: What cognito-lint is given: the file itself or the workload directory.
    target: Path
    files: list[Path]
    #: The subset that is a CloudFormation template: what cfn-lint is given.
    templates: list[Path]
    note: str = ""
    #: Time cfn-lint on it too (not on the minified stress files: cfn-lint takes minutes there).
    compare: bool = True

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.files)


def classify(path: Path) -> Optional[CorpusFile]:
    """The kind of a corpus file by its content, or None when cognito-lint does not read it."""
    ext = path.suffix.lower()
    if ext in NOT_LINTED or path.name.startswith(("README", "PROVENANCE")) or not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None
    if ext == ".tf":
        return CorpusFile(path, "terraform", path.name)
    is_json = ext == ".json" or (ext not in (".yaml", ".yml") and text.lstrip()[:1] in ("{", "["))
    if is_json:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        kind = "template" if isinstance(data, dict) and "Resources" in data else "api"
    elif re.search(r"^(service|provider|functions):", text, re.M) or "${self:" in text or "${opt:" in text:
        kind = "serverless"
    else:
        kind = "template" if re.search(r"^Resources:", text, re.M) else "other"
    name = path.name if ext in KNOWN_EXTENSIONS else path.name + (".json" if is_json else ".yaml")
    return CorpusFile(path, kind, name)


def read_corpus(corpus: Path) -> list[CorpusFile]:
    found = [classify(p) for p in sorted(corpus.iterdir())]
    files = [f for f in found if f is not None]
    if not any(f.kind == "template" for f in files):
        raise CannotRun(f"no CloudFormation template in the corpus {corpus}")
    return files


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def copy_files(files: list[CorpusFile], directory: Path, names: Optional[list[str]] = None) -> tuple[list[Path], list[Path]]:
    """Copy ``files`` into a fresh ``directory`` (under ``names``): (all copies, the templates among them)."""
    fresh_dir(directory)
    copies, templates = [], []
    for i, item in enumerate(files):
        dest = directory / (names[i] if names else item.name)
        shutil.copyfile(item.source, dest)
        copies.append(dest)
        if item.kind == "template":
            templates.append(dest)
    return copies, templates


def small_workload(files: list[CorpusFile], root: Path) -> Workload:
    """The smallest YAML template that declares an app client, named explicitly."""
    candidates = [f for f in files if f.kind == "template" and f.name.endswith((".yaml", ".yml"))
                  and "AWS::Cognito::UserPoolClient" in f.source.read_text(encoding="utf-8-sig")]
    if not candidates:
        raise CannotRun("no YAML CloudFormation template with an app client in the corpus")
    smallest = min(candidates, key=lambda f: (f.source.stat().st_size, f.name))
    copies, templates = copy_files([smallest], root / "small")
    return Workload("small", "one small template", copies[0], copies, templates,
                    f"{smallest.name} ({smallest.source.stat().st_size} bytes)")


def corpus_workloads(files: list[CorpusFile], root: Path) -> list[Workload]:
    """Every readable corpus file; and its templates alone, the set cfn-lint is timed on."""
    kinds = {k: sum(f.kind == k for f in files) for k in ("template", "serverless", "api", "terraform", "other")}
    copies, _ = copy_files(files, root / "corpus")
    everything = Workload("corpus", "whole corpus (all kinds)", root / "corpus", copies, [],
                          ", ".join(f"{n} {k}" for k, n in kinds.items() if n))
    copies, templates = copy_files([f for f in files if f.kind == "template"], root / "corpus-templates")
    only_templates = Workload("corpus-templates", "whole corpus (templates only)", root / "corpus-templates",
                              copies, templates, "the files cfn-lint is given")
    return [everything, only_templates]


def many_workload(files: list[CorpusFile], root: Path, count: int) -> Workload:
    """``count`` files cycling through the corpus's templates, under unique names."""
    templates = [f for f in files if f.kind == "template"]
    chosen = [templates[i % len(templates)] for i in range(count)]
    copies, copied_templates = copy_files(chosen, root / "many", [f"{i:04d}__{f.name}" for i, f in enumerate(chosen)])
    return Workload("many", f"{count:,} templates", root / "many", copies, copied_templates,
                    f"the corpus's {len(templates)} templates cycled")


def large_workload(corpus: Path, root: Path) -> Workload:
    """The CDK app template from the big Jest snapshot, or a generated one when that fails."""
    try:
        template = snapshot_to_template((corpus / LARGE_SNAPSHOT).read_text(encoding="utf-8"))
        origin = f"extracted from {LARGE_SNAPSHOT} (checked by re-printing it byte for byte)"
    except (OSError, ValueError) as exc:
        template = generated_template(GENERATED_RESOURCES)
        origin = f"GENERATED {GENERATED_RESOURCES:,}-resource template (snapshot extraction failed: {exc})"
    path = fresh_dir(root / "large") / "large.template.json"
    path.write_text(json.dumps(template, indent=2) + "\n", encoding="utf-8")
    return Workload("large", "one large template", path, [path], [path],
                    f"{origin}; {len(template['Resources']):,} resources, {path.stat().st_size // 1024} KB")


def minified_workload(root: Path, clients: int) -> Workload:
    """One minified (one-line) JSON template with ``clients`` app clients, each with four findings
    or more on that one line: machine-generated templates and CLI payloads look like this, and
    every per-finding cost that grows with the line shows here as time that is not linear."""
    resources = {"Pool": {"Type": "AWS::Cognito::UserPool"}}
    for i in range(clients):
        resources[f"Client{i}"] = {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["implicit"],
            "AllowedOAuthScopes": ["openid"], "CallbackURLs": [f"http://app{i}.contoso.io/cb"]}}
    path = fresh_dir(root / f"minified-{clients}") / "minified.template.json"
    path.write_text(json.dumps({"Resources": resources}, separators=(",", ":")), encoding="utf-8")
    return Workload(f"minified-{clients}", f"one minified template, {clients:,} clients", path, [path], [path],
                    f"one line of {path.stat().st_size // 1024:,} KB", compare=False)


def build_workloads(corpus: Path, quick: bool) -> list[Workload]:
    files = read_corpus(corpus)
    root = fresh_dir(WORK / "workloads")
    minified = (200, 2000) if quick else MINIFIED_CLIENTS
    return [small_workload(files, root), *corpus_workloads(files, root),
            many_workload(files, root, MANY_FILES_QUICK if quick else MANY_FILES),
            large_workload(corpus, root), *(minified_workload(root, n) for n in minified)]


# --- the large template: a Jest snapshot to JSON ------------------------------------------------

_EXPORT = re.compile(r"^exports\[`.*?`\] = `\n", re.M)
_KEY = re.compile(r'"[^"\n]*": ')
_STRING_END = re.compile(r'",\n( *)(?=\S)')


def snapshot_body(text: str) -> str:
    """The first snapshot's pretty-format text, with the template literal's escapes undone."""
    match = _EXPORT.search(text)
    if not match:
        raise ValueError("no exports[`...`] in the snapshot")
    end = text.index("\n`;", match.end())
    return re.sub(r"\\([`\\]|\$\{)", r"\1", text[match.end():end])


def snapshot_to_template(text: str) -> dict:
    """Turn a Jest snapshot of a CDK template into the template.

    pretty-format writes strings without escaping (an embedded JSON BuildSpec keeps its bare
    quotes), so a string ends where the layout resumes: a key ends at the first '": ' on its line;
    a value at a '",' + newline followed by the next item at the same indentation or by the
    container's closer two columns left.  The result is checked by printing it back the way
    pretty-format does and comparing with the snapshot; any difference raises ValueError."""
    body = snapshot_body(text)
    data = json.loads(_pretty_format_to_json(body + ",\n"))
    old_style = body.startswith("Object {")
    if _pretty_format(data, 0, old_style) != body:
        raise ValueError("extracted template does not print back to the snapshot")
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict):
        raise ValueError("snapshot holds no template with Resources")
    return data


def _pretty_format_to_json(body: str) -> str:
    out: list[str] = []
    stack: list[str] = []
    i, line_start = 0, 0
    while i < len(body):
        c = body[i]
        if c == "\n":
            line_start = i + 1
        elif c == '"':
            lead = body[line_start:i]
            indent = len(lead) - len(lead.lstrip(" "))
            if stack and stack[-1] == "{" and not lead.strip():
                close = body.index('": ', i + 1)
            else:
                close = _string_end(body, i + 1, indent, stack[-1] if stack else "[")
            out.append(json.dumps(body[i + 1:close]))
            i = close + 1
            continue
        elif body.startswith(("Object {", "Array ["), i):
            i += len("Object ") if c == "O" else len("Array ")
            continue
        elif c in "{[":
            stack.append(c)
        elif c in "}]":
            stack.pop()
        elif c == "," and body[i + 1:i + 400].lstrip()[:1] in ("", "}", "]"):
            i += 1  # a trailing comma
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _string_end(body: str, pos: int, indent: int, container: str) -> int:
    closer = "}" if container == "{" else "]"
    for m in _STRING_END.finditer(body, pos):
        width, after = len(m.group(1)), m.end()
        if width == indent - 2 and body[after] == closer:
            return m.start()
        if width == indent and (container == "[" or _KEY.match(body, after)):
            return m.start()
    if body.endswith('",\n'):
        return len(body) - 3
    raise ValueError(f"unterminated string at offset {pos}")


def _pretty_format(value, depth: int, old_style: bool) -> str:
    """pretty-format's layout: two-space indent, trailing commas, unescaped strings."""
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        inner = "".join(f'{pad}"{k}": {_pretty_format(v, depth + 1, old_style)},\n' for k, v in value.items())
        prefix, brackets = "Object ", "{}"
    elif isinstance(value, list):
        inner = "".join(f"{pad}{_pretty_format(v, depth + 1, old_style)},\n" for v in value)
        prefix, brackets = "Array ", "[]"
    elif isinstance(value, str):
        return f'"{value}"'
    else:
        return json.dumps(value)
    text = brackets if not inner else f"{brackets[0]}\n{inner}{'  ' * depth}{brackets[1]}"
    return prefix + text if old_style else text


def generated_template(count: int) -> dict:
    """A synthetic template: a user pool, one app client and ``count - 2`` ordinary resources."""
    kinds = [("AWS::SNS::Topic", lambda i: {"TopicName": f"topic-{i}"}),
             ("AWS::SQS::Queue", lambda i: {"VisibilityTimeout": 30 + i % 60}),
             ("AWS::SSM::Parameter", lambda i: {"Type": "String", "Value": f"value-{i}"}),
             ("AWS::S3::Bucket", lambda i: {"Tags": [{"Key": "index", "Value": str(i)}]})]
    resources: dict = {
        "UserPool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "bench"}},
        "WebClient": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "UserPool"}, "AllowedOAuthFlowsUserPoolClient": True,
            "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"],
            "CallbackURLs": ["https://example.org/callback"], "SupportedIdentityProviders": ["COGNITO"]}},
    }
    for i in range(count - len(resources)):
        kind, properties = kinds[i % len(kinds)]
        resources[f"Resource{i:05d}"] = {"Type": kind, "Properties": properties(i)}
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


# --- tools ------------------------------------------------------------------------------------------


@dataclass
class Tools:
    cognito_lint: list[str]
    #: The interpreter cognito-lint runs on: the parse floor and the start-up baseline use it too.
    python: str
    floor: list[str]
    cfn_lint: Optional[list[str]] = None
    versions: dict[str, str] = field(default_factory=dict)


def find_cognito_lint() -> tuple[list[str], str]:
    """The console script next to this interpreter, else on PATH (its shebang names its
    interpreter), else ``python -m linter``."""
    for script in (Path(sys.executable).parent / "cognito-lint", shutil.which("cognito-lint")):
        if script and Path(script).is_file():
            first = Path(script).read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
            python = first[2:].strip() if first.startswith("#!") else sys.executable
            return [str(script)], python if Path(python).is_file() else sys.executable
    return [sys.executable, "-P", "-m", "linter"], sys.executable


FLOOR_SCRIPT = '''\
"""Parse floor: read and parse files with the C-accelerated parsers, nothing else.

libyaml (YAML 1.1) rejects a colon inside a plain scalar in flow context, e.g. `[!Ref AWS::NoValue]`
or `[https://app.contoso.io/cb]`, which CloudFormation accepts. Like cognito-lint, the floor then
retries libyaml with every colon that is not an indicator (followed by neither a space nor a flow
character) swapped for a same-length private-use character, and parses what still fails with
ruamel.yaml's pure-Python YAML 1.2 parser.

With --no-resolver, plain scalars are not typed (every scalar is tagged a string, as cognito-lint's
own composer does, typing them later with regexes): ruamel's implicit resolver runs in Python for
every scalar and can cost as much as libyaml's parse.

Terraform files are only read: Python has no C-accelerated HCL parser to set a floor with."""
import json
import os
import re
import sys


def untyped_resolver():
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    tags = {ScalarNode: Tag(suffix="tag:yaml.org,2002:str"), SequenceNode: Tag(suffix="tag:yaml.org,2002:seq")}
    mapping = Tag(suffix="tag:yaml.org,2002:map")

    class Untyped(VersionedResolver):
        def resolve(self, kind, value, implicit):
            return tags.get(kind, mapping)
    return Untyped


parsers = {}
counts = {"json": 0, "yaml": 0, "yaml-with-stand-in": 0, "yaml-pure-fallback": 0, "terraform (read only)": 0}
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8-sig")
    ext = os.path.splitext(path)[1].lower()
    if ext == ".tf":
        counts["terraform (read only)"] += 1
        continue
    if ext == ".json" or (ext not in (".yaml", ".yml") and text.lstrip()[:1] in ("{", "[")):
        json.loads(text)
        counts["json"] += 1
        continue
    if not parsers:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError
        parsers.update(c=YAML(typ="safe", pure=False), pure=YAML(typ="safe", pure=True), error=YAMLError)
        if "--no-resolver" in sys.argv[2:]:
            parsers["c"].Resolver = parsers["pure"].Resolver = untyped_resolver()
    for kind, parser, source in (("yaml", "c", lambda: text),
                                 ("yaml-with-stand-in", "c", lambda: re.sub(r":(?=[^\\s,\\[\\]{}])", "\\ue000", text)),
                                 ("yaml-pure-fallback", "pure", lambda: text)):
        try:
            parsers[parser].compose(source())
        except parsers["error"]:
            if kind == "yaml-pure-fallback":
                raise
            continue
        counts[kind] += 1
        break
print(", ".join(f"{n} {kind}" for kind, n in counts.items() if n))
'''


def version_of(argv: list[str]) -> str:
    proc = subprocess.run(argv + ["--version"], capture_output=True, text=True, env=CHILD_ENV)
    if proc.returncode != 0:
        raise CannotRun(f"{' '.join(argv)} --version failed: {(proc.stderr or proc.stdout).strip()[-300:]}")
    return proc.stdout.strip() or proc.stderr.strip()


def install_cfn_lint() -> list[str]:
    """cfn-lint in its own virtualenv under .work/ (created once, reused while it works)."""
    venv = WORK / "cfn-lint-venv"
    exe = venv / "bin" / "cfn-lint"
    if exe.is_file() and subprocess.run([str(exe), "--version"], capture_output=True).returncode == 0:
        return [str(exe)]
    print("installing cfn-lint into benchmarks/.work/cfn-lint-venv (about a minute) ...", flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    log = WORK / "cfn-lint-install.log"
    with log.open("w") as out:
        for step in ([sys.executable, "-m", "venv", str(venv)],
                     [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "cfn-lint"]):
            if subprocess.run(step, stdout=out, stderr=subprocess.STDOUT).returncode != 0:
                tail = log.read_text(errors="replace").strip().splitlines()[-5:]
                raise CannotRun(f"cannot install cfn-lint ({' '.join(step[:3])} ...): " + " | ".join(tail)
                                + f"; full log in {log}; or run with --skip-cfn-lint")
    return [str(exe)]


def prepare_tools(skip_cfn_lint: bool) -> Tools:
    cognito_lint, python = find_cognito_lint()
    floor_script = WORK / "parse_floor.py"
    floor_script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    tools = Tools(cognito_lint, python, [python, str(floor_script)])
    tools.versions["cognito-lint"] = version_of(cognito_lint)
    tools.versions["python"] = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                                              capture_output=True, text=True, env=CHILD_ENV).stdout.strip()
    if not skip_cfn_lint:
        tools.cfn_lint = install_cfn_lint()
        tools.versions["cfn-lint"] = version_of(tools.cfn_lint)
    return tools


# --- measuring --------------------------------------------------------------------------------------


@dataclass
class Case:
    """One command to time on one workload."""

    workload: str
    tool: str
    argv: list[str]
    files: int
    #: Exit codes that mean the tool ran (findings included).
    ok_codes: frozenset
    #: The untimed first run's command, when it differs from ``argv`` (e.g. with --format json).
    check_argv: Optional[list[str]] = None
    #: Looks at the first run's standard output: None when fine, else what went wrong.
    check: Callable[[str], Optional[str]] = lambda _out: None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    tree_pss_kb: int = 0
    #: What the first run said about itself (the parse floor counts its files by parser).
    note: str = ""
    error: str = ""

    def wall(self) -> Optional[float]:
        return statistics.median(self.walls) if self.walls else None

    def cpu(self) -> Optional[float]:
        return statistics.median(self.cpus) if self.cpus else None

    def rss_mb(self) -> Optional[float]:
        return statistics.median(self.rss_kb) / 1024 if self.rss_kb else None

    def log_name(self) -> str:
        return f"{self.workload}--{re.sub(r'[^a-z0-9]+', '-', self.tool).strip('-')}"


def run_once(argv: list[str]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in KB of the largest process in the tree, exit code).

    os.wait4's rusage covers the child and its reaped descendants (CPU summed, ru_maxrss maxed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=CHILD_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def process_tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                with open(f"/proc/{pids[i]}/task/{task}/children") as handle:
                    pids.extend(int(p) for p in handle.read().split())
        except OSError:
            pass
        i += 1
    return pids


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and its descendants (shared pages split between them)."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0)
        except (OSError, ValueError):
            pass
    return total


def checked_run(case: Case) -> None:
    """The untimed first run: warms caches, checks the output, samples whole-tree memory."""
    log = WORK / "logs" / case.log_name()
    peak = [0]
    with open(f"{log}.out", "w") as out, open(f"{log}.err", "w") as err:
        proc = subprocess.Popen(case.check_argv or case.argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                env=CHILD_ENV)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_pss_kb(proc.pid))
                done.wait(0.01)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        done.set()
        sampler.join()
    case.tree_pss_kb = peak[0]
    out = Path(f"{log}.out").read_text(errors="replace")
    problem = f"exit code {code}" if code not in case.ok_codes else case.check(out)
    if case.tool.startswith("parse floor"):
        case.note = out.strip()
    if problem:
        case.error = f"{problem} (output in {os.path.relpath(log, REPO)}.out/.err)"


def measure_group(cases: list[Case], runs: int) -> None:
    """Time the cases of one workload round-robin, so that load from elsewhere drifts over
    every tool alike rather than over whichever ran last."""
    for case in cases:
        checked_run(case)
    for _ in range(runs):
        for case in (c for c in cases if not c.error):
            wall, cpu, rss, code = run_once(case.argv)
            if code not in case.ok_codes:
                case.error = f"exit code {code} in a timed run"
                continue
            case.walls.append(wall)
            case.cpus.append(cpu)
            case.rss_kb.append(rss)
    for case in cases:
        status = f"FAILED: {case.error}" if case.error else f"{case.wall():8.3f} s"
        print(f"  {case.workload:<17} {case.tool:<26} {status}", flush=True)


# --- the cases ---------------------------------------------------------------------------------------

COGNITO_LINT_OK = frozenset({0, 1})
ZERO = frozenset({0})


def linted_files_check(expected: int) -> Callable[[str], Optional[str]]:
    """cognito-lint --format json: the summary must count every file of the workload."""
    def check(out: str) -> Optional[str]:
        try:
            files = json.loads(out)["summary"]["files"]
        except (ValueError, KeyError) as exc:
            return f"unreadable JSON report ({exc})"
        return None if files == expected else f"linted {files} files, expected {expected}"
    return check


def cfn_lint_check(out: str) -> Optional[str]:
    unread = len(re.findall(r"^E000[03] ", out, re.M))
    if "Traceback" in out:
        return "cfn-lint crashed"
    return f"cfn-lint could not parse {unread} files (E0000/E0003)" if unread else None


def cases_for(w: Workload, tools: Tools) -> list[Case]:
    manifest = WORK / "workloads" / f"{w.key}.files"
    manifest.write_text("".join(f"{p}\n" for p in w.files), encoding="utf-8")
    n = len(w.files)
    lint = tools.cognito_lint + ["lint", str(w.target)]
    variants = [("cognito-lint", [])] + ([("cognito-lint --jobs 1", ["--jobs", "1"])] if n > 1 else [])
    cases = [Case(w.key, tool, lint + extra, n, COGNITO_LINT_OK, lint + extra + ["--format", "json"],
                  linted_files_check(n)) for tool, extra in variants]
    if tools.cfn_lint and w.templates and w.compare:
        cases.append(Case(w.key, "cfn-lint", tools.cfn_lint + [str(p) for p in w.templates], len(w.templates),
                          CFN_LINT_OK, check=cfn_lint_check))
    cases.append(Case(w.key, "parse floor", tools.floor + [str(manifest)], n, ZERO))
    if any(p.suffix != ".json" for p in w.files):
        cases.append(Case(w.key, "parse floor, no resolver", tools.floor + [str(manifest), "--no-resolver"], n, ZERO))
    return cases


def startup_cases(tools: Tools) -> list[Case]:
    cases = [Case("start-up", "cognito-lint --version", tools.cognito_lint + ["--version"], 0, ZERO),
             Case("start-up", "python -c pass", [tools.python, "-c", "pass"], 0, ZERO)]
    if tools.cfn_lint:
        cases.append(Case("start-up", "cfn-lint --version", tools.cfn_lint + ["--version"], 0, ZERO))
    return cases


# --- report -------------------------------------------------------------------------------------------


def find(cases: list[Case], workload: str, tool: str) -> Optional[Case]:
    return next((c for c in cases if c.workload == workload and c.tool == tool and c.walls), None)


def ratio(a: Optional[Case], b: Optional[Case], cpu: bool = False) -> Optional[float]:
    """a's median time over b's (wall, or CPU summed over the process tree)."""
    if not (a and b and a.walls and b.walls):
        return None
    return a.cpu() / b.cpu() if cpu else a.wall() / b.wall()


def targets(cases: list[Case], many_title: str) -> list[dict]:
    """The issue's targets, judged on wall time; the CPU-time ratio is given alongside because it
    is steadier when other work shares the machine (but it does not credit --jobs)."""
    cog = {w: find(cases, w, "cognito-lint") for w in ("small", "many", "large")}
    cfn = {w: find(cases, w, "cfn-lint") for w in ("small", "many", "large")}
    floor = find(cases, "many", "parse floor")
    many = cog["many"]
    untyped = ratio(many, find(cases, "many", "parse floor, no resolver"))
    memory = max(many.tree_pss_kb / 1024, many.rss_mb()) if many else None
    rows = [
        ("small-vs-cfn-lint", "one small template: at most 1/5 of cfn-lint's time", cog["small"], cfn["small"],
         "<=", 0.2, "cognito-lint / cfn-lint"),
        ("many-throughput", f"{many_title}: at least 10x cfn-lint's throughput", cfn["many"], many,
         ">=", 10.0, "cfn-lint time / cognito-lint time (default --jobs)"),
        ("many-vs-floor", f"{many_title}: within 3x of the parse floor", many, floor,
         "<=", 3.0, "cognito-lint / parse floor" + (f"; / floor without resolver: {untyped:.3f}" if untyped else "")),
        ("large-vs-cfn-lint", "one large template: under 1/3 of cfn-lint's time", cog["large"], cfn["large"],
         "<", 1 / 3, "cognito-lint / cfn-lint"),
    ]
    goals = [_goal(i, text, ratio(a, b), ratio(a, b, cpu=True), op, limit, measure)
             for i, text, a, b, op, limit, measure in rows]
    goals.append(_goal("many-memory", f"{many_title}: peak memory under 150 MB", memory, None, "<", 150.0,
                       "MB, default --jobs: the larger of wait4's max RSS and the sampled whole-tree PSS"))
    return goals


def _goal(ident: str, text: str, value: Optional[float], cpu_value: Optional[float], op: str, limit: float,
          measure: str) -> dict:
    met = {"<=": lambda v: v <= limit, ">=": lambda v: v >= limit, "<": lambda v: v < limit}[op]
    return {"id": ident, "target": text, "value": value, "cpu_time_value": cpu_value, "op": op,
            "threshold": limit, "measure": measure,
            "status": "n/a" if value is None else "PASS" if met(value) else "MISS"}


def fmt(value: Optional[float], spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def report_lines(cases: list[Case], workloads: list[Workload], goals: list[dict]) -> list[str]:
    """The human-readable report: workloads, the table of medians and ratios, the targets."""
    lines = [f"{w.key:<17} {w.title}: {len(w.files)} files, {len(w.templates)} for cfn-lint; {w.note}"
             for w in workloads]
    lines += [f"{c.workload:<17} {c.tool}: {c.note}" for c in cases if c.note]
    header = (f"{'workload':<17} {'tool':<26} {'median s':>9} {'min s':>8} {'max s':>8} {'CPU s':>7} "
              f"{'RSS MB':>7} {'tree MB':>8} {'/cfn-lint':>9} {'/floor':>7} {'/floor-nr':>9}")
    lines += ["", header, "-" * len(header)]
    for c in cases:
        if not c.walls:
            lines.append(f"{c.workload:<17} {c.tool:<26} FAILED: {c.error}")
            continue
        ours = c.tool.startswith("cognito-lint")
        vs_cfn = ratio(c, find(cases, c.workload, "cfn-lint")) if ours else None
        vs_floor = ratio(c, find(cases, c.workload, "parse floor")) if ours else None
        vs_bare = ratio(c, find(cases, c.workload, "parse floor, no resolver")) if ours else None
        lines.append(f"{c.workload:<17} {c.tool:<26} {c.wall():9.3f} {min(c.walls):8.3f} {max(c.walls):8.3f} "
                     f"{c.cpu():7.3f} {c.rss_mb():7.1f} {fmt(c.tree_pss_kb / 1024 or None, '.1f'):>8} "
                     f"{fmt(vs_cfn):>9} {fmt(vs_floor):>7} {fmt(vs_bare):>9}")
    many, cfn = find(cases, "many", "cognito-lint"), find(cases, "many", "cfn-lint")
    if many:
        line = f"throughput on {many.files} files: cognito-lint {many.files / many.wall():.0f} files/s"
        if cfn:
            line += f", cfn-lint {cfn.files / cfn.wall():.1f} files/s: {cfn.wall() / many.wall():.1f}x"
        lines += ["", line]
    sizes = [w for w in workloads if w.key.startswith("minified-")]
    small, big = (find(cases, w.key, "cognito-lint") for w in sizes) if len(sizes) == 2 else (None, None)
    if small and big:
        low, high = (int(w.key.split("-")[1]) for w in sizes)
        scale = high / low
        lines += ["", f"minified template, {low:,} → {high:,} clients (x{scale:.0f}): "
                      f"time x{big.wall() / small.wall():.1f} (linear: x{scale:.0f}), "
                      f"peak RSS {small.rss_mb():.0f} → {big.rss_mb():.0f} MB"]
    lines += ["", "targets (reported, not enforced):"]
    for g in goals:
        cpu = f"; CPU time: {fmt(g['cpu_time_value'])}" if g["cpu_time_value"] is not None else ""
        lines.append(f"  {g['status']:<4}  {g['target']:<55} {fmt(g['value']):>7} {g['op']} {g['threshold']:.3g}"
                     f"  ({g['measure']}{cpu})")
    return lines


FINGERPRINT_SCRIPT = """
import hashlib, os, linter, linter.rules
digest = hashlib.sha256()
for package in (linter, linter.rules):
    for folder, dirs, files in sorted(os.walk(os.path.dirname(package.__file__))):
        dirs.sort()
        for name in sorted(f for f in files if f.endswith((".py", ".json"))):
            with open(os.path.join(folder, name), "rb") as handle:
                digest.update(name.encode() + handle.read())
print(digest.hexdigest()[:16])
"""


def code_fingerprint(tools: Tools) -> str:
    """A hash of the cognito-lint sources the timed processes import (other people may be editing
    an editable install while the benchmark runs: then the results mix versions)."""
    proc = subprocess.run([tools.python, "-c", FINGERPRINT_SCRIPT], capture_output=True, text=True, env=CHILD_ENV)
    return proc.stdout.strip() if proc.returncode == 0 else "unknown"


def git_state() -> str:
    return subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                          capture_output=True, text=True).stdout.strip()


def machine_facts(tools: Tools) -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "load_average_at_end": os.getloadavg(),
            "timed_process_environment": {"PYTHONPYCACHEPREFIX": os.path.relpath(CHILD_ENV["PYTHONPYCACHEPREFIX"], REPO),
                                          "PYTHONDONTWRITEBYTECODE": "unset"},
            "nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "cpu_model": cpu,
            "platform": platform.platform(), "python": tools.versions.get("python"),
            "python_executable": tools.python, "versions": tools.versions}


def write_results(path: Path, args, tools: Tools, workloads: list[Workload], cases: list[Case], goals: list[dict],
                  report: list[str]) -> None:
    result = {
        "machine": {**machine_facts(tools), "load_average_at_start": args.load_at_start},
        "code": args.code,
        "runs": args.runs, "quick": args.quick, "corpus": str(args.corpus),
        "workloads": [{"key": w.key, "title": w.title, "files": len(w.files), "bytes": w.size(),
                       "cfn_lint_files": len(w.templates), "note": w.note,
                       "file_names": sorted({re.sub(r"^\d{4}__", "", p.name) for p in w.files}),
                       "cfn_lint_file_names": sorted({re.sub(r"^\d{4}__", "", p.name) for p in w.templates})}
                      for w in workloads],
        "measurements": [{"workload": c.workload, "tool": c.tool, "files": c.files,
                          "argv": [os.path.relpath(a, REPO) if a.startswith(str(REPO)) else a for a in c.argv[:6]]
                          + (["..."] if len(c.argv) > 6 else []),
                          "median_wall_s": c.wall(), "walls_s": c.walls, "median_cpu_s": c.cpu(), "median_max_rss_mb": c.rss_mb(),
                          "tree_pss_peak_mb": c.tree_pss_kb / 1024 if c.tree_pss_kb else None, "note": c.note or None,
                          "ratio_to_cfn_lint": ratio(c, find(cases, c.workload, "cfn-lint")),
                          "ratio_to_parse_floor": ratio(c, find(cases, c.workload, "parse floor")),
                          "ratio_to_parse_floor_no_resolver": ratio(c, find(cases, c.workload, "parse floor, no resolver")),
                          "error": c.error or None} for c in cases],
        "targets": goals,
        "report": report,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


# --- main -----------------------------------------------------------------------------------------------


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command; the median is reported (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke test: 1 run, {MANY_FILES_QUICK} instead of {MANY_FILES:,} files")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the real-world corpus (default: ../shared/corpus/real from the repository root)")
    parser.add_argument("--skip-cfn-lint", action="store_true", help="do not install or time cfn-lint")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json", help="where to write the JSON results")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    try:
        if not args.corpus.is_dir():
            raise CannotRun(f"corpus not found: {args.corpus} (use --corpus PATH)")
        WORK.mkdir(parents=True, exist_ok=True)
        fresh_dir(WORK / "logs")
        tools = prepare_tools(args.skip_cfn_lint)
        workloads = build_workloads(args.corpus, args.quick)
    except CannotRun as exc:
        print(f"benchmark: cannot run: {exc}", file=sys.stderr)
        return 2
    names = ", ".join(v if v.startswith(k) else f"{k} {v}" for k, v in tools.versions.items())
    print(f"timing {names}; median of {args.runs} run(s)", flush=True)
    args.load_at_start = os.getloadavg()
    args.code = {"git_at_start": git_state(), "sources_at_start": code_fingerprint(tools)}
    load = args.load_at_start[0]
    if load > 0.5:
        print(f"note: load average {load:.1f} on {os.cpu_count()} CPUs before starting: other work will add noise", flush=True)
    groups = [startup_cases(tools)] + [cases_for(w, tools) for w in workloads]
    for group in groups:
        measure_group(group, args.runs)
    cases = [c for group in groups for c in group]
    args.code.update(git_at_end=git_state(), sources_at_end=code_fingerprint(tools))
    args.code["changed_during_run"] = args.code["sources_at_start"] != args.code["sources_at_end"]
    goals = targets(cases, next(w.title for w in workloads if w.key == "many"))
    report = report_lines(cases, workloads, goals)
    if args.code["changed_during_run"]:
        report += ["", "WARNING: the cognito-lint sources changed while the benchmark ran "
                   f"({args.code['git_at_start']} -> {args.code['git_at_end']}): these results mix versions; run again."]
    print("\n" + "\n".join(report))
    write_results(args.output, args, tools, workloads, cases, goals, report)
    print(f"\nwritten {args.output}")
    failed = [c for c in cases if c.error]
    for c in failed:
        print(f"benchmark: could not run {c.tool} on {c.workload}: {c.error}", file=sys.stderr)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
