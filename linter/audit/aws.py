"""The AWS side of the audit: sessions, accounts, regions, API clients and what their errors mean.

The only module that imports boto3 (an optional extra): :func:`require_boto3` turns its absence into
one line.  Credentials and endpoints are taken the way AWS tools take them: the default chain or
``--profile``, botocore's own ``AWS_ENDPOINT_URL`` (or ``--endpoint-url``), retries in botocore's
``standard`` or ``adaptive`` mode (``AWS_RETRY_MODE``/``AWS_MAX_ATTEMPTS`` and the profile's
``retry_mode``/``max_attempts`` apply unless the command line says otherwise).

Every API client refuses any operation outside :data:`READ_ONLY` before it is sent: the audit
cannot change an account, whatever a bug might ask for.
"""
from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

#: The operations the audit calls, and the only ones its clients send (the README's IAM policy).
READ_ONLY = frozenset({"ListUserPools", "ListUserPoolClients", "DescribeUserPoolClient", "DescribeUserPool",
                       "ListResourceServers", "ListIdentityProviders"})
#: The page sizes: each operation's maximum (ListUserPools requires one).
PAGE_SIZES = {"list_user_pools": 60, "list_user_pool_clients": 60, "list_resource_servers": 50,
              "list_identity_providers": 60}
DEFAULT_MAX_ATTEMPTS = 10
RETRY_MODES = ("standard", "adaptive")

_ACCESS_DENIED = {"AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException"}
#: What a region the account has not enabled answers (the JSON protocol's "invalid security token").
_NOT_ENABLED = {"UnrecognizedClientException", "InvalidClientTokenId"}
_THROTTLED = {"TooManyRequestsException", "ThrottlingException", "Throttling", "RequestLimitExceeded",
              "LimitExceededException"}
_GONE = {"ResourceNotFoundException"}


class AuditError(Exception):
    """A problem that stops the audit (or one account): one line, exit 2."""


def require_boto3() -> None:
    try:
        import boto3  # noqa: F401
        import botocore  # noqa: F401
    except ImportError:
        raise AuditError("`cognito-lint audit` reads AWS accounts with boto3, which is not installed: "
                         "pip install 'cognito-lint[aws]'") from None


@dataclass
class Settings:
    """How to reach the accounts, from the command line."""

    profiles: list = field(default_factory=lambda: [None])  # None: the default credential chain
    regions: list = field(default_factory=list)  # empty: the default (see default_regions)
    endpoint_url: Optional[str] = None
    retry_mode: Optional[str] = None
    max_attempts: Optional[int] = None
    jobs: int = 8


class CallCounter:
    """API calls and HTTP attempts (retries included) by operation, across threads."""

    def __init__(self) -> None:
        self.calls: Counter = Counter()
        self.attempts: Counter = Counter()
        self._lock = threading.Lock()

    def call(self, operation: str) -> None:
        with self._lock:
            self.calls[operation] += 1

    def attempt(self, operation: str) -> None:
        with self._lock:
            self.attempts[operation] += 1


@dataclass
class Account:
    """One account as one set of credentials sees it, and its API clients by region."""

    profile: Optional[str]
    account_id: str
    partition: str
    regions: list
    #: True when the regions were named (--region): a region that is not enabled is then said always.
    explicit_regions: bool
    clients: dict = field(default_factory=dict)

    def label(self) -> str:
        return self.account_id + (f" (profile {self.profile})" if self.profile else "")


def open_account(profile: Optional[str], settings: Settings, counter: CallCounter) -> Account:
    """The account behind a profile (STS GetCallerIdentity, which needs no permission), with a
    cognito-idp client for each region to read.  Raises AuditError with one line."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, ProfileNotFound

    who = f" of profile {profile}" if profile else ""
    try:
        session = boto3.Session(profile_name=profile)
    except ProfileNotFound:
        raise AuditError(f"AWS profile {profile!r} not found (aws configure list-profiles shows the profiles)") from None
    home = session.region_name
    endpoint = settings.endpoint_url or _configured_endpoint(session)
    config = _config(session, settings)
    try:
        sts = session.client("sts", region_name=home or "us-east-1", endpoint_url=settings.endpoint_url, config=config)
        identity = sts.get_caller_identity()
    except NoCredentialsError:
        raise AuditError(f"no AWS credentials found{who}: configure them (aws configure, aws sso login, the "
                         "AWS_* environment variables) or pass --profile") from None
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise AuditError(f"the AWS credentials{who} were refused: {error.get('Code')}: {error.get('Message')}") from None
    except BotoCoreError as exc:
        raise AuditError(f"cannot use the AWS credentials{who}: {exc}") from None
    arn = identity.get("Arn") or ""
    partition = arn.split(":")[1] if arn.count(":") >= 5 else "aws"
    regions = list(dict.fromkeys(settings.regions)) or default_regions(session, partition, endpoint)
    account = Account(profile=profile, account_id=identity["Account"], partition=partition, regions=regions,
                      explicit_regions=bool(settings.regions))
    for region in regions:
        client = session.client("cognito-idp", region_name=region, endpoint_url=settings.endpoint_url, config=config)
        _guard(client, counter)
        account.clients[region] = client
    return account


def default_regions(session: Any, partition: str, endpoint: Optional[str]) -> list:
    """Every region of the partition that offers Cognito user pools (botocore's endpoint data, no
    API call and no permission): regions the account has not enabled answer UnrecognizedClient
    and are skipped.  With an endpoint URL (an emulator, or one regional endpoint), the profile's
    region only: one endpoint serves one region."""
    home = session.region_name
    if endpoint:
        return [home or "us-east-1"]
    return session.get_available_regions("cognito-idp", partition) or [home or "us-east-1"]


def _configured_endpoint(session: Any) -> Optional[str]:
    """An endpoint URL botocore takes from the environment or the profile (``AWS_ENDPOINT_URL``)."""
    for name in ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        scoped = session._session.get_scoped_config()  # the profile's endpoint_url setting
    except Exception:  # noqa: BLE001 - a broken profile fails later, with botocore's own message
        return None
    return scoped.get("endpoint_url")


def _config(session: Any, settings: Settings) -> Any:
    from botocore.config import Config

    mode = settings.retry_mode or session._session.get_config_variable("retry_mode") or "standard"
    if mode not in RETRY_MODES:
        mode = "standard"  # "legacy" from a profile: the audit retries in a mode that knows Cognito's throttling
    attempts = settings.max_attempts or session._session.get_config_variable("max_attempts") or DEFAULT_MAX_ATTEMPTS
    return Config(retries={"mode": mode, "total_max_attempts": int(attempts)},
                  max_pool_connections=max(10, settings.jobs), user_agent_extra="cognito-lint-audit",
                  connect_timeout=10, read_timeout=60)


def _guard(client: Any, counter: CallCounter) -> None:
    def before_call(model, **_):
        if model.name not in READ_ONLY:
            raise AuditError(f"refusing to call {model.name}: the audit only reads")
        counter.call(model.name)

    def before_send(request, **_):
        target = request.headers.get("X-Amz-Target", b"")
        name = target.decode() if isinstance(target, bytes) else str(target)
        counter.attempt(name.rpartition(".")[2] or "?")

    client.meta.events.register("before-call", before_call)
    client.meta.events.register("before-send", before_send)


# --- reading -------------------------------------------------------------------------------------

def pages(client: Any, operation: str, key: str, **params) -> list:
    """Every item of every page of a list operation."""
    paginator = client.get_paginator(operation)
    items: list = []
    for page in paginator.paginate(PaginationConfig={"PageSize": PAGE_SIZES[operation]}, **params):
        items.extend(page.get(key) or [])
    return items


@dataclass
class Failure:
    """What an API error means for the audit."""

    #: access-denied | not-enabled | throttled | gone | error
    kind: str
    message: str


def failure(exc: BaseException) -> Optional[Failure]:
    """What a botocore error means, or None for anything else (a bug: not ours to hide)."""
    from botocore.exceptions import BotoCoreError, ClientError

    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code") or "")
        message = str(error.get("Message") or code)
        if code in _ACCESS_DENIED:
            return Failure("access-denied", message)
        if code in _NOT_ENABLED:
            return Failure("not-enabled", message)
        if code in _THROTTLED:
            attempts = exc.response.get("ResponseMetadata", {}).get("RetryAttempts", 0) + 1
            return Failure("throttled", f"{code} after {attempts} attempts: {message}")
        if code in _GONE:
            return Failure("gone", message)
        return Failure("error", f"{code}: {message}")
    if isinstance(exc, BotoCoreError):
        return Failure("error", str(exc))
    return None
