"""CloudFormation's intrinsic functions, evaluated for one client under one choice of conditions
(the README's "Inputs" section says what is known and what is unknown):

* ``Ref`` to ``AWS::NoValue`` removes the property or list item; to a parameter it is unknown
  (carrying the parameter's ``Default`` and name, for the rules that accept defaults; not
  ``AllowedValues``); to a resource or pseudo parameter it is unknown.
* ``Fn::If`` takes the branch its condition has in the assignment; a condition not in it makes the
  ``Fn::If`` unknown.
* ``Fn::Sub`` and ``Fn::Join`` with unknown parts give a :class:`~linter.model.Template` whose known
  prefix (e.g. the ``https://`` scheme) rules may use; a ``${Param}`` part carries the parameter's
  default as a ``Ref`` does.
* ``Fn::Split`` of a known string is the list; of a parameter with a default, an unknown list
  carrying the split default.
* ``Fn::FindInMap`` with literal keys reads ``Mappings``; ``Fn::Select`` of a known list picks.
* Everything else (``GetAtt``, ``ImportValue``, ...) is unknown, and so are serverless.yml
  variables (``${self:custom.domain}``) in strings.

While resolving, the evaluator records where each value came from (client path → document path),
so that findings point at the text a value was written in, and which resources it refers to.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from linter.loaders.source import ClientPath
from linter.model import Template, Unknown
from linter.parsers.document import DocPath


class _NoValue:
    """``Ref: AWS::NoValue`` — the property or list item is removed."""


NO_VALUE = _NoValue()
MISSING_DEFAULT = object()
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
#: serverless.yml variables (``${self:custom.domain}``, ``${opt:stage}``): unknown until deployed.
_SERVERLESS_VARIABLE = re.compile(r"\$\{(self|opt|env|sls|file|ssm|cf|s3|param|aws|git|strToBool)[:(]")


def intrinsic(value: Any) -> Optional[tuple[str, Any]]:
    """(function name, argument) of an intrinsic function call, else None."""
    if isinstance(value, dict) and len(value) == 1:
        name, arg = next(iter(value.items()))
        if name == "Ref" or name.startswith("Fn::"):
            return name, arg
    return None


class Evaluator:
    """Resolves one client's properties under one assignment of conditions."""

    def __init__(self, template: dict, assignment: dict[str, bool]):
        self.template = template
        self.assignment = assignment
        params = template.get("Parameters")
        self.parameters = params if isinstance(params, dict) else {}
        resources = template.get("Resources")
        self.resources = resources if isinstance(resources, dict) else {}
        mappings = template.get("Mappings")
        self.mappings = mappings if isinstance(mappings, dict) else {}
        self.origin: dict[ClientPath, DocPath] = {}
        #: Logical IDs of resources the resolved values refer to (Ref, GetAtt, Sub).
        self.references: set[str] = set()

    def resolve(self, value: Any, doc_path: DocPath, client_path: ClientPath) -> Any:
        call = intrinsic(value)
        if call is not None:
            return self._call(call[0], call[1], doc_path, client_path)
        self.origin[client_path] = doc_path
        if isinstance(value, list):
            items = []
            for index, item in enumerate(value):
                resolved = self.resolve(item, doc_path + (index,), client_path + (len(items),))
                if resolved is not NO_VALUE:
                    items.append(resolved)
            return items
        if isinstance(value, dict):
            mapping = {}
            for key, item in value.items():
                resolved = self.resolve(item, doc_path + (key,), client_path + (key,))
                if resolved is not NO_VALUE:
                    mapping[key] = resolved
            return mapping
        if isinstance(value, str) and "${" in value and _SERVERLESS_VARIABLE.search(value):
            return self._sub(value, doc_path)
        return value

    def _pin(self, value: Any, doc_path: DocPath, client_path: ClientPath) -> Any:
        """Record ``doc_path`` (the call site) as the origin of ``value`` and all its parts."""
        self.origin[client_path] = doc_path
        if isinstance(value, list):
            for index, item in enumerate(value):
                self._pin(item, doc_path, client_path + (index,))
        elif isinstance(value, dict):
            for key, item in value.items():
                self._pin(item, doc_path, client_path + (key,))
        return value

    def _call(self, name: str, arg: Any, doc_path: DocPath, client_path: ClientPath) -> Any:
        inner = doc_path + (name,)
        if name == "Ref":
            return self._pin(self._ref(arg), doc_path, client_path)
        if name == "Fn::If":
            if isinstance(arg, list) and len(arg) == 3 and isinstance(arg[0], str) and arg[0] in self.assignment:
                branch = 1 if self.assignment[arg[0]] else 2
                return self.resolve(arg[branch], inner + (branch,), client_path)
            return self._pin(Unknown(_describe(name, arg)), doc_path, client_path)
        if name == "Fn::Sub":
            return self._pin(self._sub(arg, inner), doc_path, client_path)
        if name == "Fn::Join":
            return self._pin(self._join(arg, inner), doc_path, client_path)
        if name == "Fn::FindInMap":
            return self._pin(self._find_in_map(arg, inner), doc_path, client_path)
        if name == "Fn::Split":
            return self._pin(self._split(arg, inner), doc_path, client_path)
        if name == "Fn::Select":
            if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], list) and not intrinsic(arg[1]):
                index = self._value(arg[0], inner + (0,))
                if isinstance(index, str) and index.isdigit() and len(index) < 4000:
                    index = int(index)
                if isinstance(index, int) and 0 <= index < len(arg[1]):
                    return self.resolve(arg[1][index], inner + (1, index), client_path)
            return self._pin(Unknown(_describe(name, arg)), doc_path, client_path)
        if name == "Fn::GetAtt":
            target = _getatt_target(arg)
            if target in self.resources:
                self.references.add(target)
                return self._pin(Unknown(_describe(name, arg), ref=target), doc_path, client_path)
        return self._pin(Unknown(_describe(name, arg)), doc_path, client_path)

    def _value(self, value: Any, doc_path: DocPath) -> Any:
        """Resolve a value that is an argument of another function (origins not recorded)."""
        saved = self.origin
        self.origin = {}
        try:
            return self.resolve(value, doc_path, ())
        finally:
            self.origin = saved

    def _ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            return Unknown("Ref")
        if name == "AWS::NoValue":
            return NO_VALUE
        param = self.parameters.get(name)
        if isinstance(param, dict):
            default = param.get("Default")
            if default is not None and param.get("Type") == "CommaDelimitedList" and isinstance(default, str):
                default = [item.strip() for item in default.split(",")]
            return Unknown(f"Ref {name}", default=default, parameter=_shown_parameter(name, param))
        if name in self.resources:
            self.references.add(name)
            return Unknown(f"Ref {name}", ref=name)
        return Unknown(f"Ref {name}")

    def _sub(self, arg: Any, doc_path: DocPath) -> Any:
        variables: dict = {}
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], dict):
            text = arg[0]
            variables = {k: self._value(v, doc_path + (1, k)) for k, v in arg[1].items()}
        else:
            text = arg
        if not isinstance(text, str):
            return Unknown("Fn::Sub")
        parts: list = []
        pos = 0
        for match in _SUB_VARIABLE.finditer(text):
            parts.append(text[pos:match.start()])
            name = match.group(1)
            if name.startswith("!"):  # ${!Literal} is the literal text ${Literal}
                parts.append("${" + name[1:] + "}")
            elif isinstance(variables.get(name), (str, int)) and not isinstance(variables.get(name), bool):
                parts.append(str(variables[name]))
            elif isinstance(variables.get(name), Unknown):
                parts.append(variables[name])  # keeps what it refers to (`Id: !Ref Server`)
            elif name not in variables and isinstance(self.parameters.get(name), dict):
                param = self.parameters[name]  # ${SiteHost}: the parameter, with its default
                parts.append(Unknown(name, default=param.get("Default"), parameter=_shown_parameter(name, param)))
            else:
                target = name.split(".", 1)[0]
                if target in self.resources:
                    self.references.add(target)
                parts.append(Unknown(name, ref=target if target in self.resources else None))
            pos = match.end()
        parts.append(text[pos:])
        return _concat(parts, "Fn::Sub")

    def _join(self, arg: Any, doc_path: DocPath) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str)):
            return Unknown("Fn::Join")
        items = self._value(arg[1], doc_path + (1,))
        if not isinstance(items, list):
            return Unknown("Fn::Join")
        parts: list = []
        for index, item in enumerate(items):
            if index:
                parts.append(arg[0])
            if isinstance(item, Template):
                parts.extend(item.parts)
            elif isinstance(item, (str, Unknown)):
                parts.append(item)
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                parts.append(str(item))
            else:
                parts.append(Unknown("Fn::Join item"))
        return _concat(parts, "Fn::Join")

    def _split(self, arg: Any, doc_path: DocPath) -> Any:
        """``Fn::Split [delimiter, source]``: the list when the source is known; an unknown list
        carrying the split default when the source is a parameter with a (string) default."""
        if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and arg[0]):
            return Unknown("Fn::Split")
        source = self._value(arg[1], doc_path + (1,))
        if isinstance(source, str):
            return source.split(arg[0])
        if isinstance(source, Unknown) and not isinstance(source, Template) and isinstance(source.default, str):
            return Unknown(_describe("Fn::Split", arg), default=source.default.split(arg[0]),
                           parameter=source.parameter)
        return Unknown(_describe("Fn::Split", arg))

    def _find_in_map(self, arg: Any, doc_path: DocPath) -> Any:
        """The Mappings entry; with AWS::LanguageExtensions' fourth argument ``{DefaultValue: v}``,
        ``v`` when known keys find no entry."""
        default = arg[3].get("DefaultValue", MISSING_DEFAULT) if (
            isinstance(arg, list) and len(arg) == 4 and isinstance(arg[3], dict)) else MISSING_DEFAULT
        if not (isinstance(arg, list) and (len(arg) == 3 or default is not MISSING_DEFAULT)):
            return Unknown("Fn::FindInMap")
        keys = [self._value(k, doc_path + (i,)) for i, k in enumerate(arg[:3])]
        node: Any = self.mappings
        for key in keys:
            if not isinstance(key, str):
                return Unknown("Fn::FindInMap")
            if not isinstance(node, dict) or key not in node:
                if default is MISSING_DEFAULT:
                    return Unknown("Fn::FindInMap")
                return self._value(default, doc_path + (3, "DefaultValue"))
            node = node[key]
        return node


def _concat(parts: list, source: str) -> Any:
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    if all(isinstance(p, str) for p in merged):
        return "".join(merged)
    return Template(merged, source)


def _shown_parameter(name: str, param: dict) -> Optional[str]:
    """The parameter's name, by which a message may say its default was used; None for a
    ``NoEcho`` parameter, whose default no message shows (its ``default`` stays, for CG604)."""
    return None if str(param.get("NoEcho")).lower() == "true" else name


def _getatt_target(arg: Any) -> Optional[str]:
    if isinstance(arg, list) and arg and isinstance(arg[0], str):
        return arg[0]
    if isinstance(arg, str):
        return arg.split(".", 1)[0]
    return None


def _describe(name: str, arg: Any) -> str:
    """A name for an unknown value that tells different expressions apart (``Template`` equality)."""
    if name == "Fn::GetAtt" and isinstance(arg, list):
        return "GetAtt " + ".".join(str(a) for a in arg)
    return f"{name} {json.dumps(arg, sort_keys=True, default=str)}"
