"""CDK cloud assemblies (``cdk.out/``): which stack a synthesized template belongs to.

The templates themselves are ordinary CloudFormation JSON and are linted as such when the
assembly folder is walked (nested assemblies of stages and ``*.nested.template.json`` included).
This module only names things: the stack from the assembly's ``manifest.json`` (for a nested stack
template: its parent stack and construct), and the construct path from each resource's
``aws:cdk:path`` metadata.
"""
from __future__ import annotations

import functools
import json
import os
from typing import Any, Optional

from linter.parsers.reading import Unreadable, read_file

MANIFEST = "manifest.json"
STACK_ARTIFACT = "aws:cloudformation:stack"


def construct_path(resource: dict) -> Optional[str]:
    """``AuthStack/UserPool/WebClient`` from ``Metadata: {aws:cdk:path: AuthStack/UserPool/WebClient/Resource}``."""
    metadata = resource.get("Metadata")
    path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
    if not isinstance(path, str):
        return None
    return path[: -len("/Resource")] if path.endswith("/Resource") else path


def stack_name(template_path: str) -> Optional[str]:
    """The stack a template in a cloud assembly belongs to, or None outside an assembly."""
    directory, filename = os.path.split(os.path.abspath(template_path))
    if not os.path.isfile(os.path.join(directory, MANIFEST)):
        return None
    return _stacks(directory).get(filename)


@functools.lru_cache(maxsize=64)
def _stacks(directory: str) -> dict[str, str]:
    """Template file name → stack name for one assembly folder (nested stack templates included)."""
    manifest = _json(directory, MANIFEST)
    names: dict[str, str] = {}
    seen: set[str] = set()  # templates already walked: each is read once, however many stacks name it
    artifacts = manifest.get("artifacts") if isinstance(manifest, dict) else None
    if not isinstance(artifacts, dict):
        return names
    for artifact_id, artifact in artifacts.items():
        if not isinstance(artifact, dict) or artifact.get("type") != STACK_ARTIFACT:
            continue
        props = artifact.get("properties")
        template = props.get("templateFile") if isinstance(props, dict) else None
        if isinstance(template, str):
            name = props.get("stackName") or artifact.get("displayName") or artifact_id
            names[template] = str(name)
            names.update(_nested(directory, template, str(name), seen))
    return names


def _json(directory: str, name: str) -> Any:
    """The JSON of a file of the assembly, or None: a name that is not a file of this folder (an
    absolute path, ``../``: the CDK writes every name relative to the assembly, and only files of it
    are linted as its stacks), a FIFO or device, a file too large or not JSON."""
    if os.path.isabs(name) or os.path.normpath(name) != os.path.basename(name) or name in (".", ".."):
        return None
    try:
        return json.loads(read_file(os.path.join(directory, name)))
    except (Unreadable, ValueError, RecursionError):
        return None


def _nested(directory: str, template: str, parent: str, seen: set[str]) -> dict[str, str]:
    """Nested stack templates a stack template points at (``aws:asset:path`` metadata), each named
    once (``seen`` grows as templates are walked: a template named by many others is not walked
    again, which would take exponential time)."""
    if template in seen:
        return {}
    seen.add(template)
    document = _json(directory, template)
    resources = document.get("Resources") if isinstance(document, dict) else None
    if not isinstance(resources, dict):
        return {}
    nested = {}
    for resource in resources.values():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::CloudFormation::Stack":
            continue
        metadata = resource.get("Metadata") or {}
        asset = metadata.get("aws:asset:path") if isinstance(metadata, dict) else None
        if isinstance(asset, str) and asset.endswith(".template.json") and asset not in seen and asset not in nested:
            # aws:cdk:path is e.g. AppStack/Auth.NestedStack/Auth.NestedStackResource: the child is "Auth".
            parts = (construct_path(resource) or "").split("/")
            child = next((p[: -len(".NestedStack")] for p in parts if p.endswith(".NestedStack")), parts[-1] or asset)
            nested[asset] = f"{parent}/{child}"
            nested.update(_nested(directory, asset, f"{parent}/{child}", seen))
    return nested
