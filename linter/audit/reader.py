"""Reading the accounts: every region's pools, every pool's clients and context, every client.

Work is a queue of small tasks (a region's ListUserPools pages; a pool's ListUserPoolClients pages,
DescribeUserPool, ListResourceServers and ListIdentityProviders; one DescribeUserPoolClient), run
by a fixed number of threads (``jobs``: the requests in flight at once, across regions and pools).
Each task's result comes back to the calling thread as an event, in which the tasks it leads to
are queued: nothing waits on another task, and results are handled one at a time by the caller
(linting, saving) while the threads go on reading.

A client's secret is dropped in the thread that received it (:func:`.snapshot.without_secret`):
no event carries it.  An API error is an event (:class:`Problem`) and the rest goes on.
"""
from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from linter.audit import aws, snapshot
from linter.audit.aws import Account, Failure


@dataclass
class RegionRead:
    account: Account
    region: str
    pools: list  # (pool ID, pool name)


@dataclass
class PoolRead:
    account: Account
    region: str
    pool_id: str
    #: None when ListUserPoolClients failed (a Problem says why).
    client_ids: Optional[list]
    #: DescribeUserPool, ListResourceServers, ListIdentityProviders as kept; None when not read.
    user_pool: Optional[dict] = None
    servers: Optional[list] = None
    providers: Optional[list] = None


@dataclass
class ClientRead:
    account: Account
    region: str
    pool_id: str
    client_id: str
    #: The DescribeUserPoolClient response as kept (no secret); None when it could not be read.
    response: Optional[dict]
    has_secret: bool = False


@dataclass
class Problem:
    """An API call that failed; ``where`` names what could not be read."""

    account: Account
    region: str
    operation: str
    where: str
    failure: Failure


class _Task:
    """One unit of work: run in a thread, it returns the events it produced."""

    def __init__(self, run: Callable[[], list]):
        self.run = run


def read(accounts: list[Account], jobs: int) -> Iterator[object]:
    """Events, as the threads produce them (a PoolRead before its clients' ClientReads)."""
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="cognito-lint-audit")
    pending: dict[Future, _Task] = {}

    def submit(task: _Task) -> None:
        pending[pool.submit(task.run)] = task

    try:
        for account in accounts:
            for region in account.regions:
                submit(_Task(lambda a=account, r=region: _read_region(a, r)))
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                pending.pop(future)
                for event in future.result():
                    for task in _next(event):
                        submit(task)
                    yield event
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _next(event: object) -> list[_Task]:
    """The tasks an event leads to."""
    if isinstance(event, RegionRead):
        return [_Task(lambda e=event, p=pool_id: _read_pool(e.account, e.region, p)) for pool_id, _ in event.pools]
    if isinstance(event, PoolRead) and event.client_ids:
        return [_Task(lambda e=event, c=client_id: _read_client(e.account, e.region, e.pool_id, c))
                for client_id in event.client_ids]
    return []


def _pool_arn(account: Account, region: str, pool_id: str) -> str:
    return f"arn:{account.partition}:cognito-idp:{region}:{account.account_id}:userpool/{pool_id}"


def _read_region(account: Account, region: str) -> list:
    client = account.clients[region]
    try:
        pools = aws.pages(client, "list_user_pools", "UserPools")
    except Exception as exc:  # noqa: BLE001 - botocore's errors become events, anything else propagates
        return [_problem(exc, account, region, "ListUserPools", f"region {region} of account {account.label()}")]
    return [RegionRead(account, region, [(p["Id"], p.get("Name")) for p in pools])]


def _read_pool(account: Account, region: str, pool_id: str) -> list:
    client = account.clients[region]
    arn = _pool_arn(account, region, pool_id)
    events: list = []
    try:
        clients = aws.pages(client, "list_user_pool_clients", "UserPoolClients", UserPoolId=pool_id)
    except Exception as exc:  # noqa: BLE001
        return [_problem(exc, account, region, "ListUserPoolClients", arn), PoolRead(account, region, pool_id, None)]
    read = PoolRead(account, region, pool_id, [c["ClientId"] for c in clients])
    user_pool = servers = providers = None
    try:
        user_pool = client.describe_user_pool(UserPoolId=pool_id).get("UserPool") or {}
    except Exception as exc:  # noqa: BLE001
        events.append(_problem(exc, account, region, "DescribeUserPool", arn))
    try:
        servers = aws.pages(client, "list_resource_servers", "ResourceServers", UserPoolId=pool_id)
    except Exception as exc:  # noqa: BLE001
        events.append(_problem(exc, account, region, "ListResourceServers", arn))
    try:
        providers = aws.pages(client, "list_identity_providers", "Providers", UserPoolId=pool_id)
    except Exception as exc:  # noqa: BLE001
        events.append(_problem(exc, account, region, "ListIdentityProviders", arn))
    read.user_pool, read.servers, read.providers = snapshot.pool_parts(user_pool, servers, providers)
    return events + [read]


def _read_client(account: Account, region: str, pool_id: str, client_id: str) -> list:
    client = account.clients[region]
    try:
        response = client.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    except Exception as exc:  # noqa: BLE001
        where = f"{_pool_arn(account, region, pool_id)}/client/{client_id}"
        return [_problem(exc, account, region, "DescribeUserPoolClient", where),
                ClientRead(account, region, pool_id, client_id, None)]
    kept, has_secret = snapshot.without_secret(response)
    del response  # the secret goes no further than this thread
    return [ClientRead(account, region, pool_id, client_id, kept, has_secret)]


def _problem(exc: Exception, account: Account, region: str, operation: str, where: str) -> Problem:
    meaning = aws.failure(exc)
    if meaning is None:
        raise exc
    return Problem(account, region, operation, where, meaning)
