"""Parameter defaults (issue 14, item 4): what the loaders attach to unknown values so that the rules
that accept defaults may use them, and what they never attach.  The rules' side is in
tests/rules/test_cg2xx_urls.py."""
from __future__ import annotations

import json

import pytest

from linter.loaders.registry import load as load_clients
from linter.loaders.registry import parse as parse_bytes
from linter.model import Template, Unknown, with_defaults
from support import lint_rules, lint_written, span_text, tf

PARAMETERS = """\
Parameters:
  SiteHost: {Type: String, Default: www.fabrikam.io}
  NoDefault: {Type: String, AllowedValues: [http://a.fabrikam.io, http://b.fabrikam.io]}
  Secret: {Type: String, NoEcho: true, Default: www.hidden.io}
  Urls: {Type: String, Default: "https://a.fabrikam.io/cb,http://b.fabrikam.io/cb"}
  UrlList: {Type: CommaDelimitedList, Default: "https://a.fabrikam.io/cb, http://b.fabrikam.io/cb"}
  Empty: {Type: String, Default: ""}
"""


def client_of(props: str, filename: str = "template.yaml"):
    text = PARAMETERS + "Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n" + \
        "".join(f"      {line}\n" for line in props.strip().splitlines())
    doc = parse_bytes(filename, text.encode())
    return load_clients(doc)[0].variants[0].client


def test_a_ref_carries_the_default_and_the_parameter_not_allowed_values():
    client = client_of("DefaultRedirectURI: !Ref SiteHost\nCallbackURLs: [!Ref NoDefault, !Ref Secret]")
    assert (client.DefaultRedirectURI.default, client.DefaultRedirectURI.parameter) == ("www.fabrikam.io", "SiteHost")
    no_default, secret = client.CallbackURLs
    assert no_default.default is None and with_defaults(no_default) == (no_default, ())
    # NoEcho: the default stays (CG604 reads it) but no message may show it: not a usable default.
    assert secret.default == "www.hidden.io" and secret.parameter is None and with_defaults(secret) == (secret, ())


def test_sub_and_join_parts_carry_their_parameters_defaults():
    client = client_of('CallbackURLs:\n  - !Sub "http://${SiteHost}/auth"\n'
                       '  - !Sub ["https://${Host}/${Path}", {Host: !Ref SiteHost, Path: !Ref NoDefault}]\n'
                       '  - !Join ["", ["https://", !Ref SiteHost, "/", !Ref Empty]]\n'
                       '  - !Sub "https://${AWS::Region}.${SiteHost}/cb"')
    direct, mapped, joined, pseudo = client.CallbackURLs
    assert direct.text == "http://${SiteHost}/auth"  # messages show the template as written
    assert with_defaults(direct) == ("http://www.fabrikam.io/auth", ("SiteHost",))
    filled, used = with_defaults(mapped)
    assert isinstance(filled, Template) and filled.known_prefix == "https://www.fabrikam.io/" and used == ("SiteHost",)
    filled, used = with_defaults(joined)  # an empty default is "none given": the part stays unknown
    assert isinstance(filled, Template) and filled.known_prefix == "https://www.fabrikam.io/" and used == ("SiteHost",)
    filled, used = with_defaults(pseudo)
    assert filled.text == "https://${AWS::Region}.www.fabrikam.io/cb" and used == ("SiteHost",)


def test_split_is_evaluated_and_of_a_parameter_carries_the_split_default():
    client = client_of('CallbackURLs: !Split [",", !Ref Urls]\nLogoutURLs: !Split [",", "https://a.io,https://b.io"]\n'
                       'ReadAttributes: !Split [",", !Ref NoDefault]\nWriteAttributes: !Split [",", !Sub "${SiteHost},x"]')
    assert isinstance(client.CallbackURLs, Unknown) and client.CallbackURLs.parameter == "Urls"
    assert with_defaults(client.CallbackURLs) == (["https://a.fabrikam.io/cb", "http://b.fabrikam.io/cb"], ("Urls",))
    assert client.LogoutURLs == ["https://a.io", "https://b.io"]
    assert with_defaults(client.ReadAttributes)[1] == () and with_defaults(client.WriteAttributes)[1] == ()
    listed = client_of("CallbackURLs: !Ref UrlList").CallbackURLs
    assert with_defaults(listed) == (["https://a.fabrikam.io/cb", "http://b.fabrikam.io/cb"], ("UrlList",))


def test_a_finding_on_an_item_of_a_default_list_points_at_the_value_that_holds_it():
    text = PARAMETERS + """\
Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      CallbackURLs: !Split [",", !Ref Urls]
      LogoutURLs: !Ref UrlList
"""
    findings = lint_rules(text, "CG202")
    assert [span_text(f, text) for f in findings] == ['!Split [",", !Ref Urls]', "!Ref UrlList"]
    as_json = json.dumps(parse_bytes("t.yaml", text.encode()).data, indent=1)
    findings = lint_rules(as_json, "CG202", "template.json")
    assert [json.loads(span_text(f, as_json)) for f in findings] == [{"Fn::Split": [",", {"Ref": "Urls"}]},
                                                                     {"Ref": "UrlList"}]


# --- Terraform: the module's variable blocks -------------------------------------------------------

VARIABLES = '''\
variable "site_host" {
  default = "www.fabrikam.io"
}
variable "urls" {
  type    = list(string)
  default = ["https://a.fabrikam.io/cb", "http://b.fabrikam.io/cb"]
}
variable "hidden" {
  default   = "www.hidden.io"
  sensitive = true
}
variable "nothing" {
  default = null
}
variable "required" {}
'''


def tf_client(tmp_path, props: str, *others: str):
    for index, text in enumerate(others):
        (tmp_path / f"variables{index}.tf").write_text(text)
    (tmp_path / "main.tf").write_text(tf(props))
    doc = parse_bytes(str(tmp_path / "main.tf"), tf(props).encode())
    return load_clients(doc)[0].variants[0].client


def test_a_variable_carries_the_default_its_block_in_any_file_of_the_module_gives(tmp_path):
    client = tf_client(tmp_path, 'callback_urls = ["http://${var.site_host}/auth", var.site_host, var.hidden, '
                                 'var.nothing, var.required, var.site_host.x, "${var.undeclared}"]\n'
                                 'logout_urls = var.urls', VARIABLES)
    template, whole, hidden, nothing, required, attribute, undeclared = client.CallbackURLs
    assert with_defaults(template) == ("http://www.fabrikam.io/auth", ("site_host",))
    assert with_defaults(whole) == ("www.fabrikam.io", ("site_host",))
    assert all(with_defaults(v)[1] == () for v in (hidden, nothing, required, attribute, undeclared))
    assert with_defaults(client.LogoutURLs) == (["https://a.fabrikam.io/cb", "http://b.fabrikam.io/cb"], ("urls",))


def test_a_variable_declared_twice_has_no_default(tmp_path):
    client = tf_client(tmp_path, "default_redirect_uri = var.site_host", VARIABLES,
                       'variable "site_host" {\n  default = "other.fabrikam.io"\n}\n')
    assert with_defaults(client.DefaultRedirectURI)[1] == ()


def test_the_json_syntax_reads_the_variables_of_its_own_file(tmp_path):
    text = json.dumps({"variable": {"host": {"default": "www.fabrikam.io"}, "hidden": {"default": "h.io", "sensitive": True}},
                       "resource": {"aws_cognito_user_pool_client": {"web": {
                           "name": "web", "user_pool_id": "us-east-1_abc",
                           "callback_urls": ["http://${var.host}/auth", "http://${var.hidden}/auth"]}}}}, indent=1)
    findings = lint_written(tmp_path / "main.tf.json", text, ["CG202"])
    assert [(span_text(f, text), f.message.split("' ")[1][:40]) for f in findings] == [
        ('"http://${var.host}/auth"', "(with the default of variable host) uses")]



@pytest.mark.parametrize("keys, finding", [
    ("[Env, prod, Mode", False),         # the entry: ENABLED
    ("[Env, test, Mode", True),          # no such key: AWS::LanguageExtensions' DefaultValue, LEGACY
    ("[Env, !Ref Stage, Mode", False),   # an unknown key: an unknown value, no finding
])
def test_find_in_map_default_value(keys, finding):
    text = ("Transform: AWS::LanguageExtensions\nParameters:\n  Stage: {Type: String}\n"
            "Mappings:\n  Env: {prod: {Mode: ENABLED}}\nResources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n"
            f"    Properties:\n      UserPoolId: p\n      PreventUserExistenceErrors: !FindInMap {keys}, "
            "{DefaultValue: LEGACY}]\n")
    findings = lint_rules(text, ["CG406"])
    assert [(f.rule_id, f.span.line) for f in findings] == ([("CG406", 11)] if finding else [])
