"""Terraform: every ``aws_cognito_user_pool_client`` of a ``.tf`` file, a ``.tf.json`` file (the JSON
syntax) or a plan's JSON (``terraform show -json PLANFILE``).

Arguments are renamed to the API's names (the README's "Inputs" section); the single nested blocks
(``token_validity_units { ... }``) become the API's structures.  Expressions the HCL reader does
not evaluate (``var.x``, ``aws_cognito_user_pool.pool.id``, function calls) are unknown values;
an interpolated string keeps its literal parts (a known ``https://`` scheme).  A variable with a
``default`` in the module (``var.x``) is an unknown carrying that default, for the rules that accept
defaults.

Conditionals (``var.google ? ["COGNITO", "Google"] : ["COGNITO"]``, in ``.tf`` and as a whole
``"${...}"`` string of the JSON syntax) are evaluated per branch, as CloudFormation's ``Fn::If``: one
:class:`Variant` per combination of their conditions that can occur (conditions named by their
source text, ``var.google``; :mod:`linter.loaders.conditions`, which also caps the combinations:
beyond the cap every conditional is unknown), each pointing at the branch its values came from.

Terraform's defaults are the service's: the AWS provider defaults no argument itself (only the
units inside a written ``token_validity_units`` block: hours, hours, days, as the service does), so
a new client gets what CreateUserPoolClient does with an omitted field.  On update the provider
re-sends the prior value of an omitted argument, so omitting one never resets it (CG701 is an
API-update matter); the rules judge an omitted argument by what a new client gets.  Arguments that
are not client settings (meta-arguments, unknown names) are Terraform's to check.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, Callable, Optional

from linter.loaders import secrets
from linter.loaders.conditions import possible_assignments
from linter.loaders.expressions import Defaults, to_value, unknown
from linter.loaders.secrets import SecretText
from linter.loaders.source import ClientSource, InputFormat, Settings, Variant
from linter.model import Template, Unknown, Wording, build_client
from linter.parsers.document import Document, value_at
from linter.parsers.edits import APPEND, INSERT, DocEdit
from linter.parsers.hcl import FALSE, TRUE, Conditional, HclDocument, parse_expression
from linter.parsers.scanner import Expression

RESOURCE_TYPE = "aws_cognito_user_pool_client"

ARGUMENTS = {
    "user_pool_id": "UserPoolId",
    "name": "ClientName",
    "generate_secret": "GenerateSecret",
    "access_token_validity": "AccessTokenValidity",
    "id_token_validity": "IdTokenValidity",
    "refresh_token_validity": "RefreshTokenValidity",
    "read_attributes": "ReadAttributes",
    "write_attributes": "WriteAttributes",
    "explicit_auth_flows": "ExplicitAuthFlows",
    "supported_identity_providers": "SupportedIdentityProviders",
    "callback_urls": "CallbackURLs",
    "logout_urls": "LogoutURLs",
    "default_redirect_uri": "DefaultRedirectURI",
    "allowed_oauth_flows": "AllowedOAuthFlows",
    "allowed_oauth_scopes": "AllowedOAuthScopes",
    "allowed_oauth_flows_user_pool_client": "AllowedOAuthFlowsUserPoolClient",
    "prevent_user_existence_errors": "PreventUserExistenceErrors",
    "enable_token_revocation": "EnableTokenRevocation",
    "enable_propagate_additional_user_context_data": "EnablePropagateAdditionalUserContextData",
    "auth_session_validity": "AuthSessionValidity",
}

#: Nested blocks (at most one each) → API structure and its field names.
BLOCKS = {
    "token_validity_units": ("TokenValidityUnits", {
        "access_token": "AccessToken", "id_token": "IdToken", "refresh_token": "RefreshToken"}),
    "analytics_configuration": ("AnalyticsConfiguration", {
        "application_id": "ApplicationId", "application_arn": "ApplicationArn", "role_arn": "RoleArn",
        "external_id": "ExternalId", "user_data_shared": "UserDataShared"}),
    "refresh_token_rotation": ("RefreshTokenRotation", {
        "feature": "Feature", "retry_grace_period_seconds": "RetryGracePeriodSeconds"}),
}

#: Terraform's name for every API name (``TokenValidityUnits.AccessToken`` too), for messages.
TERRAFORM_NAMES = {
    **{api: tf for tf, api in ARGUMENTS.items()},
    **{api: tf for tf, (api, _) in BLOCKS.items()},
    **{f"{api}.{member}": f"{tf}.{tf_member}" for tf, (api, members) in BLOCKS.items()
       for tf_member, member in members.items()},
}


class TerraformWording(Wording):
    """Terraform's words: ``prevent_user_existence_errors = ENABLED``, ``depends_on``, resource types."""

    deployer = "Terraform"
    container = "module"
    parameter = "variable"
    plan = "terraform plan"
    _RESOURCE_TYPES = {
        "AWS::Cognito::UserPoolIdentityProvider": "aws_cognito_identity_provider",
        "AWS::Cognito::UserPoolResourceServer": "aws_cognito_resource_server",
    }

    def __init__(self) -> None:
        super().__init__(RESOURCE_TYPE)

    def name(self, field: str) -> str:
        if field in TERRAFORM_NAMES:
            return TERRAFORM_NAMES[field]
        structure, dot, member = field.partition(".")
        return f"{TERRAFORM_NAMES.get(structure, structure)}.{member}" if dot else field

    def member(self, structure: str, member: str) -> str:
        return self.name(f"{structure}.{member}").split(".", 1)[1]

    def value(self, value: Any) -> str:
        if isinstance(value, list):  # a tuple of strings: ["name", "locale"]
            return "[" + ", ".join(json.dumps(item) if isinstance(item, str) else self.value(item)
                                   for item in value) + "]"
        return super().value(value)

    def setting(self, field: str, value: Any) -> str:
        if "." in field:  # a nested block: refresh_token_rotation { feature = "ENABLED" }
            block, member = self.name(field).split(".", 1)
            shown = json.dumps(value) if isinstance(value, str) else self.value(value)
            return f"{block} {{ {member} = {shown} }}"
        return f"{self.name(field)} = {self.value(value)}"

    def resource_type(self, cloudformation_type: str) -> str:
        return self._RESOURCE_TYPES.get(cloudformation_type, cloudformation_type)

    def dependency(self, resource: str) -> str:
        return f"depends_on = [{resource}]"

    def reference(self, resource: str, attribute: str) -> str:
        return f"{resource}.{attribute}"

    def declare_scope(self, server: str, scope: str) -> str:
        return f'Add a scope block with scope_name = "{scope}" to {server}'

    def immutable_attribute(self) -> str:
        return "mutable = false"

    def add_user_pool_id(self) -> str:
        return "add user_pool_id = aws_cognito_user_pool.<name>.id"


WORDING = TerraformWording()

#: API structure → (block, API member → argument).
_BLOCK_OF = {api: (block, {member: tf for tf, member in members.items()}) for block, (api, members) in BLOCKS.items()}


class TerraformSettings(Settings):
    """A resource's body: Terraform's argument names, nested blocks for structures (``[{...}]`` in
    HCL, an object in the JSON syntax), ``depends_on`` with a reference (HCL) or its string (JSON)."""

    def __init__(self, body: tuple, hcl: bool):
        super().__init__(body)
        self.hcl = hcl

    def key(self, field: str) -> str:
        return TERRAFORM_NAMES.get(field, field)

    def structure(self, structure: str, members: dict) -> list:
        block, names = _BLOCK_OF[structure]
        body = {names.get(member, member): value for member, value in members.items()}
        return [(block, [body] if self.hcl else body)]

    def member_key(self, structure: str, member: str) -> str:
        return _BLOCK_OF[structure][1].get(member, member)

    def dependency(self, doc: Document, resource: str):
        body = value_at(doc.data, self.container)
        if not isinstance(body, dict):
            return None
        reference = Expression(resource) if self.hcl else resource
        if "depends_on" not in body:
            return [DocEdit(INSERT, self.container, [reference], key="depends_on")]
        if isinstance(body["depends_on"], list):
            return [DocEdit(APPEND, self.container + ("depends_on",), reference)]
        return None


def recognise(data: Any) -> bool:
    """A ``.tf.json`` file with a client resource, or a plan (``terraform show -json``)."""
    if not isinstance(data, dict):
        return False
    resources = data.get("resource")
    return (isinstance(resources, dict) and RESOURCE_TYPE in resources) or is_plan(data)


def load(doc: Document) -> list[ClientSource]:
    """The clients of a ``.tf`` file, a ``.tf.json`` file, or a plan (``terraform show -json``)."""
    if is_plan(doc.data):
        return _load_plan(doc)
    resources = doc.data.get("resource")
    clients = resources.get(RESOURCE_TYPE) if isinstance(resources, dict) else None
    if not isinstance(clients, dict):
        return []
    # In Terraform's JSON syntax every string is a template ("${var.x}" is an expression);
    # the HCL reader has already made expressions of them.
    module = None
    if isinstance(doc, HclDocument):  # the cross-resource rules get the module's other resources
        from linter.loaders.terraform_context import ModuleIndex

        module = ModuleIndex(doc)
        defaults = module.variable_defaults()
        convert: Callable[[Any], Any] = lambda value: to_value(value, defaults)
    else:  # .tf.json: the file's own variables (the folder's other files are not read)
        defaults = _json_variable_defaults(doc.data)
        convert = lambda value: _from_json_syntax(value, defaults)
    sources = []
    for name, body in clients.items():
        if isinstance(body, dict):
            anchor = ("resource", RESOURCE_TYPE, name)
            template = module.context_for(body) if module else None
            if module is None:
                body = {k: _json_conditional(v) for k, v in body.items()}
            source = ClientSource(kind="terraform", name=name, anchor=anchor, resource=name,
                                  settings=TerraformSettings(anchor, isinstance(doc, HclDocument)))
            for assignment in _assignments(body):
                branches = _Branches(assignment)
                raw, origin = _client_properties(body, anchor, convert, branches)
                client = build_client("terraform", name, raw, assignment, template, WORDING)
                source.variants.append(Variant(client, origin))
            sources.append(source)
    return sources


def is_plan(data: Any) -> bool:
    """A plan in Terraform's JSON output format (``terraform show -json PLANFILE``)."""
    return isinstance(data, dict) and "format_version" in data and isinstance(data.get("planned_values"), dict)


def _source(name: str, anchor: tuple, raw: dict, origin: dict) -> ClientSource:
    client = build_client("terraform", name, raw, wording=WORDING)
    return ClientSource(kind="terraform", name=name, anchor=anchor, resource=name, variants=[Variant(client, origin)])


def _client_properties(body: dict, base: tuple, convert: Callable[[Any], Any],
                       branches: Optional["_Branches"] = None) -> tuple[dict, dict]:
    """(raw API-named properties, client path → document path) of a resource body at ``base``,
    conditionals taking the branches ``branches`` chose."""
    raw: dict[str, Any] = {}
    origin: dict[tuple, tuple] = {}
    choose = branches.choose if branches else lambda value, client_path, doc_path, origin: value
    for argument, value in body.items():
        if argument in ARGUMENTS:
            client_path, doc_path = (ARGUMENTS[argument],), base + (argument,)
            origin[client_path] = doc_path
            value = choose(value, client_path, doc_path, origin)
            if value is not None:  # null: as if omitted
                raw[ARGUMENTS[argument]] = convert(value)
            else:
                del origin[client_path]
        elif argument in BLOCKS:
            block, block_path = _single_block(value, base + (argument,))
            if block is None:
                continue
            api_name, fields = BLOCKS[argument]
            if isinstance(block, Unknown):
                raw[api_name] = block
            else:
                members = {}
                for k, v in block.items():
                    if k in fields:
                        origin[(api_name, fields[k])] = block_path + (k,)
                        v = choose(v, (api_name, fields[k]), block_path + (k,), origin)
                        if v is not None:
                            members[fields[k]] = convert(v)
                raw[api_name] = members
            origin[(api_name,)] = block_path
    dynamic = body.get("dynamic")
    if isinstance(dynamic, dict):  # dynamic "token_validity_units" { ... }: the block's content is unknown
        for argument in dynamic:
            if argument in BLOCKS:
                api_name = BLOCKS[argument][0]
                raw[api_name] = Unknown(f"dynamic {argument}")
                origin[(api_name,)] = base + ("dynamic", argument)
    return raw, origin


# --- conditionals -------------------------------------------------------------------------------

def _assignments(body: dict) -> list[dict[str, bool]]:
    """The combinations of the conditions of the client's conditionals that can occur ([{}]: none,
    or more than the cap, when every conditional stays unknown)."""
    names: list[str] = []
    for argument, value in body.items():
        if argument in ARGUMENTS:
            _conditions(value, names)
        elif argument in BLOCKS:
            block, _ = _single_block(value, ())
            if isinstance(block, dict):
                for member in block.values():
                    _conditions(member, names)
    if not names:
        return [{}]
    return possible_assignments(names, {name: _condition(name) for name in names}) or [{}]


def _conditions(value: Any, names: list[str]) -> None:
    """Add the condition of every conditional in ``value`` (in both branches) to ``names``."""
    if isinstance(value, Conditional):
        if value.condition not in names:
            names.append(value.condition)
        for branch in value.branches.values():
            _conditions(branch, names)
    elif isinstance(value, list):
        for item in value:
            _conditions(item, names)
    elif isinstance(value, dict):
        for item in value.values():
            _conditions(item, names)


_TRAVERSAL = re.compile(r"^[A-Za-z_][\w.\-]*(?:\[[^\[\]]*\])*$")
_COMPARISON = re.compile(r'^(?P<subject>[A-Za-z_][\w.\-]*(?:\[[^\[\]]*\])*)\s*(?P<op>==|!=)\s*'
                         r'(?P<literal>"[^"\\$%]*"|-?[0-9]+(?:\.[0-9]+)?|true|false)$')


def _condition(text: str) -> Any:
    """A condition in the form :mod:`linter.loaders.conditions` reads, so that conditions that
    cannot hold together are never combined: ``!var.x`` is the opposite of ``var.x``, and
    ``var.env == "prod"`` excludes ``var.env == "dev"``.  Anything else is a condition of its own."""
    if text in ("true", "false"):
        return text == "true"
    if text.startswith("!") and _TRAVERSAL.match(text[1:].strip()):  # !var.x, not !var.x == "a"
        return {"Fn::Not": [_condition(text[1:].strip())]}
    match = _COMPARISON.match(text)
    if match:
        literal = match.group("literal")
        value = literal[1:-1] if literal.startswith('"') else literal
        positive = match.group("op") == "=="
        if value == "false":  # a boolean is true or false: var.x == false is !var.x
            value, positive = "true", not positive
        equals = {"Fn::Equals": [{"hcl": match.group("subject")}, value]}
        return equals if positive else {"Fn::Not": [equals]}
    return {"Fn::Equals": [{"hcl": text}, "true"]}


class _Branches:
    """Takes, in a value, the branch ``assignment`` gives each conditional of its conditions, and
    records in ``origin`` where the branch was written: the conditional's path and the branch's
    step (:data:`~linter.parsers.hcl.TRUE`, ``FALSE``).  In the JSON syntax that path is inside a
    ``"${...}"`` string: findings point at the argument, and no fix rewrites the string."""

    def __init__(self, assignment: dict[str, bool]):
        self.assignment = assignment

    def choose(self, value: Any, client_path: tuple, doc_path: tuple, origin: dict) -> Any:
        if isinstance(value, Conditional) and value.condition in self.assignment:
            step = TRUE if self.assignment[value.condition] else FALSE
            origin[client_path] = doc_path + (step,)
            return self.choose(value.branches[step], client_path, doc_path + (step,), origin)
        if isinstance(value, list):
            return [self.choose(item, client_path + (index,), doc_path + (index,), origin)
                    for index, item in enumerate(value)]
        if isinstance(value, dict):
            return {key: self.choose(item, client_path + (key,), doc_path + (key,), origin)
                    for key, item in value.items()}
        return value


def _single_block(value: Any, path: tuple) -> tuple[Any, tuple]:
    """A nested block written once: ``[{...}]`` (HCL, plans), ``{...}`` (JSON syntax) or unknown."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0], path + (0,)
    if isinstance(value, (dict, Unknown)):
        return value, path
    return None, path


_INTERPOLATION = re.compile(r"(?<!\$)\$\{([^{}]*)\}|%\{")


def _from_json_syntax(value: Any, defaults: Optional[Defaults] = None) -> Any:
    """A value of Terraform's JSON syntax: strings with ``${...}`` are templates (the branches of a
    conditional are already read as HCL)."""
    if isinstance(value, Expression):
        return to_value(value, defaults)
    if isinstance(value, str) and ("${" in value or "%{" in value):
        if "%{" in value.replace("%%{", ""):
            return Unknown(value)  # a template directive
        parts: list[Any] = []
        last = 0
        for match in _INTERPOLATION.finditer(value):
            parts.append(value[last:match.start()].replace("$${", "${"))
            text = match.group(1).strip()
            parts.append(unknown(text, Expression(text).reference, defaults))
            last = match.end()
        parts.append(value[last:].replace("$${", "${"))
        parts = [p for p in parts if p != ""]
        return Template(parts, source="interpolation") if any(isinstance(p, Unknown) for p in parts) else "".join(parts)
    if isinstance(value, list):
        return [_from_json_syntax(v, defaults) for v in value]
    if isinstance(value, dict):
        return {k: _from_json_syntax(v, defaults) for k, v in value.items()}
    return value


_WHOLE_INTERPOLATION = re.compile(r"^\$\{(.*)\}$", re.S)


def _json_conditional(value: Any) -> Any:
    """A JSON-syntax argument that is one ``"${cond ? a : b}"`` as a :class:`Conditional` (its
    branches read as HCL); any other value as it is."""
    match = _WHOLE_INTERPOLATION.match(value) if isinstance(value, str) and "?" in value else None
    if not match:
        return value
    parsed = parse_expression(match.group(1).strip().strip("~").strip())
    return parsed if isinstance(parsed, Conditional) else value


def _json_variable_defaults(data: Any) -> dict[str, tuple[str, Any]]:
    """``var.x`` → (``x``, its default) for the variables of a ``.tf.json`` file itself."""
    variables = data.get("variable") if isinstance(data, dict) else None
    found: dict[str, tuple[str, Any]] = {}
    for name, body in (variables.items() if isinstance(variables, dict) else ()):
        if isinstance(body, dict) and body.get("default") is not None and body.get("sensitive") is not True:
            found[f"var.{name}"] = (name, body["default"])
    return found


# --- plans ----------------------------------------------------------------------------------------

#: What the provider stores for an argument that was never set (its "legacy" zero values): in a
#: plan these are ambiguous (unset, or set to the zero value), so they are unknown.
_ZERO_VALUES = {"access_token_validity": 0, "id_token_validity": 0}


def _load_plan(doc: Document) -> list[ClientSource]:
    """Every managed client in ``planned_values`` (child modules too); values Terraform marks as
    known only after apply (``resource_changes[].change.after_unknown``) are unknown.  A member
    Terraform writes with one JSON type and that has another (``"change": "create"``, ``"resources":
    5``) is a CG001 at it, and what it holds is not read; the rest of the plan is."""
    data = doc.data
    after_unknown = {}
    for index, change in enumerate(_member(doc, data, (), "resource_changes", list) or []):
        path = ("resource_changes", index)
        if _typed(doc, change, path, dict):
            address = _member(doc, change, path, "address", str)
            details = _member(doc, change, path, "change", dict)
            if address is not None and details is not None:
                after_unknown[address] = details.get("after_unknown")
    sources = []
    root = _member(doc, data["planned_values"], ("planned_values",), "root_module", dict)
    for path, resource in _plan_resources(doc, root, ("planned_values", "root_module")):
        if resource.get("type") != RESOURCE_TYPE or resource.get("mode", "managed") != "managed":
            continue
        values = _member(doc, resource, path, "values", dict)
        if values is None:
            continue
        address = _member(doc, resource, path, "address", str) or _member(doc, resource, path, "name", str)
        address = address or RESOURCE_TYPE
        body = _plan_body(values, after_unknown.get(address))
        raw, origin = _client_properties(body, path + ("values",), to_value)
        sources.append(_source(address, path + ("address",), raw, origin))
    return sources


def _plan_resources(doc: Document, module: Any, path: tuple):
    """(document path, resource) of a module's resources and its child modules', depth first."""
    if module is None:
        return
    for index, resource in enumerate(_member(doc, module, path, "resources", list) or []):
        if _typed(doc, resource, path + ("resources", index), dict):
            yield path + ("resources", index), resource
    for index, child in enumerate(_member(doc, module, path, "child_modules", list) or []):
        if _typed(doc, child, path + ("child_modules", index), dict):
            yield from _plan_resources(doc, child, path + ("child_modules", index))


_JSON_TYPES = ((bool, "a boolean"), (int, "a number"), (float, "a number"), (str, "a string"), (list, "a list"),
               (dict, "an object"))


def _json_type(value: Any) -> str:
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "null")


def _typed(doc: Document, value: Any, path: tuple, kind: type) -> bool:
    """Whether a plan's ``value`` at ``path`` is of the JSON type Terraform writes there; when it is
    not, the document gets a problem (a CG001) at it."""
    if isinstance(value, kind):
        return True
    problem = (f"invalid plan: {'.'.join(map(str, path))} is {_json_type(value)}, where terraform show -json "
               f"writes {_json_type(kind())}; what it holds is not read", doc.span(path))
    if problem not in doc.problems:
        doc.problems.append(problem)
    return False


def _member(doc: Document, container: dict, path: tuple, key: str, kind: type) -> Any:
    """``container[key]`` when it is of ``kind``; None when it is absent, null or (a CG001) of another type."""
    value = container.get(key)
    return value if value is not None and _typed(doc, value, path + (key,), kind) else None


_AFTER_APPLY = Unknown("known after apply")
_UNSET = Unknown("unset (the provider's zero value)")


def _plan_body(values: dict, unknown: Any) -> dict:
    """``values`` with Unknown where Terraform knows a value only after apply, and for the
    ambiguous zero values of unset arguments (``""``, ``[]``, a validity of 0)."""
    body = dict(_merge_unknown(values, unknown if isinstance(unknown, dict) else {}))
    for argument, value in values.items():
        if value in ("", []) or (argument in _ZERO_VALUES and value == _ZERO_VALUES[argument]
                                 and not isinstance(value, bool)):
            body[argument] = _UNSET if argument in ARGUMENTS else None
    return body


def _merge_unknown(value: Any, unknown: Any) -> Any:
    if unknown is True:
        return _AFTER_APPLY
    if isinstance(value, dict) and isinstance(unknown, dict):
        merged = {k: _merge_unknown(v, unknown.get(k)) for k, v in value.items()}
        merged.update({k: _AFTER_APPLY for k, flag in unknown.items() if flag is True and k not in value})
        return merged
    if isinstance(value, list) and isinstance(unknown, list):
        return [_merge_unknown(v, unknown[i] if i < len(unknown) else None) for i, v in enumerate(value)]
    return value


def _secrets(doc: Document) -> SecretText:
    """Values under secret keys (an identity provider's ``client_secret``, a variable named like
    one), and the variables and locals they read."""
    roots = list(secrets.keyed(doc.data))
    if isinstance(doc, HclDocument):  # the module's other files may read this one's variables for a secret
        from linter.loaders.terraform_context import module_secret_reads

        roots += secrets.terraform_variables(doc.data, module_secret_reads(doc))
        roots += _module_inputs(doc)
    return secrets.collect(doc, roots, secrets.terraform_references(doc.data))


def _module_inputs(doc: HclDocument) -> list:
    """The arguments of a ``module`` block whose local source (``./idp``) reads them for a secret
    (``client_secret = var.google_oauth`` there: ``google_oauth = "..."`` here is a secret)."""
    from linter.loaders.terraform_context import folder_documents

    found = []
    modules = doc.data.get("module")
    for name, body in (modules.items() if isinstance(modules, dict) else ()):
        source = body.get("source") if isinstance(body, dict) else None
        if not (isinstance(source, str) and source.startswith(("./", "../"))):
            continue
        folder = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(doc.path)), source))
        for data in folder_documents(folder):
            read = secrets.terraform_names_read([value_at(data, path) for path in secrets.keyed(data)])
            found += [("module", name, variable) for kind, variable in read if kind == "var" and variable in body]
    return found


FORMAT = InputFormat(
    name="terraform",
    extensions=(".tf",),
    parsers={".tf": "linter.parsers.hcl"},
    markers=(b"aws_cognito_user_pool_client",),
    recognise=recognise,
    load=load,
    secrets=_secrets,
    names=frozenset(ARGUMENTS) | set(BLOCKS) | {tf for _, members in BLOCKS.values() for tf in members} | {
        RESOURCE_TYPE, "resource", "data", "variable", "locals", "output", "module", "provider", "terraform",
        "dynamic", "content", "default", "description", "type", "sensitive", "depends_on", "count", "for_each",
        "lifecycle", "aws_cognito_user_pool", "aws_cognito_identity_provider", "aws_cognito_resource_server",
        "schema", "scope", "scope_name", "identifier", "provider_name", "provider_type", "provider_details",
        "attribute_mapping", "mutable", "name", "string", "number", "bool", "list", "map", "client_id",
        "client_secret", "authorize_scopes", "attributes_request_method", "oidc_issuer", "MetadataURL",
        "private_key", "key_id", "team_id"},
)
