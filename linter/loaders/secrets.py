"""Which text of a document is a secret: every value written under a key that names one
(``ClientSecret``, an identity provider's ``client_secret`` or ``private_key``, a PowerShell
``-ClientSecret`` however abbreviated), and wherever such a value really comes from (a
CloudFormation parameter's ``Default``, a ``Mappings`` entry, a Terraform variable's ``default``, a
PowerShell variable's assignment).

Each input format declares its own reading (``FORMAT.secrets``); what they return, the text ranges
and the values, is what the engine never shows (``linter/engine/redaction.py``).  References are
followed, not masked: ``!FindInMap [Secrets, prod, web]`` stays readable while the Mappings entry
it reads is masked.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from linter.parsers.document import MISSING, DocPath, Document, value_at
from linter.parsers.scanner import Expression

#: Keys (and variables) whose values are secrets ...
SECRET_KEY = re.compile(r"secret|passw(or)?d|private_?key|session_?token|api_?key|credential|(?<![a-z])pwd?(?![a-z])",
                        re.I)
#: ... except flags, ARNs and names that only mention one.
NOT_SECRET_KEY = re.compile(r"generate_?secret|publish_?secrets|secret_?(arn|name|id)$|arn$", re.I)

#: Values shorter than this are not matched as text (they would mask ordinary words).
MIN_VALUE_LENGTH = 5


@dataclass
class SecretText:
    """Where secrets stand in one document's text (offset ranges) and what they are (values)."""

    ranges: list[tuple[int, int]] = field(default_factory=list)
    values: set[str] = field(default_factory=set)

    def add_value(self, value: Any) -> None:
        if isinstance(value, str) and len(value.strip()) >= MIN_VALUE_LENGTH:
            self.values.add(value)


@functools.lru_cache(maxsize=4096)  # documents repeat their keys (Type, Properties, ...) many times
def _secret_name(key: str) -> bool:
    return bool(SECRET_KEY.search(key)) and not NOT_SECRET_KEY.search(key)


def is_secret_key(key: Any) -> bool:
    return isinstance(key, str) and _secret_name(key)


def keyed(data: Any, path: DocPath = ()) -> Iterator[DocPath]:
    """The document path of every value under a key that names a secret (not looking inside it)."""
    stack = [(path, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if is_secret_key(key):
                    yield here + (key,)
                else:
                    stack.append((here + (key,), item))
        elif isinstance(value, list):
            stack.extend((here + (index,), item) for index, item in enumerate(value))


#: How a format tells a reference from a literal: ``references(value, path)`` is None for a value
#: whose text is itself the secret (walked into), else the document paths to follow instead
#: (``[]``: a reference to nothing that holds text, such as a resource attribute); a list that
#: holds ``path`` itself means both (a template: its own text, and the variables it interpolates).
References = Callable[[Any, DocPath], "list[DocPath] | None"]


def collect(doc: Document, roots: Iterable[DocPath], references: References = lambda value, path: None) -> SecretText:
    """The text and values of every literal under ``roots``, references followed (each once)."""
    found = SecretText()
    seen: set[DocPath] = set()
    todo = list(roots)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        value = value_at(doc.data, path)
        if value is MISSING:
            continue
        followed = references(value, path)
        if followed is not None:
            todo.extend(p for p in followed if p != path)
            if path not in followed:
                continue  # a reference: its own text is no secret
        if isinstance(value, dict):
            todo.extend(path + (key,) for key in value)
        elif isinstance(value, list):
            todo.extend(path + (index,) for index in range(len(value)))
        elif value is not None and not isinstance(value, bool):
            span = doc.span(path)
            found.ranges.append((doc.offset(span.line, span.column), doc.offset(span.end_line, span.end_column)))
            for literal in _literals(value):
                found.add_value(literal)
    return found


def _literals(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Expression):
        return [part for part in value.parts or () if isinstance(part, str)]
    return []



# --- the formats' references --------------------------------------------------------------------

_SUB_NAMES = re.compile(r"\$\{([^}!.]+)\}")
_SUB_ATTRIBUTES = re.compile(r"\$\{([^}!.]+)\.([^}!.]+)\}")


#: A serverless.yml variable that reads the file itself: ``${self:custom.appKey}``, also as a
#: fallback (``${env:APP_KEY, self:custom.appKey}``); and a parameter, ``${param:appKey}``.
_SERVERLESS_SELF = re.compile(r"(?:\$\{|,)\s*self:([\w.\-]+)")
_SERVERLESS_PARAM = re.compile(r"(?:\$\{|,)\s*param:([\w\-]+)")


def serverless_self_references(root: Any, text: str) -> list[DocPath]:
    """The document paths the ``self:`` and ``param:`` variables in ``text`` read (as far as they
    exist: a path completed by another variable, ``${self:custom.${opt:stage}}``, reads all of
    ``custom``; a parameter, its value under every stage of ``params``)."""
    stages = root.get("stages") if isinstance(root, dict) else None  # v4: stages.<stage>.params
    found = [path for name in _SERVERLESS_PARAM.findall(text) for path in _param_paths(root, name, ("params",))]
    for stage in (stages if isinstance(stages, dict) else {}):
        found += [path for name in _SERVERLESS_PARAM.findall(text)
                  for path in _param_paths(root, name, ("stages", stage, "params"))]
    for dotted in _SERVERLESS_SELF.findall(text):
        path: DocPath = ()
        for key in dotted.strip(".").split("."):
            node = value_at(root, path)
            if not (isinstance(node, dict) and key in node):
                break
            path += (key,)
        if path:
            found.append(path)
    return found


def _param_paths(root: Any, name: str, params: DocPath) -> list[DocPath]:
    """``params.<stage>.<name>`` (v3: ``params`` by stage) or ``stages.<stage>.params.<name>`` (v4)."""
    values = value_at(root, params)
    if params == ("params",):
        return [params + (stage, name) for stage, by_stage in (values.items() if isinstance(values, dict) else ())
                if isinstance(by_stage, dict) and name in by_stage]
    return [params + (name,)] if isinstance(values, dict) and name in values else []


def cloudformation_references(template_path: DocPath, template: Any, root: Any = None) -> References:
    """A CloudFormation value's references: a parameter's Default and AllowedValues (``Ref``,
    ``${Param}`` in ``Fn::Sub``), a Mappings entry (``Fn::FindInMap``); condition names and
    resources hold no secret text.  Other functions' arguments are walked as written.  In a
    serverless.yml (``root``: the whole file), ``${self:...}`` variables in strings are followed."""
    parameters = template.get("Parameters") if isinstance(template, dict) else None
    parameters = parameters if isinstance(parameters, dict) else {}

    resources = template.get("Resources") if isinstance(template, dict) else None
    resources = resources if isinstance(resources, dict) else {}

    def resource_property(name: str, attribute: str) -> list[DocPath]:
        properties = resources.get(name, {}).get("Properties") if isinstance(resources.get(name), dict) else None
        if isinstance(properties, dict) and attribute in properties:
            return [template_path + ("Resources", name, "Properties", attribute)]
        return []

    def parameter(name: Any) -> list[DocPath]:
        if isinstance(name, str) and name in parameters:
            return [template_path + ("Parameters", name, "Default"), template_path + ("Parameters", name, "AllowedValues")]
        return []

    def references(value: Any, path: DocPath) -> "list[DocPath] | None":
        if isinstance(value, str) and root is not None and "${" in value:
            return serverless_self_references(root, value) + [path]
        if not (isinstance(value, dict) and len(value) == 1):
            return None
        (function, argument), = value.items()
        here = path + (function,)
        if function == "Ref":
            return parameter(argument)
        if function == "Fn::FindInMap":
            keys = argument[:3] if isinstance(argument, list) else []
            # AWS::LanguageExtensions' {DefaultValue: ...}, the value when the keys find nothing
            default = [here + (3,)] if isinstance(argument, list) and len(argument) > 3 else []
            known = [key for key in keys if isinstance(key, str)]
            if len(known) == len(keys) == 3:
                return [template_path + ("Mappings", *keys)] + default
            # a key given by a function (!Ref Stage): every entry it may pick, from the last known key up
            prefix = next((keys[:i] for i in range(len(keys)) if not isinstance(keys[i], str)), keys)
            return [template_path + ("Mappings", *prefix)] + default
        if function == "Fn::GetAtt":  # a property of the template's own resource (an SSM parameter's Value)
            target = argument if isinstance(argument, list) else argument.split(".", 1) if isinstance(argument, str) else []
            return resource_property(*target) if len(target) == 2 and all(isinstance(t, str) for t in target) else []
        if function in ("Fn::ImportValue", "Condition"):
            return []
        if function == "Fn::Sub":
            text = argument[0] if isinstance(argument, list) and argument else argument
            names = _SUB_NAMES.findall(text) if isinstance(text, str) else []
            inner = [here + (0,), here + (1,)] if isinstance(argument, list) else [here]
            return inner + [p for name in names for p in parameter(name)] + [
                p for name in _SUB_ATTRIBUTES.findall(text if isinstance(text, str) else "") for p in resource_property(*name)]
        if function == "Fn::If" and isinstance(argument, list):
            return [here + (1,), here + (2,)]
        if function == "Fn::Select" and isinstance(argument, list):
            return [here + (1,)]
        return None

    return references


#: ``var.name`` / ``local.name`` anywhere in an expression's text (``local.google.key``,
#: ``lookup(var.m, "k")``, ``"${var.x}"`` in a .tf.json string).
_TERRAFORM_REFERENCE = re.compile(r"(?<![\w.])(var|local)\.([A-Za-z_][\w-]*)")
#: A resource's argument (``aws_ssm_parameter.key.value``).
_TERRAFORM_ATTRIBUTE = re.compile(r"(?<![\w.])(?!var\.|local\.|data\.|module\.)[a-z][\w-]*\.[\w-]+\.[\w-]+")
#: A whole value that only reads a variable or local, or a part of one (``var.x``, ``local.o.key``,
#: ``var.m["k"]``): its own text holds nothing.
_TERRAFORM_READ = re.compile(r"(var|local)\.[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])*")


def terraform_names_read(values: Any) -> set[tuple[str, str]]:
    """The variables and locals (``("var", "google")``) that ``values`` (a file's secret values:
    expressions, ``"${...}"`` strings) mention."""
    return {(kind, name) for value in _texts(values)
            for kind, name in _TERRAFORM_REFERENCE.findall(value.text if isinstance(value, Expression) else value)}


def terraform_variables(data: Any, names: set[tuple[str, str]]) -> list[DocPath]:
    """Where a module file's ``data`` gives the variables and locals ``names`` (a local in HCL's
    ``locals`` blocks, or the JSON syntax's ``"locals": {...}``): a secret read in ``idp.tf`` from
    ``var.google`` is secret where ``variables.tf`` gives its default."""
    locals_blocks = data.get("locals") if isinstance(data, dict) else None
    found = []
    for kind, name in sorted(names):
        if kind == "var" and value_at(data, ("variable", name, "default")) is not MISSING:
            found.append(("variable", name, "default"))
        elif kind == "local" and isinstance(locals_blocks, dict) and name in locals_blocks:
            found.append(("locals", name))
        elif kind == "local" and isinstance(locals_blocks, list):
            found += [("locals", i, name) for i, block in enumerate(locals_blocks) if isinstance(block, dict) and name in block]
    return found


def _texts(value: Any) -> list[Any]:
    if isinstance(value, (str, Expression)):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [text for item in items for text in _texts(item)]


def terraform_references(data: Any) -> References:
    """A Terraform value's references, in HCL or its JSON syntax: each ``var.x`` (the variable's
    default) and ``local.x`` (the local's value) it mentions is followed whole, wherever it stands
    (an attribute of it, a function's argument, a template); another resource's attribute holds no
    text here.  A value that is more than one such read (a call, a conditional, a template) is
    also text that may hold the secret itself."""
    def read(text: str) -> list[DocPath]:
        return terraform_variables(data, set(_TERRAFORM_REFERENCE.findall(text))) + [
            p for match in _TERRAFORM_ATTRIBUTE.finditer(text) for p in attribute(match.group(0))]

    resources = data.get("resource") if isinstance(data, dict) else None
    resources = resources if isinstance(resources, dict) else {}

    def attribute(text: str) -> list[DocPath]:
        """``aws_ssm_parameter.app_key.value``: the argument of the module's own resource."""
        parts = text.split(".")
        if len(parts) < 3:
            return []
        body = value_at(resources, tuple(parts[:2]))
        return [("resource", parts[0], parts[1], parts[2])] if isinstance(body, dict) and parts[2] in body else []

    def references(value: Any, path: DocPath) -> "list[DocPath] | None":
        if isinstance(value, str):  # .tf.json: "${...}" in a string
            followed = read(value) if "${" in value else []
            return followed + [path] if followed else None
        if not isinstance(value, Expression):
            return None
        followed = read(value.text)
        if value.parts is None and _TERRAFORM_READ.fullmatch(value.text.strip()):
            return followed
        if value.parts is None and value.reference is not None and re.fullmatch(r"[\w.\-\[\]\"]+", value.text):
            return attribute(value.text)  # aws_ssm_parameter.x.value: what the module writes there, if it does
        return followed + [path] if followed else None

    return references
