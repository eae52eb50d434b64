#!/usr/bin/env python3
"""Regenerate the real CDK cloud-assembly fixtures under tests/fixtures/cdk/.

Each app in scripts/cdk_apps/<name>.py defines `build(app)`; this script
synthesizes it into tests/fixtures/cdk/<name>/cdk.out with `app.synth()`
(aws-cdk-lib's Python bindings, no `cdk` CLI involved).

How to run
----------
aws-cdk-lib is NOT a dependency of cognito-lint: install it in a separate
virtualenv outside the repository, then run this script with that
interpreter from the repository root (or anywhere: paths are resolved from
this file)::

    python3 -m venv /work/cdkvenv
    /work/cdkvenv/bin/pip install aws-cdk-lib constructs
    /work/cdkvenv/bin/python scripts/synth_cdk_fixtures.py            # all apps
    /work/cdkvenv/bin/python scripts/synth_cdk_fixtures.py good       # one app
    /work/cdkvenv/bin/python scripts/synth_cdk_fixtures.py --check    # compare only

aws-cdk-lib runs its JavaScript core through jsii, so synthesizing needs
Node.js (`node` on PATH; any version jsii still starts on, v20 works with an
end-of-life warning that this script silences). Nothing else: no `cdk` CLI,
no npm packages, no AWS credentials, no network. The fixtures are committed,
so the cognito-lint test suite itself needs neither Node.js nor aws-cdk-lib.

Determinism
-----------
Running the script twice gives byte-identical output for a given
aws-cdk-lib version (`--check` verifies that against the committed files):

* stacks are environment-agnostic (no `env`), and CDK_* environment variables
  (CDK_DEFAULT_ACCOUNT, CDK_CONTEXT_JSON, CDK_DEBUG, ...) are removed first;
* version reporting is off (no CDKMetadata resource with its compressed
  analytics string);
* `aws:cdk:enable-path-metadata` is on, as the `cdk` CLI sets it, so every
  resource keeps `Metadata: {"aws:cdk:path": ...}` in its template;
  `aws:cdk:enable-asset-metadata` is on too (the CLI default);
* `aws:cdk:disable-stack-trace` is on (the CLI default without --debug);
  the remaining `aws:cdk:creationStack` entries in <stack>.metadata.json hold
  only fixed text ("...jsii runtime, node internals...") because the user
  code is Python and never appears in Node's stack;
* the only hashes (asset ids of templates and nested templates) are content
  hashes, stable for the same template text.

Checked once by hand: with aws-cdk-lib 2.275.0 the result is byte-identical
to `cdk synth --no-version-reporting -o DIR --app "python scripts/cdk_apps/NAME.py"`
run with the `cdk` CLI 2.1148.1 (npm package aws-cdk). Plain `cdk synth`
adds version reporting: an `AWS::CDK::Metadata` resource `CDKMetadata` and a
`CDKMetadataAvailable` condition in each template (and so other template
hashes, metadata and tree entries); nothing else changes.

Asset folders (`asset.*`) and zip files would be deleted after synthesis;
these apps produce none (a nested stack template is a file asset written as
`<id>.nested.template.json` at the top of the assembly, which is kept).
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APPS_DIR = REPO / "scripts" / "cdk_apps"
FIXTURES = REPO / "tests" / "fixtures" / "cdk"

# In the order they are synthesized and listed in the README.
APPS = ["defaults", "good", "stages", "nested"]

CONTEXT = {
    # Keep `aws:cdk:path` resource metadata (the `cdk` CLI turns this on).
    "aws:cdk:enable-path-metadata": True,
    "aws:cdk:enable-asset-metadata": True,
    # No stack traces in annotations (the CLI default without --debug).
    "aws:cdk:disable-stack-trace": True,
}


def _prepare_environment() -> None:
    for key in list(os.environ):
        if key.startswith("CDK_"):
            del os.environ[key]
    # jsii warns loudly on an end-of-life Node.js; the output is unaffected.
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")
    os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")


def _load_app_module(name: str):
    path = APPS_DIR / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"cdk_apps_{name}", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _prune(outdir: Path) -> None:
    """Delete bulky asset folders/zips; nothing the linter reads lives there."""
    for path in sorted(outdir.rglob("*"), reverse=True):
        if path.is_dir() and path.name.startswith("asset."):
            shutil.rmtree(path)
        elif path.is_file() and path.suffix == ".zip":
            path.unlink()


def _check_no_local_paths(outdir: Path) -> None:
    needles = [str(REPO), str(outdir), tempfile.gettempdir() + os.sep]
    for path in outdir.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for needle in needles:
                if needle in text:
                    raise SystemExit(f"{path}: contains the local path {needle!r}")


def synth(name: str, outdir: Path) -> None:
    import aws_cdk as cdk

    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    module = _load_app_module(name)
    app = cdk.App(outdir=str(outdir), analytics_reporting=False, context=dict(CONTEXT))
    module.build(app)
    app.synth()
    _prune(outdir)
    _check_no_local_paths(outdir)


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _same_tree(a: Path, b: Path) -> list[str]:
    diffs: list[str] = []
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} if a.exists() else set()
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for rel in sorted(files_a ^ files_b):
        diffs.append(f"only in {'committed' if rel in files_a else 'fresh'}: {rel}")
    for rel in sorted(files_a & files_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            diffs.append(f"differs: {rel}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("apps", nargs="*", metavar="APP", help=f"apps to synthesize: {', '.join(APPS)} (default: all)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="synthesize into a temporary folder and compare with the committed fixtures",
    )
    args = parser.parse_args(argv)
    names = args.apps or APPS
    unknown = [name for name in names if name not in APPS]
    if unknown:
        parser.error(f"unknown app(s): {', '.join(unknown)}; known: {', '.join(APPS)}")

    _prepare_environment()
    try:
        import aws_cdk  # noqa: F401
        from importlib.metadata import version
    except ImportError:
        print(
            "aws-cdk-lib is not installed for this interpreter; run this script with the python "
            "of a virtualenv that has `aws-cdk-lib constructs` (see the top of this file).",
            file=sys.stderr,
        )
        return 2
    print(f"aws-cdk-lib {version('aws-cdk-lib')}, constructs {version('constructs')}")

    failed = False
    with tempfile.TemporaryDirectory(prefix="cdk-fixtures-") as tmp:
        for name in names:
            committed = FIXTURES / name / "cdk.out"
            if args.check:
                fresh = Path(tmp) / name / "cdk.out"
                synth(name, fresh)
                diffs = _same_tree(committed, fresh)
                status = "up to date" if not diffs else "OUT OF DATE"
                print(f"{name}: {status}")
                for line in diffs:
                    print(f"  {line}")
                failed |= bool(diffs)
            else:
                synth(name, committed)
                print(f"{name}: {committed.relative_to(REPO)} ({_tree_size(committed)} bytes)")
    if not args.check:
        print(f"total: {_tree_size(FIXTURES)} bytes under {FIXTURES.relative_to(REPO)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
