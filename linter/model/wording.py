"""How messages name a client's settings, in the words of the input it came from.

Rules write their messages with a client's :class:`Wording` (``client.wording``) instead of
spelling field names themselves, so that a Terraform user reads ``prevent_user_existence_errors``
and a PowerShell user ``-PreventUserExistenceError`` where an API payload says
``PreventUserExistenceErrors``.  The base class speaks the API's language, which CloudFormation
shares (field names as they are, settings as YAML); each loader of another syntax gives its clients
a subclass (``linter.loaders.terraform``, ``linter.loaders.powershell``).
"""
from __future__ import annotations

from typing import Any, Optional

#: What the input is checked against, by constraint table (:mod:`linter.model.constraints`).
TARGETS = {
    "api-create": "CreateUserPoolClient",
    "api-update": "UpdateUserPoolClient",
    "api-describe": "a DescribeUserPoolClient response",
    "cloudformation": "AWS::Cognito::UserPoolClient",
}


class Wording:
    """The API's words: ``CallbackURLs[2]``, ``Set PreventUserExistenceErrors: ENABLED``."""

    #: The tool that deploys the client and orders the creation of resources; None for API requests.
    deployer: Optional[str] = None
    #: What holds the other resources the cross-resource rules read.
    container = "template"
    #: What a value with a default that deploys unless overridden is called ("the default of
    #: parameter SiteHost").
    parameter = "parameter"
    #: The command that validates the client before deploying it (``terraform plan``), if any.
    plan: Optional[str] = None

    def __init__(self, target: str):
        #: What the input is checked against (``CreateUserPoolClient``), for the schema rules.
        self.target = target

    # -- names ------------------------------------------------------------------------------------

    def name(self, field: str) -> str:
        """A field's name; a structure member as ``TokenValidityUnits.AccessToken``."""
        return field

    def member(self, structure: str, member: str) -> str:
        """A structure member's own name, where a message has already named the structure."""
        return member

    def label(self, path: tuple) -> str:
        """A client path: ``("CallbackURLs", 3)`` → ``CallbackURLs[3]``; ``("TokenValidityUnits",
        "AccessToken")`` → ``TokenValidityUnits.AccessToken``."""
        names = 0
        while names < len(path) and isinstance(path[names], str):
            names += 1
        text = self.name(".".join(path[:names])) if names else ""
        for step in path[names:]:
            text += f"[{step}]" if isinstance(step, int) else f".{step}"
        return text

    # -- values and settings ----------------------------------------------------------------------

    def value(self, value: Any) -> str:
        """A value as the input writes it (YAML's flow style here)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return "[" + ", ".join(self.value(item) for item in value) + "]"
        return str(value)

    def setting(self, field: str, value: Any) -> str:
        """How to write ``field`` with ``value``, for "Set ..." advice: ``PreventUserExistenceErrors:
        ENABLED``; a structure member: ``RefreshTokenRotation Feature to ENABLED``."""
        if "." in field:
            structure, member = field.split(".", 1)
            return f"{structure} {member} to {self.value(value)}"
        return f"{field}: {self.value(value)}"

    # -- the resources around the client (cross-resource rules) -----------------------------------

    def resource_type(self, cloudformation_type: str) -> str:
        return cloudformation_type

    def dependency(self, resource: str) -> str:
        """What makes the client wait for ``resource``: ``DependsOn: Resource``."""
        return f"DependsOn: {resource}"

    def reference(self, resource: str, attribute: str) -> str:
        """A reference that returns a resource's name (and orders creation): ``!Ref Resource``."""
        return f"!Ref {resource}"

    def declare_scope(self, server: str, scope: str) -> str:
        """Advice to declare a scope on a resource server."""
        return f"Add ScopeName '{scope}' to {server}'s Scopes"

    def immutable_attribute(self) -> str:
        """How a pool's schema declares an attribute users cannot change."""
        return "Mutable: false"

    def add_user_pool_id(self) -> str:
        """Advice for a missing UserPoolId."""
        return "add the ID of the user pool (like us-east-1_AbCdEf123)"


class CloudFormationWording(Wording):
    """A template's words: the API's names, resources, ``DependsOn`` and ``!Ref``."""

    deployer = "CloudFormation"

    def __init__(self) -> None:
        super().__init__(TARGETS["cloudformation"])

    def add_user_pool_id(self) -> str:
        return "add UserPoolId: !Ref <your AWS::Cognito::UserPool>"


#: The wording of clients whose loader gives none (the API kinds, and clients built in tests).
_DEFAULTS: dict[str, Wording] = {kind: Wording(target) for kind, target in TARGETS.items()}
_DEFAULTS["cloudformation"] = CloudFormationWording()


def default_wording(kind: str) -> Wording:
    return _DEFAULTS.get(kind) or Wording(kind)
