"""SARIF 2.1.0 for GitHub code scanning, built with sarif-om.

sarif-om's usual serializer (jschema_to_python) drops every value equal to its schema default,
which would turn ``level: "warning"`` under an error-default rule into an error.  ``_to_json``
below keeps every value that was set, so levels survive (tests/reporters/test_reporters.py proves it).
"""
from __future__ import annotations

import json
import os
from urllib.parse import quote

import attr
import sarif_om as om

from linter import __version__
from linter.reporters.rule_docs import REPOSITORY, rule_url

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY
FINGERPRINT_KEY = "cognitoLint/v1"
#: GitHub's security-severity scale: > 7 high, 4–7 medium, < 4 low.
_SECURITY_SEVERITY = {"error": "8.0", "warning": "5.5", "note": "2.0"}
#: GitHub's problem.severity for rules that are not security rules.
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
#: GitHub code scanning truncates/rejects rule descriptions longer than this.
_MAX_DESCRIPTION = 1024


def render(findings, rules, run) -> str:
    used = sorted({f.rule_id for f in findings} | set(rules))
    index = {rule_id: i for i, rule_id in enumerate(used)}
    descriptors = [_descriptor(rules[r]) if r in rules else _new(om.ReportingDescriptor, id=r) for r in used]
    root = os.getcwd()
    log = _new(om.SarifLog,
        version="2.1.0",
        schema_uri=SCHEMA_URI,
        runs=[_new(om.Run,
            tool=_new(om.Tool, driver=_new(om.ToolComponent,
                name="cognito-lint", version=__version__, semantic_version=__version__,
                information_uri=INFORMATION_URI, rules=descriptors)),
            automation_details=_new(om.RunAutomationDetails, id=f"{run.sarif_category.rstrip('/')}/"),
            original_uri_base_ids={"%SRCROOT%": _new(om.ArtifactLocation, uri=_dir_uri(root))},
            column_kind="unicodeCodePoints",
            results=[_result(f, index, root) for f in findings],
        )],
    )
    return json.dumps(_to_json(log), indent=2) + "\n"


def _descriptor(rule) -> om.ReportingDescriptor:
    sections = rule.doc_sections()
    body = rule.docs.split("\n", 1)[1].strip() if "\n" in rule.docs else rule.summary
    properties: dict = {"tags": list(rule.tags) or ["correctness"], "precision": "very-high" if rule.level == "error" else "high"}
    if "security" in rule.tags:
        properties["security-severity"] = _SECURITY_SEVERITY[rule.level]
    else:
        properties["problem.severity"] = _PROBLEM_SEVERITY[rule.level]
    return _new(om.ReportingDescriptor,
        id=rule.id,
        name=rule.name,
        short_description=_new(om.MultiformatMessageString, text=_shorten(rule.summary)),
        full_description=_new(om.MultiformatMessageString, text=_shorten(sections.get("What it does", rule.summary))),
        help=_new(om.MultiformatMessageString, text=body, markdown=body),
        help_uri=rule_url(rule.id) if rule.origin == "built-in" else None,  # others are not in docs/rules.md
        default_configuration=_new(om.ReportingConfiguration, level=rule.level),
        properties=properties,
    )


def _shorten(text: str) -> str:
    """At most GitHub's 1,024 characters, cut at a word; the full text is in ``help``."""
    if len(text) <= _MAX_DESCRIPTION:
        return text
    return text[: _MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


def _result(f, index, root) -> om.Result:
    if f.deployed is not None:
        location = _deployed_location(f.deployed)
    else:
        uri, base = _artifact_uri(f.file, root)
        location = _new(om.Location, physical_location=_new(om.PhysicalLocation,
            artifact_location=_new(om.ArtifactLocation, uri=uri, uri_base_id=base),
            region=_new(om.Region, start_line=f.span.line, start_column=f.span.column,
                             end_line=f.span.end_line, end_column=f.span.end_column)))
    return _new(om.Result,
        rule_id=f.rule_id, rule_index=index[f.rule_id], level=f.level,
        message=_new(om.Message, text=f.message), locations=[location],
        partial_fingerprints={FINGERPRINT_KEY: f.identity()},
        **({} if f.fix is None or f.deployed is not None else {"fixes": [_fix(f.fix, uri, base)]}),
        **({} if f.suppressed is None else {"suppressions": [
            _new(om.Suppression, kind="inSource", **({"justification": f.suppressed} if f.suppressed else {}))]}),
    )


def _fix(fix, uri, base) -> om.Fix:
    """A finding's fix: one artifact change, its text edits as replacements (an insertion deletes
    an empty region); unsafe fixes say so in the description and the property bag."""
    location = _new(om.ArtifactLocation, uri=uri, uri_base_id=base) if base else _new(om.ArtifactLocation, uri=uri)
    replacements = [_new(om.Replacement,
                         deleted_region=_new(om.Region, start_line=e.span.line, start_column=e.span.column,
                                             end_line=e.span.end_line, end_column=e.span.end_column),
                         inserted_content=_new(om.ArtifactContent, text=e.new_text))
                    for e in fix.edits]
    title = fix.title if fix.safety == "safe" else f"{fix.title} (unsafe: review it)"
    return _new(om.Fix, description=_new(om.Message, text=title),
                artifact_changes=[_new(om.ArtifactChange, artifact_location=location, replacements=replacements)],
                properties={"safety": fix.safety})


def _deployed_location(where) -> om.Location:
    """A deployed client (cognito-lint audit): a logical location named by the pool ARN + /client/ID."""
    return _new(om.Location,
        logical_locations=[_new(om.LogicalLocation, name=where.client_name, kind="resource",
                                fully_qualified_name=where.qualified_name)],
        properties={"account": where.account, "region": where.region, "userPool": where.user_pool,
                    "clientId": where.client_id, **({"setting": where.setting} if where.setting else {})})


def _artifact_uri(path: str, root: str):
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, root)
    # URIs of the name's bytes (os.fsencode): a name that is not UTF-8 is %-escaped as it is on disk
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):  # not "..dotdot.json"
        return "file://" + quote(os.fsencode(absolute.replace(os.sep, "/"))), None
    return quote(os.fsencode(relative.replace(os.sep, "/"))), "%SRCROOT%"


def _dir_uri(path: str) -> str:
    return "file://" + quote(os.fsencode(os.path.abspath(path).replace(os.sep, "/"))).rstrip("/") + "/"


def _new(cls, **fields):
    """A sarif-om object that remembers which fields were given."""
    obj = cls(**fields)
    obj.__dict__["_explicit"] = frozenset(fields)
    return obj


def _to_json(value):
    """sarif-om objects → JSON data: the fields given to ``_new`` (but None), whatever their value."""
    if attr.has(type(value)):
        explicit = value.__dict__.get("_explicit", frozenset())
        return {field.metadata.get("schema_property_name", field.name): _to_json(getattr(value, field.name))
                for field in attr.fields(type(value))
                if field.name in explicit and getattr(value, field.name) is not None}
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    return value
