"""An external oracle: templates a real deployment rejected (fail) or accepted (pass).

../shared/corpus/peer-cdk-preflight holds the cdk-preflight project's Cognito app-client cases
(Apache-2.0); its README maps each folder to our rule.  Every fail template must produce an
error-level finding of the mapped rule; no pass template may produce any error-level finding.
"""
from __future__ import annotations

import pytest

from support import PEER as SUITE, lint_path

MAPPING = {
    "pf-cognito-analytics-application-requires-role": "CG602",
    "pf-cognito-analytics-config-exclusive": "CG602",
    "pf-cognito-analytics-arn-region": None,  # needs the deploy region
    "pf-cognito-callback-url-fragment": "CG203",
    "pf-cognito-callback-url-https": "CG202",
    "pf-cognito-callback-urls-max": "CG004",
    "pf-cognito-client-credentials-exclusive": "CG101",
    "pf-cognito-client-credentials-secret": "CG102",
    "pf-cognito-client-name": "CG004",
    "pf-cognito-default-redirect-uri-member": "CG201",
    "pf-cognito-explicit-auth-flows-legacy-mix": "CG401",
    "pf-cognito-logout-url-https": "CG202",
    "pf-cognito-oauth-callback-required": "CG205",
    "pf-cognito-oauth-flows-scopes-required": "CG104",
    "pf-cognito-oauth-scopes-unknown": "CG108",
    "pf-cognito-propagate-context-requires-secret": "CG601",
    "pf-cognito-read-attributes-exists": "CG503",
    "pf-cognito-supported-identity-providers-exists": "CG501",
    "pf-cognito-token-expiration-order": "CG302",
    "pf-cognito-token-validity-range": "CG301",
    "pf-cognito-write-attributes-immutable": "CG504",
}
pytestmark = pytest.mark.shared("corpus/peer-cdk-preflight")


def errors(path):
    return [f for f in lint_path(path) if f.level == "error"]


def test_mapping_covers_every_folder():
    assert sorted(MAPPING) == sorted(p.name for p in SUITE.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", sorted(k for k, v in MAPPING.items() if v))
def test_fail_template_gives_an_error_of_the_mapped_rule(folder):
    rule_id = MAPPING[folder]
    found = errors(SUITE / folder / "fail.template.json")
    assert rule_id in {f.rule_id for f in found}, [(f.rule_id, f.message) for f in found]


@pytest.mark.parametrize("folder", sorted(p.parent.name for p in SUITE.glob("*/pass.template.json")))
def test_pass_template_gives_no_error(folder):
    found = errors(SUITE / folder / "pass.template.json")
    assert found == [], [(f.rule_id, f.span.line, f.message) for f in found]
