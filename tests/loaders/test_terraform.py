"""Terraform input: the loader (names, string forms, unknowns, .tf.json and plans, the module around
a client) and rules on .tf files (positions and messages in Terraform's names). The HCL reader
itself is tested in tests/parsers/test_hcl.py."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine import lint as engine_lint
from linter.engine.lint import LintConfig

from linter.loaders.registry import load as load_clients
from linter.loaders.registry import parse as parse_bytes
from linter.model import Template, Unknown
from linter.parsers.hcl import HclDocument
from support import (ROOT, ids_and_lines, leaves, lint_buffer, lint_path, lint_text, lint_written, rules_by_id, run_cli as run,
                     span_text, tf)


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


PLAN = json.loads((FIXTURES / "plan.json").read_text())


def _plan_with(path: tuple, value) -> str:
    plan = json.loads(json.dumps(PLAN))
    container = plan
    for step in path[:-1]:
        container = container[step]
    container[path[-1]] = value
    return json.dumps(plan, indent=2)


SPA, WEB = "aws_cognito_user_pool_client.spa", "module.legacy.aws_cognito_user_pool_client.web"


@pytest.mark.parametrize("path, value, member, written, kept", [
    (("resource_changes", 0, "change"), "create", "resource_changes.0.change", "a string", [SPA, WEB]),
    (("resource_changes", 0, "address"), [SPA], "resource_changes.0.address", "a list", [SPA, WEB]),
    (("resource_changes", 0), 7, "resource_changes.0", "a number", [SPA, WEB]),
    (("resource_changes",), {"a": 1}, "resource_changes", "an object", [SPA, WEB]),
    (("planned_values", "root_module", "resources"), 5, "planned_values.root_module.resources", "a number", [WEB]),
    (("planned_values", "root_module", "child_modules"), True, "planned_values.root_module.child_modules",
     "a boolean", [SPA]),
    (("planned_values", "root_module", "child_modules", 0), "x", "planned_values.root_module.child_modules.0",
     "a string", [SPA]),
    (("planned_values", "root_module"), [], "planned_values.root_module", "a list", []),
    (("planned_values", "root_module", "resources", 0, "values"), "v", "planned_values.root_module.resources.0.values",
     "a string", [WEB]),
    (("planned_values", "root_module", "resources", 0, "address"), {"a": 1},
     "planned_values.root_module.resources.0.address", "an object", ["spa", WEB]),
])
def test_a_plan_member_of_the_wrong_type_is_cg001_at_it_and_the_rest_is_read(path, value, member, written, kept):
    text = _plan_with(path, value)
    assert [s.name for s in load_clients(parse_bytes("plan.json", text.encode()))] == kept
    findings = lint_buffer(text, "/buffers/plan.json")
    problems = [f for f in findings if f.rule_id == "CG001"]
    assert [f.message.split(",")[0] for f in problems] == [f"invalid plan: {member} is {written}"]
    line, column = problems[0].span.line, problems[0].span.column
    assert text.splitlines()[line - 1][column - 1:].startswith(json.dumps(value, indent=2).splitlines()[0])


#: Every place in the plan (the containers on the way to each value too), for the mutations.
PLACES = list(dict.fromkeys(path[:size] for path, _ in leaves(PLAN) for size in range(1, len(path) + 1)))
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(allow_nan=False),
                                     st.text(max_size=8), st.sampled_from(["aws_cognito_user_pool_client", "managed"])),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(mutations=st.lists(st.tuples(st.sampled_from(PLACES), json_values), min_size=1, max_size=3))
def test_a_mutated_plan_is_never_an_internal_error(mutations):
    plan = json.loads(json.dumps(PLAN))
    for path, value in mutations:
        container = plan
        try:
            for step in path[:-1]:
                container = container[step]
            container[path[-1]] = value
        except (KeyError, IndexError, TypeError):  # an earlier mutation replaced the way there
            continue
    result = engine_lint.lint_text("/buffers/plan.json", json.dumps(plan), LintConfig(rules=rules_by_id()))
    assert result.errors == []


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


# --- conditionals: one variant per branch, as Fn::If (issue 14, item 3) ---------------------------

GOOGLE_CLIENT = tf('supported_identity_providers = var.google ? ["COGNITO", "Google"] : ["COGNITO"]')


def test_a_conditional_is_linted_per_branch_and_the_finding_says_which():
    """The reproduction: no Google provider in the module, so one branch fails to deploy."""
    findings = lint_text(GOOGLE_CLIENT, "main.tf", select=["CG501"])
    assert ids_and_lines(findings) == [("CG501", 8, 59)]
    assert span_text(findings[0], GOOGLE_CLIENT) == '"Google"'
    assert findings[0].message.endswith("(when var.google is true)")
    sources = load_clients(parse(GOOGLE_CLIENT))
    assert [(v.client.conditions, v.client.SupportedIdentityProviders) for v in sources[0].variants] == [
        ({"var.google": False}, ["COGNITO"]), ({"var.google": True}, ["COGNITO", "Google"])]


def test_what_every_branch_shares_is_one_finding_without_a_condition():
    text = tf('''
allowed_oauth_flows_user_pool_client = true
allowed_oauth_flows = ["implicit"]
allowed_oauth_scopes = ["openid"]
callback_urls = var.prod ? ["https://app.fabrikam.io/cb"] : ["http://dev.fabrikam.io/cb", "http://localhost/cb"]
default_redirect_uri = var.prod ? null : "http://dev.fabrikam.io/cb"
''')
    findings = lint_text(text, "main.tf", select=["CG106", "CG202", "CG207"])
    assert [(f.rule_id, span_text(f, text), f.message.endswith("(when var.prod is false)")) for f in findings] == [
        ("CG106", '"implicit"', False), ("CG202", '"http://dev.fabrikam.io/cb"', True),
        ("CG207", '"http://localhost/cb"', True), ("CG202", '"http://dev.fabrikam.io/cb"', True)]
    assert "(when" not in findings[0].message


def test_conditions_that_cannot_hold_together_are_never_combined():
    """`!var.prod` is the opposite of `var.prod`, and `var.env` is "prod" or "dev", not both."""
    consistent = tf('''
callback_urls = var.prod ? ["https://a.fabrikam.io/cb"] : ["https://b.fabrikam.io/cb"]
default_redirect_uri = !var.prod ? "https://b.fabrikam.io/cb" : "https://a.fabrikam.io/cb"
logout_urls = var.env == "prod" ? ["https://a.fabrikam.io"] : (var.env == "dev" ? ["http://localhost"] : [])
''')
    assert lint_text(consistent, "main.tf", select=["CG201"]) == []
    clients = [v.client for v in load_clients(parse(consistent))[0].variants]
    assert len(clients) == 2 * 3  # var.prod (2) times var.env (prod, dev, neither)
    swapped = consistent.replace('!var.prod ? "https://b', 'var.prod ? "https://b')
    findings = lint_text(swapped, "main.tf", select=["CG201"])
    assert len(findings) == 2 and all("(when var.prod is" in f.message for f in findings)


def test_a_parenthesised_or_nested_conditional_points_at_its_branch():
    text = tf('allowed_oauth_flows = var.a ? ["code"] : (\n  var.b ? ["implicit"] : ["client_credentials"]\n)\n'
              'allowed_oauth_flows_user_pool_client = true\nallowed_oauth_scopes = ["openid"]\n'
              'callback_urls = ["https://app.fabrikam.io/cb"]')
    findings = lint_text(text, "main.tf", select=["CG106"])
    assert [span_text(f, text) for f in findings] == ['"implicit"']
    assert findings[0].message.endswith("(when var.a is false and var.b is true)")


def test_beyond_the_cap_conditionals_stay_unknown():
    """As CloudFormation's conditions: more combinations than MAX_COMBINATIONS and every
    conditional is unknown (no finding, no variant)."""
    from linter.loaders.conditions import MAX_COMBINATIONS

    many = MAX_COMBINATIONS.bit_length()  # 2**7 > 64
    lines = [f'callback_urls = [{", ".join(f"var.c{i} ? {chr(34)}http://h{i}.fabrikam.io/cb{chr(34)} : {chr(34)}https://h.io/cb{chr(34)}" for i in range(many))}]']
    text = tf("\n".join(lines))
    assert 2 ** many > MAX_COMBINATIONS and len(load_clients(parse(text))[0].variants) == 1
    assert lint_text(text, "main.tf", select=["CG202"]) == []
    fewer = tf(lines[0].replace(f", var.c{many - 1} ?", ", var.c0 ?"))  # the same condition twice: 2**6
    assert len(lint_text(fewer, "main.tf", select=["CG202"])) == many


def test_the_json_syntax_evaluates_a_whole_conditional_string_per_branch(tmp_path):
    """In a .tf.json file the branches are inside one string: the finding points at the argument."""
    text = json.dumps({"resource": {"aws_cognito_user_pool_client": {"web": {
        "name": "web", "user_pool_id": "us-east-1_abc",
        "explicit_auth_flows": '${var.legacy ? ["ADMIN_NO_SRP_AUTH"] : ["ALLOW_USER_SRP_AUTH"]}',
        "prevent_user_existence_errors": '${var.strict ? "enabled" : "LEGACY"}'}}}}, indent=1)
    findings = lint_written(tmp_path / "main.tf.json", text, ["CG402", "CG005"])
    assert [(f.rule_id, span_text(f, text), f.message.split(" (when ")[-1]) for f in findings] == [
        ("CG402", '"explicit_auth_flows"', "var.legacy is true)"),
        ("CG005", '"prevent_user_existence_errors"', "var.strict is true)")]
    assert all(f.fix is None for f in findings)  # no fix rewrites the "${...}" string


# Generated trees of conditionals over two conditions, URLs at the leaves: a finding for each
# http URL at the leaf each combination reaches, at its item, saying the combinations that reach it.

_URLS = ["https://a.fabrikam.io/cb", "http://b.fabrikam.io/cb", "http://c.fabrikam.io/cb"]
_trees = st.recursive(
    st.lists(st.sampled_from(_URLS), max_size=3),
    lambda inner: st.tuples(st.sampled_from(["var.a", "var.b", "!var.a"]), inner, inner), max_leaves=4)


def _render(tree, out: list, leaves: list, path=()):
    if isinstance(tree, list):
        out.append("[")
        for index, url in enumerate(tree):
            out.append(", " if index else "")
            leaves.append((path, index, url, sum(map(len, out))))
            out.append(json.dumps(url))
        out.append("]")
        return
    condition, if_true, if_false = tree
    out.append(f"{condition} ? ")
    _render(if_true, out, leaves, path + ((condition, True),))
    out.append(" : ")
    _render(if_false, out, leaves, path + ((condition, False),))


def _holds(facts, assignment) -> bool:
    """Whether an assignment of var.a and var.b takes a leaf's branch choices."""
    for condition, value in facts:
        actual = not assignment["var.a"] if condition == "!var.a" else assignment[condition]
        if actual != value:
            return False
    return True


@settings(max_examples=80, deadline=None)
@given(tree=_trees)
def test_generated_conditionals_report_each_branch_once_with_its_conditions(tree):
    out, leaves = [], []
    _render(tree, out, leaves)
    expression = "".join(out)
    text = tf(f"callback_urls = {expression}")
    offset = text.index(expression)
    findings = lint_text(text, "main.tf", select=["CG202"])
    everyone = [{"var.a": a, "var.b": b} for a in (True, False) for b in (True, False)]
    expected = {}
    for path, index, url, column in leaves:
        reached = [a for a in everyone if _holds(path, a)]
        if url.startswith("http:") and reached:
            expected[offset + column] = reached
    got = {}
    for finding in findings:
        start = text.index("\n" * 0) + sum(len(l) for l in text.splitlines(keepends=True)[:finding.span.line - 1])
        got[start + finding.span.column - 1] = finding.message
    assert set(got) == set(expected), expression
    for position, message in got.items():
        reached = expected[position]
        when = re.search(r"\(when (.*)\)$", message)
        if when is None:
            assert len(reached) == len(everyone) or "?" not in expression
            continue
        facts = [tuple(f.split(" is ")) for f in when.group(1).split(" and ")]
        stated = [a for a in everyone if all(str(a[c] if not c.startswith("!") else not a[c[1:]]).lower() == v
                                             for c, v in facts)]
        assert stated == reached, (expression, message)


def test_condition_texts_are_read_as_comparisons_where_they_are_simple():
    """So that no combination is linted that no value of the variables gives."""
    from linter.loaders.conditions import possible_assignments
    from linter.loaders.terraform import _condition

    def possible(*names):
        return possible_assignments(list(names), {n: _condition(n) for n in names})

    assert possible("var.x", "!var.x") == [{"var.x": False, "!var.x": True}, {"var.x": True, "!var.x": False}]
    assert len(possible("var.x", "var.x == true", "var.x == false", "var.x != false")) == 2
    assert len(possible('var.env == "prod"', 'var.env == "dev"', 'var.env != "prod"')) == 3
    assert len(possible("var.a", "length(var.l) > 0", '!var.a == "x"')) == 8  # independent
    assert possible("true") == [{"true": True}]
