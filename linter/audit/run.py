"""The audit from accounts to findings: read (:mod:`.reader`), lint each client with its pool's
context as ``lint`` lints a saved audit, locate the findings in the account, save (``--save``).

Failures are lines, never tracebacks: access denied on a region, pool or client is reported and the
rest goes on (the run then exits 2 unless ``--ignore-access-denied``); throttling is retried by
botocore (and reported if it never stops); a region the account has not enabled is skipped (said
with ``--verbose``, or always when ``--region`` named it).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Optional

from linter.audit import aws, reader, snapshot
from linter.audit.aws import Account, AuditError, CallCounter
from linter.audit.progress import Progress
from linter.engine.findings import DeployedClient, Finding
from linter.engine.lint import LintConfig, lint_loaded
from linter.loaders import deployed, registry
from linter.rule import RuleError


@dataclass
class Options:
    aws: aws.Settings = field(default_factory=aws.Settings)
    #: --save DIR
    save: Optional[str] = None
    ignore_access_denied: bool = False
    verbose: bool = False
    #: The progress line: None shows it when stderr is a terminal.
    progress: Optional[bool] = None


@dataclass
class Result:
    findings: list = field(default_factory=list)
    #: Problems that make the run exit 2 (access denied, errors), each said on stderr.
    errors: int = 0
    accounts: int = 0
    regions: int = 0
    pools: int = 0
    clients: int = 0
    counter: CallCounter = field(default_factory=CallCounter)


@dataclass
class _Pool:
    """A pool whose clients are being read: its context, and how many clients are still to come."""

    document: dict
    remaining: int


def audit(options: Options, config: LintConfig, say: Callable[[str], None]) -> Result:
    """Audit the accounts; ``say`` prints a line on stderr.  Raises AuditError (one line, exit 2)."""
    aws.require_boto3()
    try:
        saver = snapshot.Saver(options.save) if options.save else None
    except snapshot.SaveError as exc:
        raise AuditError(str(exc)) from None
    result = Result()
    progress = Progress(enabled=options.progress)

    def tell(line: str) -> None:
        progress.clear()
        say(line)

    accounts = _open_accounts(options, result, tell)
    result.accounts = len(accounts)
    progress.regions[1] = sum(len(a.regions) for a in accounts)
    pools: dict[tuple, _Pool] = {}
    try:
        for event in reader.read(accounts, options.aws.jobs):
            if isinstance(event, reader.RegionRead):
                progress.regions[0] += 1
                progress.pools[1] += len(event.pools)
                result.regions += 1
                if saver is not None:
                    saver.start_region(event.account.account_id, event.region)
            elif isinstance(event, reader.Problem):
                _problem(event, options, result, tell)
                if event.operation == "ListUserPools":
                    progress.regions[0] += 1
            elif isinstance(event, reader.PoolRead):
                progress.pools[0] += 1
                if event.client_ids is None:
                    continue
                key = (event.account.account_id, event.region, event.pool_id)
                pools[key] = _Pool(deployed.pool_document(
                    event.account.account_id, event.region, event.account.partition, event.pool_id,
                    event.user_pool, event.servers, event.providers, []), len(event.client_ids))
                progress.clients[1] += len(event.client_ids)
                if not event.client_ids:
                    _finish_pool(key, pools, result, saver)
            elif isinstance(event, reader.ClientRead):
                key = (event.account.account_id, event.region, event.pool_id)
                progress.clients[0] += 1
                if event.response is not None:
                    _client(event, pools[key].document, config, result, saver, tell)
                pools[key].remaining -= 1
                if pools[key].remaining == 0:
                    _finish_pool(key, pools, result, saver)
            progress.update()
    except snapshot.SaveError as exc:
        raise AuditError(str(exc)) from None
    finally:
        progress.clear()
    result.findings.sort(key=Finding.sort_key)
    if options.verbose:
        calls, attempts = sum(result.counter.calls.values()), sum(result.counter.attempts.values())
        say(f"Read {_plural(result.clients, 'app client')} in {_plural(result.pools, 'user pool')}, "
            f"{_plural(result.regions, 'region')} and {_plural(result.accounts, 'account')} with "
            f"{_plural(calls, 'API call')} ({_plural(attempts, 'HTTP request')}).")
    return result


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _open_accounts(options: Options, result: Result, tell: Callable[[str], None]) -> list[Account]:
    """An account per profile; one that cannot be opened is an error line (the only one: the run stops)."""
    accounts, seen = [], set()
    profiles = list(dict.fromkeys(options.aws.profiles or [None]))
    for profile in profiles:
        try:
            account = aws.open_account(profile, options.aws, result.counter)
        except AuditError as exc:
            if len(profiles) == 1:
                raise
            tell(f"cognito-lint: error: {exc}")
            result.errors += 1
            continue
        if account.account_id in seen:
            tell(f"cognito-lint: note: profile {profile} is account {account.account_id} again: read once")
            continue
        seen.add(account.account_id)
        accounts.append(account)
    return accounts


def _problem(event: reader.Problem, options: Options, result: Result, tell: Callable[[str], None]) -> None:
    failure = event.failure
    action = f"cognito-idp:{event.operation}"
    if failure.kind == "not-enabled":
        if options.verbose or event.account.explicit_regions:
            tell(f"cognito-lint: note: region {event.region} is not enabled for account {event.account.label()} "
                 f"({failure.message}): skipped")
    elif failure.kind == "gone":
        tell(f"cognito-lint: note: {event.where} was deleted during the audit ({action}: {failure.message}): skipped")
    elif failure.kind == "access-denied":
        if options.ignore_access_denied:
            tell(f"cognito-lint: note: access denied to {action} on {event.where}: skipped ({failure.message})")
        else:
            tell(f"cognito-lint: error: access denied to {action} on {event.where}: {failure.message}")
            result.errors += 1
    else:  # throttled after every retry, an endpoint that cannot be reached, another API error
        tell(f"cognito-lint: error: {action} on {event.where}: {failure.message}")
        result.errors += 1


def _client(event: reader.ClientRead, pool: dict, config: LintConfig, result: Result,
            saver: Optional[snapshot.Saver], tell: Callable[[str], None]) -> None:
    """Lint one client's response (and save it): the findings ``lint`` gives its saved file."""
    if event.has_secret:
        pool["ClientsWithSecret"].append(event.client_id)
    relative = snapshot.client_path(event.account.account_id, event.region, event.pool_id, event.client_id)
    content = snapshot.text(event.response)
    if saver is not None:
        saver.client(relative, content)
    doc = registry.parse(relative, content.encode("utf-8"))
    source = deployed.client_source(doc, pool)
    result.clients += 1
    try:
        findings = lint_loaded(doc, [source], config)
    except RuleError as exc:  # a rule's bug: this client is named, the others are linted
        tell(f"cognito-lint: error: {exc}")
        result.errors += 1
        return
    where = DeployedClient(account=event.account.account_id, region=event.region, user_pool=event.pool_id,
                           client_id=event.client_id, client_name=source.name, partition=event.account.partition)
    for finding in findings:
        located = replace(where, setting=_setting(finding.doc_path))
        result.findings.append(replace(finding, file=located.qualified_name, source_line="", source_column=1,
                                       deployed=located))


def _setting(doc_path: tuple) -> str:
    """``CallbackURLs[2]`` for a finding at ("UserPoolClient", "CallbackURLs", 2)."""
    path = doc_path[len(deployed.ANCHOR):] if doc_path[:len(deployed.ANCHOR)] == deployed.ANCHOR else doc_path
    return deployed.WORDING.label(tuple(path)) if path else ""


def _finish_pool(key: tuple, pools: dict, result: Result, saver: Optional[snapshot.Saver]) -> None:
    pool = pools.pop(key)
    result.pools += 1
    if saver is not None:
        pool.document["ClientsWithSecret"].sort()
        saver.pool(*key, pool.document)
