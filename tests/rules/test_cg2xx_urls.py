"""CG201–CG210 (redirect and sign-out URLs): triggering fixtures with positions, near misses, the
peer suite's templates, and a hypothesis comparison of the rules' verdicts with an oracle that
knows each generated URL's parts."""
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine import discovery as discover
from linter.engine.lint import LintConfig, lint_file
from linter.model import Template, Unknown, build_client
from support import (PEER, REAL, ROOT, cfn, ids_and_lines, lint_path, lint_rules as found, lint_text, lint_written,
                     rules_by_id, span_text, tf)

needs_peer = pytest.mark.shared("corpus/peer-cdk-preflight")


def api(**fields) -> str:
    """An API payload, one field per line from line 2 on, list items one per line."""
    payload = {"UserPoolId": "us-east-1_abcdEFG12", **fields}
    return json.dumps(payload, indent=2) + "\n"


def spans(findings, text):
    return [span_text(f, text) for f in findings]


# --- CG201 default-redirect-not-in-callbacks ---------------------------------------------------

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


# --- CG202 insecure-url-scheme ----------------------------------------------------------------

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


# --- CG203 url-with-fragment -------------------------------------------------------------------

def test_cg203_fragment_in_callback_and_default_redirect_cfn():
    text = cfn("CallbackURLs:\n  - https://app.mysite.io/cb\n  - https://app.mysite.io/#/cb\n"
               "  - !Sub 'https://${Domain}/cb#'\n"
               "DefaultRedirectURI: https://app.mysite.io/#/cb\nLogoutURLs: [https://app.mysite.io/#/out]")
    findings = found(text, "CG203")
    assert ids_and_lines(findings) == [("CG203", 10, 11), ("CG203", 11, 11), ("CG203", 12, 27)]
    assert spans(findings, text) == ["https://app.mysite.io/#/cb", "!Sub 'https://${Domain}/cb#'",
                                     "https://app.mysite.io/#/cb"]
    assert "'https://${Domain}/cb#'" in findings[1].message


def test_cg203_api_create_json():
    text = api(ClientName="web", CallbackURLs=["https://app.mysite.io/cb#frag"])
    findings = found(text, "CG203", "client.json")
    assert ids_and_lines(findings) == [("CG203", 5, 5)]
    assert span_text(findings[0], text) == '"https://app.mysite.io/cb#frag"'


def test_cg203_near_misses():
    text = cfn("CallbackURLs:\n  - https://app.mysite.io/cb?state=x\n  - !Sub 'https://${Domain}/cb'\n"
               "  - !Ref Url\nLogoutURLs: [https://app.mysite.io/#/signed-out]\n"
               "DefaultRedirectURI: !Sub '${Base}/cb'")
    assert found(text, "CG203") == []


@needs_peer
def test_cg203_peer_fail_template_is_an_error():
    findings = _lint_peer("pf-cognito-callback-url-fragment/fail.template.json", "CG203")
    assert [(f.rule_id, f.level) for f in findings] == [("CG203", "error")]


# --- CG204 url-not-absolute --------------------------------------------------------------------

def test_cg204_relative_bare_host_and_host_port_urls_cfn():
    text = cfn("CallbackURLs:\n  - /callback\n  - app.mysite.io/cb\n  - localhost:3000/cb\n"
               "  - !Sub '/cb/${Stage}'\nLogoutURLs: [/signout]\nDefaultRedirectURI: /callback")
    findings = found(text, "CG204")
    assert ids_and_lines(findings) == [("CG204", 9, 11), ("CG204", 10, 11), ("CG204", 11, 11),
                                       ("CG204", 12, 11), ("CG204", 13, 20), ("CG204", 14, 27)]
    assert spans(findings, text) == ["/callback", "app.mysite.io/cb", "localhost:3000/cb",
                                     "!Sub '/cb/${Stage}'", "/signout", "/callback"]
    assert "has no scheme" in findings[0].message


def test_cg204_api_update_json():
    text = api(ClientId="abc123", LogoutURLs=["https://ok.mysite.io/", "mysite.io/out"])
    findings = found(text, "CG204", "update.json")
    assert ids_and_lines(findings) == [("CG204", 6, 5)]
    assert span_text(findings[0], text) == '"mysite.io/out"'


def test_cg204_near_misses():
    text = cfn("CallbackURLs:\n  - myapp://callback\n  - com.example.app:/oauth2redirect\n"
               "  - http://localhost:3000/cb\n  - https://[::1]:8443/cb\n  - !Sub '${Scheme}://app.mysite.io/cb'\n"
               "  - !Sub 'app${Suffix}'\n  - !Ref Url\nDefaultRedirectURI: myapp://callback")
    assert found(text, "CG204") == []


# --- CG205 missing-callback-urls ---------------------------------------------------------------

def test_cg205_missing_callbacks_points_at_the_client():
    text = cfn("AllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthFlows: [code, implicit]\n"
               "AllowedOAuthScopes: [openid]")
    findings = found(text, "CG205")
    assert ids_and_lines(findings) == [("CG205", 4, 3)]
    assert span_text(findings[0], text) == "WebClient"
    assert "code and implicit" in findings[0].message and "missing" in findings[0].message


def test_cg205_empty_list_and_novalue_only_item():
    text = cfn("AllowedOAuthFlows: [implicit]\nCallbackURLs: []")
    findings = found(text, "CG205")
    assert ids_and_lines(findings) == [("CG205", 9, 21)]
    assert span_text(findings[0], text) == "[]"
    conditional = cfn("AllowedOAuthFlows: [code]\nCallbackURLs:\n  - !If [IsProd, 'https://app.mysite.io/cb', "
                      "!Ref 'AWS::NoValue']", conditions="Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n")
    findings = found(conditional, "CG205")
    assert len(findings) == 1 and findings[0].message.endswith("(when IsProd is false)")


def test_cg205_api_create_json():
    text = api(ClientName="web", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"])
    findings = found(text, "CG205", "client.json")
    assert [f.rule_id for f in findings] == ["CG205"]
    assert findings[0].span.line == 1  # a missing property of an API payload: the document itself


def test_cg205_near_misses():
    for props in ("AllowedOAuthFlows: [client_credentials]", "AllowedOAuthFlows: !Ref Flows",
                  "AllowedOAuthFlows: [code]\nCallbackURLs: !Ref Urls",
                  "AllowedOAuthFlows: [code]\nCallbackURLs: [!Ref Url]",
                  "AllowedOAuthFlows: [code]\nCallbackURLs: [https://app.mysite.io/cb]",
                  "CallbackURLs: []"):
        assert found(cfn(props), "CG205") == [], props


@needs_peer
def test_cg205_peer_fail_template_is_an_error():
    findings = _lint_peer("pf-cognito-oauth-callback-required/fail.template.json", "CG205")
    assert [(f.rule_id, f.level) for f in findings] == [("CG205", "error")]


# --- CG206 wildcard-url ------------------------------------------------------------------------

def test_cg206_wildcards_in_callbacks_and_logouts():
    text = cfn("CallbackURLs:\n  - https://*.mysite.io/cb\n  - !Sub 'https://${Domain}/*'\n"
               "LogoutURLs:\n  - https://app.mysite.io/out?next=*")
    findings = found(text, "CG206")
    assert ids_and_lines(findings) == [("CG206", 9, 11), ("CG206", 10, 11), ("CG206", 12, 11)]
    assert spans(findings, text) == ["https://*.mysite.io/cb", "!Sub 'https://${Domain}/*'",
                                     "https://app.mysite.io/out?next=*"]
    assert findings[0].level == "warning"


def test_cg206_api_json_and_near_misses():
    text = api(ClientName="web", CallbackURLs=["https://app.mysite.io/*"])
    assert ids_and_lines(found(text, "CG206", "c.json")) == [("CG206", 5, 5)]
    ok = cfn("CallbackURLs:\n  - https://app.mysite.io/cb\n  - !Sub 'https://${Domain}/cb'\n  - !Ref Url\n"
             "DefaultRedirectURI: https://*.mysite.io/cb")
    assert found(ok, "CG206") == []


# --- CG207 loopback-url ------------------------------------------------------------------------

LOOPBACKS = ("http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb",
             "https://LOCALHOST/cb")


def test_cg207_loopback_hosts_with_any_port_and_scheme():
    text = cfn("CallbackURLs:\n" + "".join(f"  - {u}\n" for u in LOOPBACKS) + "LogoutURLs: [http://localhost]")
    findings = found(text, "CG207")
    assert ids_and_lines(findings) == [("CG207", 9, 11), ("CG207", 10, 11), ("CG207", 11, 11),
                                       ("CG207", 12, 11), ("CG207", 13, 20)]
    assert spans(findings, text) == [*LOOPBACKS, "http://localhost"]
    assert {f.level for f in findings} == {"note"}


def test_cg207_allow_loopback_option_and_near_misses():
    text = cfn("CallbackURLs: [http://localhost:3000/cb]")
    assert found(text, "CG207", options={"CG207": {"allow-loopback": True}}) == []
    templated = cfn("CallbackURLs: [!Sub 'http://localhost:${Port}/cb']")
    assert ids_and_lines(found(templated, "CG207")) == [("CG207", 8, 22)]  # the host is known, the port not
    ok = cfn("CallbackURLs:\n  - https://localhost.mysite.io/cb\n  - https://mylocalhost.io\n"
             "  - !Sub 'http://${Host}:3000/cb'\n  - localhost:3000/cb\nDefaultRedirectURI: http://localhost/cb")
    assert found(ok, "CG207") == []


def test_cg207_api_describe_json():
    text = json.dumps({"UserPoolClient": {"UserPoolId": "us-east-1_abc", "ClientName": "web",
                                          "CallbackURLs": ["http://127.0.0.1:8000/cb"]}}, indent=2)
    findings = found(text, "CG207", "describe.json")
    assert ids_and_lines(findings) == [("CG207", 6, 7)]


# --- CG208 placeholder-url ---------------------------------------------------------------------

def test_cg208_placeholder_domains_and_subdomains():
    text = cfn("CallbackURLs:\n  - https://example.com\n  - https://app.EXAMPLE.org/cb\n"
               "  - !Sub 'https://example.com/${Path}'\n  - https://example.com./cb\n"
               "LogoutURLs: ['http://example.net:8080/out']")
    findings = found(text, "CG208")
    assert ids_and_lines(findings) == [("CG208", 9, 11), ("CG208", 10, 11), ("CG208", 11, 11),
                                       ("CG208", 12, 11), ("CG208", 13, 20)]
    assert spans(findings, text)[-1] == "'http://example.net:8080/out'"
    assert "example.org" in findings[1].message and findings[0].level == "warning"


def test_cg208_cdk_default_callback_in_a_real_cloud_assembly():
    path = ROOT / "tests/fixtures/cdk/defaults/cdk.out/AuthStack.template.json"
    findings = lint_file(str(path), LintConfig(rules=rules_by_id(["CG208"]))).findings
    assert ids_and_lines(findings) == [("CG208", 53, 6)]
    assert span_text(findings[0], path.read_text()) == '"https://example.com"'


def test_cg208_near_misses():
    text = cfn("CallbackURLs:\n  - https://myexample.com/cb\n  - https://example.com.au/cb\n"
               "  - https://example.co/cb\n  - https://example.com.mysite.io/cb\n"
               "  - !Sub 'https://${Sub}.example.com/cb'\n  - !Sub 'https://example.com${Path}'\n"
               "  - example.com/cb\nDefaultRedirectURI: https://example.com")
    assert found(text, "CG208") == []


# --- CG209 duplicate-url -----------------------------------------------------------------------

def test_cg209_points_at_each_repetition_within_one_list():
    text = cfn("CallbackURLs:\n  - https://a.mysite.io/cb\n  - https://b.mysite.io/cb\n"
               "  - https://a.mysite.io/cb\n  - https://a.mysite.io/cb\n"
               "  - !Sub 'https://${D}/cb'\n  - !Sub 'https://${D}/cb'\n"
               "LogoutURLs: [https://a.mysite.io/cb, https://a.mysite.io/out, https://a.mysite.io/out]")
    findings = found(text, "CG209")
    assert ids_and_lines(findings) == [("CG209", 11, 11), ("CG209", 12, 11), ("CG209", 14, 11),
                                       ("CG209", 15, 69)]
    assert "position 1" in findings[0].message and "position 5" in findings[2].message
    assert spans(findings, text)[-1] == "https://a.mysite.io/out"


def test_cg209_api_json_and_near_misses():
    text = api(ClientName="web", LogoutURLs=["https://a.mysite.io/", "https://a.mysite.io/"])
    findings = found(text, "CG209", "c.json")
    assert ids_and_lines(findings) == [("CG209", 6, 5)]
    ok = cfn("CallbackURLs:\n  - https://a.mysite.io/cb\n  - https://a.mysite.io/cb/\n  - https://A.mysite.io/cb\n"
             "  - !Ref Url\n  - !Ref Url\n  - !Sub 'https://${D}/cb'\n  - !Sub 'https://${E}/cb'\n"
             "LogoutURLs: [https://a.mysite.io/cb]")
    assert found(ok, "CG209") == []


# --- CG210 url-not-allowed-by-policy -----------------------------------------------------------

POLICY = {"CG210": {"allowed-url-hosts": ["*.mysite.io", "[::1]"]}}


def test_cg210_is_off_until_configured():
    assert found(cfn("CallbackURLs: [https://evil.io/cb]"), "CG210") == []
    assert found(cfn("CallbackURLs: [https://evil.io/cb]"), "CG210",
                 options={"CG210": {"allowed-url-hosts": []}}) == []


def test_cg210_hosts_outside_the_globs():
    text = cfn("CallbackURLs:\n  - https://app.mysite.io/cb\n  - https://mysite.io/cb\n  - https://a.b.MYSITE.io\n"
               "  - http://localhost:3000/cb\n  - https://[::1]:8443/cb\n  - myapp://callback\n"
               "  - !Sub 'https://${Domain}/cb'\n  - !Sub 'https://evil.io/${Path}'\n"
               "LogoutURLs: [https://app.mysite.io.evil.io/]")
    findings = found(text, "CG210", options=POLICY)
    assert ids_and_lines(findings) == [("CG210", 10, 11), ("CG210", 12, 11), ("CG210", 16, 11), ("CG210", 17, 20)]
    assert spans(findings, text) == ["https://mysite.io/cb", "http://localhost:3000/cb",
                                     "!Sub 'https://evil.io/${Path}'", "https://app.mysite.io.evil.io/"]
    assert "'mysite.io'" in findings[0].message and findings[0].level == "error"


def test_cg210_string_option_and_api_json():
    text = api(ClientName="web", CallbackURLs=["https://a.io/cb", "https://x.b.io/cb", "https://c.io/cb"])
    findings = found(text, "CG210", "c.json", options={"CG210": {"allowed-url-hosts": "A.io, *.b.io"}})
    assert ids_and_lines(findings) == [("CG210", 7, 5)]


# --- the peer suite: no error of these rules on a template the service accepted ----------------

def _lint_peer(relative: str, *rule_ids: str):
    return lint_path(PEER / relative, rule_ids)


URL_RULES = ("CG203", "CG204", "CG205", "CG206", "CG207", "CG208", "CG209", "CG210")


@needs_peer
def test_peer_pass_templates_have_no_url_rule_errors():
    passes = sorted(PEER.glob("*/pass.template.json"))
    assert passes
    for path in passes:
        errors = [f for f in _lint_peer(str(path.relative_to(PEER)), *URL_RULES) if f.level == "error"]
        assert errors == [], path


# --- hypothesis: verdicts against an oracle that knows the URL's parts -------------------------

LOOPBACK = ["localhost", "LocalHost", "127.0.0.1", "[::1]"]
PLACEHOLDER = ["example.com", "www.example.org", "EXAMPLE.NET", "a.b.example.com"]
OTHER = ["app.mysite.io", "mysite.io", "10.0.0.1", "[2001:db8::1]", "myexample.com", "example.com.au",
         "example.co", "*.mysite.io", "a.*.mysite.io"]
ALLOWED = ["*.mysite.io", "localhost"]


@st.composite
def urls(draw):
    """(url, parts): an http(s)/custom-scheme/scheme-less URL and what it is made of."""
    form = draw(st.sampled_from(["authority", "authority", "authority", "no-scheme", "custom-path"]))
    scheme = draw(st.sampled_from(["https", "http", "HTTPS", "myapp", "com.example.app"]))
    host = draw(st.sampled_from(LOOPBACK + PLACEHOLDER + OTHER))
    port = draw(st.one_of(st.none(), st.integers(1, 65535)))
    path = draw(st.sampled_from(["", "/", "/cb", "/a/b", "/*", "/a*b"]))
    query = draw(st.sampled_from(["", "?x=1", "?next=*"]))
    fragment = draw(st.sampled_from([None, "", "frag", "/route"]))
    tail = path + query + ("" if fragment is None else "#" + fragment)
    if form == "custom-path":  # com.example.app:/cb — a scheme, no authority
        url, host = f"{scheme}:/cb{query}" + ("" if fragment is None else "#" + fragment), None
        path = "/cb"
    else:
        authority = host + ("" if port is None else f":{port}")
        url = (f"{scheme}://" if form == "authority" else "") + authority + tail
        if form == "no-scheme":
            scheme = None
    return url, {"scheme": None if scheme is None else scheme.lower(), "host": host,
                 "authority": form == "authority", "path": path, "query": query, "fragment": fragment}


def oracle(parts) -> set:
    """The rule IDs that must fire for a URL in CallbackURLs and LogoutURLs, from its parts."""
    expected = set()
    host = (parts["host"] or "").lower()
    bare = host.strip("[]")
    if parts["fragment"] is not None:
        expected.add("CG203")
    if parts["scheme"] is None:
        expected.add("CG204")
    if "*" in (parts["host"] or "") or "*" in parts["path"] + parts["query"] + (parts["fragment"] or ""):
        expected.add("CG206")
    if parts["authority"]:
        if bare in ("localhost", "127.0.0.1", "::1"):
            expected.add("CG207")
        if any(host == d or host.endswith("." + d) for d in ("example.com", "example.org", "example.net")):
            expected.add("CG208")
        allowed = host == "localhost" or host.endswith(".mysite.io")
        if parts["scheme"] in ("http", "https") and not allowed:
            expected.add("CG210")
    return expected


def _verdicts(value, options=None) -> dict:
    """Rule ID → set of fields it reported, for one value put in CallbackURLs and LogoutURLs."""
    client = build_client("api-create", "h", {"UserPoolId": "us-east-1_x", "ClientName": "h",
                                              "CallbackURLs": [value], "LogoutURLs": [value]})
    options = {"CG210": {"allowed-url-hosts": ALLOWED}, **(options or {})}
    result = {}
    for rule_id in URL_RULES:
        rule = rules_by_id([rule_id])[rule_id]
        for problem in rule.run(client, {**rule.options, **options.get(rule_id, {})}):
            result.setdefault(rule_id, set()).add(problem.path[0])
    return result


@settings(max_examples=400, deadline=None)
@given(urls())
def test_url_verdicts_match_the_oracle(generated):
    url, parts = generated
    verdicts = _verdicts(url)
    expected = oracle(parts)
    assert set(verdicts) == expected, (url, parts)
    # CG203 concerns callbacks only (sign-out URLs are not redirection endpoints); the rest both lists.
    for rule_id, fields in verdicts.items():
        assert fields == ({"CallbackURLs"} if rule_id == "CG203" else {"CallbackURLs", "LogoutURLs"})


@settings(max_examples=300, deadline=None)
@given(urls(), st.data())
def test_a_template_never_gets_a_finding_its_concrete_url_would_not(generated, data):
    """Replace a slice of the URL by an unknown part: whatever the rules still report must hold
    for the concrete URL too (a template may only lose findings, never invent them)."""
    url, _ = generated
    start = data.draw(st.integers(0, len(url)))
    end = data.draw(st.integers(start, len(url)))
    template = Template([url[:start], Unknown("X"), url[end:]])
    concrete = _verdicts(url)
    for rule_id in _verdicts(template):
        assert rule_id in concrete, (url, template)


# --- parameter defaults (issue 14, item 4) ------------------------------------------------------

#: The rules for which a parameter's default is the likely deployed value (their docstrings say why
#: the others do not use defaults).
DEFAULT_RULES = ("CG202", "CG203", "CG204", "CG206", "CG208")
ALL_URL_RULES = ("CG201", "CG202") + URL_RULES


def test_a_sub_with_a_parameter_default_is_judged_with_it_and_says_so():
    """The reproduction: SiteHost defaults to www.fabrikam.io, so the callback deploys as http."""
    text = ("Parameters:\n  SiteHost:\n    Type: String\n    Default: www.fabrikam.io\n"
            + cfn('CallbackURLs: [!Sub "http://${SiteHost}/auth"]'))
    findings = found(text, "CG202")
    assert [(span_text(f, text), f.message) for f in findings] == [(
        '!Sub "http://${SiteHost}/auth"',
        "CallbackURLs entry 'http://www.fabrikam.io/auth' (with the default of parameter SiteHost) uses http://; "
        "the service allows http only for localhost, 127.0.0.1 and [::1]. Use https://.")]
    without = text.replace("    Default: www.fabrikam.io\n", "    AllowedValues: [www.fabrikam.io]\n")
    assert found(without, ALL_URL_RULES) == []  # no default: unknown, and AllowedValues are no default


def test_a_split_of_a_parameter_default_is_judged_item_by_item():
    text = ("Parameters:\n  CallbackUrlsParam:\n    Type: String\n"
            "    Default: https://app.fabrikam.io/cb,http://app.fabrikam.io/#/cb,/relative,https://*.fabrikam.io/cb,"
            "https://example.com/cb\n"
            + cfn('CallbackURLs: !Split [",", !Ref CallbackUrlsParam]'))
    findings = found(text, DEFAULT_RULES)
    assert [(f.rule_id, f.message.split(" (with")[0].split("entry ")[1]) for f in findings] == [
        ("CG202", "'http://app.fabrikam.io/#/cb'"), ("CG203", "'http://app.fabrikam.io/#/cb'"),
        ("CG204", "'/relative'"), ("CG206", "'https://*.fabrikam.io/cb'"), ("CG208", "'https://example.com/cb'")]
    assert all("(with the default of parameter CallbackUrlsParam)" in f.message for f in findings)
    assert {span_text(f, text) for f in findings} == {'!Split [",", !Ref CallbackUrlsParam]'}
    assert found(text.replace("Default:", "Description:"), ALL_URL_RULES) == []


def test_a_finding_the_url_as_written_has_does_not_mention_defaults():
    text = ("Parameters:\n  Host:\n    Type: String\n    Default: www.fabrikam.io\n"
            + cfn("CallbackURLs: [!Sub 'http://${Host}/#/cb', !Sub 'https://${Host}/*']"))
    findings = found(text, DEFAULT_RULES)
    assert [(f.rule_id, "(with the default" in f.message) for f in findings] == [
        ("CG202", True), ("CG203", False), ("CG206", False)]


def test_the_rules_that_do_not_use_defaults_stay_silent_on_them():
    """CG201 (a default compared with callbacks), CG207 (a development default), CG209, CG210."""
    text = ("Parameters:\n  Dev:\n    Type: String\n    Default: http://localhost:3000/cb\n"
            "  Other:\n    Type: String\n    Default: http://localhost:3000/cb\n"
            + cfn("CallbackURLs: [!Ref Dev, !Ref Other]\nLogoutURLs: [!Ref Dev]\nDefaultRedirectURI: https://a.io/cb"))
    assert found(text, ["CG201", "CG207", "CG209", "CG210"],
                 options={"CG210": {"allowed-url-hosts": ["*.fabrikam.io"]}}) == []


def test_a_terraform_variable_default_from_another_file_of_the_module(tmp_path):
    (tmp_path / "variables.tf").write_text('variable "site_host" {\n  default = "www.fabrikam.io"\n}\n'
                                           'variable "other" {\n  type = string\n}\n')
    text = tf('callback_urls = ["http://${var.site_host}/auth", "http://${var.other}/auth"]')
    findings = lint_written(tmp_path / "main.tf", text, ALL_URL_RULES)
    assert [(f.rule_id, span_text(f, text)) for f in findings] == [("CG202", '"http://${var.site_host}/auth"')]
    assert "'http://www.fabrikam.io/auth' (with the default of variable site_host) uses http://" in findings[0].message


def _problems(value) -> dict:
    """Rule ID → messages, for one value put in CallbackURLs, LogoutURLs and DefaultRedirectURI."""
    client = build_client("api-create", "h", {"UserPoolId": "us-east-1_x", "ClientName": "h",
                                              "CallbackURLs": [value], "LogoutURLs": [value],
                                              "DefaultRedirectURI": value})
    result = {}
    for rule_id in ALL_URL_RULES:
        rule = rules_by_id([rule_id])[rule_id]
        options = {"allowed-url-hosts": ALLOWED} if rule_id == "CG210" else {}
        for problem in rule.run(client, {**rule.options, **options}):
            result.setdefault(rule_id, []).append(problem.message)
    return result


@settings(max_examples=300, deadline=None)
@given(urls(), st.data())
def test_defaults_fill_in_what_is_unknown_and_a_parameter_without_one_adds_nothing(generated, data):
    """Cut a URL into literal text and parameters A and B (each with the text it replaces as its
    default, or with none): a finding the URL as written lacks is one of the rules that accept
    defaults, names exactly the parameters with a default, and holds for the concrete URL; with
    every parameter defaulted those rules see the concrete URL."""
    url, _ = generated
    cuts = sorted(data.draw(st.lists(st.integers(0, len(url)), min_size=4, max_size=4)))
    with_default = {"A": data.draw(st.booleans()), "B": data.draw(st.booleans())}
    pieces = [url[:cuts[0]], ("A", url[cuts[0]:cuts[1]]), url[cuts[1]:cuts[2]], ("B", url[cuts[2]:cuts[3]]), url[cuts[3]:]]

    def build(defaults: bool):
        parts = [p if isinstance(p, str) else Unknown(p[0], default=p[1] if defaults and with_default[p[0]] else None,
                                                      parameter=p[0]) for p in pieces]
        return Template([p for p in parts if p != ""])

    unknown, defaulted = _problems(build(False)), _problems(build(True))
    concrete = _problems(url)
    used = [name for name, text in (("A", pieces[1][1]), ("B", pieces[3][1])) if with_default[name] and text.strip()]
    for rule_id, messages in defaulted.items():
        plain = [m for m in messages if "(with the default" not in m]
        assert plain == [m for m in unknown.get(rule_id, []) if m in plain] and len(plain) <= len(unknown.get(rule_id, []))
        noted = [m for m in messages if "(with the default" in m]
        if noted:
            assert rule_id in DEFAULT_RULES and rule_id in concrete, (url, pieces, rule_id)
            note = (f"(with the default of parameter {used[0]})" if len(used) == 1
                    else "(with the defaults of parameters A and B)")
            assert all(note in m for m in noted), (noted, used)
    assert {r: len(m) for r, m in unknown.items()} == {r: len([x for x in defaulted.get(r, []) if "(with" not in x])
                                                        for r in unknown}
    if all(with_default.values()) and all(p[1].strip() == p[1] and p[1] for p in (pieces[1], pieces[3])):
        assert {r for r in defaulted if r in DEFAULT_RULES} == {r for r in concrete if r in DEFAULT_RULES}, url


_SUB_HOSTS = ["www.fabrikam.io", "localhost:3000", "example.com", "*.fabrikam.io", "app.fabrikam.io/#/x", ""]


@settings(max_examples=40, deadline=None)
@given(scheme=st.sampled_from(["http://", "https://", "", "myapp://"]),
       hosts=st.lists(st.tuples(st.sampled_from(_SUB_HOSTS), st.booleans()), min_size=1, max_size=2),
       path=st.sampled_from(["/cb", "/#/cb", "", "/a*"]))
def test_sub_parameters_with_and_without_defaults_in_a_template(scheme, hosts, path):
    """The same in a template file: `!Sub` with parameters P0, P1 that have a Default or not."""
    params = "".join(f"  P{i}:\n    Type: String\n" + (f"    Default: '{h}'\n" if has else "")
                      for i, (h, has) in enumerate(hosts))
    sub = scheme + ".".join(f"${{P{i}}}" for i in range(len(hosts))) + path
    text = "Parameters:\n" + params + cfn(f"CallbackURLs: [!Sub '{sub}']")
    bare = "Parameters:\n" + "".join(f"  P{i}:\n    Type: String\n" for i in range(len(hosts))) + \
        cfn(f"CallbackURLs: [!Sub '{sub}']")
    findings, without = found(text, ALL_URL_RULES), found(bare, ALL_URL_RULES)
    assert [(f.rule_id, f.message) for f in findings if "(with the default" not in f.message] == \
        [(f.rule_id, f.message) for f in without]
    concrete = set(_problems(scheme + ".".join(h for h, _ in hosts) + path))
    for finding in findings:
        if "(with the default" in finding.message:
            assert finding.rule_id in DEFAULT_RULES and finding.rule_id in concrete
            named = [f"P{i}" for i, (h, has) in enumerate(hosts) if has and h]
            assert all(f" {name}" in finding.message for name in named)


# --- every rule's documentation: the Example triggers it, the Fix does not ---------------------

MY_RULES = URL_RULES + ("CG601", "CG602", "CG603", "CG604", "CG605", "CG606", "CG701")


def test_docs_examples_trigger_and_fixes_do_not():
    """For CG203–CG210, CG601–CG606 and CG701 (one place, so the check is written once)."""
    options = {"CG210": {"allowed-url-hosts": ["*.mycompany.com"]}}
    for rule_id in MY_RULES:
        sections = rules_by_id([rule_id])[rule_id].doc_sections()
        for heading, should_fire in (("Example", True), ("Fix", False)):
            lang, body = re.search(r"```(\w+)\n(.*?)```", sections[heading], re.S).groups()
            text, filename = (body, "doc.json") if lang == "json" else (cfn(body), "doc.yaml")
            fired = [f for f in found(text, rule_id, filename, options) if f.rule_id == rule_id]
            assert bool(fired) == should_fire, (rule_id, heading)


# --- the real-world corpus: exactly the findings reviewed by hand ------------------------------

#: (file, rule, line) of every finding of these rules on the JSON/YAML files of ../shared/corpus/real,
#: each reviewed:
#: two serverless-patterns samples register http://localhost for callback and sign-out (a
#: development note), and two aws-solutions-constructs integration snapshots carry the CDK's
#: default callback https://example.com.
REVIEWED = [
    ("aws-samples__serverless-patterns__amplify_cognito_apigateway_lambda_envvariables__template.yaml", "CG207", 113),
    ("aws-samples__serverless-patterns__amplify_cognito_apigateway_lambda_envvariables__template.yaml", "CG207", 123),
    ("aws-samples__serverless-patterns__cognito-restapi-vpclink__auth.yml", "CG207", 61),
    ("aws-samples__serverless-patterns__cognito-restapi-vpclink__auth.yml", "CG207", 68),
    ("awslabs__aws-solutions-constructs__source__patterns__@aws-solutions-constructs__aws-cognito-apigateway-lambda"
     "__test__integ.cogapilam-no-arguments.js.snapshot__cogapilam-no-arguments.template.json", "CG208", 632),
    ("awslabs__aws-solutions-constructs__source__patterns__@aws-solutions-constructs__aws-lambda-opensearch"
     "__test__integ.lamopn-no-arguments.js.snapshot__lamopn-no-arguments.template.json", "CG208", 190),
    ("corymhall__amplify-cognito-saml-example__terraform__main.tf", "CG208", 25),
]


@pytest.mark.shared("corpus/real")
def test_real_corpus_gives_exactly_the_reviewed_findings():
    config = LintConfig(rules={k: v for k, v in rules_by_id(MY_RULES).items() if k in MY_RULES})
    seen = []
    for path in sorted(REAL.iterdir()):
        if discover.is_foreign(str(path)):  # shell, Jest snapshots: not inputs
            continue
        for finding in lint_file(str(path), config, explicit=False).findings:
            if finding.rule_id in MY_RULES:  # a CG001 counts whatever is selected: test_real_corpus reviews them
                seen.append((path.name, finding.rule_id, finding.span.line))
    assert sorted(seen) == sorted(REVIEWED)


# --- issue 14: no redirect, no redirect finding; placeholders people really write -----------------

def test_redirect_rules_are_silent_on_a_client_that_never_redirects():
    """A client_credentials client is never redirected to: its URLs cannot be loopback, wildcard or
    placeholder problems (the service-rejection rules CG202-CG204 still apply)."""
    urls = ("CallbackURLs: [http://localhost:3000/cb, https://*.contoso.io/cb, https://example.com/cb, "
            "https://example.com/cb]")
    machine = cfn(f"AllowedOAuthFlows: [client_credentials]\nAllowedOAuthFlowsUserPoolClient: true\n{urls}")
    assert lint_text(machine, select=["CG206", "CG207", "CG208", "CG209"]) == []
    browser = cfn(f"AllowedOAuthFlows: [code]\nAllowedOAuthFlowsUserPoolClient: true\n{urls}")
    assert sorted({f.rule_id for f in lint_text(browser, select=["CG206", "CG207", "CG208", "CG209"])}) == [
        "CG206", "CG207", "CG208", "CG209"]


@pytest.mark.parametrize("host, domain, registrable", [
    ("your-domain.com", "your-domain.com", True), ("app.yourdomain.com", "yourdomain.com", True),
    ("mydomain.com", "mydomain.com", True), ("login.domain.com", "domain.com", True),
    ("app.example", "*.example", False), ("x.invalid", "*.invalid", False), ("web.test", "*.test", False),
    ("localhost.localdomain", "localhost.localdomain", False), ("www.example.org", "example.org", False),
])
def test_cg208_knows_the_placeholders_real_files_use(host, domain, registrable):
    text = cfn(f"CallbackURLs: [https://{host}/cb]")
    findings = lint_text(text, select=["CG208"])
    assert ids_and_lines(findings) == [("CG208", 8, 22)]
    assert f"is on {domain}" in findings[0].message
    assert ("someone else can own" in findings[0].message) == registrable


@pytest.mark.parametrize("host", ["mydomainname.com", "domain.company.io", "contoso.io", "testing.io", "examples.com"])
def test_cg208_leaves_real_looking_domains_alone(host):
    assert lint_text(cfn(f"CallbackURLs: [https://{host}/cb]"), select=["CG208"]) == []
