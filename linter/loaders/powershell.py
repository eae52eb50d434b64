"""PowerShell: each ``New-CGIPUserPoolClient`` (a Create request) and ``Update-CGIPUserPoolClient``
(an Update request: omitted fields are reset, CG701) call of a ``.ps1`` script.

Parameters are matched as PowerShell does: case-insensitively, by name, alias or an unambiguous
prefix (``-ClientN``).  The AWS Tools' common parameters (``-Region``, ``-ProfileName``, ...) are
not client settings; a parameter the cmdlet does not have is kept under its own name, so CG002
reports it (PowerShell would fail: "A parameter cannot be found that matches parameter name").
A scalar given to a list parameter is a one-item list, as PowerShell binds it.  Positional
arguments or a splat of an unknown hashtable make every omitted setting unknown.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from linter.loaders import secrets
from linter.loaders.expressions import to_value
from linter.loaders.secrets import SecretText
from linter.loaders.source import ClientSource, InputFormat, Settings, Variant
from linter.model import CLIENT_FIELDS, Template, Unknown, Wording, build_client
from linter.model.service import BOOL_FIELDS, INT_FIELDS, LIST_FIELDS, STRUCTURE_MEMBERS
from linter.model.wording import TARGETS
from linter.parsers.document import Document, value_at
from linter.parsers.edits import INSERT, DocEdit
from linter.parsers.scanner import Expression

if TYPE_CHECKING:  # the reader is imported with the first script read (parsers=), not at start-up
    from linter.parsers.powershell import PowerShellDocument

#: Parameter (lowercase) → API field; aliases included (the README's "Inputs" section).
PARAMETERS = {
    "userpoolid": "UserPoolId", "clientname": "ClientName", "clientid": "ClientId",
    "generatesecret": "GenerateSecret", "clientsecret": "ClientSecret",
    "accesstokenvalidity": "AccessTokenValidity", "idtokenvalidity": "IdTokenValidity",
    "refreshtokenvalidity": "RefreshTokenValidity",
    "readattribute": "ReadAttributes", "readattributes": "ReadAttributes",
    "writeattribute": "WriteAttributes", "writeattributes": "WriteAttributes",
    "explicitauthflow": "ExplicitAuthFlows", "explicitauthflows": "ExplicitAuthFlows",
    "supportedidentityprovider": "SupportedIdentityProviders", "supportedidentityproviders": "SupportedIdentityProviders",
    "callbackurls": "CallbackURLs", "logouturls": "LogoutURLs", "defaultredirecturi": "DefaultRedirectURI",
    "allowedoauthflow": "AllowedOAuthFlows", "allowedoauthflows": "AllowedOAuthFlows",
    "allowedoauthscope": "AllowedOAuthScopes", "allowedoauthscopes": "AllowedOAuthScopes",
    "allowedoauthflowsuserpoolclient": "AllowedOAuthFlowsUserPoolClient",
    "preventuserexistenceerror": "PreventUserExistenceErrors", "preventuserexistenceerrors": "PreventUserExistenceErrors",
    "enabletokenrevocation": "EnableTokenRevocation",
    "enablepropagateadditionalusercontextdata": "EnablePropagateAdditionalUserContextData",
    "authsessionvalidity": "AuthSessionValidity",
}
#: Flattened structure parameters → (API structure, member).
STRUCT_PARAMETERS = {
    "tokenvalidityunits_accesstoken": ("TokenValidityUnits", "AccessToken"),
    "tokenvalidityunits_idtoken": ("TokenValidityUnits", "IdToken"),
    "tokenvalidityunits_refreshtoken": ("TokenValidityUnits", "RefreshToken"),
    "analyticsconfiguration_applicationid": ("AnalyticsConfiguration", "ApplicationId"),
    "analyticsconfiguration_applicationarn": ("AnalyticsConfiguration", "ApplicationArn"),
    "analyticsconfiguration_rolearn": ("AnalyticsConfiguration", "RoleArn"),
    "analyticsconfiguration_externalid": ("AnalyticsConfiguration", "ExternalId"),
    "analyticsconfiguration_userdatashared": ("AnalyticsConfiguration", "UserDataShared"),
    "refreshtokenrotation_feature": ("RefreshTokenRotation", "Feature"),
    "refreshtokenrotation_retrygraceperiodsecond": ("RefreshTokenRotation", "RetryGracePeriodSeconds"),
    "refreshtokenrotation_retrygraceperiodseconds": ("RefreshTokenRotation", "RetryGracePeriodSeconds"),
}
#: Parameters of every AWS Tools cmdlet and of PowerShell itself: not client settings.
COMMON_PARAMETERS = {
    "region", "profilename", "profilelocation", "accesskey", "secretkey", "sessiontoken", "credential",
    "endpointurl", "networkcredential", "clientconfig", "select", "passthru", "force", "verbose", "debug",
    "erroraction", "warningaction", "informationaction", "progressaction", "errorvariable", "warningvariable",
    "informationvariable", "outvariable", "outbuffer", "pipelinevariable", "whatif", "confirm",
}
_ALL = sorted(set(PARAMETERS) | set(STRUCT_PARAMETERS) | COMMON_PARAMETERS)


def _parameter_name(field: str) -> str:
    """The cmdlets' name for an API field: the singular where the plural is only an alias
    (``ExplicitAuthFlows`` → ``-ExplicitAuthFlow``)."""
    singular = field[:-1]
    return "-" + (singular if singular.lower() in PARAMETERS or singular.lower() in STRUCT_PARAMETERS else field)


#: How messages name the API fields: the cmdlets' parameter names (a structure: its flattened ones).
POWERSHELL_NAMES = {
    **{field: _parameter_name(field) for field in set(PARAMETERS.values())},
    **{f"{api}.{member}": _parameter_name(f"{api}_{member}") for api, member in set(STRUCT_PARAMETERS.values())},
    **{structure: f"-{structure}_*" for structure in STRUCTURE_MEMBERS},
}


class PowerShellWording(Wording):
    """The AWS Tools' words: ``-PreventUserExistenceError ENABLED``, ``$true``, ``code,implicit``."""

    def name(self, field: str) -> str:
        return POWERSHELL_NAMES.get(field, field)

    def member(self, structure: str, member: str) -> str:
        return self.name(f"{structure}.{member}")

    def value(self, value: Any) -> str:
        if isinstance(value, bool):
            return "$true" if value else "$false"
        if isinstance(value, list):
            return ",".join(self.value(item) for item in value)
        return str(value)

    def setting(self, field: str, value: Any) -> str:
        return f"{self.name(field)} {self.value(value)}"


WORDINGS = {kind: PowerShellWording(TARGETS[kind]) for kind in ("api-create", "api-update")}


class PowerShellSettings(Settings):
    """A call's parameters, by the cmdlets' names (``-PreventUserExistenceError``); a structure's
    members are flattened parameters (``-RefreshTokenRotation_Feature``).  A parameter is not added
    when the call already binds one to the same field (a ``$null`` argument, an alias)."""

    def key(self, field: str) -> str:
        return POWERSHELL_NAMES.get(field, "-" + field)[1:]

    def structure(self, structure: str, members: dict) -> list:
        return [(self.flattened(structure, member), value) for member, value in members.items()]

    def flattened(self, structure: str, member: str) -> str:
        return POWERSHELL_NAMES.get(f"{structure}.{member}", f"-{structure}_{member}")[1:]

    def add_entries(self, doc: Document, entries: list):
        parameters = value_at(doc.data, self.container)
        if not isinstance(parameters, dict):
            return None
        bound = {resolve(written) or written.lower() for written in parameters}
        if any((resolve(key) or key.lower()) in bound for key, _ in entries):
            return None
        return [DocEdit(INSERT, self.container, value, key=key) for key, value in entries]

    def add_member(self, doc: Document, structure_path: tuple, structure: str, member: str, value: Any):
        return self.add_entries(doc, [(self.flattened(structure, member), value)])


def resolve(name: str) -> Optional[str]:
    """The parameter (lowercase) that ``name`` means: exact, else an unambiguous prefix."""
    lowered = name.lower()
    if lowered in PARAMETERS or lowered in STRUCT_PARAMETERS or lowered in COMMON_PARAMETERS:
        return lowered
    candidates = [p for p in _ALL if p.startswith(lowered)]
    return candidates[0] if len(candidates) == 1 else None


def load(doc: Document) -> list[ClientSource]:
    sources = []
    for index, command in enumerate(doc.data.get("commands") or []):
        path = ("commands", index)
        kind = "api-update" if command["cmdlet"].startswith("Update") else "api-create"
        raw, origin = _client_properties(command, path)
        line = doc.span(path, key=True).line
        name = raw.get("ClientName") if isinstance(raw.get("ClientName"), str) and raw.get("ClientName") else \
            f"{command['cmdlet']} (line {line})"
        client = build_client(kind, name, raw, wording=WORDINGS[kind])
        sources.append(ClientSource(kind=kind, name=name, anchor=path, resource=name, variants=[Variant(client, origin)],
                                    settings=PowerShellSettings(path + ("parameters",))))
    return sources


def _client_properties(command: dict, path: tuple) -> tuple[dict, dict]:
    raw: dict[str, Any] = {}
    origin: dict[tuple, tuple] = {}
    for written, value in command["parameters"].items():
        doc_path = path + ("parameters", written)
        parameter = resolve(written)
        if parameter in COMMON_PARAMETERS:
            continue
        if parameter in STRUCT_PARAMETERS:
            structure, member = STRUCT_PARAMETERS[parameter]
            if value is not None and not isinstance(raw.get(structure), Unknown):  # -TokenValidityUnits $u: all unknown
                raw.setdefault(structure, {})[member] = _bound(member, to_value(value))
                origin[(structure, member)] = doc_path
                origin.setdefault((structure,), doc_path)
            continue
        field = PARAMETERS.get(parameter or "", written)  # unknown parameters keep their name: CG002
        if value is None:  # $null: as if omitted
            continue
        value = _bound(field, to_value(value))
        if field in LIST_FIELDS and (isinstance(value, Template) or not isinstance(value, (list, Unknown))):
            value = [value]  # PowerShell binds a scalar to a string[] parameter as one item
            origin[(field, 0)] = doc_path
        raw[field] = value
        origin[(field,)] = doc_path
    if command.get("positional") or command.get("unknown_splats"):
        # Arguments we cannot bind: any omitted setting may be among them.
        # (Not ClientSecret: an unknown one would count as a secret; ClientId only in an update.)
        unbound = CLIENT_FIELDS - {"ClientSecret"} - (set() if command["cmdlet"].startswith("Update") else {"ClientId"})
        for field in sorted(unbound):
            raw.setdefault(field, Unknown("positional or splatted arguments"))
    return raw, origin


def _bound(field: str, value: Any) -> Any:
    """The value as PowerShell binds it to the parameter's type: "60" to an [int], 1 or 0 to a
    [bool], 60 to a [string]."""
    if field in INT_FIELDS and isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,3999}\s*", value):
        return int(value)
    if field in BOOL_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return value != 0
    if field not in INT_FIELDS | BOOL_FIELDS:  # a number given to a [string] or [string[]] parameter
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, list):
            return [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    return value


def _secrets(doc: Document) -> SecretText:
    """The values of every parameter that is (or abbreviates) ``-ClientSecret`` or names a secret
    (``-SecretKey``), splatted ones included, of every member so named (``$p.ClientSecret = ...``),
    and what the variables they read are assigned, through any number of variables (``$s = $k``)."""
    from linter.parsers.powershell import variables_in

    assignments: dict[str, list[tuple[int, int]]] = getattr(doc, "assignments", {})
    roots, variables = [], set()
    for index, command in enumerate(doc.data.get("commands") or []):
        for written, value in command["parameters"].items():
            if _names_secret(written):
                roots.append(("commands", index, "parameters", written))
                for expression in _expressions(value):
                    variables.update(variables_in(expression.text))
    found = secrets.collect(doc, roots)
    spans = [span for name, taken in assignments.items() if "." in name and _names_secret(name.split(".", 1)[1])
             for span in taken]
    seen: set[str] = set()
    while spans or variables:
        for start, end in spans:
            found.ranges.append((start, end))
            literal = doc.text[start:end].strip()
            found.add_value(literal[1:-1] if literal[:1] in "'\"" and literal[-1:] == literal[:1] else literal)
            variables.update(variables_in(doc.text[start:end]))
        spans = [span for name in variables - seen for span in assignments.get(name, ())]
        seen |= variables
        variables = set()
    unfollowed = _not_understood(doc, roots)
    if unfollowed:
        _mask_every_string(doc, found, *unfollowed)
    return found


#: A PowerShell string: single- or double-quoted, or a here-string.
_STRING = re.compile("@'\\r?\\n.*?\\n'@|@\"\\r?\\n.*?\\n\"@|['\u2018\u2019\u201a\u201b](?:[^'\u2018\u2019\u201a\u201b]|'')*"
                     "['\u2018\u2019\u201a\u201b]|[\"\u201c\u201d\u201e](?:[^\"\u201c\u201d\u201e`]|`.|\"\")*[\"\u201c\u201d\u201e]", re.S)
#: A bare word (``Write-Output abc123``): an argument written without quotes.
_BARE_WORD = re.compile(r"(?<![\w$@-])[^\s'\"`$@(){}\[\];,|=#<>\u2018-\u201e]+")
_WORD = re.compile(r"[A-Za-z_][\w]*")


def _not_understood(doc: PowerShellDocument, roots: list) -> Optional[tuple[list, list]]:
    """The script's (strings, comments) when a secret may reach a call in a way this reading does
    not follow, else None: a secret parameter given anything but a literal (a variable, a call,
    ``$env:``), or a secret's name anywhere else in the code (``$p.Add('ClientSecret', ...)``,
    ``$PSDefaultParameterValues[...]``).  Only a script that names a secret somewhere else is scanned."""
    if any(_expressions(value_at(doc.data, root)) for root in roots):
        return _strings_and_comments(doc.text)
    understood = [span for span in (doc.offsets(root, key=True) for root in roots) if span]
    named = [word.start() for word in _WORD.finditer(doc.text)
             if _names_secret(word.group(0)) and not _within(word.start(), understood)]
    if not named:
        return None
    scan = _strings_and_comments(doc.text)
    return scan if any(not _within(position, scan[1]) for position in named) else None


def _mask_every_string(doc: PowerShellDocument, found: SecretText, strings: list, comments: list) -> None:
    """Every string and bare word of the code is taken for a secret, but the values of the calls'
    other parameters (so the findings about them stay readable): what cannot be followed is not
    shown.  Comments are left to the masking of ``secret = value`` text (linter/engine/redaction.py)."""
    shown = [span for index, command in enumerate(doc.data.get("commands") or [])
             for written in command["parameters"] if not _names_secret(written)
             for span in [doc.offsets(("commands", index, "parameters", written))] if span]
    for match in _BARE_WORD.finditer(doc.text):  # a secret written bare, as a command's argument
        word = match.group(0)
        if (len(word) >= secrets.MIN_VALUE_LENGTH and word.lower() not in _WORDS and not word.startswith("-")
                and not _within(match.start(), strings + comments + shown)):
            found.ranges.append((match.start(), match.end()))  # the text only: a word is no value to look for
    for start, end in strings:
        literal = doc.text[start:end]
        content = literal[1:-1] if literal[:1] in _QUOTES else literal
        if _names_secret(content.split(":")[-1]):  # 'ClientSecret', 'New-CGIPUserPoolClient:ClientSecret': a name
            continue
        if not _within(start, shown):
            found.ranges.append((start, end))
            found.add_value(content)


_QUOTES = "'\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e"
#: A comment: ``# ...`` to the end of the line, or ``<# ... #>``.
_COMMENT = re.compile(r"<#.*?#>|#[^\n]*", re.S)


def _strings_and_comments(text: str) -> tuple[list, list]:
    """(string spans, comment spans) of a script: whichever of a string or a comment starts first
    takes the text (a ``#`` in a string is no comment, a quote in a comment no string)."""
    strings, comments, position = [], [], 0
    string, comment = _STRING.search(text), _COMMENT.search(text)  # the next of each, searched again once passed
    while string is not None or comment is not None:
        if comment is None or (string is not None and string.start() < comment.start()):
            strings.append(string.span())
            position = string.end()
        else:
            comments.append(comment.span())
            position = comment.end()
        if string is not None and string.start() < position:
            string = _STRING.search(text, position)
        if comment is not None and comment.start() < position:
            comment = _COMMENT.search(text, position)
    return strings, comments


def _within(position: int, spans: list) -> bool:
    return any(start <= position < end for start, end in spans)


def _names_secret(written: str) -> bool:
    return resolve(written) == "clientsecret" or secrets.is_secret_key(written)


def _expressions(value: Any) -> list[Expression]:
    if isinstance(value, Expression):
        return [value] + [p for p in value.parts or () if isinstance(p, Expression)]
    if isinstance(value, list):
        return [e for item in value for e in _expressions(item)]
    return []


FORMAT = InputFormat(
    name="powershell",
    extensions=(".ps1", ".psm1"),
    parsers={".ps1": "linter.parsers.powershell", ".psm1": "linter.parsers.powershell"},
    markers=(b"CGIPUserPoolClient",),
    markers_any_case=True,
    recognise=None,
    load=load,
    secrets=_secrets,
    names=frozenset({"New-CGIPUserPoolClient", "Update-CGIPUserPoolClient", "$true", "$false", "$null"})
    | {f"-{p}" for p in _ALL} | set(_ALL),
)
#: Words a bare-word mask keeps: the format's own (cmdlets, parameters) and PowerShell's keywords
#: and everyday cmdlets, which hold no secret.
_WORDS = frozenset(name.lower() for name in FORMAT.names) | {
    "function", "filter", "param", "begin", "process", "return", "foreach", "while", "switch", "break", "continue",
    "elseif", "throw", "catch", "finally", "write-output", "write-host", "import-module", "foreach-object",
    "where-object", "select-object", "set-variable", "new-variable", "get-content", "convertto-securestring"}
