"""Pulumi YAML programs: every ``aws:cognito:UserPoolClient`` (``aws:cognito/userPoolClient:UserPoolClient``)
resource of a ``Pulumi.yaml`` with ``runtime: yaml``, or of the program file it names with ``main:``
(``Main.yaml``, ``Main.json``: no ``runtime``, recognised by such a resource).

Pulumi's AWS provider is bridged from Terraform's, so a client has Terraform's semantics (kind
``terraform``: the same defaults, leniency and constraint table); only the names differ, each a
Terraform argument in camelCase (``callback_urls`` → ``callbackUrls``; the nested blocks are objects:
``tokenValidityUnits: {accessToken: minutes}``), derived from :mod:`linter.loaders.terraform`'s
tables.  Properties that are not client settings (``region``, unknown names) are Pulumi's to check,
as Terraform's are.

Every string is a template: ``${pool.id}``, ``${domain}`` are unknown (a reference to a resource of
the program keeps it as its ``ref``; a ``config`` entry's ``default`` travels with its unknown, for
the rules that accept defaults, unless the entry is ``secret``), ``"https://${domain}/cb"`` keeps
its known ``https://``, ``$${`` is a literal ``${``.  A ``fn::`` function (``fn::invoke``,
``fn::join``, ``fn::secret``, ...) is unknown; ``variables`` are not evaluated.  An omitted ``name``
is unknown, not missing: Pulumi names the client after the resource (autonaming).  A resource read
with ``get:`` is not created: it is skipped.  The program's pool, providers and resource servers
are the cross-resource rules' context (:mod:`linter.loaders.pulumi_context`).  Fixes add settings
under ``properties`` in these names, a dependency in ``options.dependsOn`` (:class:`PulumiSettings`).
"""
from __future__ import annotations

import re
from typing import Any, Optional

from linter.loaders import secrets
from linter.loaders.expressions import Defaults, to_value, unknown
from linter.loaders.secrets import SecretText
from linter.loaders.source import ClientSource, InputFormat, Settings, Variant
from linter.loaders.terraform import ARGUMENTS, BLOCKS, TERRAFORM_NAMES
from linter.model import Template, Unknown, Wording, build_client
from linter.parsers.document import MISSING, DocPath, Document, value_at
from linter.parsers.edits import APPEND, INSERT, DocEdit

#: The client's type token, short and full.
CLIENT_TYPES = ("aws:cognito:UserPoolClient", "aws:cognito/userPoolClient:UserPoolClient")


def camel(snake: str) -> str:
    """A Terraform name as Pulumi writes it: ``allowed_oauth_flows`` → ``allowedOauthFlows``."""
    first, *rest = snake.split("_")
    return first + "".join(word.capitalize() for word in rest)


#: Property → API field, and object property → (API structure, member → API member): Terraform's tables.
PROPERTIES = {camel(argument): field for argument, field in ARGUMENTS.items()}
OBJECTS = {camel(block): (structure, {camel(member): api for member, api in members.items()})
           for block, (structure, members) in BLOCKS.items()}
#: Pulumi's name for every API name (``TokenValidityUnits.AccessToken`` too), for messages.
PULUMI_NAMES = {api: ".".join(camel(part) for part in name.split(".")) for api, name in TERRAFORM_NAMES.items()}


class PulumiWording(Wording):
    """Pulumi YAML's words: ``preventUserExistenceErrors: ENABLED``, ``dependsOn``, type tokens."""

    deployer = "Pulumi"
    container = "program"
    parameter = "config value"
    plan = "pulumi preview"
    _RESOURCE_TYPES = {
        "AWS::Cognito::UserPoolIdentityProvider": "aws:cognito:IdentityProvider",
        "AWS::Cognito::UserPoolResourceServer": "aws:cognito:ResourceServer",
    }

    def __init__(self) -> None:
        super().__init__(CLIENT_TYPES[0])

    def name(self, field: str) -> str:
        if field in PULUMI_NAMES:
            return PULUMI_NAMES[field]
        structure, dot, member = field.partition(".")
        return f"{PULUMI_NAMES.get(structure, structure)}.{member}" if dot else field

    def member(self, structure: str, member: str) -> str:
        return self.name(f"{structure}.{member}").split(".", 1)[1]

    def setting(self, field: str, value: Any) -> str:
        if "." in field:  # an object's member: refreshTokenRotation: {feature: ENABLED}
            structure, member = self.name(field).split(".", 1)
            return f"{structure}: {{{member}: {self.value(value)}}}"
        return f"{self.name(field)}: {self.value(value)}"

    def resource_type(self, cloudformation_type: str) -> str:
        return self._RESOURCE_TYPES.get(cloudformation_type, cloudformation_type)

    def dependency(self, resource: str) -> str:
        return f"options: {{dependsOn: [${{{resource}}}]}}"

    def reference(self, resource: str, attribute: str) -> str:
        return f"${{{resource}.{camel(attribute)}}}"

    def declare_scope(self, server: str, scope: str) -> str:
        return f"Add {{scopeName: {scope}}} to the scopes of {server}"

    def immutable_attribute(self) -> str:
        return "mutable: false"

    def add_user_pool_id(self) -> str:
        return "add userPoolId: ${<your aws:cognito:UserPool>.id}"


WORDING = PulumiWording()


class PulumiSettings(Settings):
    """A resource's ``properties`` (added with the first setting when the resource has none), in
    Pulumi's names, structures as objects; a dependency is a ``${resource}`` in ``options.dependsOn``."""

    def __init__(self, resource: DocPath):
        super().__init__(tuple(resource) + ("properties",))
        self.resource = tuple(resource)

    def key(self, field: str) -> str:
        return WORDING.name(field)

    def structure(self, structure: str, members: dict) -> list:
        return [(self.key(structure), {self.member_key(structure, m): value for m, value in members.items()})]

    def member_key(self, structure: str, member: str) -> str:
        return WORDING.member(structure, member)

    def dependency(self, doc: Document, resource: str) -> Optional[list[DocEdit]]:
        body = value_at(doc.data, self.resource)
        options = body.get("options") if isinstance(body, dict) else MISSING
        reference = f"${{{resource}}}"
        if options is None:
            return [DocEdit(INSERT, self.resource, {"dependsOn": [reference]}, key="options")]
        if not isinstance(options, dict):
            return None
        depends = options.get("dependsOn")
        if depends is None:
            return [DocEdit(INSERT, self.resource + ("options",), [reference], key="dependsOn")]
        return [DocEdit(APPEND, self.resource + ("options", "dependsOn"), reference)] if isinstance(depends, list) else None

    def add_entries(self, doc: Document, entries: list) -> Any:
        if value_at(doc.data, self.container) is MISSING:
            resource = value_at(doc.data, self.resource)
            return [DocEdit(INSERT, self.resource, dict(entries), key="properties")] if isinstance(resource, dict) else None
        return super().add_entries(doc, entries)


# --- recognising and loading --------------------------------------------------------------------

def recognise(data: Any) -> bool:
    """A program: ``runtime: yaml`` with ``resources``, or (a ``main:`` program file) ``resources``
    holding a client.  Never a CloudFormation template (``Resources``) or a serverless.yml (``service``)."""
    if not isinstance(data, dict) or not isinstance(data.get("resources"), dict):
        return False
    runtime = data.get("runtime")
    if isinstance(runtime, dict):
        runtime = runtime.get("name")
    if runtime == "yaml":
        return True
    return "Resources" not in data and "service" not in data and any(
        _is_client(resource) for resource in data["resources"].values())


def _is_client(resource: Any) -> bool:
    return isinstance(resource, dict) and resource.get("type") in CLIENT_TYPES and "get" not in resource


def load(doc: Document) -> list[ClientSource]:
    resources = doc.data.get("resources")
    if not isinstance(resources, dict):
        return []
    program = _Program(doc.data)
    from linter.loaders.pulumi_context import ProgramIndex  # with the first program, not at start-up

    index = ProgramIndex(resources, program.value, _interpolated)
    sources = []
    for name, resource in resources.items():
        if not _is_client(resource):
            continue
        anchor = ("resources", name)
        source = ClientSource(kind="terraform", name=str(name), anchor=anchor, resource=str(name),
                              settings=PulumiSettings(anchor))
        properties = resource.get("properties", {})
        if isinstance(properties, dict):  # else an expression: every setting unknown, nothing to say
            raw, origin = _client_properties(properties, anchor + ("properties",), program)
            if "ClientName" not in raw:  # Pulumi names it: the resource's name and a random suffix
                raw["ClientName"] = Unknown(f"autonamed {name}-*")
            client = build_client("terraform", str(name), raw, template=index.context_for(resource), wording=WORDING)
            source.variants.append(Variant(client, origin))
        sources.append(source)
    return sources


def _client_properties(properties: dict, base: DocPath, program: "_Program") -> tuple[dict, dict]:
    """(raw API-named properties, client path → document path) of a client's ``properties``."""
    raw: dict[str, Any] = {}
    origin: dict[tuple, tuple] = {}
    for written, value in properties.items():
        if value is None:  # null: as if omitted
            continue
        doc_path = base + (written,)
        if written in PROPERTIES:
            raw[PROPERTIES[written]] = program.value(value)
            origin[(PROPERTIES[written],)] = doc_path
        elif written in OBJECTS:
            structure, members = OBJECTS[written]
            value = program.value(value)
            if isinstance(value, dict):
                raw[structure] = {}
                for member, item in value.items():
                    if member in members and item is not None:
                        raw[structure][members[member]] = item
                        origin[(structure, members[member])] = doc_path + (member,)
            elif isinstance(value, Unknown):
                raw[structure] = value
            else:
                continue  # not an object: Pulumi's type check rejects it
            origin[(structure,)] = doc_path
    return raw, origin


_INTERPOLATION = re.compile(r"\$\$|\$\{([^{}]*)\}")
_FUNCTION = re.compile(r"fn::", re.IGNORECASE)
_HEAD = re.compile(r"[^.\[]+")


class _Program:
    """What a value of the program means: its config defaults and its resources' names."""

    def __init__(self, data: dict):
        self.resources = set(data["resources"])
        self.defaults: Defaults = {}
        config = data.get("config") if isinstance(data.get("config"), dict) else data.get("configuration")
        for key, entry in (config.items() if isinstance(config, dict) else ()):
            if isinstance(entry, dict):
                if entry.get("secret") is True:
                    continue
                default = entry.get("default", entry.get("value"))
            else:
                default = entry
            if default is not None:
                self.defaults[str(key)] = (str(key), default)

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            function = next((key for key in value if isinstance(key, str) and _FUNCTION.match(key)), None)
            if function is not None:  # an expression, computed at deploy time
                return Unknown(function)
            return {key: self.value(item) for key, item in value.items()}
        return to_value(value)

    def string(self, text: str) -> Any:
        """A string with its ``${...}`` interpolations unknown (``$$`` is a literal ``$``)."""
        if "$" not in text:
            return text
        parts: list[Any] = []
        literal, last = "", 0
        for match in _INTERPOLATION.finditer(text):
            literal += text[last:match.start()]
            last = match.end()
            if match.group(1) is None:  # $$
                literal += "$"
                continue
            if literal:
                parts.append(literal)
                literal = ""
            parts.append(self.reference(match.group(1).strip()))
        literal += text[last:]
        if literal:
            parts.append(literal)
        if not any(isinstance(part, Unknown) for part in parts):
            return "".join(parts)
        if len(parts) == 1:  # "${pool.id}": the value itself, not a string
            return parts[0]
        return Template(parts, source="interpolation")

    def reference(self, expression: str) -> Unknown:
        head = _HEAD.match(expression)
        ref = head.group(0) if head and head.group(0) in self.resources else None
        return unknown(expression, ref, self.defaults)


def _interpolated(text: str) -> list[str]:
    """The names a string's interpolations start with (``pool`` for ``${pool.id}``)."""
    heads = []
    for match in _INTERPOLATION.finditer(text):
        head = _HEAD.match(match.group(1).strip()) if match.group(1) is not None else None
        if head:
            heads.append(head.group(0))
    return heads


# --- secrets --------------------------------------------------------------------------------------

def _secrets(doc: Document) -> SecretText:
    """Values under secret keys (``fn::secret``, a ``clientSecret``, a config entry named like one),
    the defaults of ``secret: true`` config entries, and the config entries and variables that a
    secret value interpolates."""
    data = doc.data if isinstance(doc.data, dict) else {}
    config_key = "config" if isinstance(data.get("config"), dict) else "configuration"
    config = data.get(config_key) if isinstance(data.get(config_key), dict) else {}
    variables = data.get("variables") if isinstance(data.get("variables"), dict) else {}
    # A config entry named like a secret (or declared one) holds it in its value, not in its type.
    named = [path for path in secrets.keyed(data)]
    roots = [path for path in named if not (len(path) == 2 and path[0] == config_key and isinstance(config[path[1]], dict))]
    roots += [(config_key, key, part) for key, entry in config.items() if isinstance(entry, dict)
              and (entry.get("secret") is True or (config_key, key) in named) for part in ("default", "value")]

    def follow(name: str) -> list[DocPath]:
        if name in config:
            entry = config[name]
            return [(config_key, name, "default"), (config_key, name, "value")] if isinstance(entry, dict) \
                else [(config_key, name)]
        return [("variables", name)] if name in variables else []

    resources = data.get("resources") if isinstance(data.get("resources"), dict) else {}

    def attribute(expression: str) -> list[DocPath]:
        """``${appKey.value}``: a property of a resource of the program (an SSM parameter's value)."""
        head, _, rest = expression.partition(".")
        prop = re.match(r"[\w-]+", rest)
        resource = resources.get(head)
        properties = resource.get("properties") if isinstance(resource, dict) else None
        return [("resources", head, "properties", prop.group(0))] if (
            prop and isinstance(properties, dict) and prop.group(0) in properties) else []

    def references(value: Any, path: DocPath) -> "list[DocPath] | None":
        heads = _interpolated(value) if isinstance(value, str) else []
        if not heads:
            return None
        followed = [p for head in heads for p in follow(head)]
        followed += [p for match in _INTERPOLATION.finditer(value) if match.group(1) for p in attribute(match.group(1).strip())]
        whole = _INTERPOLATION.fullmatch(value.strip())
        return followed if whole and whole.group(1) is not None else followed + [path]  # a template's own text too

    return secrets.collect(doc, roots, references)


FORMAT = InputFormat(
    name="pulumi-yaml",
    extensions=(".yaml", ".yml", ".json"),
    parsers={},
    markers=tuple(token.encode() for token in CLIENT_TYPES),
    recognise=recognise,
    load=load,
    secrets=_secrets,
    names=frozenset(PROPERTIES) | set(OBJECTS) | {m for _, members in OBJECTS.values() for m in members}
    | set(CLIENT_TYPES) | {
        "name", "runtime", "yaml", "description", "main", "config", "configuration", "variables", "resources",
        "outputs", "type", "properties", "options", "get", "default", "value", "secret", "string", "integer",
        "boolean", "dependsOn", "parent", "provider", "protect", "region", "aws:cognito:UserPool",
        "aws:cognito:IdentityProvider", "aws:cognito:ResourceServer", "fn::invoke", "fn::join", "fn::select",
        "fn::split", "fn::secret", "fn::toJSON", "function", "arguments", "return"},
)
