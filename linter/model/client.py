"""The canonical app-client model: what every loader fills and every rule reads.

Field names are the Cognito API names (CloudFormation uses the same ones).  A value is either
known (``str``, ``int``, ``bool``, lists and structures of them) or unknown (:mod:`linter.model.values`).

The model classes are plain frozen dataclasses: the loaders fill them from values ``coerce`` has
already typed, so nothing needs validating at lint time, and importing pydantic would cost more
than linting a small file.  The tests validate what the loaders build against these same classes
with pydantic.

The helpers on :class:`AppClient` ("effective explicit auth flows", "has a secret", "validity in
seconds") apply the service's defaults (:mod:`linter.model.service`) so that every rule reasons the
same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, Optional, Union

from linter.model.service import (BOOL_FIELDS, DEFAULT_TOKEN_UNITS, DEFAULT_VALIDITY_SECONDS, INT_FIELDS,
                                  LEGACY_AUTH_FLOWS, LEGACY_IMPLIED_FLOWS, LENIENT_KINDS, LIST_FIELDS,
                                  SECONDS_PER_UNIT, SERVICE_DEFAULTS, VALIDITY_FIELDS)
from linter.model.values import Unknown
from linter.model.wording import Wording, default_wording


# --- the model --------------------------------------------------------------------------------

Str = Union[str, Unknown]
Int = Union[int, Unknown]
Bool = Union[bool, Unknown]
StrList = Union[list[Str], Unknown]


_model = dataclass(frozen=True, slots=True)


@_model
class TokenValidityUnitsType:
    AccessToken: Optional[Str] = None
    IdToken: Optional[Str] = None
    RefreshToken: Optional[Str] = None


@_model
class AnalyticsConfigurationType:
    ApplicationId: Optional[Str] = None
    ApplicationArn: Optional[Str] = None
    RoleArn: Optional[Str] = None
    ExternalId: Optional[Str] = None
    UserDataShared: Optional[Bool] = None


@_model
class RefreshTokenRotationType:
    Feature: Optional[Str] = None
    RetryGracePeriodSeconds: Optional[Int] = None


@_model
class UserPoolInfo:
    """An ``AWS::Cognito::UserPool`` defined in the same template as the client."""

    logical_id: str
    #: Attributes declared in the pool's Schema ("custom:tenantId", "name") → Mutable (None: unknown).
    attributes: dict[str, Optional[bool]] = field(default_factory=dict)
    #: False when the Schema could not be read completely (an intrinsic where a list was expected).
    schema_known: bool = True


@_model
class IdentityProviderInfo:
    """An ``AWS::Cognito::UserPoolIdentityProvider`` of the client's pool."""

    logical_id: str
    provider_name: Optional[str] = None  # None: unknown
    #: Pool attribute → provider attribute; None when unknown.
    attribute_mapping: Optional[dict[str, Any]] = None


@_model
class ResourceServerInfo:
    """An ``AWS::Cognito::UserPoolResourceServer`` of the client's pool."""

    logical_id: str
    identifier: Optional[str] = None  # None: unknown
    scopes: Optional[list[str]] = None  # scope names; None: unknown


@_model
class TemplateContext:
    """What the cross-resource rules know about the rest of a CloudFormation template."""

    #: The client's pool when the template defines it (``UserPoolId: !Ref Pool``); None when imported.
    pool: Optional[UserPoolInfo] = None
    #: Identity providers and resource servers of that pool.
    identity_providers: list[IdentityProviderInfo] = field(default_factory=list)
    resource_servers: list[ResourceServerInfo] = field(default_factory=list)
    #: False when some provider or server's pool cannot be told (it may belong to the client's pool).
    all_known: bool = True
    #: The client's DependsOn, and the logical IDs its properties reference (Ref, GetAtt, Sub).
    depends_on: frozenset[str] = frozenset()
    references: frozenset[str] = frozenset()


@_model
class AppClient:
    """One app client as the service would see it; ``None`` means omitted."""

    kind: str
    #: How findings name the client: a CloudFormation logical ID, else the ClientName or file name.
    name: str
    #: How messages name the client's settings, in its input's words (by default its kind's).
    wording: Optional[Wording] = None
    #: Top-level property names present in the input (after intrinsic resolution).
    present: frozenset[str] = frozenset()
    #: The resolved properties as written (types unchecked) for the schema rules CG002–CG007.
    raw: dict[str, Any] = field(default_factory=dict)
    #: The branch choices this variant of the client stands for: CloudFormation's Fn::If conditions
    #: (``IsProd``), Terraform's conditionals by their condition's text (``var.google``).
    conditions: dict[str, bool] = field(default_factory=dict)
    #: For CloudFormation: the rest of the template, for the cross-resource rules.
    template: Optional[TemplateContext] = None
    #: With ``--diff-base``: the same client (each of its variants) in the base version; empty
    #: when there is no base version of it (a new client) or no ``--diff-base``.
    previous: tuple[AppClient, ...] = ()

    UserPoolId: Optional[Str] = None
    ClientName: Optional[Str] = None
    ClientId: Optional[Str] = None
    GenerateSecret: Optional[Bool] = None
    ClientSecret: Optional[Str] = None
    RefreshTokenValidity: Optional[Int] = None
    AccessTokenValidity: Optional[Int] = None
    IdTokenValidity: Optional[Int] = None
    TokenValidityUnits: Optional[Union[TokenValidityUnitsType, Unknown]] = None
    ReadAttributes: Optional[StrList] = None
    WriteAttributes: Optional[StrList] = None
    ExplicitAuthFlows: Optional[StrList] = None
    SupportedIdentityProviders: Optional[StrList] = None
    CallbackURLs: Optional[StrList] = None
    LogoutURLs: Optional[StrList] = None
    DefaultRedirectURI: Optional[Str] = None
    AllowedOAuthFlows: Optional[StrList] = None
    AllowedOAuthScopes: Optional[StrList] = None
    AllowedOAuthFlowsUserPoolClient: Optional[Bool] = None
    AnalyticsConfiguration: Optional[Union[AnalyticsConfigurationType, Unknown]] = None
    PreventUserExistenceErrors: Optional[Str] = None
    EnableTokenRevocation: Optional[Bool] = None
    EnablePropagateAdditionalUserContextData: Optional[Bool] = None
    AuthSessionValidity: Optional[Int] = None
    RefreshTokenRotation: Optional[Union[RefreshTokenRotationType, Unknown]] = None
    PublishSecretsInAWSSecretsManager: Optional[Bool] = None

    def __post_init__(self) -> None:
        if self.wording is None:
            object.__setattr__(self, "wording", default_wording(self.kind))

    # -- helpers that apply the service defaults --------------------------------------------

    def effective(self, field: str) -> Any:
        """The field's value, or the service default when omitted (``None`` if it has none)."""
        value = getattr(self, field)
        return SERVICE_DEFAULTS.get(field) if value is None else value

    def effective_explicit_auth_flows(self) -> Union[list[Str], Unknown]:
        """The sign-in flows the client allows: as written, the defaults when omitted, and with
        legacy names only, the flows those imply (SRP and refresh tokens)."""
        flows = self.effective("ExplicitAuthFlows")
        if isinstance(flows, list) and flows and all(isinstance(f, str) and f in LEGACY_AUTH_FLOWS for f in flows):
            return flows + [f for f in LEGACY_IMPLIED_FLOWS if f not in flows]
        return flows

    def implied_flow(self, flow: str) -> bool:
        """True when ``flow`` is allowed without being written: by default or by legacy names."""
        flows = self.effective_explicit_auth_flows()
        return isinstance(flows, list) and flow in flows and not (
            isinstance(self.ExplicitAuthFlows, list) and flow in self.ExplicitAuthFlows)

    def has_secret(self) -> Optional[bool]:
        """True/False when known; None when unknown (an Update payload, an unresolved value)."""
        if self.kind == "api-update":
            return None
        if self.ClientSecret is not None and self.kind != "cloudformation":  # CloudFormation cannot set one
            return True
        if self.kind == "api-describe":
            # Describe output never shows GenerateSecret, and a committed copy may lack the secret; a
            # client read by `cognito-lint audit` (and its saved copy) knows: its loader sets
            # GenerateSecret from the response, outside the document (linter/loaders/deployed.py).
            known = isinstance(self.GenerateSecret, bool) and "GenerateSecret" not in self.present
            return self.GenerateSecret if known else None
        if isinstance(self.GenerateSecret, Unknown):
            return None
        return bool(self.GenerateSecret)

    def token_unit(self, token: str) -> Optional[str]:
        """The unit of ``token`` (AccessToken/IdToken/RefreshToken), defaults applied; None if unknown."""
        units = self.TokenValidityUnits
        if isinstance(units, Unknown):
            return None
        unit = getattr(units, token) if units is not None else None
        if unit is None:
            return DEFAULT_TOKEN_UNITS[token]
        if isinstance(unit, Unknown) or unit not in SECONDS_PER_UNIT:
            return None
        return unit

    def validity_seconds(self, token: str) -> Optional[int]:
        """The token's validity in seconds with defaults applied (refresh 0 → 30 days); None if unknown.

        An omitted validity is the service's default duration (1 hour, 30 days) whatever the unit."""
        value = getattr(self, VALIDITY_FIELDS[token])
        if value is None:
            return DEFAULT_VALIDITY_SECONDS[token]
        unit = self.token_unit(token)
        if unit is None or isinstance(value, Unknown):
            return None
        if token == "RefreshToken" and value == 0:
            return 30 * 86400
        return value * SECONDS_PER_UNIT[unit]


# --- building a client from raw properties ---------------------------------------------------

_STRUCT_FIELDS = {
    "TokenValidityUnits": TokenValidityUnitsType,
    "AnalyticsConfiguration": AnalyticsConfigurationType,
    "RefreshTokenRotation": RefreshTokenRotationType,
}
#: The API's fields (everything but what the model adds about a client).
CLIENT_FIELDS = {f.name for f in fields(AppClient)} - {"kind", "name", "wording", "present", "raw", "conditions",
                                                      "template", "previous"}
_STRUCT_FIELD_NAMES = {name: {f.name for f in fields(model)} for name, model in _STRUCT_FIELDS.items()}

_INVALID = Unknown("invalid type")
_INTEGER = re.compile(r"^\s*-?[0-9]+\s*$")


def coerce(field: str, value: Any, lenient: bool) -> Any:
    """``value`` as the model's type for ``field``, or an :class:`Unknown` if it has the wrong type.

    ``lenient`` accepts CloudFormation's and Terraform's string forms (``"true"``, ``"60"``).  CG003 reports the
    wrong types; here they only become unknown so that no other rule fires on them.
    """
    if isinstance(value, Unknown):
        return value
    if field in BOOL_FIELDS:
        if isinstance(value, bool):
            return value
        if lenient and isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return _INVALID
    if field in INT_FIELDS:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if lenient and isinstance(value, str) and _INTEGER.match(value) and len(value) < 4000:
            return int(value)
        return _INVALID
    if field in LIST_FIELDS:
        if not isinstance(value, list):
            return _INVALID
        return [v if isinstance(v, (str, Unknown)) else _INVALID for v in value]
    if field in _STRUCT_FIELDS:
        if not isinstance(value, dict):
            return _INVALID
        model = _STRUCT_FIELDS[field]
        names = _STRUCT_FIELD_NAMES[field]
        return model(**{k: coerce(k, v, lenient) for k, v in value.items() if k in names})
    return value if isinstance(value, str) else _INVALID


def build_client(kind: str, name: str, raw: dict[str, Any], conditions: Optional[dict[str, bool]] = None,
                 template: Optional[TemplateContext] = None, wording: Optional[Wording] = None) -> AppClient:
    """Fill the model from a loader's resolved property mapping.

    ``coerce`` has already given every field its model type (or made it unknown), so nothing is
    re-validated here; the tests check that what is built here always validates.
    """
    lenient = kind in LENIENT_KINDS
    values = {k: coerce(k, v, lenient) for k, v in raw.items() if k in CLIENT_FIELDS and v is not None}
    return AppClient(kind=kind, name=name, wording=wording, present=frozenset(raw),
                     raw=raw, conditions=conditions or {}, template=template, **values)
