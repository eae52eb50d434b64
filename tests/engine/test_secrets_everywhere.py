"""A secret bound to a secret-bearing field or parameter never reaches any output: every input kind,
wherever the literal is written (its own line, a line with other findings, a parameter's Default, a
Mappings entry, a serverless include, a PowerShell variable or abbreviated parameter, a Terraform
variable, a Pulumi secret config entry or variable), in every output format, in baseline files, with
suppressed findings shown, every line as ``--diff`` shows it; and a file that cannot be parsed shows no value at all."""
from __future__ import annotations

import json
import pathlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.engine import baseline
from linter.engine.lint import LintConfig, lint_file, secret_masker
from linter.reporters import FORMATS, RunInfo, render
from support import rules_by_id

SECRET = "Zq8VnT3kLw0pXc7RbM4sHd2yJf9GtA6uEe1oKi5"

#: name → files (path → text), each binding SECRET to a secret somewhere; the first file is linted.
CASES = {
    "api-create-oneline.json": {"a.json": json.dumps({"UserPoolId": "us-east-1_abc", "ClientName": "c",
                                                       "ClientSecret": SECRET, "AllowedOAuthFlows": ["implicit"]})},
    "api-update.yaml": {"u.yaml": f"UserPoolId: us-east-1_abc\nClientId: abc\nClientSecret: {SECRET}\n"},
    "url-password.json": {"a.json": json.dumps({  # not a client secret, but a credential all the same
        "UserPoolId": "us-east-1_abc", "ClientName": "c", "AllowedOAuthFlows": ["code"],
        "CallbackURLs": [f"http://deploy:{SECRET}@app.contoso.io/cb"],
        "DefaultRedirectURI": f"https://deploy:{SECRET}@example.com/x"})},
    "fix-title-repeats-a-url.json": {"a.json": json.dumps({  # CG209's fix: "Remove the repeated '<url>'"
        "UserPoolId": "us-east-1_abc", "ClientName": "c", "AllowedOAuthFlows": ["code"], "ClientSecret": SECRET,
        "CallbackURLs": [f"https://deploy:{SECRET}@app.contoso.io/cb"] * 2 + [f"https://app.contoso.io/cb?k={SECRET}"] * 2})},
    "suppression-reason.yaml": {"t.yaml": (  # the reasons of a Metadata suppression (an alias) and of a comment
        f"Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: x\n"
        f"      ClientSecret: &s {SECRET}\n      AllowedOAuthFlows: [implicit]  # cognito-lint: ignore=CG106 {SECRET}\n"
        "      CallbackURLs: [https://a.io/cb]\n    Metadata:\n      cognito-lint: {ignore: [CG002, CG307], reason: *s}\n")},
    "client-named-as-its-secret.json": {"a.json": json.dumps({
        "UserPoolId": "us-east-1_abc", "ClientName": SECRET, "ClientSecret": SECRET, "AllowedOAuthFlows": ["implicit"]})},
    "ssm-parameter-value.yaml": {"t.yaml": (
        f"Resources:\n  Key:\n    Type: AWS::SSM::Parameter\n    Properties: {{Type: String, Value: {SECRET}}}\n"
        "  G:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties:\n      ProviderDetails:\n"
        "        client_secret: !GetAtt Key.Value\n  C:\n    Type: AWS::Cognito::UserPoolClient\n"
        "    Properties: {UserPoolId: x, AllowedOAuthFlows: [implicit]}\n")},
    "tf-ssm-parameter-value.tf": {"main.tf": (
        f'resource "aws_ssm_parameter" "key" {{\n  value = "{SECRET}"\n}}\n'
        'resource "aws_cognito_identity_provider" "g" {\n'
        '  provider_details = { client_secret = aws_ssm_parameter.key.value }\n}\n'
        'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "p"\n'
        '  allowed_oauth_flows = ["implicit"]\n}\n')},
    "tf-module-input": {
        "main.tf": (f'module "idp" {{\n  source = "./idp"\n  google_oauth = "{SECRET}"\n}}\n'
                    'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "p"\n'
                    '  allowed_oauth_flows = ["implicit"]\n}\n'),
        "idp/main.tf": ('variable "google_oauth" {}\nresource "aws_cognito_identity_provider" "g" {\n'
                        '  provider_details = { client_secret = var.google_oauth }\n}\n')},
    "serverless-v4-stage-params": {"serverless.yml": (
        f"service: s\nstages:\n  default:\n    params: {{appKey: {SECRET}}}\nresources:\n  Resources:\n    C:\n"
        "      Type: AWS::Cognito::UserPoolClient\n      Properties:\n        UserPoolId: x\n"
        "        ClientSecret: ${param:appKey}\n        AllowedOAuthFlows: [implicit]\n")},
    "describe.json": {"d.json": json.dumps({"UserPoolClient": {"UserPoolId": "us-east-1_abc", "ClientName": "c",
                                                                 "ClientSecret": SECRET, "CallbackURLs": ["http://x.io/cb"]}})},
    "cfn-param-default-oneline.json": {"t.json": json.dumps({
        "Parameters": {"Key": {"Type": "String", "Default": SECRET}},
        "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": "x", "ClientSecret": {"Ref": "Key"}, "AllowedOAuthFlows": ["implicit"]}}}})},
    "cfn-findinmap-flow.yaml": {"t.yaml": (
        f"Mappings: {{Keys: {{prod: {{web: {SECRET}}}}}}}\nResources: {{C: {{Type: AWS::Cognito::UserPoolClient, "
        "Properties: {UserPoolId: x, ClientSecret: !FindInMap [Keys, prod, web], AllowedOAuthFlows: [implicit]}}}\n")},
    "cfn-join-if.yaml": {"t.yaml": (
        "Conditions:\n  P: !Equals [a, a]\nResources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n"
        f"    Properties: {{UserPoolId: x, ClientSecret: !If [P, !Join ['', [{SECRET[:20]}, {SECRET[20:]}]], {SECRET}]}}\n")},
    "serverless-include": {
        "serverless.yml": "service: s\nresources:\n  - ${file(resources/c.yml)}\n",
        "resources/c.yml": (f"Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {{UserPoolId: x, "
                            f"ClientSecret: !Sub '{SECRET}', AllowedOAuthFlows: [implicit]}}  # cognito-lint: ignore=CG106\n")},
    "serverless-self-inline": {"serverless.yml": (
        "service: s\nresources:\n  Resources:\n    C:\n      Type: AWS::Cognito::UserPoolClient\n      Properties:\n"
        "        UserPoolId: x\n        ClientSecret: ${self:custom.keys.web}\n        AllowedOAuthFlows: [implicit]\n"
        f"custom:\n  keys: {{web: {SECRET}}}\n")},
    "serverless-self-from-include": {
        "serverless.yml": f"service: s\ncustom:\n  appKey: {SECRET}\nresources:\n  - ${{file(resources/c.yml)}}\n",
        "resources/c.yml": ("Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: x, "
                            "ClientSecret: '${self:custom.appKey}', AllowedOAuthFlows: [implicit]}\n")},
    "serverless-fallback-and-param": {"serverless.yml": (
        "service: s\nparams:\n  prod: {appKey: other-secret-value}\n  default:\n    appKey: " + SECRET + "\n"
        "resources:\n  Resources:\n    C:\n      Type: AWS::Cognito::UserPoolClient\n      Properties:\n"
        "        UserPoolId: x\n        ClientSecret: ${param:appKey}\n        AllowedOAuthFlows: [implicit]\n"
        "    D:\n      Type: AWS::Cognito::UserPoolClient\n      Properties:\n        UserPoolId: x\n"
        "        ClientSecret: ${env:APP_KEY, self:custom.appKey}\n        AllowedOAuthFlows: [implicit]\n"
        f"custom:\n  appKey: {SECRET}\n")},
    "cfn-findinmap-key-by-ref.yaml": {"t.yaml": (
        f"Parameters:\n  Stage: {{Type: String}}\nMappings:\n  prod:\n    google: {{oauth: {SECRET}}}\n"
        "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: x\n"
        "      ClientSecret: !FindInMap [!Ref Stage, google, oauth]\n      AllowedOAuthFlows: [implicit]\n")},
    "ps-prefix-and-splat.ps1": {"c.ps1": (
        f"$p = @{{ UserPoolId = 'p'; ClientS = '{SECRET}'; AllowedOAuthFlow = 'implicit' }}\n"
        f"New-CGIPUserPoolClient @p -ClientName c -ClientSecr '{SECRET}' -AllowedOAuthScope openid\n")},
    "ps-variable.ps1": {"c.ps1": (f"$k = '{SECRET}'; New-CGIPUserPoolClient -UserPoolId p -ClientName c "
                                  "-ClientSecret $k -AllowedOAuthFlow implicit\n")},
    "ps-unbound-password.ps1": {"c.ps1": (f"$pw = '{SECRET}'; New-CGIPUserPoolClient -UserPoolId p -ClientName c "
                                          "-AllowedOAuthFlow implicit\n")},
    "tf-variable-and-provider.tf": {"main.tf": (
        f'variable "google" {{ default = "{SECRET}" }}\n'
        'resource "aws_cognito_identity_provider" "g" {\n'
        f'  provider_details = {{ client_id = "id", client_secret = var.google, private_key = "{SECRET}" }}\n}}\n'
        'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "p"\n'
        '  allowed_oauth_flows = ["implicit"] # ' + SECRET + '\n}\n')},
    "tf-variable-in-another-file": {
        "variables.tf": (f'variable "google_oauth" {{\n  default = "{SECRET}"\n}}\n'
                         'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "p"\n'
                         '  allowed_oauth_flows = ["implicit"]\n}\n'),
        "idp.tf": ('resource "aws_cognito_identity_provider" "g" {\n'
                   '  provider_details = { client_id = "id", client_secret = var.google_oauth }\n}\n')},
    "pulumi-config-and-variable.yaml": {"Pulumi.yaml": (
        f"name: p\nruntime: yaml\nconfig:\n  key:\n    type: string\n    secret: true\n    default: {SECRET}\n"
        f"variables:\n  google: {SECRET}\nresources:\n  g:\n    type: aws:cognito:IdentityProvider\n"
        "    properties:\n      providerDetails: {client_id: id, client_secret: '${google}'}\n"
        "  c:\n    type: aws:cognito:UserPoolClient\n    properties:\n      userPoolId: p\n"
        f"      allowedOauthFlows: [implicit]  # ${{key}} {SECRET}\n")},
}


def _outputs(root: pathlib.Path, name: str) -> str:
    """Everything every output format, a baseline file and the notices show for the case's first file."""
    files = CASES[name]
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return _everything(root, [root / relative for relative in files])


def _everything(root: pathlib.Path, paths) -> str:
    rules = rules_by_id()
    findings, said = [], []
    for path in paths:
        result = lint_file(str(path), LintConfig(rules=rules))
        findings += result.findings
        said += result.notices + result.verbose_notices + result.errors
    run = RunInfo(files=len(paths))
    shown = [render(fmt, findings, rules, run) for fmt in FORMATS]
    baseline.write(str(root / "baseline.json"), findings)
    shown.append((root / "baseline.json").read_text(encoding="utf-8"))
    for path in paths:  # every line as --diff would show it, before and after a fix
        text = path.read_text(encoding="utf-8")
        masked = secret_masker(str(path), text)
        offsets = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        shown += [masked(line, offset) for line, offset in zip(text.split("\n"), offsets)]
    return "\n".join(shown + said)


def _leaks(output: str, secret: str) -> list[str]:
    """Any 10 characters in a row of the secret (a CG604 message may show its first 4) found in ``output``:
    a secret written in pieces (``'{0}{1}' -f 'abc', 'def'``) must not show a piece either."""
    return sorted({secret[i:i + 10] for i in range(len(secret) - 9)} & _windows(output))


def _windows(output: str) -> set[str]:
    return {output[i:i + 10] for i in range(len(output) - 9)}


def _secrets(alphabet: str):
    """Generated secrets: text no output holds by chance, not even 10 characters of it (a digit
    after each generated character: 'ClientName' cannot be drawn), starting with K, ending with 9Q."""
    return st.text(alphabet, min_size=5, max_size=23).map(
        lambda middle: "K" + "".join(f"{c}{i % 10}" for i, c in enumerate(middle)) + "9Q")


def test_every_case_shows_findings_and_no_secret(tmp_path):
    for name in CASES:
        root = tmp_path / name
        root.mkdir()
        output = _outputs(root, name)
        assert "|" in output or "::" in output, name  # findings with snippets were rendered
        assert _leaks(output, SECRET) == [], name


def test_references_stay_readable_what_they_read_is_masked():
    """The loaders mark the text the secret is written in, not the reference that reads it."""
    from linter.engine.redaction import Redactor
    from linter.loaders import registry

    text = CASES["cfn-findinmap-flow.yaml"]["t.yaml"]
    doc = registry.parse("t.yaml", text.encode())
    masked = Redactor(registry.secrets(doc)).snippet(text, 0)
    assert "ClientSecret: !FindInMap [Keys, prod, web]" in masked
    assert "prod: {web: " + "*" * len(SECRET) + "}" in masked
    assert masked.count("*") == len(SECRET)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=_secrets("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_"),
       where=st.sampled_from(["direct", "sub", "join", "default", "mapping", "if", "comment-line",
                              "mapping-default"]),
       style=st.sampled_from(["block", "flow", "json"]))
def test_a_secret_written_anywhere_a_secret_field_reads_is_never_shown(tmp_path, secret, where, style):
    value = {"direct": secret, "sub": {"Fn::Sub": f"{secret}${{AWS::Region}}"},
             "join": {"Fn::Join": ["", [secret[:6], secret[6:]]]}, "default": {"Ref": "Key"},
             "mapping": {"Fn::FindInMap": ["Keys", "prod", "web"]},
             "if": {"Fn::If": ["P", secret, "other-secret-value"]}, "comment-line": secret,
             "mapping-default": {"Fn::FindInMap": ["Keys", "test", "web", {"DefaultValue": secret}]}}[where]
    template = {"Conditions": {"P": {"Fn::Equals": ["a", "a"]}},
                "Parameters": {"Key": {"Type": "String", "Default": secret}},
                "Mappings": {"Keys": {"prod": {"web": secret}}},
                "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
                    "UserPoolId": "x", "ClientSecret": value, "AllowedOAuthFlows": ["implicit", "code"],
                    "CallbackURLs": ["http://app.contoso.io/cb"]}}}}
    if style == "json":
        text, name = json.dumps(template), "t.json"  # one line: every finding shows the secret's line
    else:
        from ruamel.yaml import YAML

        import io
        stream = io.StringIO()
        yaml = YAML()
        yaml.default_flow_style = style == "flow"
        yaml.dump(template, stream)
        text, name = stream.getvalue(), "t.yaml"
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert _leaks(_everything(tmp_path, [tmp_path / name]), secret) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=_secrets("abcdefghijklmnopqrstuvwxyz0123456789"),
       parameter=st.sampled_from(["ClientSecret", "clientsecret", "ClientSecr", "ClientS", "clients"]),
       how=st.sampled_from(["argument", "colon", "splat", "variable", "here-string", "two-variables", "braced",
                            "scoped", "set-variable", "member", "member-index", "add-method", "ordered", "defaults",
                            "env", "function", "two-at-once", "format", "plus-equals", "new-variable", "quoted-member",
                            "item", "bare-word", "smart-quotes"]))
def test_powershell_secret_however_bound_is_never_shown(tmp_path, secret, parameter, how):
    call = "New-CGIPUserPoolClient -UserPoolId p -ClientName c -AllowedOAuthFlow implicit"
    script = {"argument": f"{call} -{parameter} '{secret}'\n",
              "colon": f"{call} -{parameter}:'{secret}'\n",
              "splat": f"$p = @{{ {parameter} = '{secret}' }}\n{call} @p\n",
              "variable": f"$v = \"{secret}\"\n{call} -{parameter} $v  # cognito-lint: ignore=CG999\n",
              "here-string": f"{call} -{parameter} @'\n{secret}\n'@\n",
              "two-variables": f"$k = '{secret}'; $v = $k\n{call} -{parameter} $v\n",
              "braced": f"${{v}} = '{secret}'\n{call} -{parameter} ${{v}}\n",
              "scoped": f"$script:v = '{secret}'\n{call} -{parameter} $script:v\n",
              "set-variable": f"Set-Variable -Name v -Value '{secret}'\n{call} -{parameter} $v\n",
              "member": f"$k = '{secret}'\n$p = @{{ ClientName = 'c' }}\n$p.{parameter} = $k\n{call} @p\n",
              "member-index": f"$p = @{{ ClientName = 'c' }}\n$p['{parameter}'] = '{secret}'\n{call} @p\n",
              # ways this reading does not follow: every string of the script is then masked
              "add-method": f"$p = @{{}}\n$p.Add('{parameter}', '{secret}')\n{call} @p\n",
              "ordered": f"$k = '{secret}'\n$p = [ordered]@{{ {parameter} = $k }}\n{call} @p\n",
              "defaults": f"$PSDefaultParameterValues['New-CGIPUserPoolClient:{parameter}'] = '{secret}'\n{call}\n",
              "env": f"$env:APP_KEY = '{secret}'; {call} -{parameter} $env:APP_KEY\n",
              "function": f"function Get-AppKey {{ '{secret}' }}\n{call} -{parameter} (Get-AppKey)\n",
              "two-at-once": f"$id, $k = 'x', '{secret}'\n{call} -{parameter} $k\n",
              "format": f"$k = '{{0}}{{1}}' -f '{secret[:6]}', '{secret[6:]}'\n{call} -{parameter} $k\n",
              "plus-equals": f"$k = '{secret[:6]}'\n$k += '{secret[6:]}'\n{call} -{parameter} $k\n",
              "new-variable": f"New-Variable -Value '{secret}' -Name k\n{call} -{parameter} $k\n",
              "quoted-member": f"$k = '{secret}'\n$p = @{{}}\n$p.'{parameter}' = $k\n{call} @p\n",
              "item": f"$k = '{secret}'\n$p = @{{}}\n$p.Item('{parameter}') = $k\n{call} @p\n",
              "bare-word": f"function Get-AppKey {{ Write-Output {secret} }}\n{call} -{parameter} (Get-AppKey)\n",
              "smart-quotes": f"$p = @{{}}\n$p.Add('{parameter}', \u2018{secret}\u2019)\n{call} @p\n"}[how]
    (tmp_path / "c.ps1").write_text(script, encoding="utf-8")
    assert _leaks(_everything(tmp_path, [tmp_path / "c.ps1"]), secret) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=_secrets("abcdefghijklmnopqrstuvwxyz0123456789"),
       read=st.sampled_from(["var.k", "local.k", "var.o.key", "local.o.key", 'var.o["key"]', 'lookup(var.o, "key")',
                             'try(local.o.key, "")', '"x${var.k}"']),
       syntax=st.sampled_from(["hcl", "json"]))
def test_terraform_secret_however_read_is_never_shown(tmp_path, secret, read, syntax):
    """An identity provider's secret read from a variable's default or a local, whole or in part,
    through a function or a template, in HCL or its JSON syntax."""
    holder = {"k": secret, "o": {"id": "123.apps.googleusercontent.com", "key": secret}}[read.split(".")[1][0]]
    client = {"name": "c", "user_pool_id": "p", "callback_urls": ["https://a.io/cb", "https://a.io/cb"]}
    if syntax == "hcl":
        literal = json.dumps(holder).replace('":', '" =')
        text = (f'variable "k" {{\n  default = {literal}\n}}\nvariable "o" {{\n  default = {literal}\n}}\n'
                f'locals {{\n  k = {literal}\n  o = {literal}\n}}\n'
                'resource "aws_cognito_identity_provider" "g" {\n'
                f'  provider_details = {{ client_id = "id", client_secret = {read} }}\n}}\n'
                'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "p"\n'
                '  callback_urls = ["https://a.io/cb", "https://a.io/cb"]\n}\n')
        name = "main.tf"
    else:
        reference = read[1:-1] if read.startswith('"') else "${" + read + "}"
        text = json.dumps({"variable": {"k": {"default": holder}, "o": {"default": holder}},
                           "locals": {"k": holder, "o": holder},
                           "resource": {"aws_cognito_identity_provider": {"g": {"provider_details": {
                               "client_id": "id", "client_secret": reference}}},
                               "aws_cognito_user_pool_client": {"c": client}}})
        name = "main.tf.json"
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert _leaks(_everything(tmp_path, [tmp_path / name]), secret) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=_secrets("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
       broken=st.sampled_from([
           "ClientSecret: '{s}\n", "ClientSecret: !{s}\n", "ClientSecret: *{s}\n", "{s}: x: y\n",
           '{{"ClientSecret": "{s}",}}', '{{"ClientSecret": "{s}" "x"}}', "New-CGIPUserPoolClient -ClientSecret '{s}\n",
           'resource "aws_cognito_user_pool_client" "c" {{\n  name = "{s}\n}}\n', "ClientSecret: [{s}\n"]))
def test_a_file_that_does_not_parse_shows_no_value(tmp_path, secret, broken):
    text = "UserPoolId: p\nClientName: c\n" + broken.format(s=secret)
    suffix = ".ps1" if "New-CGIP" in broken else ".tf" if "resource" in broken else ".json" if broken[0] == "{" else ".yaml"
    path = tmp_path / f"broken{suffix}"
    path.write_text(broken.format(s=secret) if suffix in (".json", ".tf", ".ps1") else text, encoding="utf-8")
    output = _everything(tmp_path, [path])
    assert "CG001" in output
    assert _leaks(output, secret) == []


def test_policy_messages_and_docs_never_quote_a_secret_field(tmp_path):
    from support import run_cli

    (tmp_path / ".cognito-lint.yaml").write_text(
        "policies:\n  - id: ACME001\n    name: secret-shape\n    summary: Secrets follow the house format.\n"
        f"    require:\n      ClientSecret: {{matches: 'x.*', not_one_of: ['{SECRET}']}}\n")
    (tmp_path / "c.yaml").write_text(
        f"Mappings: {{K: {{p: {{w: {SECRET}}}}}}}\nResources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n"
        "    Properties: {UserPoolId: x, ClientSecret: !FindInMap [K, p, w]}\n")
    for fmt in FORMATS:
        result = run_cli("lint", "--select", "ACME", "--format", fmt, "--fail-on", "never", "c.yaml", cwd=tmp_path)
        assert "ACME001" in result.stdout, result.stderr
        assert _leaks(result.stdout + result.stderr, SECRET) == [], fmt
    explained = run_cli("explain", "ACME001", cwd=tmp_path)
    assert "not shown" in explained.stdout and _leaks(explained.stdout, SECRET) == []


@settings(max_examples=200, deadline=None)
@given(key=st.sampled_from(["ClientSecret", "client_secret", "password_id", "secret_name", "SecretArn", "GenerateSecret",
                            "PublishSecretsInAWSSecretsManager", "api_key", "api_key_id", "private_key", "ClientId",
                            "token_credential_name", "pwd", "UserPoolId", "passwd", "SessionToken"]),
       prefix=st.sampled_from(["", "$", "  # ", "- "]), separator=st.sampled_from([": ", " = ", "="]))
def test_an_unread_assignment_is_masked_exactly_when_the_loaders_call_its_key_a_secret(key, prefix, separator):
    """The masking of text no loader read (a comment, an unused variable) and the loaders' reading of
    keys are one test (``is_secret_key``): they cannot drift apart."""
    from linter.engine.redaction import Redactor
    from linter.loaders.secrets import SecretText, is_secret_key

    line = f"{prefix}{key}{separator}'hunter22value'"
    masked = Redactor(SecretText()).snippet(line, 0)
    assert ("hunter22value" not in masked) == is_secret_key(key), masked
