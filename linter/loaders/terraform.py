"""Terraform: every ``aws_cognito_user_pool_client`` resource of a ``.tf`` file.

Arguments are renamed to the API's names (inputs.md, "Name mapping"); the single nested blocks
(``token_validity_units { ... }``) become the API's structures.  Expressions the HCL reader does
not evaluate (``var.x``, ``aws_cognito_user_pool.pool.id``, function calls) are unknown values;
an interpolated string keeps its literal parts (a known ``https://`` scheme).

Terraform's defaults are the service's: the AWS provider defaults no argument itself (only the
units inside a written ``token_validity_units`` block: hours, hours, days, as the service does), so
a new client gets what CreateUserPoolClient does with an omitted field.  On update the provider
re-sends the prior value of an omitted argument, so omitting one never resets it (CG701 is an
API-update matter); the rules judge an omitted argument by what a new client gets.  Arguments that
are not client settings (meta-arguments, unknown names) are Terraform's to check.
"""
from __future__ import annotations

import re
from typing import Any

from linter.document import Document
from linter.hcl import Expression
from linter.loaders import ClientSource, Variant
from linter.model import Template, Unknown, build_client

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
_API_NAME = re.compile(r"\b(" + "|".join(sorted(map(re.escape, TERRAFORM_NAMES), key=len, reverse=True)) + r")\b")


_YAML_STYLE = re.compile(r"\b([a-z_]+(?:\.[a-z_]+)?): (?=\S)")


def in_terraform_names(message: str) -> str:
    """A rule's message with the API's names replaced by the arguments users write
    (``Set PreventUserExistenceErrors: ENABLED`` → ``Set prevent_user_existence_errors = ENABLED``)."""
    renamed = _API_NAME.sub(lambda m: TERRAFORM_NAMES[m.group(1)], message)
    return _YAML_STYLE.sub(lambda m: f"{m.group(1)} = " if m.group(1) in _TERRAFORM_ARGUMENTS else m.group(0), renamed)


_TERRAFORM_ARGUMENTS = set(TERRAFORM_NAMES.values())


def load(doc: Document) -> list[ClientSource]:
    resources = doc.data.get("resource")
    clients = resources.get(RESOURCE_TYPE) if isinstance(resources, dict) else None
    if not isinstance(clients, dict):
        return []
    sources = []
    for name, body in clients.items():
        if not isinstance(body, dict):
            continue
        anchor = ("resource", RESOURCE_TYPE, name)
        raw, origin = _client_properties(body, anchor)
        client = build_client("terraform", name, raw)
        sources.append(ClientSource(kind="terraform", name=name, anchor=anchor, resource=name,
                                    variants=[Variant(client, origin)], rename=in_terraform_names))
    return sources


def _client_properties(body: dict, anchor: tuple) -> tuple[dict[str, Any], dict[tuple, tuple]]:
    raw: dict[str, Any] = {}
    origin: dict[tuple, tuple] = {(): anchor}
    for argument, value in body.items():
        if argument in ARGUMENTS:
            if value is not None:  # null: as if omitted
                raw[ARGUMENTS[argument]] = to_value(value)
                origin[(ARGUMENTS[argument],)] = anchor + (argument,)
        elif argument in BLOCKS and isinstance(value, list) and value:
            api_name, fields = BLOCKS[argument]
            block_path = anchor + (argument, 0)
            raw[api_name] = {fields[k]: to_value(v) for k, v in value[0].items() if k in fields and v is not None}
            origin[(api_name,)] = block_path
            origin.update({(api_name, fields[k]): block_path + (k,) for k in value[0] if k in fields})
    dynamic = body.get("dynamic")
    if isinstance(dynamic, dict):  # dynamic "token_validity_units" { ... }: the block's content is unknown
        for argument in dynamic:
            if argument in BLOCKS:
                api_name = BLOCKS[argument][0]
                raw[api_name] = Unknown(f"dynamic {argument}")
                origin[(api_name,)] = anchor + ("dynamic", argument)
    return raw, origin


def to_value(value: Any) -> Any:
    """An HCL value as the model's: expressions are unknown, interpolated strings templates."""
    if isinstance(value, Expression):
        if value.parts is None:
            return Unknown(value.text, ref=value.reference)
        parts = [p if isinstance(p, str) else Unknown(p.text, ref=p.reference) for p in value.parts]
        return Template(parts, source="interpolation")
    if isinstance(value, list):
        return [to_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_value(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
