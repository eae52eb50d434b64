"""CG601–CG606 (secrets, analytics, context data): triggering fixtures with positions, near misses,
the peer suite's templates, and a property test that CG604 never prints more than 4 characters."""
import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import PEER, cfn, ids_and_lines, lint_path, lint_text, span_text

needs_peer = pytest.mark.shared("corpus/peer-cdk-preflight")
SECRET = "k3v9QzT0pL8wXy2bN5rA7cD1eF4gH6jM8sU0vW2xY4z6a8bc"


def api(filename="client.json", **fields):
    """(text, filename) of an API payload, one field per line from line 2 on."""
    return json.dumps({"UserPoolId": "us-east-1_abcdEFG12", **fields}, indent=2) + "\n", filename


def describe(**fields):
    client = {"UserPoolId": "us-east-1_abcdEFG12", "ClientName": "backend", "ClientId": "1abc2def3ghi", **fields}
    return json.dumps({"UserPoolClient": client}, indent=2) + "\n", "describe.json"


def lint(rule, text_and_name, options=None):
    text, filename = text_and_name if isinstance(text_and_name, tuple) else (text_and_name, "template.yaml")
    return lint_text(text, filename, select=[rule], options=options)


def lint_peer(relative, rule):
    return lint_path(PEER / relative, [rule])


# --- CG601 context-data-without-secret ---------------------------------------------------------

def test_cg601_cfn_without_secret_including_string_boolean():
    for value in ("true", '"true"'):
        text = cfn(f"GenerateSecret: false\nEnablePropagateAdditionalUserContextData: {value}")
        findings = lint("CG601", text)
        assert ids_and_lines(findings) == [("CG601", 9, 49)]
        assert span_text(findings[0], text) == value
        assert findings[0].level == "error"


def test_cg601_api_create_json():
    payload = api(ClientName="web", EnablePropagateAdditionalUserContextData=True)
    findings = lint("CG601", payload)
    assert ids_and_lines(findings) == [("CG601", 4, 47)]
    assert span_text(findings[0], payload[0]) == "true"


def test_cg601_near_misses():
    for props in ("GenerateSecret: true\nEnablePropagateAdditionalUserContextData: true",
                  "GenerateSecret: !Ref Confidential\nEnablePropagateAdditionalUserContextData: true",
                  "EnablePropagateAdditionalUserContextData: false",
                  "EnablePropagateAdditionalUserContextData: !Ref Propagate"):
        assert lint("CG601", cfn(props)) == [], props
    assert lint("CG601", api(ClientId="1abc", EnablePropagateAdditionalUserContextData=True)) == []
    # Describe output is a client the service accepted: a missing ClientSecret was removed from the file.
    assert lint("CG601", describe(EnablePropagateAdditionalUserContextData=True)) == []


@needs_peer
def test_cg601_peer_templates():
    base = "pf-cognito-propagate-context-requires-secret/"
    assert [(f.rule_id, f.level) for f in lint_peer(base + "fail.template.json", "CG601")] == [("CG601", "error")]
    assert lint_peer(base + "pass.template.json", "CG601") == []


# --- CG602 invalid-analytics-configuration -----------------------------------------------------

def test_cg602_application_id_without_role_points_at_the_key():
    text = cfn("AnalyticsConfiguration:\n  ApplicationId: 0123456789abcdef0123456789abcdef")
    findings = lint("CG602", text)
    assert ids_and_lines(findings) == [("CG602", 9, 9)]
    assert span_text(findings[0], text) == "ApplicationId"
    assert "without RoleArn" in findings[0].message


def test_cg602_arn_with_id_form_fields_even_when_unresolved():
    text = cfn("AnalyticsConfiguration:\n  ApplicationArn: !GetAtt App.Arn\n  RoleArn: !GetAtt Role.Arn\n"
               "  ExternalId: ext")
    findings = lint("CG602", text)
    assert ids_and_lines(findings) == [("CG602", 9, 9)]
    assert span_text(findings[0], text) == "ApplicationArn"
    assert "RoleArn, ExternalId" in findings[0].message


def test_cg602_neither_arn_nor_id_api_json():
    payload = api(ClientName="web", AnalyticsConfiguration={"UserDataShared": True})
    findings = lint("CG602", payload)
    assert ids_and_lines(findings) == [("CG602", 4, 3)]
    assert span_text(findings[0], payload[0]) == '"AnalyticsConfiguration"'
    assert len(lint("CG602", api(ClientName="web", AnalyticsConfiguration={}))) == 1


def test_cg602_one_finding_per_client():
    text = cfn("AnalyticsConfiguration:\n  ApplicationArn: arn:aws:mobiletargeting:us-east-1:1:apps/a\n"
               "  ApplicationId: abc")  # both the mixed form and "ApplicationId without RoleArn"
    assert len(lint("CG602", text)) == 1


def test_cg602_near_misses():
    for props in ("AnalyticsConfiguration:\n  ApplicationArn: !GetAtt App.Arn\n  UserDataShared: true",
                  "AnalyticsConfiguration:\n  ApplicationId: abc\n  RoleArn: !GetAtt Role.Arn",
                  "AnalyticsConfiguration:\n  ApplicationId: abc\n  RoleArn: r\n  ExternalId: e",
                  "AnalyticsConfiguration: !Ref Analytics",
                  "AnalyticsConfiguration: !If [HasApp, {ApplicationArn: !Ref App}, !Ref 'AWS::NoValue']",
                  "ClientName: web"):
        assert lint("CG602", cfn(props)) == [], props


@needs_peer
def test_cg602_peer_templates():
    for folder in ("pf-cognito-analytics-application-requires-role", "pf-cognito-analytics-config-exclusive"):
        findings = lint_peer(folder + "/fail.template.json", "CG602")
        assert [(f.rule_id, f.level) for f in findings] == [("CG602", "error")], folder
    assert lint_peer("pf-cognito-analytics-config-exclusive/pass.template.json", "CG602") == []
    # The ARN form alone is valid; that template fails on the ARN's region, which needs the deploy region.
    assert lint_peer("pf-cognito-analytics-arn-region/fail.template.json", "CG602") == []


# --- CG603 secret-with-generate-secret ---------------------------------------------------------

def test_cg603_api_create_points_at_generate_secret():
    payload = api(ClientName="backend", GenerateSecret=True, ClientSecret=SECRET)
    findings = lint("CG603", payload)
    assert ids_and_lines(findings) == [("CG603", 4, 21)]
    assert span_text(findings[0], payload[0]) == "true"
    assert SECRET[:5] not in findings[0].message


def test_cg603_near_misses():
    assert lint("CG603", api(ClientName="b", GenerateSecret=False, ClientSecret=SECRET)) == []
    assert lint("CG603", api(ClientName="b", GenerateSecret=True)) == []
    # CloudFormation and Update payloads cannot carry ClientSecret at all: CG007's finding.
    assert lint("CG603", cfn(f"GenerateSecret: true\nClientSecret: {SECRET}")) == []
    assert lint("CG603", api(ClientId="1abc", GenerateSecret=True, ClientSecret=SECRET)) == []


# --- CG604 hardcoded-client-secret -------------------------------------------------------------

def test_cg604_api_create_literal_secret_points_at_the_key():
    payload = api(ClientName="backend", ClientSecret=SECRET)
    findings = lint("CG604", payload)
    assert ids_and_lines(findings) == [("CG604", 4, 3)]
    assert span_text(findings[0], payload[0]) == '"ClientSecret"'
    assert "'k3v9…' (48 characters)" in findings[0].message
    assert SECRET[:5] not in findings[0].message


def test_cg604_update_payload_too():
    """ClientSecret cannot be set by an Update (CG007), but a literal one is still committed."""
    payload = api(ClientId="1abc2def3ghi", ClientSecret=SECRET)
    assert ids_and_lines(lint("CG604", payload)) == [("CG604", 4, 3)]


def test_cg604_saved_describe_output():
    payload = describe(ClientSecret=SECRET)
    findings = lint("CG604", payload)
    assert ids_and_lines(findings) == [("CG604", 6, 5)]
    assert "DescribeUserPoolClient output" in findings[0].message


def test_cg604_cloudformation_literal_and_parameter_default():
    text = cfn(f"ClientSecret: {SECRET}")
    findings = lint("CG604", text)
    assert ids_and_lines(findings) == [("CG604", 8, 7)]
    assert span_text(findings[0], text) == "ClientSecret"
    text = ("Parameters:\n  Secret:\n    Type: String\n    NoEcho: true\n    Default: " + SECRET + "\n"
            + cfn("ClientSecret: !Ref Secret"))
    findings = lint("CG604", text)
    assert ids_and_lines(findings) == [("CG604", 13, 7)]
    assert "Default of the parameter" in findings[0].message and SECRET[:5] not in findings[0].message


def test_cg604_references_and_placeholders_are_not_secrets():
    for value in ("'{{resolve:secretsmanager:app/client:SecretString:secret}}'", "'${CLIENT_SECRET}'",
                  "$CLIENT_SECRET", "'<client-secret>'", "''", "!Ref NoDefault", "!GetAtt Other.ClientSecret",
                  "!Sub '${Prefix}abcdefghijklmnopqrstuvwxyz'"):
        assert lint("CG604", cfn(f"ClientSecret: {value}")) == [], value
    assert lint("CG604", api(ClientName="skeleton", ClientSecret="")) == []
    assert lint("CG604", api(ClientName="web", GenerateSecret=True)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(string.ascii_letters + string.digits + "_+", min_size=24, max_size=64))
def test_cg604_message_depends_only_on_four_characters_and_the_length(secret):
    def message(value):
        text, name = api(ClientName="backend", ClientSecret=value)
        return [f.message for f in lint_text(text, name, select=["CG604"])]

    shown = message(secret)
    assert len(shown) == 1
    assert shown == message(secret[:4] + "x" * (len(secret) - 4))


# --- CG605 publish-secret-without-secret -------------------------------------------------------

def test_cg605_api_create_without_secret():
    payload = api(ClientName="backend", PublishSecretsInAWSSecretsManager=True)
    findings = lint("CG605", payload)
    assert ids_and_lines(findings) == [("CG605", 4, 40)]
    assert span_text(findings[0], payload[0]) == "true"


def test_cg605_near_misses():
    assert lint("CG605", api(ClientName="b", GenerateSecret=True, PublishSecretsInAWSSecretsManager=True)) == []
    assert lint("CG605", api(ClientName="b", PublishSecretsInAWSSecretsManager=False)) == []
    assert lint("CG605", api(ClientId="1abc", PublishSecretsInAWSSecretsManager=True)) == []
    assert lint("CG605", describe(PublishSecretsInAWSSecretsManager=True)) == []
    # Not a CloudFormation property at all: CG007 reports it there.
    assert lint("CG605", cfn("PublishSecretsInAWSSecretsManager: true")) == []


# --- CG606 analytics-shares-user-data ----------------------------------------------------------

def test_cg606_user_data_shared_cfn_and_api():
    for value in ("true", "'true'"):
        text = cfn(f"AnalyticsConfiguration:\n  ApplicationArn: !GetAtt App.Arn\n  UserDataShared: {value}")
        findings = lint("CG606", text)
        assert ids_and_lines(findings) == [("CG606", 10, 25)]
        assert span_text(findings[0], text) == value and findings[0].level == "note"
    payload = api(ClientName="web", AnalyticsConfiguration={"ApplicationArn": "arn:x", "UserDataShared": True})
    assert ids_and_lines(lint("CG606", payload)) == [("CG606", 6, 23)]


def test_cg606_near_misses():
    for props in ("AnalyticsConfiguration:\n  ApplicationArn: a\n  UserDataShared: false",
                  "AnalyticsConfiguration:\n  ApplicationArn: a\n  UserDataShared: !Ref Share",
                  "AnalyticsConfiguration:\n  ApplicationArn: a", "AnalyticsConfiguration: !Ref A"):
        assert lint("CG606", cfn(props)) == [], props
