"""Property tests of the fixes over generated inputs: API payloads (JSON or YAML), CloudFormation
templates (YAML block or flow style, JSON), Terraform modules and PowerShell scripts (a call, on
one line or continued with backticks, or a splat), each client with a random mix of
fixable problems, written with comments, odd indentation, CRLF line endings and a byte-order mark.

After ``--fix --unsafe-fixes`` (and ``--fix`` alone): the file parses; no rule whose fix applied
fires on that client any more; no finding appears that was not there (by rule and client); each
pass changes only the lines its edits touch (every other line is kept, in order, byte for byte);
and a second run has nothing to fix.

The generators keep to combinations where one fix cannot uncover another rule's finding
(client_credentials with a custom scope, not a user scope CG103 would then report; the OAuth switch
left out only on clients with a secret, whose refresh tokens CG307 does not judge).
"""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.engine.lint import LintConfig, lint_text
from linter.fixes import apply as fixer
from linter.loaders.registry import parse
from linter.parsers.edits import apply_text_edits, text_digest
from support import rules_by_id

CONFIG = LintConfig(rules=rules_by_id())
URLS = ["https://a.acme-corp.io/cb", "http://a.acme-corp.io/cb", "https://a.acme-corp.io/cb2"]


# --- clients ------------------------------------------------------------------------------------

@st.composite
def clients(draw, api: bool = False) -> dict:
    """API fields of one client, with some fixable problems."""
    secret = draw(st.booleans())
    fields: dict = {}
    if api and secret and draw(st.booleans()):
        fields["GenerateSecret"] = "true"  # CG003
    else:
        fields["GenerateSecret"] = secret
    oauth = draw(st.sampled_from(["none", "on", "switch-omitted"] if secret else ["none", "on"]))
    if oauth != "none":
        flows = draw(st.sampled_from([["code"], ["implicit"], ["implicit", "code"]]
                                     + ([["code", "client_credentials"]] if secret else [])))
        if oauth == "switch-omitted" and "implicit" in flows:
            flows = ["code"]
        if oauth == "on":
            fields["AllowedOAuthFlowsUserPoolClient"] = True
        fields["AllowedOAuthFlows"] = flows
        fields["AllowedOAuthScopes"] = ["api/read"] if "client_credentials" in flows else ["openid"]
        callbacks = draw(st.lists(st.sampled_from(URLS), min_size=1, max_size=3))
        fields["CallbackURLs"] = callbacks
        default = draw(st.sampled_from([None, callbacks[0], "https://a.acme-corp.io/home"]))
        if default:
            fields["DefaultRedirectURI"] = default
    flows_choice = draw(st.sampled_from(["omit", "allow", "srp-only", "legacy"]))
    if flows_choice == "allow":
        fields["ExplicitAuthFlows"] = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    elif flows_choice == "srp-only":
        fields["ExplicitAuthFlows"] = ["ALLOW_USER_SRP_AUTH"]
    elif flows_choice == "legacy":
        fields["ExplicitAuthFlows"] = draw(st.sampled_from([["ADMIN_NO_SRP_AUTH"], ["CUSTOM_AUTH_FLOW_ONLY"],
                                                            ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY"]]))
    prevent = draw(st.sampled_from([None, "ENABLED", "LEGACY", "enabled"]))
    if prevent:
        fields["PreventUserExistenceErrors"] = prevent
    revocation = draw(st.sampled_from([None, True, False]))
    if revocation is not None:
        fields["EnableTokenRevocation"] = revocation
    if draw(st.booleans()):
        fields["AccessTokenValidity"] = "60" if api and draw(st.booleans()) else 60
        fields["TokenValidityUnits"] = {"AccessToken": draw(st.sampled_from(["minutes", "Minutes"]))}
    fields["WriteAttributes"] = ["name"]
    order = draw(st.permutations(list(fields)))
    return {key: fields[key] for key in order}


@st.composite
def styles(draw) -> dict:
    return {"indent": draw(st.sampled_from([2, 3, 4])), "flow_lists": draw(st.booleans()),
            "comments": draw(st.booleans()), "crlf": draw(st.booleans()), "bom": draw(st.booleans()),
            "quote": draw(st.sampled_from(["", "'", '"'])), "json_indent": draw(st.sampled_from([None, 1, 2, 4, "\t"]))}


def yaml_scalar(value, quote: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value in ("true", "60"):
        return f"'{value}'"
    return f"{quote}{value}{quote}" if quote else value


def yaml_mapping(fields: dict, level: int, style: dict) -> list[str]:
    pad = " " * (style["indent"] * level)
    lines = []
    for index, (key, value) in enumerate(fields.items()):
        comment = f"  # {key.lower()}" if style["comments"] and index % 2 else ""
        if style["comments"] and index == 1:
            lines.append(f"{pad}# a comment line")
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:{comment}")
            lines += yaml_mapping(value, level + 1, style)
        elif isinstance(value, list) and style["flow_lists"]:
            lines.append(f"{pad}{key}: [{', '.join(yaml_scalar(v, style['quote'] or chr(39)) for v in value)}]{comment}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:{comment}")
            lines += [f"{pad}{' ' * style['indent']}- {yaml_scalar(v, style['quote'])}" for v in value]
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(value, style['quote'])}{comment}")
    return lines


def finish(text: str, style: dict) -> bytes:
    if style["crlf"]:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if style["bom"] else b"") + text.encode()


@st.composite
def payloads(draw) -> tuple[str, bytes]:
    fields = {"UserPoolId": "us-east-1_Ab12Cd34E", "ClientName": "web", **draw(clients(api=True))}
    style = draw(styles())
    if draw(st.booleans()):
        return "payload.json", finish(json.dumps(fields, indent=style["json_indent"]) + "\n", style)
    head = "# generated payload\n" if style["comments"] else ""
    return "payload.yaml", finish(head + "\n".join(yaml_mapping(fields, 0, style)) + "\n", style)


@st.composite
def templates(draw) -> tuple[str, bytes]:
    style = draw(styles())
    count = draw(st.integers(1, 2))
    resources = {"UserPool": {"Type": "AWS::Cognito::UserPool"}}
    for index in range(count):
        props = {"UserPoolId": {"Ref": "UserPool"}, **draw(clients())}
        resources[f"Client{index}"] = {"Type": "AWS::Cognito::UserPoolClient", "Properties": props}
    if draw(st.booleans()):
        return "template.json", finish(json.dumps({"Resources": resources}, indent=style["json_indent"]) + "\n", style)
    lines = ["AWSTemplateFormatVersion: '2010-09-09'"] + (["# generated template"] if style["comments"] else [])
    unit = " " * style["indent"]
    lines.append("Resources:")
    lines += [f"{unit}UserPool:", f"{unit * 2}Type: AWS::Cognito::UserPool"]
    for index in range(count):
        props = resources[f"Client{index}"]["Properties"]
        lines += [f"{unit}Client{index}:", f"{unit * 2}Type: AWS::Cognito::UserPoolClient"]
        if draw(st.booleans()):  # flow style
            body = ", ".join(f"{k}: " + ("!Ref UserPool" if k == "UserPoolId" else _flow(v)) for k, v in props.items())
            lines.append(f"{unit * 2}Properties: {{{body}}}")
        else:
            lines.append(f"{unit * 2}Properties:")
            rest = {k: v for k, v in props.items() if k != "UserPoolId"}
            lines.append(f"{unit * 3}UserPoolId: !Ref UserPool")
            lines += yaml_mapping(rest, 3, style)
    return "template.yaml", finish("\n".join(lines) + "\n", style)


def _flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and ":" in value:
        return f"'{value}'"
    return yaml_scalar(value, "")


TF_NAMES = {"GenerateSecret": "generate_secret", "AllowedOAuthFlowsUserPoolClient": "allowed_oauth_flows_user_pool_client",
            "AllowedOAuthFlows": "allowed_oauth_flows", "AllowedOAuthScopes": "allowed_oauth_scopes",
            "CallbackURLs": "callback_urls", "DefaultRedirectURI": "default_redirect_uri",
            "ExplicitAuthFlows": "explicit_auth_flows", "PreventUserExistenceErrors": "prevent_user_existence_errors",
            "EnableTokenRevocation": "enable_token_revocation", "AccessTokenValidity": "access_token_validity",
            "WriteAttributes": "write_attributes"}


@st.composite
def modules(draw) -> tuple[str, bytes]:
    style = draw(styles())
    fields = draw(clients())
    unit = "\t" if style["indent"] == 3 else " " * style["indent"]
    lines = ['resource "aws_cognito_user_pool" "pool" {', f'{unit}name = "users"', "}", "",
             'resource "aws_cognito_user_pool_client" "web" {', f'{unit}name         = "web"',
             f"{unit}user_pool_id = aws_cognito_user_pool.pool.id"]
    for key, value in fields.items():
        comment = "  # set" if style["comments"] and key.startswith("A") else ""
        if key == "TokenValidityUnits":
            lines += [f"{unit}token_validity_units {{", f'{unit * 2}access_token = "{value["AccessToken"]}"', f"{unit}}}"]
        else:
            lines.append(f"{unit}{TF_NAMES[key]} = {json.dumps(value)}{comment}")
    lines.append("}")
    return "main.tf", finish("\n".join(lines) + "\n", style)


PS_NAMES = {"GenerateSecret": "GenerateSecret", "AllowedOAuthFlowsUserPoolClient": "AllowedOAuthFlowsUserPoolClient",
            "AllowedOAuthFlows": "AllowedOAuthFlow", "AllowedOAuthScopes": "AllowedOAuthScope",
            "CallbackURLs": "CallbackURLs", "DefaultRedirectURI": "DefaultRedirectURI",
            "ExplicitAuthFlows": "ExplicitAuthFlow", "PreventUserExistenceErrors": "PreventUserExistenceError",
            "EnableTokenRevocation": "EnableTokenRevocation", "AccessTokenValidity": "AccessTokenValidity",
            "WriteAttributes": "WriteAttribute"}


def ps_value(value, argument_mode: bool, quote: str) -> str:
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if len(value) == 1 or not argument_mode:
            return "@(" + ", ".join(ps_value(v, False, quote or "'") for v in value) + ")"
        return ",".join(ps_value(v, True, quote) for v in value)
    if not quote and argument_mode and value.replace("_", "").isalnum():
        return value
    return f"{quote or chr(39)}{value}{quote or chr(39)}"


@st.composite
def scripts(draw) -> tuple[str, bytes]:
    style = draw(styles())
    fields = {"UserPoolId": "us-east-1_Ab12Cd34E", "ClientName": "web", **draw(clients(api=True))}
    fields.pop("TokenValidityUnits", None)
    quote = style["quote"]
    if draw(st.booleans()):  # a splat
        unit = " " * style["indent"]
        body = [f"{unit}{PS_NAMES.get(k, k)} = {ps_value(v, False, quote)}" for k, v in fields.items()]
        lines = ["$params = @{"] + body + ["}", "New-CGIPUserPoolClient @params"]
    else:
        arguments = [f"-{PS_NAMES.get(k, k)} {ps_value(v, True, quote)}" for k, v in fields.items()]
        if draw(st.booleans()):  # one argument a line, backtick-continued
            lines = ["New-CGIPUserPoolClient `"] + [f"    {a} `" for a in arguments[:-1]] + [f"    {arguments[-1]}"]
        else:
            lines = ["New-CGIPUserPoolClient " + " ".join(arguments)]
    if style["comments"]:
        lines.insert(0, "# generated script")
    return "deploy.ps1", finish("\n".join(lines) + "\n", style)


# --- the properties -----------------------------------------------------------------------------

def lint(name: str, data: bytes) -> list:
    return [f for f in lint_text(name, data, CONFIG).findings if f.file == name]


def check_fixing(tmp_path, filename: str, data: bytes, unsafe: bool) -> None:
    path = tmp_path / filename
    name = str(path)
    findings = lint(name, data)
    keys = {(f.rule_id, f.client) for f in findings}
    fixed_keys = {(f.rule_id, f.client) for f in findings if fixer.applicable(f, unsafe)}
    text = data.decode("utf-8-sig")
    current, pending = text, [f for f in findings if fixer.applicable(f, unsafe)]
    for _ in range(fixer.MAX_PASSES):
        edits, changes, _ = fixer.plan_pass(pending)
        if not edits:
            break
        after = apply_text_edits(current, edits)
        assert_only_touched_lines_change(current, after, edits)
        parse(name, after.encode())  # parses
        current = after
        pending = [f for f in lint(name, current.encode()) if fixer.applicable(f, unsafe)]
    assert not pending, "fixes left after the last pass"
    left_keys = {(f.rule_id, f.client) for f in lint(name, current.encode())}
    assert not left_keys - keys, f"new findings: {left_keys - keys}\n{current}"
    assert not fixed_keys & left_keys, f"fixed rules still firing: {fixed_keys & left_keys}\n{current}"
    # The same through the fixer itself, on the file: the byte-order mark and the line endings
    # stay, and a second run changes nothing.
    path.write_bytes(data)
    change = fixer.fix_file(name, findings, text_digest(text), unsafe, True, lambda p, t: lint(p, t.encode()))
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    assert written.decode("utf-8-sig") == current
    if change is not None and b"\r\n" in data:
        assert written.count(b"\n") == written.count(b"\r\n")
    assert not [f for f in lint(name, written) if fixer.applicable(f, unsafe)]
    assert fixer.fix_file(name, lint(name, written), text_digest(current), unsafe) is None


def assert_only_touched_lines_change(before: str, after: str, edits) -> None:
    """Every line no edit touches is in ``after``, byte for byte and in order."""
    lines = before.splitlines(keepends=True)
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line)
    untouched = [line for line, start in zip(lines, starts)
                 if not any(e.start <= start + len(line) and start <= e.end for e in edits)]
    remaining = iter(after.splitlines(keepends=True))
    for line in untouched:
        assert any(line == candidate for candidate in remaining), f"line changed or lost: {line!r}"


COMMON = settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@COMMON
@given(case=payloads(), unsafe=st.booleans())
def test_fixing_generated_payloads(tmp_path, case, unsafe):
    check_fixing(tmp_path, *case, unsafe)


@COMMON
@given(case=templates(), unsafe=st.booleans())
def test_fixing_generated_templates(tmp_path, case, unsafe):
    check_fixing(tmp_path, *case, unsafe)


@COMMON
@given(case=scripts(), unsafe=st.booleans())
def test_fixing_generated_powershell(tmp_path, case, unsafe):
    check_fixing(tmp_path, *case, unsafe)


@COMMON
@given(case=modules(), unsafe=st.booleans())
def test_fixing_generated_terraform(tmp_path, case, unsafe):
    check_fixing(tmp_path, *case, unsafe)
