"""Pulumi YAML input: what the loader reads (names derived from Terraform's, values, unknowns,
config defaults), which documents it claims, where findings point, the words of messages, and that
secrets are never shown."""
from __future__ import annotations

import json

from linter.engine.redaction import Redactor
from linter.loaders import pulumi_yaml, registry
from linter.loaders.terraform import ARGUMENTS, BLOCKS
from linter.model import Template, Unknown
from support import ROOT, ids_and_lines, lint_text, span_text

HEAD = """\
name: auth
runtime: yaml
config:
  domain:
    type: string
    default: app.acme-corp.io
resources:
  pool:
    type: aws:cognito:UserPool
  web:
    type: aws:cognito:UserPoolClient
    properties:
      userPoolId: ${pool.id}
"""


def program(props: str, head: str = HEAD) -> str:
    """A program whose client ``web`` (line 10, column 3) has further properties from line 14, column 7."""
    return head + "".join("      " + line + "\n" for line in props.strip("\n").splitlines())


def sources_of(text: str, path: str = "Pulumi.yaml"):
    return registry.load(registry.parse(path, text.encode()))


def client_of(text: str):
    [source] = sources_of(text)
    return source.variants[0].client


def format_name(text: str, path: str = "Pulumi.yaml"):
    found = registry.format_of(registry.parse(path, text.encode()))
    return found.name if found else None


# --- names: Terraform's, in camelCase -------------------------------------------------------------

def test_every_terraform_argument_and_block_is_a_property_in_camel_case():
    assert len(pulumi_yaml.PROPERTIES) == len(ARGUMENTS) and len(pulumi_yaml.OBJECTS) == len(BLOCKS)
    assert pulumi_yaml.PROPERTIES["callbackUrls"] == "CallbackURLs"
    assert pulumi_yaml.PROPERTIES["allowedOauthFlowsUserPoolClient"] == "AllowedOAuthFlowsUserPoolClient"
    assert pulumi_yaml.PROPERTIES["defaultRedirectUri"] == "DefaultRedirectURI"
    assert pulumi_yaml.PROPERTIES["name"] == "ClientName"
    assert pulumi_yaml.OBJECTS["tokenValidityUnits"] == (
        "TokenValidityUnits", {"accessToken": "AccessToken", "idToken": "IdToken", "refreshToken": "RefreshToken"})
    assert pulumi_yaml.OBJECTS["refreshTokenRotation"][1]["retryGracePeriodSeconds"] == "RetryGracePeriodSeconds"
    assert pulumi_yaml.OBJECTS["analyticsConfiguration"][1]["userDataShared"] == "UserDataShared"


# --- what is read ---------------------------------------------------------------------------------

def test_properties_are_read_with_terraform_semantics():
    client = client_of(program('''
name: acme-web
generateSecret: "true"
refreshTokenValidity: "30"
accessTokenValidity: 15.0
explicitAuthFlows: [ALLOW_USER_SRP_AUTH]
tokenValidityUnits:
  refreshToken: days
  notAUnit: weeks
refreshTokenRotation:
  feature: ENABLED
region: eu-west-1
defaultRedirectUri: null
'''))
    assert client.kind == "terraform" and client.name == "web" and client.ClientName == "acme-web"
    assert client.GenerateSecret is True and client.RefreshTokenValidity == 30 and client.AccessTokenValidity == 15
    assert client.ExplicitAuthFlows == ["ALLOW_USER_SRP_AUTH"]
    assert client.TokenValidityUnits.RefreshToken == "days" and client.TokenValidityUnits.AccessToken is None
    assert client.RefreshTokenRotation.Feature == "ENABLED"
    assert "DefaultRedirectURI" not in client.present and "region" not in client.raw  # Pulumi's to check


def test_both_type_tokens_name_a_client_and_a_resource_read_with_get_is_skipped():
    text = HEAD + """\
  full:
    type: aws:cognito/userPoolClient:UserPoolClient
    properties:
      userPoolId: us-east-1_abc
  existing:
    type: aws:cognito:UserPoolClient
    get:
      id: us-east-1_abc/1example23456789
"""
    assert [(s.name, s.kind, s.anchor) for s in sources_of(text)] == [
        ("web", "terraform", ("resources", "web")), ("full", "terraform", ("resources", "full"))]


def test_an_omitted_name_is_pulumis_to_choose_and_properties_as_an_expression_say_nothing():
    client = client_of(program(""))
    assert isinstance(client.ClientName, Unknown)  # autonaming: no CG006
    assert lint_text(program("preventUserExistenceErrors: ENABLED"), "Pulumi.yaml", select=["CG006"]) == []
    [source] = sources_of(HEAD.replace("    properties:\n      userPoolId: ${pool.id}\n", "    properties: ${props}\n"))
    assert source.variants == []


def test_a_program_file_without_runtime_and_a_json_program_are_read():
    main = "resources:\n  web:\n    type: aws:cognito:UserPoolClient\n    properties: {userPoolId: p}\n"
    assert format_name(main, "Main.yaml") == "pulumi-yaml"
    as_json = json.dumps({"resources": {"web": {"type": "aws:cognito:UserPoolClient", "properties": {
        "userPoolId": "p", "callbackUrls": ["http://app.acme-corp.io/cb"]}}}})
    assert format_name(as_json, "Main.json") == "pulumi-yaml"
    [finding] = lint_text(as_json, "Main.json", select=["CG202"])
    assert ids_and_lines([finding]) == [("CG202", 1, as_json.index('"http:') + 1)]
    assert span_text(finding, as_json) == '"http://app.acme-corp.io/cb"'


# --- what is unknown --------------------------------------------------------------------------------

def test_interpolations_functions_and_config_are_unknown():
    client = client_of(program('''
name:
  fn::join: ["-", [acme, "${pulumi.stack}"]]
callbackUrls:
  - https://${domain}/cb
  - ${callback}
  - cost$$ and $${literal}
logoutUrls:
  fn::split: [",", "${urls}"]
allowedOauthFlows: ${flows}
tokenValidityUnits: ${units}
refreshTokenRotation:
  feature:
    fn::invoke:
      function: acme:getRotation
      return: feature
'''))
    assert isinstance(client.UserPoolId, Unknown) and client.UserPoolId.ref == "pool"  # a resource of the program
    assert isinstance(client.ClientName, Unknown) and not isinstance(client.ClientName, Template)
    first, second, third = client.CallbackURLs
    assert isinstance(first, Template) and first.known_prefix == "https://"
    assert first.parts[1].default == "app.acme-corp.io" and first.parts[1].parameter == "domain"
    assert isinstance(second, Unknown) and second.ref is None and second.default is None
    assert third == "cost$ and ${literal}"
    assert isinstance(client.LogoutURLs, Unknown) and isinstance(client.AllowedOAuthFlows, Unknown)
    assert isinstance(client.TokenValidityUnits, Unknown)
    assert isinstance(client.RefreshTokenRotation.Feature, Unknown)


def test_a_secret_config_entry_gives_no_default():
    head = HEAD.replace("    default: app.acme-corp.io\n", "    secret: true\n    default: app.acme-corp.io\n")
    client = client_of(program('callbackUrls: ["http://${domain}/cb"]', head))
    assert client.CallbackURLs[0].parts[1].default is None


def test_unknown_values_give_no_findings():
    text = program('''
allowedOauthFlowsUserPoolClient: ${oauth}
allowedOauthFlows: ${flows}
allowedOauthScopes: ["${scope}"]
callbackUrls: ["${scheme}://app/cb", "${url}"]
explicitAuthFlows:
  fn::split: [",", "${flows}"]
generateSecret: ${secret}
accessTokenValidity: ${minutes}
preventUserExistenceErrors: ${pue}
writeAttributes: ${attributes}
refreshTokenRotation:
  feature: ${rotation}
''')
    assert lint_text(text, "Pulumi.yaml") == []


# --- where findings point, in Pulumi's words ------------------------------------------------------

def test_findings_point_at_the_value_and_speak_pulumi():
    text = program('''
allowedOauthFlowsUserPoolClient: true
allowedOauthFlows: [code, implicit]
allowedOauthScopes: [openid]
callbackUrls:
  - https://app.acme-corp.io/cb
  - http://${domain}/cb
explicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN]
refreshTokenValidity: 0
accessTokenValidity: 3000
tokenValidityUnits:
  accessToken: minutes
''')
    findings = lint_text(text, "Pulumi.yaml", select=["CG106", "CG202", "CG005", "CG301", "CG303", "CG406", "CG307"])
    assert ids_and_lines(findings) == [("CG307", 10, 3), ("CG406", 10, 3), ("CG106", 15, 33), ("CG202", 19, 11),
                                       ("CG005", 20, 48), ("CG303", 21, 29), ("CG301", 22, 28)]
    by_rule = {f.rule_id: f for f in findings}
    assert span_text(by_rule["CG106"], text) == "implicit"
    assert span_text(by_rule["CG202"], text) == "http://${domain}/cb"
    assert by_rule["CG106"].message.startswith("allowedOauthFlows has implicit")
    assert "(with the default of config value domain)" in by_rule["CG202"].message
    assert span_text(by_rule["CG005"], text) == "ALLOW_REFRESH_TOKEN"
    assert "explicitAuthFlows[1]" in by_rule["CG005"].message and "aws:cognito:UserPoolClient" in by_rule["CG005"].message
    assert by_rule["CG303"].level == "error" and "pulumi preview fails" in by_rule["CG303"].message
    assert "tokenValidityUnits.accessToken" in by_rule["CG301"].message
    assert "Set preventUserExistenceErrors: ENABLED" in by_rule["CG406"].message
    assert "Set refreshTokenRotation: {feature: ENABLED}" in by_rule["CG307"].message
    assert all(f.kind == "terraform" and f.client == "web" for f in findings)


def test_a_member_of_an_object_points_at_the_member():
    text = program("refreshTokenRotation:\n  feature: ENABLED\n  retryGracePeriodSeconds: 90")
    [finding] = lint_text(text, "Pulumi.yaml", select=["CG004"])
    assert ids_and_lines([finding]) == [("CG004", 16, 34)] and span_text(finding, text) == "90"
    assert finding.message.startswith("refreshTokenRotation.retryGracePeriodSeconds")


def test_a_missing_pool_says_how_to_write_it():
    text = HEAD.replace("      userPoolId: ${pool.id}\n", "      name: web\n")
    [finding] = lint_text(text, "Pulumi.yaml", select=["CG006"])
    assert ids_and_lines([finding]) == [("CG006", 10, 3)]
    assert finding.message == ("aws:cognito:UserPoolClient requires userPoolId, and it is missing: "
                               "add userPoolId: ${<your aws:cognito:UserPool>.id}.")


def test_fixes_and_suppressions_work_in_the_program(tmp_path):
    from support import run_cli

    path = tmp_path / "Pulumi.yaml"
    path.write_text(program("allowedOauthFlows: [Code]   # keep me\npreventUserExistenceErrors: enabled\n"
                            "callbackUrls: [http://app.acme-corp.io/cb]  # cognito-lint: ignore=CG202 staging only"))
    result = run_cli("lint", "--fix", "--select", "CG005,CG202", str(path))
    assert "Fixed 2 problems in 1 file." in result.stderr, result.stderr
    fixed = path.read_text()
    assert "allowedOauthFlows: [code]   # keep me\n" in fixed and "preventUserExistenceErrors: ENABLED\n" in fixed
    assert result.returncode == 0  # the CG202 is suppressed


def test_a_fix_adds_the_properties_a_client_lacks(tmp_path):
    """(Objects and members added in Pulumi's names: tests/fixtures/fixes/pulumi/.)"""
    from support import run_cli

    path = tmp_path / "Pulumi.yaml"
    path.write_text("name: p\nruntime: yaml\nresources:\n  bare:\n    type: aws:cognito:UserPoolClient\n"
                    "  next:\n    type: aws:s3:Bucket\n")
    result = run_cli("lint", "--fix", "--unsafe-fixes", "--select", "CG406", str(path))
    assert "Fixed 1 problem in 1 file." in result.stderr, result.stderr
    assert path.read_text() == ("name: p\nruntime: yaml\nresources:\n  bare:\n    type: aws:cognito:UserPoolClient\n"
                                "    properties:\n      preventUserExistenceErrors: ENABLED\n"
                                "  next:\n    type: aws:s3:Bucket\n")


# --- which documents are Pulumi programs ------------------------------------------------------------

def test_other_documents_are_not_claimed():
    cfn = "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: p}\n"
    serverless_inline = ("service: s\nresources:\n  Resources:\n    C:\n      Type: AWS::Cognito::UserPoolClient\n"
                         "      Properties: {UserPoolId: p}\n")
    serverless_list = "service: s\nresources:\n  - ${file(c.yml)}\n"
    api = "UserPoolId: p\nClientName: web\nCallbackURLs: [https://a.io/cb]\n"
    tf_json = json.dumps({"resource": {"aws_cognito_user_pool_client": {"c": {"name": "c"}}}})
    assert [format_name(cfn), format_name(serverless_inline), format_name(serverless_list), format_name(api),
            format_name(tf_json, "c.tf.json")] == ["cloudformation", "cloudformation", "serverless", "api", "terraform"]
    # resources without the runtime or a Pulumi client: not a program of ours
    assert format_name("resources:\n  web:\n    type: aws:s3:Bucket\n") is None
    assert format_name("resources:\n  web:\n    image: nginx\n") is None
    # a program holding no client is recognised, and holds none
    assert sources_of("name: p\nruntime: yaml\nresources:\n  b:\n    type: aws:s3:Bucket\n") == []


def test_a_program_is_never_claimed_as_a_template():
    text = ("name: p\nruntime:\n  name: yaml\nresources:\n  Resources:\n    type: aws:s3:Bucket\n"
            "  web:\n    type: aws:cognito:UserPoolClient\n    properties: {userPoolId: p}\n")
    assert format_name(text) == "pulumi-yaml" and [s.name for s in sources_of(text)] == ["web"]


# --- secrets ----------------------------------------------------------------------------------------

SECRET = "Zq8VnT3kLw0pXc7RbM4sHd2yJf9GtA6uEe1oKi5"


def test_secrets_are_masked_and_references_stay_readable():
    text = f"""\
name: auth
runtime: yaml
config:
  googleClientSecret:
    type: string
  token:
    type: string
    secret: true
    default: {SECRET}-token
variables:
  google: {SECRET}-variable
resources:
  google:
    type: aws:cognito:IdentityProvider
    properties:
      providerDetails:
        client_id: id
        client_secret: ${{google}}
  web:
    type: aws:cognito:UserPoolClient
    properties:
      userPoolId: p
      clientSecret: {SECRET}-literal
      name:
        fn::secret: {SECRET}-fn
"""
    doc = registry.parse("Pulumi.yaml", text.encode())
    found = registry.secrets(doc)
    assert {SECRET + suffix for suffix in ("-token", "-variable", "-literal", "-fn")} <= found.values
    masked = Redactor(found).snippet(text, 0)
    assert SECRET not in masked and "client_secret: ${google}" in masked
    assert "googleClientSecret:\n    type: string\n" in masked  # the entry's value is the secret, not its type
    for line in ("    default: ", "  google: ", "      clientSecret: ", "        fn::secret: "):
        assert line + "*" * (len(SECRET) + 3) in masked


# --- the samples ------------------------------------------------------------------------------------

def test_sample_programs_lint_as_documented():
    good = (ROOT / "sample_configs" / "good" / "Pulumi.yaml").read_text()
    bad = (ROOT / "sample_configs" / "bad" / "Pulumi.yaml").read_text()
    assert lint_text(good, "Pulumi.yaml") == []
    assert {f.rule_id for f in lint_text(bad, "Pulumi.yaml")} >= {"CG106", "CG107", "CG202", "CG301", "CG404", "CG406"}


# --- the rest of the program: the cross-resource rules ------------------------------------------

CONTEXT = '''name: auth
runtime: yaml
resources:
  users:
    type: aws:cognito:UserPool
    properties:
      schemas:
        - {name: tenantId, attributeDataType: String, mutable: false}
  google:
    type: aws:cognito:IdentityProvider
    properties: {userPoolId: "${users.id}", providerName: Google, providerType: Google}
  api:
    type: aws:cognito:ResourceServer
    properties:
      userPoolId: ${users.id}
      identifier: https://api.contoso.io
      scopes: [{scopeName: read, scopeDescription: Read}]
  web:
    type: aws:cognito:UserPoolClient
    properties:
      userPoolId: ${users.id}
      allowedOauthFlowsUserPoolClient: true
      allowedOauthFlows: [code]
      allowedOauthScopes: [openid, https://api.contoso.io/write]
      callbackUrls: [https://app.contoso.io/cb]
      supportedIdentityProviders: [COGNITO, Google, Facebook]
      readAttributes: [email, custom:tenant]
      writeAttributes: [name, custom:tenantId]
'''


def test_the_pool_its_providers_and_servers_are_read_from_the_program():
    findings = lint_text(CONTEXT, "Pulumi.yaml", select=["CG108", "CG109", "CG501", "CG502", "CG503", "CG504"])
    assert ids_and_lines(findings) == [("CG108", 24, 36), ("CG109", 24, 36), ("CG502", 26, 45), ("CG501", 26, 53),
                                       ("CG503", 27, 31), ("CG504", 28, 31)]
    by_rule = {f.rule_id: f for f in findings}
    assert "resource server api does not declare a scope 'write' (it declares: read)" in by_rule["CG108"].message
    assert "no aws:cognito:IdentityProvider named 'Facebook' in this program" in by_rule["CG501"].message
    assert "Add options: {dependsOn: [${google}]} to the client" in by_rule["CG502"].message
    assert "custom:tenantId" in by_rule["CG503"].message and "mutable: false" in by_rule["CG504"].message


def test_what_the_client_interpolates_or_depends_on_is_waited_for():
    waits = CONTEXT.replace("Google, Facebook]", "'${google.providerName}']").replace(
        "      writeAttributes: [name, custom:tenantId]\n", "    options:\n      dependsOn: ['${api}']\n")
    assert lint_text(waits, "Pulumi.yaml", select=["CG109", "CG502", "CG501"]) == []


def test_a_pool_the_program_cannot_tell_keeps_the_rules_that_need_it_silent():
    for changed in (CONTEXT.replace('properties: {userPoolId: "${users.id}"', 'properties: {userPoolId: "${poolId}"'),
                    CONTEXT.replace('properties: {userPoolId: "${users.id}"', "properties: {userPoolId: {fn::invoke: x}")):
        assert lint_text(changed, "Pulumi.yaml", select=["CG501"]) == []  # the provider may be the client's pool's
    other_pool = CONTEXT.replace("      userPoolId: ${users.id}\n      allowedOauthFlowsUserPoolClient",
                                 "      userPoolId: us-east-1_Ab12Cd34E\n      allowedOauthFlowsUserPoolClient")
    assert lint_text(other_pool, "Pulumi.yaml", select=["CG108", "CG501", "CG503", "CG504"]) == []


def test_a_dependency_is_added_to_options(tmp_path):
    from support import run_cli

    for options, expected in [("", "    options:\n      dependsOn:\n        - ${google}\n"),
                              ("    options: {protect: true}\n", "    options: {protect: true, dependsOn: ['${google}']}\n"),
                              ("    options:\n      dependsOn: ['${api}']\n",
                               "    options:\n      dependsOn: ['${api}', '${google}']\n")]:
        path = tmp_path / "Pulumi.yaml"
        path.write_text(CONTEXT.replace(", Facebook]", "]") + options)
        assert run_cli("lint", "--fix", "--select", "CG502", str(path)).returncode == 0
        assert path.read_text() == CONTEXT.replace(", Facebook]", "]") + expected
