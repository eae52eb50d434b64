"""CG501–CG508 (identity providers and attributes): fixtures that trigger with line/column, and near
misses. CG501, CG502 and CG505 look at the identity providers of the template (their peer-suite, CDK
and corpus oracles, shared with CG108 and CG109, are in test_cross_resource.py)."""
import json

import pytest

from linter.model.service import STANDARD_ATTRIBUTES
from linter.rule_helpers import attributes
from support import (POOL, api_payload as api, at, cfn, client, ids_and_lines, lint_cross_resource as mine, lint_text,
                     provider, span_text)


def imported(template: str) -> str:
    """The same client with a pool that is not in the template (its Schema unknown)."""
    assert "UserPoolId: !Ref UserPool" in template
    return template.replace("UserPoolId: !Ref UserPool", "UserPoolId: us-east-1_imported")


def item_at(text: str, item: str) -> tuple[int, int]:
    """(line, column) of the first list item written as ``"item"`` (JSON) or ``- item`` (YAML)."""
    for number, line in enumerate(text.splitlines(), 1):
        for form in (f'"{item}"', f"- {item}"):
            if line.strip().rstrip(",") == form:
                return number, line.index(form) + (3 if form.startswith("- ") else 1)
    raise AssertionError(f"{item} not in text")


# --- CG501 unknown-identity-provider ------------------------------------------------------------

def test_cg501_social_provider_without_provider_resource():
    text = POOL + client("SupportedIdentityProviders: [COGNITO, Google]")
    findings = lint_text(text, select=["CG501"])
    assert ids_and_lines(findings) == [("CG501", *at(text, "Google"))]
    assert span_text(findings[0], text) == "Google"
    assert "no AWS::Cognito::UserPoolIdentityProvider named 'Google'" in findings[0].message


def test_cg501_suggests_the_provider_with_another_letter_case_json():
    template = {"Resources": {
        "P": {"Type": "AWS::Cognito::UserPool"},
        "Okta": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "P"}, "ProviderName": "Okta", "ProviderType": "OIDC"}},
        "X": {"Type": "AWS::Cognito::UserPoolClient", "DependsOn": "Okta", "Properties": {
            "UserPoolId": {"Ref": "P"}, "SupportedIdentityProviders": ["okta", "Cognito"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG501"])
    assert ids_and_lines(findings) == [("CG501", *at(text, '"okta"')), ("CG501", *at(text, '"Cognito"'))]
    assert "did you mean 'Okta'?" in findings[0].message
    assert "did you mean 'COGNITO'?" in findings[1].message


def test_cg501_names_the_condition_branch():
    text = ("Conditions:\n  UseGoogle: !Equals [!Ref Google, 'yes']\n" + POOL
            + client("SupportedIdentityProviders: !If [UseGoogle, [COGNITO, Google], [COGNITO]]"))
    findings = lint_text(text, select=["CG501"])
    assert len(findings) == 1 and findings[0].message.endswith("(when UseGoogle is true)")
    assert span_text(findings[0], text) == "Google"


def test_cg501_silent_when_defined_referenced_imported_or_unknown():
    defined = POOL + provider() + client("SupportedIdentityProviders: [COGNITO, Google]", depends_on="GoogleIdP")
    assert mine(defined) == []
    by_ref = POOL + provider() + client("SupportedIdentityProviders: [!Ref GoogleIdP]")
    assert mine(by_ref) == []
    for pool in ("us-east-1_AbCdEf123", "!Ref PoolIdParam", "!ImportValue SharedPoolId"):
        assert lint_text(POOL + client("SupportedIdentityProviders: [Google]", pool=pool), select=["CG501"]) == []
    unknown_name = POOL + provider(provider_name="!Ref IdpName") + client("SupportedIdentityProviders: [Okta]")
    assert lint_text(unknown_name, select=["CG501"]) == []
    unknown_pool = POOL + provider(pool="!If [A, !Ref UserPool, !Ref X]") + client("SupportedIdentityProviders: [Okta]")
    assert lint_text(unknown_pool, select=["CG501"]) == []
    unknown_item = POOL + client("SupportedIdentityProviders: [COGNITO, !Ref IdpName, !Sub '${Env}-saml']")
    assert lint_text(unknown_item, select=["CG501"]) == []


def test_cg501_a_provider_of_another_pool_does_not_count():
    text = (POOL + "  OtherPool:\n    Type: AWS::Cognito::UserPool\n" + provider(pool="!Ref OtherPool")
            + client("SupportedIdentityProviders: [Google]"))
    assert [f.rule_id for f in mine(text)] == ["CG501"]

# --- CG502 missing-dependency-on-identity-provider ----------------------------------------------

def test_cg502_provider_name_without_dependency():
    text = POOL + provider() + client("SupportedIdentityProviders:\n  - COGNITO\n  - Google")
    findings = lint_text(text, select=["CG502"])
    line, column = at(text, "- Google")
    assert ids_and_lines(findings) == [("CG502", line, column + 2)]
    assert span_text(findings[0], text) == "Google"
    assert "Add DependsOn: GoogleIdP" in findings[0].message and "!Ref GoogleIdP" in findings[0].message


def test_cg502_json_saml_provider():
    template = {"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool"},
        "Saml": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ProviderName": "CorpSSO", "ProviderType": "SAML"}},
        "C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "SupportedIdentityProviders": ["CorpSSO"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG502"])
    assert ids_and_lines(findings) == [("CG502", *at(text, '"CorpSSO"', 2))]
    assert "defined by Saml" in findings[0].message


def test_cg502_silent_with_depends_on_or_a_reference():
    for deps in ("GoogleIdP", "[GoogleIdP]"):
        assert lint_text(POOL + provider() + client("SupportedIdentityProviders: [Google]", depends_on=deps),
                         select=["CG502"]) == []
    by_ref = POOL + provider() + client("SupportedIdentityProviders: [!Ref GoogleIdP, COGNITO]")
    assert mine(by_ref) == []
    name_and_ref = POOL + provider() + client("SupportedIdentityProviders: [Google]\nClientName: !Ref GoogleIdP")
    assert lint_text(name_and_ref, select=["CG502"]) == []


def test_cg502_silent_without_a_matching_provider_resource():
    assert lint_text(POOL + client("SupportedIdentityProviders: [Google, COGNITO]"), select=["CG502"]) == []
    imported = POOL + provider(pool="!Ref PoolIdParam") + client("SupportedIdentityProviders: [Google]",
                                                                  pool="!Ref PoolIdParam")
    assert mine(imported) == []


# --- CG503 unknown-read-attribute -----------------------------------------------------------------

def test_cg503_typo_in_read_attributes_cloudformation():
    text = cfn("ReadAttributes:\n  - email\n  - emial\n  - given_name")
    findings = lint_text(text, select=["CG503"])
    assert ids_and_lines(findings) == [("CG503", 10, 11)]
    assert span_text(findings[0], text) == "emial"
    assert "'emial' is not a standard user-pool attribute" in findings[0].message
    assert "Did you mean 'email'?" in findings[0].message


@pytest.mark.parametrize("kind", ["create", "update", "describe"])
def test_cg503_api_payloads(kind):
    text = api({"ReadAttributes": ["email", "phonenumber", "custom:tenant"]}, kind)
    findings = lint_text(text, f"{kind}.json", select=["CG503"])
    assert ids_and_lines(findings) == [("CG503", *item_at(text, "phonenumber"))]
    assert span_text(findings[0], text) == '"phonenumber"'
    assert "Did you mean 'phone_number'?" in findings[0].message


@pytest.mark.parametrize("name,hint", [
    ("Email", "Did you mean 'email'?"),
    ("username", "Did you mean 'preferred_username'?"),
    ("Custom:tenant", "Did you mean 'custom:tenant'?"),
    ("custom_tenant", "Did you mean 'custom:tenant'?"),
    ("department", "A custom attribute needs the prefix (custom:department)"),
    ("custom:", "Write the custom attribute's name after the prefix"),
])
def test_cg503_suggestions(name, hint):
    findings = lint_text(cfn(f"ReadAttributes: ['{name}']"), select=["CG503"])
    assert [f.rule_id for f in findings] == ["CG503"]
    assert hint in findings[0].message


def test_cg503_silent_for_standard_custom_and_unknown_entries():
    every_standard = ", ".join(STANDARD_ATTRIBUTES)
    assert lint_text(cfn(f"ReadAttributes: [{every_standard}]"), select=["CG503"]) == []
    # With an imported pool (its schema unknown) any custom attribute may exist.
    text = imported(cfn("ReadAttributes: ['custom:nosuch', 'dev:custom:legacy', !Ref Extra, !Sub '${Prefix}name']"))
    assert lint_text(text, select=["CG503"]) == []
    assert lint_text(cfn("ReadAttributes: !Ref Attributes"), select=["CG503"]) == []
    assert lint_text(cfn("WriteAttributes: [emial]"), select=["CG503"]) == []


# --- CG506 unknown-write-attribute ----------------------------------------------------------------

def test_cg506_typo_in_write_attributes_cloudformation():
    text = cfn("WriteAttributes: [name, familyname]")
    findings = lint_text(text, select=["CG506"])
    assert ids_and_lines(findings) == [("CG506", 8, 31)]
    assert span_text(findings[0], text) == "familyname"
    assert "Did you mean 'family_name'?" in findings[0].message
    assert "Invalid write attributes" in findings[0].message


def test_cg506_api_update_payload():
    text = api({"WriteAttributes": ["zoneInfo"]}, "update")
    findings = lint_text(text, "update.json", select=["CG506"])
    assert ids_and_lines(findings) == [("CG506", *item_at(text, "zoneInfo"))]
    assert "Did you mean 'zoneinfo'?" in findings[0].message


def test_cg506_silent_for_valid_names_and_unwritable_standard_ones():
    text = imported(cfn("WriteAttributes: [email, locale, 'custom:anything', 'dev:custom:x', email_verified, sub]"))
    assert lint_text(text, select=["CG506"]) == []
    assert lint_text(cfn("WriteAttributes: [!Ref Attribute]"), select=["CG506"]) == []
    assert lint_text(cfn("ReadAttributes: [familyname]"), select=["CG506"]) == []


# --- CG504 unwritable-attribute -------------------------------------------------------------------

def test_cg504_each_unwritable_attribute_cloudformation():
    text = cfn("WriteAttributes:\n  - email\n  - email_verified\n  - phone_number_verified\n  - sub")
    findings = lint_text(text, select=["CG504"])
    assert ids_and_lines(findings) == [("CG504", 10, 11), ("CG504", 11, 11), ("CG504", 12, 11)]
    assert [span_text(f, text) for f in findings] == ["email_verified", "phone_number_verified", "sub"]
    assert "Remove 'email_verified'" in findings[0].message
    assert "immutable identifier" in findings[2].message


@pytest.mark.parametrize("kind", ["create", "update", "describe"])
def test_cg504_api_payloads(kind):
    text = api({"WriteAttributes": ["name", "email_verified"]}, kind)
    findings = lint_text(text, f"{kind}.json", select=["CG504"])
    assert ids_and_lines(findings) == [("CG504", *item_at(text, "email_verified"))]
    assert span_text(findings[0], text) == '"email_verified"'


def test_cg504_silent_for_writable_and_read_only_lists():
    assert lint_text(cfn("WriteAttributes: [email, phone_number, 'custom:tier_name']"), select=["CG504"]) == []
    assert lint_text(cfn("ReadAttributes: [email_verified, phone_number_verified, sub]"), select=["CG504"]) == []
    assert lint_text(cfn("WriteAttributes: !Ref Attributes"), select=["CG504"]) == []
    assert lint_text(cfn("WriteAttributes: [Email_Verified]"), select=["CG504"]) == []  # CG506's


def test_cg504_names_the_condition_branch():
    text = ("Conditions:\n  Admin: !Equals [!Ref Mode, admin]\n"
            + cfn("WriteAttributes:\n  - email\n  - !If [Admin, email_verified, !Ref AWS::NoValue]"))
    findings = lint_text(text, select=["CG504"])
    assert len(findings) == 1
    assert findings[0].message.endswith("(when Admin is true)")
    assert span_text(findings[0], text) == "email_verified"


# --- CG505 mapped-attribute-not-writable --------------------------------------------------------

def test_cg505_mapped_attribute_not_writable():
    mapping = "{email: email, given_name: given_name, username: sub, email_verified: email_verified}"
    text = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [!Ref GoogleIdP]\nWriteAttributes: [given_name]")
    findings = lint_text(text, select=["CG505"])
    assert ids_and_lines(findings) == [("CG505", *at(text, "WriteAttributes"))]
    assert span_text(findings[0], text) == "WriteAttributes"
    assert findings[0].level == "warning"
    assert "'Google' (GoogleIdP) maps 'email'" in findings[0].message


def test_cg505_one_finding_per_attribute_naming_every_provider_json():
    template = {"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool"},
        "G": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ProviderName": "Google", "ProviderType": "Google",
            "AttributeMapping": {"email": "email", "name": "name"}}},
        "S": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ProviderName": "CorpSSO", "ProviderType": "SAML",
            "AttributeMapping": {"email": "http://schemas/email", "custom:dept": {"Ref": "DeptClaim"}}}},
        "C": {"Type": "AWS::Cognito::UserPoolClient", "DependsOn": ["G", "S"], "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "SupportedIdentityProviders": ["Google", "CorpSSO"],
            "WriteAttributes": ["name"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG505"])
    assert sorted(f.message.split(",")[0] for f in findings) == [
        "Identity provider 'CorpSSO' (S) maps 'custom:dept'",
        "Identity providers 'Google' (G) and 'CorpSSO' (S) map 'email'"]
    assert {span_text(f, text) for f in findings} == {'"WriteAttributes"'}


def test_cg505_silent_cases():
    mapping = "{email: email}"
    ok = POOL + provider(mapping=mapping) + client("SupportedIdentityProviders: [Google]\nWriteAttributes: [email]",
                                                   depends_on="GoogleIdP")
    assert mine(ok) == []
    omitted = POOL + provider(mapping=mapping) + client("SupportedIdentityProviders: [Google]", depends_on="GoogleIdP")
    assert mine(omitted) == []
    unknown_entry = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [Google]\nWriteAttributes: [name, !Ref Extra]", depends_on="GoogleIdP")
    assert mine(unknown_entry) == []
    unknown_list = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [Google]\nWriteAttributes: !Ref Writable", depends_on="GoogleIdP")
    assert mine(unknown_list) == []
    not_supported = POOL + provider(mapping=mapping) + client("SupportedIdentityProviders: [COGNITO]\nWriteAttributes: [name]")
    assert mine(not_supported) == []
    unknown_mapping = POOL + provider(mapping="!Ref Mapping") + client(
        "SupportedIdentityProviders: [Google]\nWriteAttributes: [name]", depends_on="GoogleIdP")
    assert mine(unknown_mapping) == []
    unknown_provider_item = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [!Ref IdpName]\nWriteAttributes: [name]")
    assert mine(unknown_provider_item) == []


# --- CG507 privileged-attribute-writable ----------------------------------------------------------

def test_cg507_privileged_custom_attributes_cloudformation():
    text = cfn("WriteAttributes:\n  - name\n  - 'custom:tenantId'\n  - 'custom:userRole'\n"
               "  - 'dev:custom:ADMIN'\n  - 'custom:nickname2'")
    findings = lint_text(text, select=["CG507"])
    assert ids_and_lines(findings) == [("CG507", 10, 11), ("CG507", 11, 11), ("CG507", 12, 11)]
    assert [span_text(f, text) for f in findings] == ["'custom:tenantId'", "'custom:userRole'", "'dev:custom:ADMIN'"]
    assert findings[0].level == "warning"
    assert "('tenantId')" in findings[0].message and "('role')" in findings[1].message


def test_cg507_api_payload():
    text = api({"WriteAttributes": ["email", "custom:plan"]})
    findings = lint_text(text, "c.json", select=["CG507"])
    assert ids_and_lines(findings) == [("CG507", *item_at(text, "custom:plan"))]
    assert "AdminUpdateUserAttributes" in findings[0].message


def test_cg507_option_replaces_the_list():
    text = cfn("WriteAttributes: ['custom:role', 'custom:department']")
    findings = lint_text(text, select=["CG507"], options={"CG507": {"privileged-attributes": ["department"]}})
    assert ids_and_lines(findings) == [("CG507", 8, 40)]
    assert span_text(findings[0], text) == "'custom:department'"
    findings = lint_text(text, select=["CG507"], options={"CG507": {"privileged-attributes": "department, role"}})
    assert len(findings) == 2


def test_cg507_silent_for_words_that_only_contain_a_term_and_for_read_attributes():
    text = cfn("WriteAttributes: ['custom:planet', 'custom:tiering', 'custom:groupie', role, 'custom:']")
    assert lint_text(text, select=["CG507"]) == []
    assert lint_text(cfn("ReadAttributes: ['custom:role']"), select=["CG507"]) == []
    assert lint_text(cfn("WriteAttributes: [!Sub 'custom:${Name}']"), select=["CG507"]) == []


# --- CG508 write-attributes-unrestricted ----------------------------------------------------------

def test_cg508_missing_write_attributes_points_at_the_client():
    text = cfn("ReadAttributes: [email]")
    findings = lint_text(text, select=["CG508"])
    assert ids_and_lines(findings) == [("CG508", 4, 3)]
    assert span_text(findings[0], text) == "WebClient"
    assert findings[0].level == "note"


def test_cg508_api_payloads():
    text = api({"ReadAttributes": ["email"]})
    findings = lint_text(text, "c.json", select=["CG508"])
    assert ids_and_lines(findings) == [("CG508", 1, 1)]
    # Describe output never shows GenerateSecret: whether users hold the tokens is unknown.
    assert lint_text(api({}, "describe"), "d.json", select=["CG508"]) == []


def test_cg508_only_in_the_branch_that_removes_the_list():
    text = ("Conditions:\n  Open: !Equals [!Ref Mode, open]\n"
            + cfn("WriteAttributes: !If [Open, !Ref AWS::NoValue, [name]]"))
    findings = lint_text(text, select=["CG508"])
    assert len(findings) == 1
    assert findings[0].message.endswith("(when Open is true)")


def test_cg508_silent_when_set_unknown_or_machine_to_machine():
    assert lint_text(cfn("WriteAttributes: [name]"), select=["CG508"]) == []
    assert lint_text(cfn("WriteAttributes: []"), select=["CG508"]) == []
    assert lint_text(cfn("WriteAttributes: !Ref Writable"), select=["CG508"]) == []
    text = cfn("GenerateSecret: true\nAllowedOAuthFlowsUserPoolClient: true\n"
               "AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: [api/read]")
    assert lint_text(text, select=["CG508"]) == []


# --- the helper ------------------------------------------------------------------------------------

def test_attribute_helper_words_and_terms():
    assert attributes.words("userRole") == ("user", "role")
    assert attributes.words("TENANT_ID") == ("tenant", "id")
    assert attributes.matching_term("tenant_id", ["tenant", "tenantId"]) == "tenantId"
    assert attributes.matching_term("planet", ["plan"]) is None
    assert attributes.custom_name("dev:custom:x") == "x"
    assert attributes.custom_name("custom:") is None
    assert attributes.suggestion("totally-unrelated-name") is None


# --- the parts that need the pool's Schema (the pool is in the same template) ------------------

POOL_TEMPLATE = """\
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      Schema:
        - Name: tenantId
          AttributeDataType: String
          Mutable: false
        - Name: language
          AttributeDataType: String
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: {pool}
      ReadAttributes: [email, custom:language, custom:nosuch]
      WriteAttributes: [custom:language, custom:tenantId, custom:other]
"""


def test_custom_attributes_must_be_declared_in_the_pool_schema():
    from support import lint_text, span_text

    text = POOL_TEMPLATE.format(pool="!Ref Pool")
    found = lint_text(text, select=["CG503", "CG504", "CG506"])
    assert [(f.rule_id, f.span.line, f.span.column) for f in found] == [
        ("CG503", 15, 48), ("CG504", 16, 42), ("CG506", 16, 59)]
    assert [span_text(f, text) for f in found] == ["custom:nosuch", "custom:tenantId", "custom:other"]
    assert "user pool Pool" in found[0].message and "custom:language" in found[0].message
    assert "Mutable: false" in found[1].message


def test_imported_pool_accepts_any_custom_attribute():
    from support import lint_text

    for pool in ("us-east-1_abc", "!ImportValue shared-pool", "!Ref PoolIdParam"):
        assert lint_text(POOL_TEMPLATE.format(pool=pool), select=["CG503", "CG504", "CG506"]) == []


def test_unreadable_schema_is_unknown():
    from support import lint_text

    text = POOL_TEMPLATE.replace("      Schema:\n", "      Schema: !If [C, [], []]\n      Other:\n").format(pool="!Ref Pool")
    assert lint_text(text, select=["CG503", "CG506"]) == []
