"""The model: the app client every loader fills and every rule reads, and the service's facts.

- ``values``: known values, :class:`Unknown` and :class:`Template` (partly known strings);
- ``client``: :class:`AppClient`, its structures and the cross-resource context; ``build_client``;
- ``service``: every fact about the service (defaults, units, flows, scopes, attributes, kinds);
- ``constraints``: the schema rules' constraint table, generated from botocore (``constraints.json``);
- ``wording``: how messages name settings in each input's own words.

The names below are the model's public face for rule authors: ``from linter.model import AppClient,
Unknown``.
"""
from linter.model.client import (CLIENT_FIELDS, AnalyticsConfigurationType, AppClient, IdentityProviderInfo,
                                 RefreshTokenRotationType, ResourceServerInfo, TemplateContext,
                                 TokenValidityUnitsType, UserPoolInfo, build_client, coerce)
from linter.model.values import Template, Unknown, default_or_value, is_known, may_equal, with_defaults
from linter.model.wording import Wording

__all__ = [
    "CLIENT_FIELDS", "AnalyticsConfigurationType", "AppClient", "IdentityProviderInfo", "RefreshTokenRotationType",
    "ResourceServerInfo", "Template", "TemplateContext", "TokenValidityUnitsType", "Unknown", "UserPoolInfo",
    "Wording", "build_client", "coerce", "default_or_value", "is_known", "may_equal",
    "with_defaults",
]
