"""CG101, CG201, CG202, CG304: fixtures that must trigger (with line/column) and near misses."""
from support import cfn, ids_and_lines, lint_text, span_text

def test_cg101_flags_client_credentials_with_code():
    text = cfn("AllowedOAuthFlows: [code, client_credentials]")
    findings = lint_text(text, select=["CG101"])
    assert ids_and_lines(findings) == [("CG101", 8, 33)]
    assert span_text(findings[0], text) == "client_credentials"


def test_cg101_silent_for_client_credentials_alone_and_unknown_flows():
    assert lint_text(cfn("AllowedOAuthFlows: [client_credentials]"), select=["CG101"]) == []
    assert lint_text(cfn("AllowedOAuthFlows: !Ref Flows"), select=["CG101"]) == []


def test_cg201_default_redirect_not_in_callbacks_json_api_payload():
    text = '{\n  "UserPoolId": "us-east-1_abc",\n  "ClientName": "web",\n  "CallbackURLs": ["https://a.example.com/cb"],\n  "DefaultRedirectURI": "https://a.example.com/cb/"\n}\n'
    findings = lint_text(text, "client.json", select=["CG201"])
    assert ids_and_lines(findings) == [("CG201", 5, 25)]
    assert span_text(findings[0], text) == '"https://a.example.com/cb/"'


def test_cg201_silent_when_member_or_unknown():
    ok = cfn("CallbackURLs: [https://a.example.com/cb]\nDefaultRedirectURI: https://a.example.com/cb")
    assert lint_text(ok, select=["CG201"]) == []
    unknown = cfn("CallbackURLs: [!Ref Url]\nDefaultRedirectURI: https://a.example.com/cb")
    assert lint_text(unknown, select=["CG201"]) == []
    same_sub = cfn("CallbackURLs: [!Sub 'https://${Domain}/cb']\nDefaultRedirectURI: !Sub 'https://${Domain}/cb'")
    assert lint_text(same_sub, select=["CG201"]) == []


def test_cg201_different_sub_templates_are_different_urls():
    text = cfn("CallbackURLs: [!Sub 'https://${Domain}/cb']\nDefaultRedirectURI: !Sub 'https://${Domain}/other'")
    assert [f.rule_id for f in lint_text(text, select=["CG201"])] == ["CG201"]


def test_cg202_http_non_loopback_in_each_url_field():
    text = cfn("CallbackURLs:\n  - https://ok.example.com/cb\n  - http://app.example.com/cb\n"
               "LogoutURLs: [http://app.example.com/out]\nDefaultRedirectURI: http://app.example.com/cb")
    findings = lint_text(text, select=["CG202"])
    assert ids_and_lines(findings) == [("CG202", 10, 11), ("CG202", 11, 20), ("CG202", 12, 27)]
    assert [span_text(f, text) for f in findings] == [
        "http://app.example.com/cb", "http://app.example.com/out", "http://app.example.com/cb"]


def test_cg202_allows_loopback_custom_schemes_and_unknown_hosts():
    text = cfn("CallbackURLs:\n  - http://localhost:3000/cb\n  - http://127.0.0.1/cb\n  - http://[::1]:8080/cb\n"
               "  - myapp://callback\n  - com.example.app:/cb\n  - !Sub 'http://${Host}/cb'\n  - https://x.example.com")
    assert lint_text(text, select=["CG202"]) == []


def test_cg304_revocation_disabled_yaml_and_cfn_string_boolean():
    text = cfn("EnableTokenRevocation: false")
    assert ids_and_lines(lint_text(text, select=["CG304"])) == [("CG304", 8, 30)]
    text = cfn('EnableTokenRevocation: "false"')
    assert ids_and_lines(lint_text(text, select=["CG304"])) == [("CG304", 8, 30)]


def test_cg304_silent_when_on_omitted_or_unknown():
    assert lint_text(cfn("EnableTokenRevocation: true"), select=["CG304"]) == []
    assert lint_text(cfn("ClientName: web"), select=["CG304"]) == []
    assert lint_text(cfn("EnableTokenRevocation: !Ref Revoke"), select=["CG304"]) == []


def test_findings_name_the_condition_branch():
    text = ("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n" + cfn(
        "CallbackURLs:\n  - !If [IsProd, 'https://app.example.com/cb', 'http://dev.example.com/cb']"))
    findings = lint_text(text, select=["CG202"])
    assert len(findings) == 1
    assert findings[0].message.endswith("(when IsProd is false)")
    assert span_text(findings[0], text) == "'http://dev.example.com/cb'"
