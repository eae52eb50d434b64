"""The builders the tests share: where things are, rules by ID, linting a text or a file, running the
command line, the templates and payloads several rule families use, and spans' text.

Importable from every folder of tests/ (pyproject.toml: ``pythonpath = ["tests"]``)."""
from __future__ import annotations

import importlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
from typing import Iterable, Optional

from hypothesis import strategies as st

from linter.engine.findings import Finding
from linter.engine import lint as engine_lint
from linter.engine.lint import LintConfig, lint_file
from linter.model import Unknown
from linter.rule import Rule

# --- where things are ----------------------------------------------------------------------------

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
#: ../shared: the real-world corpus, the peer suite and the schemas (tests that need it carry the
#: ``shared`` marker and are skipped without it: tests/conftest.py).
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PEER = CORPUS / "peer-cdk-preflight"
REAL = CORPUS / "real"
_ID = re.compile(r'^ID\s*=\s*"([A-Z]+[0-9]+)"', re.M)


# --- rules by ID ---------------------------------------------------------------------------------

def builtin_rules() -> dict[str, Rule]:
    """Every module in rules/, by ID (imported directly: no entry points needed)."""
    rules = {}
    for path in sorted((ROOT / "rules").glob("cg*.py")):
        match = _ID.search(path.read_text(encoding="utf-8"))
        if match:
            module = importlib.import_module(f"linter.rules.{path.stem}")
            rules[match.group(1)] = Rule.from_module(module, "built-in")
    return rules


_RULES: Optional[dict[str, Rule]] = None


def rules_by_id(select: Optional[Iterable[str]] = None) -> dict[str, Rule]:
    global _RULES
    if _RULES is None:
        _RULES = builtin_rules()
    if select is None:
        return dict(_RULES)
    wanted = list(select)
    return {k: v for k, v in _RULES.items() if any(k.startswith(p) for p in wanted)}


# --- linting -------------------------------------------------------------------------------------

def lint_path(path, select: Optional[Iterable[str]] = None, options: Optional[dict] = None) -> list[Finding]:
    """Lint the file at ``path`` with the selected built-in rules (every one by default)."""
    return lint_file(str(path), LintConfig(rules=rules_by_id(select), options=options or {})).findings


def lint_written(path: pathlib.Path, text: str, select: Optional[Iterable[str]] = None,
                 options: Optional[dict] = None) -> list[Finding]:
    """Write ``text`` to ``path`` and lint that file with the selected rules."""
    path.write_text(text, encoding="utf-8")
    return lint_path(path, select, options)


def lint_text(text: str, filename: str = "template.yaml", select: Optional[Iterable[str]] = None,
              options: Optional[dict] = None) -> list[Finding]:
    """Write ``text`` to a temporary ``filename`` and lint it with the selected rules."""
    with tempfile.TemporaryDirectory() as tmp:
        return lint_written(pathlib.Path(tmp) / filename, text, select, options)


def lint_buffer(text: str | bytes, path: str = "/buffers/template.yaml", select: Optional[Iterable[str]] = None,
                options: Optional[dict] = None) -> list[Finding]:
    """Lint ``text`` as the content of ``path`` without writing it anywhere (as the language server does)."""
    return engine_lint.lint_text(path, text, LintConfig(rules=rules_by_id(select), options=options or {})).findings


def lint_rules(text: str, rules: str | list[str], filename: str = "template.yaml",
               options: Optional[dict] = None) -> list[Finding]:
    """Lint ``text`` as ``filename`` with one rule (an ID) or several (a list of IDs or prefixes)."""
    return lint_text(text, filename, select=[rules] if isinstance(rules, str) else rules, options=options)


def run_cli(*args, cwd=None, env: Optional[dict] = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """``python -m linter ARGS`` as a user runs it (``-P``: the installed package, not a source folder that
    happens to be the working directory), output captured as text; ``env`` adds to the environment."""
    return subprocess.run([sys.executable, "-P", "-m", "linter", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout)


# --- findings and spans --------------------------------------------------------------------------

def span_text(finding: Finding, text: str) -> str:
    """The source text a finding's span covers."""
    lines = text.splitlines(keepends=True)
    span = finding.span
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1: span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1:]]
    parts += lines[span.line: span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "".join(parts)


def ids_and_lines(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.span.line, f.span.column) for f in findings]


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the n-th occurrence of ``needle``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def leaves(value, path=()):
    """(path, leaf value) for every scalar in ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    else:
        yield path, value


# --- one client: a CloudFormation template, API payloads, a Terraform module ---------------------

CFN_CLIENT = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
{props}"""


def cfn(props: str, conditions: str = "") -> str:
    """A template with a pool and a client whose further properties start on line 8, column 7 (after
    ``conditions``, when given)."""
    return conditions + CFN_CLIENT.format(
        props="".join("      " + line + "\n" for line in props.strip("\n").splitlines()))


def api_json(**fields) -> str:
    """An API payload, one field per line (line 2 holds the first field), 2-space indent."""
    return json.dumps(fields, indent=2) + "\n"


def api_payload(fields: dict, kind: str = "create") -> str:
    """An API payload of a kind (create, update, describe) as indented JSON (one property per line)."""
    head = {"create": {"UserPoolId": "us-east-1_abc", "ClientName": "web"},
            "update": {"UserPoolId": "us-east-1_abc", "ClientId": "1example23456789"},
            "describe": {"UserPoolId": "us-east-1_abc", "ClientName": "web", "ClientId": "1example23456789"}}[kind]
    body = {**head, **fields}
    if kind == "describe":
        body = {"UserPoolClient": body}
    return json.dumps(body, indent=2) + "\n"


TF_CLIENT = '''\
resource "aws_cognito_user_pool" "pool" {
  name = "users"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
{props}}}
'''


def tf(props: str) -> str:
    """A pool and a client whose further arguments start on line 8, column 3."""
    return TF_CLIENT.replace("{props}}}", "".join("  " + line + "\n" for line in props.strip("\n").splitlines()) + "}")


# --- a client among other resources: the cross-resource rules ------------------------------------

CROSS_RESOURCE_RULES = ["CG108", "CG109", "CG501", "CG502", "CG505"]

POOL = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
"""


def client(props: str, depends_on: str = "", pool: str = "!Ref UserPool") -> str:
    """A client resource named WebClient with the given property lines (YAML, 6-space indented)."""
    body = "".join("      " + line + "\n" for line in props.strip("\n").splitlines())
    dep = f"    DependsOn: {depends_on}\n" if depends_on else ""
    return f"  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n{dep}    Properties:\n      UserPoolId: {pool}\n{body}"


def server(name: str = "ApiServer", identifier: str = "api", scopes: str = "[{ScopeName: read, ScopeDescription: r}]",
           pool: str = "!Ref UserPool") -> str:
    return (f"  {name}:\n    Type: AWS::Cognito::UserPoolResourceServer\n    Properties:\n"
            f"      UserPoolId: {pool}\n      Identifier: {identifier}\n      Name: n\n      Scopes: {scopes}\n")


def provider(name: str = "GoogleIdP", provider_name: str = "Google", mapping: str = "{email: email}",
             pool: str = "!Ref UserPool") -> str:
    return (f"  {name}:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties:\n"
            f"      UserPoolId: {pool}\n      ProviderName: {provider_name}\n      ProviderType: Google\n"
            f"      ProviderDetails: {{client_id: id, client_secret: s, authorize_scopes: openid}}\n"
            f"      AttributeMapping: {mapping}\n")


def lint_cross_resource(text: str, filename: str = "template.yaml") -> list[Finding]:
    """``text`` linted with the five cross-resource rules."""
    return lint_text(text, filename, select=CROSS_RESOURCE_RULES)


# --- rule documentation --------------------------------------------------------------------------

_BLOCK = re.compile(r"^## (Example|Fix)\n.*?```yaml\n(.*?)```", re.S | re.M)


def doc_fixture(rule_id: str, section: str) -> str:
    """The YAML of a rule's ``## Example`` or ``## Fix`` section, as a whole template."""
    doc = rules_by_id([rule_id])[rule_id].docs
    blocks = {name: body for name, body in _BLOCK.findall(doc)}
    body = blocks[section]
    if body.startswith("Type:"):  # a whole resource
        return "Resources:\n  UserPool:\n    Type: AWS::Cognito::UserPool\n  WebClient:\n" + "".join(
            "    " + line + "\n" for line in body.splitlines())
    return cfn(body)


# --- generated lists with unresolved items (the property tests of the rule families) -------------

UNKNOWN = object()  # stands for an unresolved value in the generated lists


def items(names):
    return st.lists(st.sampled_from(names + [UNKNOWN]), max_size=4)


def listish(names):
    return st.one_of(st.none(), st.just(UNKNOWN), items(names))


def materialize(value):
    if value is UNKNOWN:
        return Unknown("Ref Param")
    if isinstance(value, list):
        return [materialize(v) for v in value]
    return value


def known(value) -> list:
    return [v for v in value if v is not UNKNOWN] if isinstance(value, list) else []


# --- a local Cognito API (cognito-lint audit) ----------------------------------------------------

def deployed_finding(rule_id: str = "CG406", level: str = "warning", setting: str = "PreventUserExistenceErrors",
                     message: str = "PreventUserExistenceErrors is LEGACY: errors reveal which users exist.",
                     client_name: str = "web") -> Finding:
    """A finding about a deployed client, as `cognito-lint audit` reports it."""
    from linter.engine.findings import DeployedClient
    from linter.parsers.document import Span

    where = DeployedClient(account="123456789012", region="eu-west-1", user_pool="eu-west-1_AbCdEf123",
                           client_id="4k3j2h1g0f9e8d7c6b5a4z3y2x", client_name=client_name, setting=setting)
    return Finding(rule_id, level, message, where.qualified_name, Span(3, 5, 3, 20), client=client_name,
                   kind="api-describe", fingerprint=f"{rule_id}-{setting}", deployed=where)


class LocalCognito:
    """moto's Cognito (and STS) API on 127.0.0.1, on a free port, in a thread of this process, behind
    a fault injector: ``faults`` is a list of dicts {region?, operation?, pool?, client?, code,
    message?, times?} and a request matching one (region from the SigV4 scope, operation from
    X-Amz-Target, pool and client from the JSON body) gets that error in the awsJson1.1 shape, as
    AWS answers (``times``: only that many requests).  ``operations`` lists every API operation
    received (the read-only check).  moto and werkzeug are imported only here."""

    def __init__(self):
        import logging
        import threading

        from moto.moto_server.werkzeug_app import (DomainDispatcherApplication, MotoRequestHandler,
                                                   create_backend_app)
        from werkzeug.serving import make_server

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.faults: list[dict] = []
        self.hits: list[tuple] = []
        self.operations: list[str] = []
        self._lock = threading.Lock()
        self._app = DomainDispatcherApplication(create_backend_app)
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=MotoRequestHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="local-cognito", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(10)
        self._server.server_close()

    def client(self, service: str = "cognito-idp", region: str = "us-east-1", **credentials):
        import boto3

        credentials = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        return boto3.client(service, region_name=region, endpoint_url=self.url, **credentials)

    def env(self, **more) -> dict:
        """The environment of a `cognito-lint audit` run against this server: test credentials, no
        profile, config file or endpoint of the machine's."""
        clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        return {**clean, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull,
                "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_EC2_METADATA_DISABLED": "true", **more}

    def _wsgi(self, environ, start_response):
        import io

        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.rpartition(".")[2]
        if not operation and environ.get("REQUEST_METHOD") == "POST" and not environ.get("PATH_INFO", "").startswith("/moto-api"):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)
            operation = dict(pair.split("=", 1) for pair in body.decode().split("&") if "=" in pair).get("Action", "")
        if operation:
            with self._lock:
                self.operations.append(operation)
        if not target.startswith("AWSCognitoIdentityProviderService."):
            return self._app(environ, start_response)
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        region = authorization.split("Credential=")[1].split("/")[2] if "Credential=" in authorization else ""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        params = json.loads(body or b"{}") or {}
        request = {"region": region, "operation": operation, "pool": params.get("UserPoolId"),
                   "client": params.get("ClientId")}
        with self._lock:
            fault = next((f for f in self.faults if f.get("times", 1) > 0
                          and all(f.get(k) in (None, v) for k, v in request.items())), None)
            if fault is not None and "times" in fault:
                fault["times"] -= 1
            if fault is not None:
                self.hits.append((region, operation, fault["code"]))
        if fault is None:
            return self._app(environ, start_response)
        payload = json.dumps({"__type": fault["code"], "message": fault.get("message", fault["code"])}).encode()
        start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.1"),
                                           ("x-amzn-ErrorType", fault["code"]),
                                           ("x-amzn-RequestId", "fault-injected"),
                                           ("Content-Length", str(len(payload)))])
        return [payload]


# The account the audit tests read (tests/audit/conftest.py serves it):
#
# - us-east-1: pool ``shop`` (custom attributes, a resource server, an identity provider) with a clean
#   client and one client per rule, each breaking that one rule; pool ``big`` with 65 clients (two
#   pages of ListUserPoolClients), the last of which breaks CG406;
# - eu-west-1: pool ``partners``: a client with a secret and its twin without one, a client breaking CG209;
# - ap-southeast-2: pool ``denied``, whose region answers AccessDenied (``AUDIT_FAULTS``);
# - ap-east-1: a region the account has not enabled (UnrecognizedClientException).

AUDIT_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "ap-east-1"]
AUDIT_API = "https://api.acme-corp.io"

#: A client without findings (a public SPA with the code flow); rule clients change one setting.
CLEAN_CLIENT = {
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"],
    "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 0},
    "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": True,
    "ReadAttributes": ["email", "name"], "WriteAttributes": ["name"],
    "AllowedOAuthFlows": ["code"], "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthScopes": ["openid", "email"],
    "CallbackURLs": ["https://shop.acme-corp.io/callback"], "LogoutURLs": ["https://shop.acme-corp.io/"],
    "SupportedIdentityProviders": ["COGNITO"],
    "AccessTokenValidity": 60, "IdTokenValidity": 60, "RefreshTokenValidity": 30,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "AuthSessionValidity": 3, "EnablePropagateAdditionalUserContextData": False,
}

#: Client name → (the one rule it breaks, the settings that break it), in pool ``shop``.
RULE_CLIENTS = {
    "implicit-spa": ("CG106", {"AllowedOAuthFlows": ["implicit"]}),
    "admin-scope": ("CG107", {"AllowedOAuthScopes": ["openid", "aws.cognito.signin.user.admin"]}),
    "stale-scope": ("CG108", {"AllowedOAuthScopes": ["openid", f"{AUDIT_API}/orders.write"]}),
    "bad-default": ("CG201", {"DefaultRedirectURI": "https://shop.acme-corp.io/elsewhere"}),
    "http-callback": ("CG202", {"CallbackURLs": ["http://shop.acme-corp.io/callback"]}),
    "fragment": ("CG203", {"CallbackURLs": ["https://shop.acme-corp.io/callback#top"]}),
    "wildcard": ("CG206", {"CallbackURLs": ["https://*.acme-corp.io/callback"]}),
    "placeholder": ("CG208", {"CallbackURLs": ["https://app.example.com/callback"]}),
    "no-revocation": ("CG304", {"EnableTokenRevocation": False}),
    "password-flow": ("CG403", {"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]}),
    "legacy-errors": ("CG406", {"PreventUserExistenceErrors": "LEGACY"}),
    "gone-idp": ("CG501", {"SupportedIdentityProviders": ["COGNITO", "Google", "Facebook"]}),
    "unknown-read": ("CG503", {"ReadAttributes": ["email", "custom:nickname"]}),
    "immutable-write": ("CG504", {"WriteAttributes": ["name", "custom:signup_source"]}),
}
#: The findings of a whole audit, by client name (every other client is clean).
AUDIT_EXPECTED = {**{name: {rule} for name, (rule, _) in RULE_CLIENTS.items()},
                  "big-last": {"CG406"}, "duplicate-url": {"CG209"},
                  "partner-backend": {"CG406"}, "partner-public": {"CG406", "CG307"}}
BIG_POOL_CLIENTS = 65


class AuditWorld:
    """What the tests created: IDs by name, and the secret no output may show."""

    def __init__(self):
        self.pools: dict[str, str] = {}  # name → ID
        self.regions: dict[str, str] = {}  # pool name → region
        self.clients: dict[str, tuple[str, str]] = {}  # client name → (pool ID, client ID)
        self.secret = ""

    def pool_arn(self, name: str) -> str:
        return f"arn:aws:cognito-idp:{self.regions[name]}:123456789012:userpool/{self.pools[name]}"


def build_audit_world(server: LocalCognito) -> AuditWorld:
    """The account of the audit tests (see AUDIT_REGIONS above)."""
    world = AuditWorld()

    def pool(region, name, **settings):
        created = server.client(region=region).create_user_pool(PoolName=name, **settings)["UserPool"]
        world.pools[name], world.regions[name] = created["Id"], region
        return created["Id"]

    def client(region, pool_id, name, **settings):
        created = server.client(region=region).create_user_pool_client(
            UserPoolId=pool_id, ClientName=name, **settings)["UserPoolClient"]
        world.clients[name] = (pool_id, created["ClientId"])
        return created

    us = server.client(region="us-east-1")
    shop = pool("us-east-1", "shop", Schema=[
        {"Name": "email", "AttributeDataType": "String", "Mutable": True},
        {"Name": "name", "AttributeDataType": "String", "Mutable": True},
        {"Name": "signup_source", "AttributeDataType": "String", "Mutable": False},
        {"Name": "nickname2", "AttributeDataType": "String", "Mutable": True}])
    us.create_resource_server(UserPoolId=shop, Identifier=AUDIT_API, Name="orders",
                              Scopes=[{"ScopeName": "orders.read", "ScopeDescription": "read orders"}])
    us.create_identity_provider(UserPoolId=shop, ProviderName="Google", ProviderType="Google",
                                ProviderDetails={"client_id": "g", "client_secret": "provider-secret-value",
                                                 "authorize_scopes": "openid email"})
    client("us-east-1", shop, "shop-clean", **CLEAN_CLIENT)
    for name, (_, settings) in RULE_CLIENTS.items():
        client("us-east-1", shop, name, **{**CLEAN_CLIENT, **settings})
    big = pool("us-east-1", "big")
    for index in range(BIG_POOL_CLIENTS - 1):
        client("us-east-1", big, f"big-{index:03}", **CLEAN_CLIENT)
    client("us-east-1", big, "big-last", **{**CLEAN_CLIENT, "PreventUserExistenceErrors": "LEGACY"})

    partners = pool("eu-west-1", "partners")
    # The same settings with and without a secret: CG307 (public clients rotate refresh tokens) tells
    # them apart, as the audit knows which client has a secret without keeping it.
    refreshing = {**{k: v for k, v in CLEAN_CLIENT.items() if k != "RefreshTokenRotation"},
                  "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                  "PreventUserExistenceErrors": "LEGACY"}
    world.secret = client("eu-west-1", partners, "partner-backend", GenerateSecret=True, **refreshing)["ClientSecret"]
    client("eu-west-1", partners, "partner-public", **refreshing)
    client("eu-west-1", partners, "duplicate-url",
           **{**CLEAN_CLIENT, "CallbackURLs": ["https://partners.acme-corp.io/cb"] * 2})
    denied = pool("ap-southeast-2", "denied")
    client("ap-southeast-2", denied, "hidden", **{**CLEAN_CLIENT, "PreventUserExistenceErrors": "LEGACY"})
    return world


#: The faults of every test: one region denies access, one is not enabled for the account.
AUDIT_FAULTS = [
    {"region": "ap-southeast-2", "code": "AccessDeniedException",
     "message": "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: cognito-idp:ListUserPools "
                "on resource: arn:aws:cognito-idp:ap-southeast-2:123456789012:userpool/* with an explicit deny"},
    {"region": "ap-east-1", "code": "UnrecognizedClientException",
     "message": "The security token included in the request is invalid."},
]


def run_audit(server: LocalCognito, *args, regions=AUDIT_REGIONS, faults=AUDIT_FAULTS, env=None, cwd=None):
    """``cognito-lint audit`` against the server (a subprocess, as a user runs it), with ``faults``."""
    region_args = [a for r in regions for a in ("--region", r)]
    server.faults[:] = [dict(f) for f in faults]
    try:
        return run_cli("audit", "--endpoint-url", server.url, *region_args, *args, env=server.env(**(env or {})),
                       cwd=cwd)
    finally:
        server.faults.clear()
