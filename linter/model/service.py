"""Facts about the Cognito service, each in one place: defaults, units, flows, scopes, attributes,
field types and the input kinds.

Everything a rule, loader or policy knows about how the service behaves comes from here (the
constraint table of the schema rules, generated from botocore, is :mod:`linter.model.constraints`).
docs/rules.md explains, rule by rule, where each fact shows.
"""
from __future__ import annotations

from typing import Any

# --- input kinds ---------------------------------------------------------------------------------

#: How the service (or the deploying tool) treats a client's settings; loaders give each client one.
#: PowerShell's New-/Update-CGIPUserPoolClient calls are API requests; serverless.yml and CDK
#: assemblies hold CloudFormation.
CLIENT_KINDS = ("api-create", "api-update", "api-describe", "cloudformation", "terraform")

#: Kinds whose tools convert "true" and "60" to a boolean and a number before the service sees them.
LENIENT_KINDS = frozenset({"cloudformation", "terraform"})

#: The constraint table each kind is checked against (:mod:`linter.model.constraints`): the AWS
#: provider passes Terraform's values to CreateUserPoolClient as they are.
CONSTRAINT_TABLE = {"api-create": "api-create", "api-update": "api-update", "api-describe": "api-describe",
                    "cloudformation": "cloudformation", "terraform": "api-create"}

# --- field types ---------------------------------------------------------------------------------

BOOL_FIELDS = frozenset({
    "GenerateSecret", "AllowedOAuthFlowsUserPoolClient", "EnableTokenRevocation",
    "EnablePropagateAdditionalUserContextData", "PublishSecretsInAWSSecretsManager", "UserDataShared",
})
INT_FIELDS = frozenset({
    "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "AuthSessionValidity",
    "RetryGracePeriodSeconds",
})
LIST_FIELDS = frozenset({
    "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders",
    "CallbackURLs", "LogoutURLs", "AllowedOAuthFlows", "AllowedOAuthScopes",
})
#: Structures and their members.
STRUCTURE_MEMBERS = {
    "TokenValidityUnits": ("AccessToken", "IdToken", "RefreshToken"),
    "AnalyticsConfiguration": ("ApplicationId", "ApplicationArn", "RoleArn", "ExternalId", "UserDataShared"),
    "RefreshTokenRotation": ("Feature", "RetryGracePeriodSeconds"),
}
#: Fields that hold a client secret: their values are never shown.
SECRET_FIELDS = frozenset({"ClientSecret"})

# --- token validities ----------------------------------------------------------------------------

TOKENS = ("AccessToken", "IdToken", "RefreshToken")
SECONDS_PER_UNIT = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

#: Token validity units the service assumes when TokenValidityUnits (or one of its keys) is omitted.
DEFAULT_TOKEN_UNITS = {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}

#: Which validity field goes with which TokenValidityUnits key, and back.
VALIDITY_FIELDS = {"AccessToken": "AccessTokenValidity", "IdToken": "IdTokenValidity",
                   "RefreshToken": "RefreshTokenValidity"}
VALIDITY_TOKENS = {field: token for token, field in VALIDITY_FIELDS.items()}

#: Validity when the field is omitted, in seconds (the unit does not change the default duration);
#: a RefreshTokenValidity of 0 also stands for the default.
DEFAULT_VALIDITY_SECONDS = {"AccessToken": 3600, "IdToken": 3600, "RefreshToken": 30 * 86400}

#: The durations the service accepts after unit conversion, in seconds (inclusive).
ALLOWED_VALIDITY_SECONDS = {"AccessToken": (5 * 60, 86400), "IdToken": (5 * 60, 86400),
                            "RefreshToken": (60 * 60, 3650 * 86400)}

# --- sign-in flows -------------------------------------------------------------------------------

REFRESH_TOKEN_FLOW = "ALLOW_REFRESH_TOKEN_AUTH"
DEFAULT_EXPLICIT_AUTH_FLOWS = (REFRESH_TOKEN_FLOW, "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH")

#: Legacy ExplicitAuthFlows names and the ALLOW_* names that replace them.
LEGACY_AUTH_FLOWS = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
}

#: Flows a client with only legacy names has without listing them: until the ALLOW_ names came
#: (November 2019), SRP and refresh-token sign-in could not be turned off, and clients that still
#: use the legacy names keep them (H. Kanikathottu, *Serverless Programming Cookbook*, Packt,
#: January 2019, "Creating a Cognito user pool client with AWS CLI": with ADMIN_NO_SRP_AUTH, "USER_SRP_AUTH
#: and REFRESH_TOKEN_AUTH, are supported by default").
LEGACY_IMPLIED_FLOWS = ("ALLOW_USER_SRP_AUTH", REFRESH_TOKEN_FLOW)

#: Flows that send the password itself (not an SRP proof) to InitiateAuth.
USER_PASSWORD_FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH")
#: Server-side (AdminInitiateAuth) password flows.
ADMIN_PASSWORD_FLOWS = ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")

#: Flows that let anyone who knows the client ID sign a *local* user in through the public
#: user-pools API (InitiateAuth), whatever SupportedIdentityProviders says (CG407).
#: ALLOW_REFRESH_TOKEN_AUTH is not a sign-in (federated users need it too); the admin password
#: flows need IAM credentials (AdminInitiateAuth), so they are not open to the public.
PUBLIC_SIGN_IN_FLOWS = (
    "ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY",
    "ALLOW_USER_AUTH",
)

#: The token-exchange flows (ALLOW_TOKEN_EXCHANGE_IMPERSONATION and _DELEGATION, for GetDerivedToken):
#: valid in API payloads, and no AWS::Cognito::UserPoolClient property takes them (CG007).
TOKEN_EXCHANGE_PREFIX = "ALLOW_TOKEN_EXCHANGE"

# --- OAuth -------------------------------------------------------------------------------------

#: Scopes Cognito defines itself, all about a signed-in user: never resource-server scopes, and a
#: client_credentials (machine) client cannot have them.
USER_SCOPES = ("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin")
ADMIN_SCOPE = "aws.cognito.signin.user.admin"

#: The user pool's own directory in SupportedIdentityProviders: no provider resource needed.
COGNITO_PROVIDER = "COGNITO"

# --- user attributes -----------------------------------------------------------------------------

#: The standard (OpenID Connect) attributes of a user pool, plus ``sub``; every other schema name
#: is a custom attribute (``custom:NAME``).
STANDARD_ATTRIBUTES = (
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name",
    "locale", "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
    "preferred_username", "profile", "updated_at", "website", "zoneinfo", "sub",
)

#: Standard attributes that no app client may write, and why.
UNWRITABLE_ATTRIBUTES = {
    "email_verified": "Cognito sets the verification status itself when the user confirms the address",
    "phone_number_verified": "Cognito sets the verification status itself when the user confirms the number",
    "sub": "sub is the user's immutable identifier",
}

CUSTOM_ATTRIBUTE_PREFIXES = ("custom:", "dev:custom:")

# --- defaults ------------------------------------------------------------------------------------

#: What the service applies when a field is omitted.
SERVICE_DEFAULTS: dict[str, Any] = {
    "AccessTokenValidity": 1,  # hours
    "IdTokenValidity": 1,  # hours
    "RefreshTokenValidity": 30,  # days; 0 is also replaced by 30 days
    "ExplicitAuthFlows": list(DEFAULT_EXPLICIT_AUTH_FLOWS),
    "PreventUserExistenceErrors": "LEGACY",
    "EnableTokenRevocation": True,
    "AllowedOAuthFlowsUserPoolClient": False,
    "GenerateSecret": False,
    "EnablePropagateAdditionalUserContextData": False,
    "AuthSessionValidity": 3,  # minutes
}

#: Fields UpdateUserPoolClient resets to their defaults when a request omits them (CG701).
UPDATE_RESETS_OMITTED = (
    "TokenValidityUnits", "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity",
    "ExplicitAuthFlows", "PreventUserExistenceErrors", "EnableTokenRevocation",
    "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
    "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "SupportedIdentityProviders",
    "ReadAttributes", "WriteAttributes", "AuthSessionValidity", "RefreshTokenRotation",
)
