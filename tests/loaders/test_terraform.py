"""Terraform input: the loader (names, string forms, unknowns, .tf.json and plans, the module around
a client) and rules on .tf files (positions and messages in Terraform's names). The HCL reader
itself is tested in tests/parsers/test_hcl.py."""
from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.loaders.registry import load as load_clients
from linter.loaders.registry import parse as parse_bytes
from linter.model import Template, Unknown
from linter.parsers.hcl import HclDocument
from support import ROOT, ids_and_lines, lint_path, lint_text, lint_written, run_cli as run, span_text, tf


def parse(text: str) -> HclDocument:
    return HclDocument.parse("main.tf", text)


# --- the loader -------------------------------------------------------------------------------------

def client_of(text: str):
    sources = load_clients(parse(text))
    assert len(sources) == 1
    return sources[0].variants[0].client


def test_arguments_are_renamed_and_string_forms_converted():
    client = client_of(tf('''
generate_secret = "true"
refresh_token_validity = "30"
explicit_auth_flows = ["ALLOW_USER_SRP_AUTH"]
token_validity_units {
  refresh_token = "days"
}
refresh_token_rotation {
  feature = "ENABLED"
  retry_grace_period_seconds = 10
}
'''))
    assert client.kind == "terraform" and client.name == "web" and client.ClientName == "web"
    assert client.GenerateSecret is True and client.RefreshTokenValidity == 30
    assert client.ExplicitAuthFlows == ["ALLOW_USER_SRP_AUTH"]
    assert client.TokenValidityUnits.RefreshToken == "days" and client.TokenValidityUnits.AccessToken is None
    assert client.RefreshTokenRotation.Feature == "ENABLED"
    assert isinstance(client.UserPoolId, Unknown) and client.UserPoolId.ref == "aws_cognito_user_pool.pool"


def test_expressions_dynamic_blocks_and_null_are_unknown_or_omitted():
    client = client_of(tf('''
callback_urls = var.callback_urls
logout_urls = ["https://${var.domain}/logout"]
default_redirect_uri = null
dynamic "token_validity_units" {
  for_each = var.units
  content {
    access_token = token_validity_units.value
  }
}
'''))
    assert isinstance(client.CallbackURLs, Unknown)
    assert isinstance(client.LogoutURLs[0], Template) and client.LogoutURLs[0].known_prefix == "https://"
    assert client.DefaultRedirectURI is None and "DefaultRedirectURI" not in client.present
    assert isinstance(client.TokenValidityUnits, Unknown)


def test_a_file_without_clients_holds_none():
    doc = parse_bytes("pool.tf", b'resource "aws_cognito_user_pool" "p" {\n  name = "x"\n}\n')
    assert load_clients(doc) == []


# --- rules on .tf files: findings at the right place, in Terraform's names ---------------------------

def test_rules_fire_at_the_terraform_value_with_terraform_names():
    text = tf('''
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["code", "implicit"]
allowed_oauth_scopes = ["openid"]
callback_urls = ["http://app.example.org/cb"]
explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN", "ALLOW_REFRESH_TOKEN_AUTH"]
refresh_token_validity = 0
prevent_user_existence_errors = "ENABLED"
write_attributes = ["name"]
enable_token_revocation = true
''')
    findings = lint_text(text, "main.tf", select=["CG106", "CG202", "CG005", "CG303", "CG406"])
    assert ids_and_lines(findings) == [("CG106", 9, 34), ("CG202", 11, 20), ("CG005", 12, 49), ("CG303", 13, 28)]
    by_rule = {f.rule_id: f for f in findings}
    assert span_text(by_rule["CG106"], text) == '"implicit"'
    assert by_rule["CG106"].message.startswith("allowed_oauth_flows has implicit")
    assert "explicit_auth_flows[1]" in by_rule["CG005"].message
    assert by_rule["CG303"].level == "error" and "terraform plan fails" in by_rule["CG303"].message
    assert all(f.kind == "terraform" for f in findings)


def test_missing_settings_point_at_the_resource_name_and_say_how_to_write_them():
    text = 'resource "aws_cognito_user_pool_client" "m2m" {\n  name = "m2m"\n}\n'
    findings = lint_text(text, "main.tf", select=["CG006", "CG406"])
    assert ids_and_lines(findings) == [("CG006", 1, 41), ("CG406", 1, 41)]
    assert "add user_pool_id = aws_cognito_user_pool.<name>.id" in findings[0].message
    assert "Set prevent_user_existence_errors = ENABLED" in findings[1].message


def test_unknown_values_give_no_findings():
    text = tf('''
allowed_oauth_flows_user_pool_client = var.oauth
allowed_oauth_flows = var.flows
allowed_oauth_scopes = [var.scope]
callback_urls = ["${var.scheme}://app/cb", local.url]
explicit_auth_flows = var.flows
generate_secret = var.secret
access_token_validity = var.minutes
prevent_user_existence_errors = var.pue
write_attributes = var.attributes
refresh_token_rotation {
  feature = var.rotation
}
''')
    assert lint_text(text, "main.tf") == []


def test_suppression_comments_work_with_both_comment_styles():
    text = tf('''
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["implicit"] # cognito-lint: ignore=CG106 legacy SPA, migrating
allowed_oauth_scopes = ["openid"]
callback_urls = ["http://app.example.org/cb"] // cognito-lint: ignore=CG202
''')
    findings = lint_text(text, "main.tf", select=["CG106", "CG202", "CG009"])
    assert findings and all(f.suppressed is not None for f in findings)
    assert {f.rule_id for f in findings} == {"CG106", "CG202"}


def test_a_malformed_tf_file_is_cg001_and_other_files_are_still_linted(tmp_path):
    (tmp_path / "bad.tf").write_text('resource "aws_cognito_user_pool_client" "x" {\n  name = "x\n}\n')
    (tmp_path / "good.tf").write_text(tf('allowed_oauth_flows = ["implicit"]\nallowed_oauth_flows_user_pool_client = true\n'
                                         'allowed_oauth_scopes = ["openid"]\ncallback_urls = ["https://app.example.org/cb"]'))
    result = run("lint", "--select", "CG001,CG106", "--format", "json", str(tmp_path))
    findings = json.loads(result.stdout)["findings"]
    assert [(f["file"].rsplit("/", 1)[-1], f["rule"], f["line"], f["column"]) for f in findings] == [
        ("bad.tf", "CG001", 2, 10), ("good.tf", "CG106", 8, 26)]
    assert "Traceback" not in result.stderr


def test_sample_terraform_configs_lint_as_documented():
    good = ROOT / "sample_configs" / "good" / "web-client.tf"
    bad = ROOT / "sample_configs" / "bad" / "web-client.tf"
    assert lint_text(good.read_text(), "main.tf") == []
    assert {f.rule_id for f in lint_text(bad.read_text(), "main.tf")} >= {"CG106", "CG107", "CG202", "CG301", "CG404"}


# --- Terraform's JSON syntax (.tf.json) and plans (terraform show -json) ------------------------------

FIXTURES = ROOT / "tests" / "fixtures" / "terraform"


def lint_fixture(name: str, select):
    return lint_path(FIXTURES / name, select)


def test_json_syntax_strings_are_templates_and_blocks_may_be_objects():
    from linter.loaders.registry import parse as parse_bytes

    doc = parse_bytes("client.tf.json", (FIXTURES / "client.tf.json").read_bytes())
    client = load_clients(doc)[0].variants[0].client
    assert isinstance(client.UserPoolId, Template) and client.UserPoolId.parts[0].ref == "aws_cognito_user_pool.pool"
    assert client.CallbackURLs[0].known_prefix == "https://" and client.CallbackURLs[1] == "http://app.example.org/cb"
    assert client.TokenValidityUnits.AccessToken == "days"
    findings = lint_fixture("client.tf.json", ["CG106", "CG202", "CG301"])
    assert ids_and_lines(findings) == [("CG106", 8, 33), ("CG202", 10, 55), ("CG301", 12, 34)]
    assert findings[2].message.startswith("access_token_validity is 2 days")


def test_plan_clients_in_modules_with_values_known_after_apply_unknown():
    from linter.loaders.registry import parse as parse_bytes

    doc = parse_bytes("plan.json", (FIXTURES / "plan.json").read_bytes())
    sources = load_clients(doc)
    assert [s.name for s in sources] == ["aws_cognito_user_pool_client.spa", "module.legacy.aws_cognito_user_pool_client.web"]
    created, updated = (s.variants[0].client for s in sources)
    # Being created: what the provider computes is known only after apply, never "omitted".
    assert isinstance(created.ExplicitAuthFlows, Unknown) and isinstance(created.PreventUserExistenceErrors, Unknown)
    assert created.AllowedOAuthFlows == ["code", "implicit"] and created.TokenValidityUnits is None
    # In state: the provider's zero values of unset arguments are ambiguous, so unknown.
    assert isinstance(updated.AccessTokenValidity, Unknown) and isinstance(updated.PreventUserExistenceErrors, Unknown)
    assert isinstance(updated.LogoutURLs, Unknown) and updated.RefreshTokenValidity == 30
    findings = lint_fixture("plan.json", ["CG106", "CG202", "CG301", "CG405", "CG406", "CG508", "CG604"])
    assert ids_and_lines(findings) == [("CG106", 15, 45), ("CG202", 59, 35)]
    assert findings[1].client == "module.legacy.aws_cognito_user_pool_client.web"


# --- the module around a client: cross-resource rules ---------------------------------------------

MODULE_POOL = '''\
resource "aws_cognito_user_pool" "users" {
  name = "users"
  schema {
    name                = "tenantId"
    attribute_data_type = "String"
    mutable             = false
  }
}

resource "aws_cognito_resource_server" "api" {
  user_pool_id = aws_cognito_user_pool.users.id
  identifier   = "https://api.acme-corp.io"
  scope {
    scope_name        = "read"
    scope_description = "Read"
  }
}
'''


MODULE_PROVIDER = '''\
resource "aws_cognito_identity_provider" "saml" {
  user_pool_id  = aws_cognito_user_pool.users.id
  provider_name = "AcmeSSO"
  provider_type = "SAML"
  attribute_mapping = {
    email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
  }
}
'''


MODULE_CLIENT = '''\
resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = aws_cognito_user_pool.users.id
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "https://api.acme-corp.io/write", "https://api.acme-corp.io/read"]
  callback_urls                        = ["https://app.acme-corp.io/cb"]
  supported_identity_providers         = ["AcmeSSO", "AcmeSS0"]
  write_attributes                     = ["name", "custom:tenantId"]
}
'''


CROSS = ["CG108", "CG109", "CG501", "CG502", "CG504", "CG505"]


def lint_module(tmp_path, client_text, *others):
    for index, text in enumerate(others):
        (tmp_path / f"other{index}.tf").write_text(text)
    return lint_written(tmp_path / "client.tf", client_text, CROSS)


def test_cross_resource_rules_read_the_other_files_of_the_module(tmp_path):
    findings = lint_module(tmp_path, MODULE_CLIENT, MODULE_POOL, MODULE_PROVIDER)
    assert ids_and_lines(findings) == [
        ("CG108", 6, 53), ("CG109", 6, 53), ("CG502", 8, 43), ("CG501", 8, 54), ("CG505", 9, 3), ("CG504", 9, 51)]
    by_rule = {f.rule_id: f for f in findings}
    assert "aws_cognito_resource_server.api does not declare a scope 'write'" in by_rule["CG108"].message
    assert 'Add a scope block with scope_name = "write"' in by_rule["CG108"].message
    assert "no aws_cognito_identity_provider named 'AcmeSS0' in this module (its providers: AcmeSSO)" in \
        by_rule["CG501"].message
    assert "which is not in write_attributes: federated sign-in fails" in by_rule["CG505"].message
    assert "Add depends_on = [aws_cognito_identity_provider.saml] to the client" in by_rule["CG502"].message
    assert "aws_cognito_identity_provider.saml.provider_name instead of 'AcmeSSO'" in by_rule["CG502"].message
    assert "mutable = false" in by_rule["CG504"].message


def test_references_and_depends_on_order_creation(tmp_path):
    client = (MODULE_CLIENT
              .replace('"AcmeSSO", "AcmeSS0"', "aws_cognito_identity_provider.saml.provider_name")
              .replace('  write_attributes', '  depends_on = [aws_cognito_resource_server.api]\n  write_attributes'))
    findings = lint_module(tmp_path, client, MODULE_POOL, MODULE_PROVIDER)
    assert {f.rule_id for f in findings} == {"CG108", "CG504", "CG505"}


def test_what_the_module_cannot_show_keeps_the_rules_silent(tmp_path):
    """A module call, or a sibling that does not parse, may define the provider 'AcmeSS0'."""
    with_module = lint_module(tmp_path, MODULE_CLIENT, MODULE_POOL, MODULE_PROVIDER,
                              'module "idp" {\n  source = "./idp"\n  pool = aws_cognito_user_pool.users.id\n}\n')
    assert "CG501" not in {f.rule_id for f in with_module}
    (tmp_path / "other2.tf").write_text('resource "x" "y" {\n')
    broken = lint_module(tmp_path, MODULE_CLIENT, MODULE_POOL, MODULE_PROVIDER)
    assert "CG501" not in {f.rule_id for f in broken}
    imported = lint_module(tmp_path, MODULE_CLIENT.replace("aws_cognito_user_pool.users.id", "var.pool_id"))
    assert imported == []


# Replacing any arguments of a client by variables never adds a finding: unknown is not wrong.


_ARGUMENT_LINE = re.compile(r"^(\s*)([a-z_]+)(\s*=\s*)(?!.*\{\s*$)(.+)$", re.M)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_variables_in_place_of_literals_never_add_findings(data):
    text = (ROOT / "sample_configs" / "bad" / "web-client.tf").read_text()
    names = sorted({m.group(2) for m in _ARGUMENT_LINE.finditer(text)} - {"name"})
    chosen = data.draw(st.sets(st.sampled_from(names), min_size=1))
    changed = _ARGUMENT_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}var.{m.group(2)}"
                                 if m.group(2) in chosen else m.group(0), text)
    before = {(f.rule_id, f.span.line) for f in lint_text(text, "main.tf")}
    after = {(f.rule_id, f.span.line) for f in lint_text(changed, "main.tf")}
    assert after <= before, (chosen, after - before)
