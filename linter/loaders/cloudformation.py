"""CloudFormation (and SAM, serverless.yml ``resources``, CDK assemblies) templates → app clients.

Every ``AWS::Cognito::UserPoolClient`` resource becomes a client; its properties are resolved by
:mod:`linter.loaders.intrinsics` once per combination of the conditions its ``Fn::If`` functions
use that can occur (:mod:`linter.loaders.conditions`), each a :class:`Variant`; conditions that
cannot be evaluated (or too many) make their ``Fn::If`` unknown.  The rest of the template gives
the cross-resource rules their context (:mod:`linter.loaders.template_context`), and a CDK
assembly names the stack and construct (:mod:`linter.loaders.cdk`).
"""
from __future__ import annotations

from typing import Any

from linter.loaders import cdk, secrets
from linter.loaders.conditions import possible_assignments
from linter.loaders.intrinsics import Evaluator, intrinsic
from linter.loaders.secrets import SecretText
from linter.loaders.source import ClientSource, InputFormat, Settings, Variant
from linter.model import build_client
from linter.model.wording import CloudFormationWording
from linter.parsers.document import MISSING, DocPath, Document, value_at
from linter.parsers.edits import APPEND, INSERT, REPLACE, DocEdit
from linter.parsers.yaml_document import CFN_TAGS

CLIENT_TYPE = "AWS::Cognito::UserPoolClient"
_WORDING = CloudFormationWording()


def is_template(data: Any) -> bool:
    """A template (``Resources`` of typed resources), or a serverless.yml whose ``resources`` holds one."""
    if not isinstance(data, dict):
        return False
    resources = data.get("Resources")
    if isinstance(resources, dict) and any(isinstance(r, dict) and "Type" in r for r in resources.values()):
        return True
    serverless = data.get("resources")
    return isinstance(serverless, dict) and isinstance(serverless.get("Resources"), dict)


def load(doc: Document, base: DocPath = ()) -> list[ClientSource]:
    """The clients of the template at ``base`` in ``doc`` (a serverless.yml's under ``resources``)."""
    template = doc.data
    for step in base:
        template = template[step]
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return []
    from linter.loaders.template_context import TemplateIndex

    index = TemplateIndex(template, lambda: Evaluator(template, {}))
    sources = []
    for logical_id, resource in resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != CLIENT_TYPE:
            continue
        props_path = base + ("Resources", logical_id, "Properties")
        props = resource.get("Properties")
        if not isinstance(props, dict):
            props = {}
        stack = cdk.stack_name(doc.path)
        anchor = base + ("Resources", logical_id)
        source = ClientSource(kind="cloudformation", name=str(logical_id), anchor=anchor, resource=str(logical_id),
                              stack=stack, construct=cdk.construct_path(resource),
                              # A CDK assembly's templates are written by the next synth: fix the app instead.
                              settings=None if stack else CloudFormationSettings(anchor))
        condition = resource.get("Condition") if isinstance(resource.get("Condition"), str) else None
        used = _conditions_used(props) | ({condition} if condition else set())
        for assignment in _assignments(sorted(used), template.get("Conditions")):
            if condition and assignment.get(condition) is False:
                continue  # the client does not exist in this combination
            evaluator = Evaluator(template, assignment)
            raw = evaluator.resolve(props, props_path, ())
            if not isinstance(raw, dict):
                continue  # Properties from Fn::Transform, Fn::If, ...: unknown as a whole
            context = index.context_for(raw.get("UserPoolId"), resource.get("DependsOn"), evaluator.references)
            client = build_client("cloudformation", str(logical_id), raw, assignment, context, _WORDING)
            source.variants.append(Variant(client, evaluator.origin))
        sources.append(source)
    return sources


class CloudFormationSettings(Settings):
    """A resource's ``Properties`` (added with the first setting when the resource has none) and
    its ``DependsOn`` (written after ``Type``; a single name becomes a list)."""

    def __init__(self, resource: DocPath):
        super().__init__(tuple(resource) + ("Properties",))
        self.resource = tuple(resource)

    def add_entries(self, doc: Document, entries: list) -> Any:
        if value_at(doc.data, self.container) is MISSING:
            resource = value_at(doc.data, self.resource)
            if not isinstance(resource, dict):
                return None
            return [DocEdit(INSERT, self.resource, dict(entries), key="Properties")]
        return super().add_entries(doc, entries)

    def dependency(self, doc: Document, resource: str) -> Any:
        body = value_at(doc.data, self.resource)
        if not isinstance(body, dict):
            return None
        if "DependsOn" not in body:
            return [DocEdit(INSERT, self.resource, resource, key="DependsOn", after="Type")]
        current = body["DependsOn"]
        if isinstance(current, str):
            return [DocEdit(REPLACE, self.resource + ("DependsOn",), [current, resource])]
        if isinstance(current, list) and all(isinstance(item, str) for item in current):
            return [DocEdit(APPEND, self.resource + ("DependsOn",), resource)]
        return None


def _assignments(names: list[str], definitions: Any) -> list[dict[str, bool]]:
    """The condition assignments to evaluate the client under ([{}] when it uses none).

    Conditions that cannot be evaluated are left out of the assignment: their Fn::If is unknown."""
    if not names:
        return [{}]
    if isinstance(definitions, dict):
        possible = possible_assignments(names, definitions)
        if possible:
            return possible
    return [{}]


def _conditions_used(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        call = intrinsic(value)
        if call and call[0] == "Fn::If" and isinstance(call[1], list) and call[1] and isinstance(call[1][0], str):
            found.add(call[1][0])
        for v in value.values():
            found |= _conditions_used(v)
    elif isinstance(value, list):
        for v in value:
            found |= _conditions_used(v)
    return found


def _load_document(doc: Document) -> list[ClientSource]:
    return load(doc, _base(doc))


def _base(doc: Document) -> DocPath:
    return () if "Resources" in doc.data else ("resources",)


def _secrets(doc: Document) -> SecretText:
    """Values under secret keys anywhere in the file, and the parameter defaults and Mappings
    entries they refer to."""
    base = _base(doc)
    template = doc.data if not base else doc.data.get("resources")
    root = doc.data if base else None  # a serverless.yml's inline resources: ${self:...} reads the file
    return secrets.collect(doc, secrets.keyed(doc.data), secrets.cloudformation_references(base, template, root))


FORMAT = InputFormat(
    name="cloudformation",
    extensions=(".json", ".yaml", ".yml", ".template"),
    parsers={},
    markers=(b"UserPoolClient",),
    recognise=is_template,
    load=_load_document,
    secrets=_secrets,
    names=frozenset(CFN_TAGS) | set(CFN_TAGS.values()) | {
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Mappings", "Conditions",
        "Transform", "Resources", "Outputs", "Type", "Properties", "DependsOn", "Condition", "Default",
        "AllowedValues", "NoEcho", "Value", "Export", "Name", "AWS::Serverless-2016-10-31", CLIENT_TYPE,
        "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolIdentityProvider", "AWS::Cognito::UserPoolResourceServer",
        "AWS::NoValue", "AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition", "String",
        "CommaDelimitedList", "Number"},
)
