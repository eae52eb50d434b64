"""No finding is ever caused only by an unknown value.

Take clean templates (the bundled good samples, CDK's well-configured synth output) and replace
literals by ``!Ref`` to a parameter that does not exist: every rule must stay silent.
"""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.loaders.registry import parse as parse_bytes
from support import ROOT, leaves, lint_written

CLEAN = [ROOT / "sample_configs" / "good" / "web-client.template.yaml",
         ROOT / "sample_configs" / "good" / "m2m-client.template.json",
         ROOT / "tests" / "fixtures" / "cdk" / "good" / "cdk.out" / "AuthStack.template.json"]
UNKNOWN = {"Ref": "NotDeclaredAnywhere"}


def template(path):
    return parse_bytes(str(path), path.read_bytes()).data


def literal_paths(value, path=()):
    """Paths of the literals under every resource's Properties (not inside intrinsic names)."""
    return (leaf_path for leaf_path, _ in leaves(value, path) if "Properties" in leaf_path)


def replaced(data, paths):
    data = copy.deepcopy(data)
    for path in paths:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = dict(UNKNOWN)
    return data


def findings(tmp_path, data):
    return [(f.rule_id, f.message) for f in lint_written(tmp_path / "t.json", json.dumps(data, indent=1))]


#: What each clean template gives as it is (the CDK M2M client's ExplicitAuthFlows is left to the
#: default, which only a note points out).
BASELINE = {"web-client.template.yaml": set(), "m2m-client.template.json": set(),
            "AuthStack.template.json": {"CG405"}}


@pytest.mark.parametrize("clean", CLEAN, ids=lambda p: p.name)
def test_clean_templates_are_clean(tmp_path, clean):
    assert {rule for rule, _ in findings(tmp_path, template(clean))} == BASELINE[clean.name]


@pytest.mark.parametrize("clean", CLEAN, ids=lambda p: p.name)
def test_each_literal_replaced_by_an_unknown_creates_no_finding(tmp_path, clean):
    data = template(clean)
    before = set(findings(tmp_path, data))
    paths = list(literal_paths(data.get("Resources", {}), ("Resources",)))
    assert len(paths) > 10
    for path in paths:
        assert set(findings(tmp_path, replaced(data, [path]))) <= before, path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_set_of_literals_replaced_creates_no_finding(tmp_path, data):
    clean = data.draw(st.sampled_from(CLEAN))
    original = template(clean)
    paths = list(literal_paths(original.get("Resources", {}), ("Resources",)))
    chosen = data.draw(st.lists(st.sampled_from(paths), min_size=2, max_size=8, unique=True))
    assert set(findings(tmp_path, replaced(original, chosen))) <= set(findings(tmp_path, original))
