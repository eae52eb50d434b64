"""The composite GitHub Action: its lint step, run as GitHub would run it, writes SARIF and annotations."""
import json
import os
import shutil
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from support import ROOT

ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text())


def test_action_is_a_composite_with_documented_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "sarif-file", "category", "fail-on", "args"} <= set(ACTION["inputs"])
    assert all(step.get("shell") == "bash" for step in ACTION["runs"]["steps"] if "run" in step)


def test_description_fits_the_marketplace():
    """The Marketplace refuses to publish an action whose description has 125 characters or more."""
    assert len(ACTION["description"]) < 125


def test_readme_documents_every_input_with_its_default():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]*) \|", readme, re.M))
    for name, spec in ACTION["inputs"].items():
        assert name in rows, f"README's table of the action's inputs lacks {name}"
        default = str(spec.get("default", ""))
        assert rows[name].strip() == (f"`{default}`" if default else "(none)"), name


def test_lint_step_writes_sarif_and_annotations(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Lint")
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "app.yaml").write_text(
        "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n"
        "      UserPoolId: us-east-1_abc\n      CallbackURLs: [http://app.acme-corp.io/cb]\n")
    env = {**os.environ, "PATHS": "infra", "SARIF_FILE": "out/cognito.sarif", "CATEGORY": "cognito/infra",
           "FAIL_ON": "never", "EXTRA_ARGS": "--select CG202",
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    if shutil.which("cognito-lint", path=env["PATH"]) is None:
        pytest.skip("the cognito-lint console script is not installed next to the interpreter")
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("::error file=infra/app.yaml,line=6,col=22,")
    sarif = json.loads((tmp_path / "out" / "cognito.sarif").read_text())
    run = sarif["runs"][0]
    assert run["automationDetails"]["id"] == "cognito/infra/"
    assert [r["ruleId"] for r in run["results"]] == ["CG202"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "infra/app.yaml"
