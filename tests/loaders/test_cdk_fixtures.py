"""The synthesized CDK assemblies in tests/fixtures/cdk (see its README) give exactly these findings."""
import pytest

from linter.engine.lint import LintConfig
from linter.engine.run import lint_paths
from support import FIXTURES, rules_by_id

CDK = FIXTURES / "cdk"
EXPECTED = {
    # CDK's defaults: OAuth on, implicit + code, every scope, https://example.com.
    "defaults": {"WebClient697086FD": ["CG106", "CG107", "CG208", "CG307", "CG405", "CG406", "CG508"]},
    # A well-configured web client gives nothing; the M2M client only the note that its user
    # sign-in flows are left to the default (the L2 cannot render "none").
    "good": {"UserPoolReportingService692261D2": ["CG405"]},
    # A stage with a bad client: http callback and a 48-hour access token are errors.
    "stages": {"UserPoolWebClient4C9370B0": ["CG106", "CG107", "CG202", "CG208", "CG301", "CG307", "CG405",
                                             "CG406", "CG508"]},
    # A nested stack: password sign-in; the Google provider is depended on or referenced (no CG502).
    "nested": {"UserPoolMobileClient046093C2": ["CG307", "CG403", "CG406", "CG508"],
               "UserPoolPartnerClient94BB6A54": ["CG307", "CG405", "CG508"]},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cdk_fixture_findings(name):
    found: dict = {}
    for result in lint_paths([str(CDK / name / "cdk.out")], LintConfig(rules=rules_by_id())):
        for finding in result.findings:
            found.setdefault(finding.client, []).append(finding.rule_id)
    assert {client: sorted(ids) for client, ids in found.items()} == EXPECTED[name]
