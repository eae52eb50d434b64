"""Responses as the audit keeps them, and the folder ``--save DIR`` writes.

A DescribeUserPoolClient response is kept as the API returns it, less ``ClientSecret`` (dropped as
soon as it arrives: never written, printed or logged) and botocore's ``ResponseMetadata``, with
dates as ISO 8601 text (as the AWS CLI prints them).  Its JSON text is both what the audit lints
and what ``--save`` writes, byte for byte.  The layout is :mod:`linter.loaders.deployed`'s.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from typing import Any, Optional

from linter.loaders.deployed import POOL_FILE

#: The top-level file that marks a folder as a saved audit (a later --save may rewrite it).
MARKER_FILE = "cognito-lint-audit.json"
_ACCOUNT = re.compile(r"^[0-9]{12}$")
_CLIENT_FILE = re.compile(r"^[\w+]+\.json$")


def jsonable(value: Any) -> Any:
    """botocore's parsed values as JSON data: datetimes become ISO 8601 text."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def without_secret(response: dict) -> tuple[dict, bool]:
    """(a DescribeUserPoolClient response as kept, whether the client has a secret)."""
    client = dict(response.get("UserPoolClient") or {})
    secret = client.pop("ClientSecret", None)
    return {"UserPoolClient": jsonable(client)}, bool(secret)


def text(data: Any) -> str:
    """The JSON text the audit lints and saves."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def client_path(account: str, region: str, pool_id: str, client_id: str) -> str:
    """The relative path of a client's file in a saved audit."""
    return os.path.join(account, region, pool_id, f"{client_id}.json")


class SaveError(Exception):
    pass


class Saver:
    """Writes a saved audit into ``folder``: an empty or absent folder, or one an earlier ``--save``
    wrote, where the files of every account and region read again are replaced (a client deleted
    since then leaves no file behind); anything else in the folder is left alone."""

    def __init__(self, folder: str):
        self.folder = folder
        marker = os.path.join(folder, MARKER_FILE)
        try:
            entries = os.listdir(folder)
        except FileNotFoundError:
            entries = []
        except OSError as exc:
            raise SaveError(f"--save {folder}: {exc.strerror or exc}") from None
        if entries and not os.path.isfile(marker):
            raise SaveError(f"--save {folder}: the folder is not empty and holds no saved audit "
                            f"({MARKER_FILE}); name an empty or new folder")
        self._write(MARKER_FILE, text({"saved-by": "cognito-lint audit", "format": 1,
                                       "layout": "ACCOUNT/REGION/POOL/CLIENT-ID.json and "
                                                 f"ACCOUNT/REGION/POOL/{POOL_FILE}"}))

    def start_region(self, account: str, region: str) -> None:
        """Remove what an earlier save wrote for this account and region."""
        region_folder = os.path.join(self.folder, account, region)
        if not _ACCOUNT.match(account) or not os.path.isdir(region_folder):
            return
        for pool in os.listdir(region_folder):
            pool_folder = os.path.join(region_folder, pool)
            if not os.path.isdir(pool_folder) or not os.path.isfile(os.path.join(pool_folder, POOL_FILE)):
                continue
            for name in os.listdir(pool_folder):
                if name == POOL_FILE or _CLIENT_FILE.match(name):
                    os.remove(os.path.join(pool_folder, name))
            if not os.listdir(pool_folder):
                os.rmdir(pool_folder)

    def client(self, relative: str, content: str) -> None:
        self._write(relative, content)

    def pool(self, account: str, region: str, pool_id: str, data: dict) -> None:
        self._write(os.path.join(account, region, pool_id, POOL_FILE), text(data))

    def _write(self, relative: str, content: str) -> None:
        path = os.path.join(self.folder, relative)
        temporary = path + ".tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(content)
            os.replace(temporary, path)
        except OSError as exc:
            raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None


def pool_parts(user_pool: Optional[dict], servers: Optional[list], providers: Optional[list]) -> tuple:
    """What a pool-context file keeps of DescribeUserPool, ListResourceServers and
    ListIdentityProviders (None: not read): the parts the rules use, as the API names them."""
    if user_pool is not None:
        user_pool = jsonable({k: user_pool[k] for k in ("Id", "Name", "Arn", "SchemaAttributes") if k in user_pool})
    if servers is not None:
        servers = [jsonable({k: s[k] for k in ("Identifier", "Name", "Scopes") if k in s}) for s in servers]
    if providers is not None:
        providers = [jsonable({k: p[k] for k in ("ProviderName", "ProviderType") if k in p}) for p in providers]
    return user_pool, servers, providers
