"""The real corpus: every finding on every CloudFormation, SAM, serverless, CDK and Terraform file, reviewed.

Each (rule, line) below was read against the file and is one we would defend to its author (the
closing notes of the rule issues list the reasoning). A new finding, or one that disappears, fails
the test and must be reviewed the same way.  Files with no finding must stay clean.
"""
from __future__ import annotations

import pytest

from linter.engine.discovery import is_foreign
from linter.engine.lint import LintConfig, lint_file
from support import REAL, rules_by_id

EXPECTED = {
    # The corpus keeps files flat, without the resources/ folder this serverless.yml includes: each
    # include names a file that is not there (the cognito-user-pool.yml one is the file just below).
    'AnomalyInnovations__serverless-stack-demo-api__serverless.yml': [
        ('CG001', 125), ('CG001', 127), ('CG001', 129), ('CG001', 131), ('CG001', 132),
    ],
    'AnomalyInnovations__serverless-stack-demo-api__resources__cognito-user-pool.yml': [
        ('CG307', 13), ('CG406', 13), ('CG508', 13), ('CG402', 21), ('CG404', 21),
    ],
    'aws-cloudformation__aws-cloudformation-templates__RainModules__cognito.yml': [
        ('CG307', 36), ('CG405', 36), ('CG406', 36), ('CG508', 36),
    ],
    'aws-cloudformation__aws-cloudformation-templates__Solutions__WebApp__webapp.json': [
        ('CG307', 1101), ('CG405', 1101), ('CG406', 1101), ('CG508', 1101),
    ],
    'aws-cloudformation__aws-cloudformation-templates__Solutions__WebApp__webapp.yaml': [
        ('CG307', 606), ('CG405', 606), ('CG406', 606), ('CG508', 606),
    ],
    'aws-samples__amazon-cognito-example-for-multi-tenant__cloudformationtemplate__ExternalIDPMultiTenantStack': [
        ('CG307', 1161), ('CG508', 1161),
    ],
    'aws-samples__amazon-cognito-passwordless-email-auth__cognito__template.yaml': [
        ('CG307', 178), ('CG406', 178), ('CG508', 178), ('CG402', 185),
    ],
    'aws-samples__aws-bookstore-demo-app__template__master-fullstack.yaml': [
        ('CG307', 2390), ('CG405', 2390), ('CG406', 2390), ('CG508', 2390),
    ],
    'aws-samples__aws-saas-factory-ref-solution-serverless-saas__server__nested_templates__bootstrap__cognito.yaml': [
        ('CG307', 59), ('CG405', 59), ('CG406', 59), ('CG106', 68), ('CG507', 81), ('CG507', 82),
        ('CG307', 126), ('CG405', 126), ('CG406', 126), ('CG106', 135), ('CG507', 148), ('CG507', 149),
    ],
    'aws-samples__cognito-device-grant-flow__template__CFT-DeviceGrantFlowDemo-latest.yml': [
        ('CG406', 373), ('CG406', 399),
    ],
    'aws-samples__serverless-patterns__alb-cognito-lambda__template.yaml': [
        ('CG405', 235), ('CG406', 235), ('CG107', 245),
    ],
    'aws-samples__serverless-patterns__amplify_cognito_apigateway_lambda_envvariables__template.yaml': [
        ('CG307', 100), ('CG508', 100), ('CG106', 105), ('CG107', 111), ('CG207', 113), ('CG404', 116),
        ('CG403', 118), ('CG207', 123),
    ],
    'aws-samples__serverless-patterns__apigw-websocket-api-lambda-authorizer__template.yaml': [
        ('CG307', 204), ('CG406', 204), ('CG508', 204), ('CG403', 213), ('CG404', 214),
    ],
    'aws-samples__serverless-patterns__cognito-httpapi__auth.yaml': [
        ('CG307', 38), ('CG405', 38), ('CG406', 38), ('CG508', 38), ('CG106', 54),
    ],
    'aws-samples__serverless-patterns__cognito-restapi-vpclink__auth.yml': [
        ('CG307', 48), ('CG406', 48), ('CG508', 48), ('CG105', 52), ('CG107', 59), ('CG207', 61),
        ('CG403', 64), ('CG207', 68),
    ],
    'aws-samples__serverless-patterns__cognito-user-pool__template.yaml': [
        ('CG307', 18), ('CG405', 18), ('CG406', 18), ('CG508', 18), ('CG106', 22),
    ],
    'aws-samples__serverless-patterns__eventbridge-api-destinations__12-oauth-api-cmk-encryption__prerequisite.yaml': [
        ('CG405', 74), ('CG406', 74), ('CG007', 79),
    ],
    'aws-samples__serverless-patterns__strands-agentcore-lambda__infrastructure__cloudformation-template.yaml': [
        ('CG307', 83), ('CG406', 83), ('CG508', 83), ('CG403', 90),
    ],
    'aws__serverless-application-model__integration__resources__templates__combination__api_with_authorizers_max.yaml': [
        ('CG307', 168), ('CG405', 168), ('CG406', 168), ('CG508', 168),
    ],
    'awslabs__aws-connected-vehicle-solution__deployment__aws-connected-vehicle-solution.template': [
        ('CG307', 182), ('CG405', 182), ('CG406', 182),
    ],
    'awslabs__aws-solutions-constructs__source__patterns__@aws-solutions-constructs__aws-cognito-apigateway-lambda__test__integ.cogapilam-no-arguments.js.snapshot__cogapilam-no-arguments.template.json': [
        ('CG307', 616), ('CG405', 616), ('CG406', 616), ('CG508', 616), ('CG106', 620), ('CG107', 629),
        ('CG208', 632),
    ],
    'awslabs__aws-solutions-constructs__source__patterns__@aws-solutions-constructs__aws-lambda-opensearch__test__integ.lamopn-no-arguments.js.snapshot__lamopn-no-arguments.template.json': [
        ('CG307', 174), ('CG405', 174), ('CG406', 174), ('CG508', 174), ('CG106', 178), ('CG107', 187),
        ('CG208', 190),
    ],
    'corymhall__amplify-cognito-saml-example__cdk.out__assembly-CognitoApp__CognitoApp-AuthStack.template.json': [
        ('CG307', 60), ('CG405', 60), ('CG406', 60), ('CG508', 60), ('CG106', 67), ('CG107', 76),
        ('CG407', 81), ('CG502', 82),
    ],
    'hharzer__cognito-rest-api__deploy__cognito-userpool-client.json': [
        ('CG307', 1), ('CG406', 1), ('CG402', 14), ('CG404', 14), ('CG402', 15), ('CG403', 15),
    ],
    'theburningmonk__appsyncmasterclass-backend__serverless.yml': [
        ('CG307', 671), ('CG508', 671), ('CG403', 678),
    ],
    # Terraform: the same judgement as the CloudFormation files (defaults of omitted arguments are
    # what a new client gets; expressions are unknown: the for_each module client.tf stays clean).
    'aokellermann__spend__infrastructure__terraform__mesa__ciam__user.tf': [
        ('CG307', 65), ('CG405', 65), ('CG406', 65), ('CG508', 65), ('CG107', 71),
        ('CG307', 84), ('CG405', 84), ('CG406', 84), ('CG508', 84), ('CG107', 90),
        ('CG307', 103), ('CG405', 103), ('CG406', 103), ('CG508', 103), ('CG107', 109),
    ],
    'aws-samples__sample-aws-cognito-oidc-saml-proxy__infra__gateway__cognito.tf': [
        ('CG307', 164), ('CG508', 164), ('CG307', 210), ('CG508', 210), ('CG404', 225),
    ],
    'awslabs__kubeflow-manifests__iaac__terraform__aws-infra__cognito__app_client.tf': [
        ('CG405', 1), ('CG406', 1), ('CG107', 11),
    ],
    'corymhall__amplify-cognito-saml-example__terraform__main.tf': [
        ('CG307', 19), ('CG405', 19), ('CG406', 19), ('CG508', 19), ('CG106', 22), ('CG107', 24), ('CG208', 25),
        ('CG407', 26), ('CG502', 26),
    ],
    'indigo-tangerine__itc-tfm-mvdb__terraform___cognito_client.tf': [
        ('CG405', 21),
    ],
    'squidfunk__terraform-aws-cognito-auth__modules__identity__main.tf': [
        ('CG307', 134), ('CG406', 134), ('CG508', 134), ('CG402', 141), ('CG404', 141), ('CG402', 142),
        ('CG403', 142),
    ],
    'wellcomecollection__storage-service__demo__terraform__demo_stack__cognito.tf': [
        ('CG405', 40), ('CG406', 40),
    ],
    'wellcomecollection__storage-service__terraform__modules__app_client__main.tf': [
        ('CG406', 18),
    ],
    'virtuelabs-io__rapido-build-cf__cf__auth__cognito-resources.yaml': [
        ('CG307', 86), ('CG405', 86), ('CG406', 86), ('CG508', 86),
    ],
}


def corpus_files():
    if not REAL.is_dir():
        return []
    return sorted(p.name for p in REAL.iterdir() if not is_foreign(str(p)) and p.suffix != ".md")


@pytest.mark.shared("corpus/real")
@pytest.mark.parametrize("name", corpus_files())
def test_findings_on_real_file_are_the_reviewed_ones(name):
    findings = lint_file(str(REAL / name), LintConfig(rules=rules_by_id())).findings
    found = sorted({(f.rule_id, f.span.line) for f in findings}, key=lambda x: (x[1], x[0]))
    assert found == EXPECTED.get(name, [])
    assert not [f for f in findings if f.rule_id == "CG001" and not f.message.startswith("the included file ")], \
        "real files must parse"
