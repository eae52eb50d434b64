"""The rest of a Terraform module, as the cross-resource rules need it.

A module is every ``.tf`` file of one folder: the client's pool (``user_pool_id =
aws_cognito_user_pool.users.id``), that pool's ``schema`` blocks, its identity providers and
resource servers, and what the client waits for (``depends_on`` and the resources it references;
Terraform orders creation by both).  Resources are named by their address
(``aws_cognito_identity_provider.saml``), which plays the part of a CloudFormation logical ID.

When something may add providers or servers the module does not show (a sibling file that does
not parse, a ``module`` block, a provider or server whose pool is an expression), the context says
``all_known = False`` and the rules that need the whole picture stay silent.

The module's ``variable`` blocks give the defaults of ``var.x`` (:meth:`ModuleIndex.variable_defaults`),
which the rules that accept defaults may use.  A ``.tfvars`` file, ``-var`` and ``TF_VAR_x`` are
not read: what they set is unknown here, so a default is only what deploys when nothing overrides it.
"""
from __future__ import annotations

import os
from typing import Any, Iterator, Optional

from linter.loaders import secrets
from linter.loaders.template_context import provider_info, schema_attributes, server_info
from linter.parsers.document import ParseError, decode, value_at
from linter.parsers.hcl import Conditional, HclDocument
from linter.parsers.reading import Unreadable, read_file
from linter.parsers.scanner import Expression
from linter.model import IdentityProviderInfo, ResourceServerInfo, TemplateContext, UserPoolInfo

_UNKNOWN_POOL = object()


class ModuleIndex:
    """Pools, providers and resource servers of the module a ``.tf`` document belongs to."""

    def __init__(self, doc: HclDocument):
        self.resources: dict[str, dict] = {}
        self.complete = True
        self.variables: dict[str, list[dict]] = {}
        for data in module_documents(doc):
            if data is None:
                self.complete = False  # a sibling file we cannot read may define anything
                continue
            variables = data.get("variable")
            for name, body in (variables.items() if isinstance(variables, dict) else ()):
                self.variables.setdefault(name, []).append(body)
            if data.get("module"):
                self.complete = False  # a module call may create providers or servers for the pool
            for resource_type, named in (data.get("resource") or {}).items():
                for name, body in (named.items() if isinstance(named, dict) else ()):
                    address = f"{resource_type}.{name}"
                    if address in self.resources:
                        self.complete = False  # defined twice: these files are not one module
                    elif isinstance(body, dict):
                        self.resources[address] = body  # the linted file's own come first
        self.pools = {address: _pool(address, body) for address, body in self.resources.items()
                      if address.startswith("aws_cognito_user_pool.")}
        self.providers = [(self._pool_of(body), _provider(address, body)) for address, body in self.resources.items()
                          if address.startswith("aws_cognito_identity_provider.")]
        self.servers = [(self._pool_of(body), _server(address, body)) for address, body in self.resources.items()
                        if address.startswith("aws_cognito_resource_server.")]

    def variable_defaults(self) -> dict[str, tuple[str, object]]:
        """``var.x`` → (``x``, its default) for every variable of the module declared once, with a
        literal ``default`` that is not null and not ``sensitive`` (a message may show it)."""
        found: dict[str, tuple[str, object]] = {}
        for name, bodies in self.variables.items():
            body = bodies[0] if len(bodies) == 1 else None
            if not isinstance(body, dict) or body.get("sensitive") is True:
                continue
            default = body.get("default")
            if default is not None and _literal(default):
                found[f"var.{name}"] = (name, default)
        return found

    def context_for(self, client: dict) -> TemplateContext:
        pool_address = self._pool_of(client)
        pool = self.pools.get(pool_address) if isinstance(pool_address, str) else None
        mine = [info for owner, info in self.providers if pool is not None and owner == pool_address]
        servers = [info for owner, info in self.servers if pool is not None and owner == pool_address]
        all_known = self.complete and all(owner is not _UNKNOWN_POOL for owner, _ in self.providers + self.servers)
        depends_on = frozenset(e.reference for e in _expressions(client.get("depends_on")) if e.reference)
        references = frozenset(e.reference for key, value in client.items() if key != "depends_on"
                               for e in _expressions(value) if e.reference)
        return TemplateContext(pool=pool, identity_providers=mine, resource_servers=servers, all_known=all_known,
                               depends_on=depends_on, references=references)

    def _pool_of(self, body: dict) -> Any:
        """The address of the module's pool a ``user_pool_id`` reads, None for another pool (a
        literal ID, a variable, a data source), or unknown."""
        value = body.get("user_pool_id")
        reference = value.reference if isinstance(value, Expression) and value.parts is None else None
        if reference in self.pools and value.text == f"{reference}.id":
            return reference
        if isinstance(value, str) or (isinstance(value, Expression) and value.text.startswith(("var.", "data."))):
            return None
        return _UNKNOWN_POOL


def module_documents(doc: HclDocument) -> Iterator[Optional[dict]]:
    """The data of every ``.tf`` file in the document's folder (None for one that does not parse)."""
    yield doc.data
    folder = os.path.dirname(os.path.abspath(doc.path))
    own = os.path.basename(doc.path)
    for name, data in _folder_files(folder).items():
        if name != own:
            yield data


#: The parsed .tf files of the last folder read, and what each reads for a secret: linting a
#: folder reads each file once, not once per file of the folder (files are linted folder by
#: folder), and memory holds one folder.
_last_folder: list = [None, {}, {}]


def module_secret_reads(doc: HclDocument) -> set[tuple[str, str]]:
    """The variables and locals the module's files read for a secret (``client_secret =
    var.google`` in ``idp.tf``: ``("var", "google")``), found once per folder: they are secret
    in whichever file gives them."""
    folder = os.path.dirname(os.path.abspath(doc.path))
    # loading the file read its folder just now (ModuleIndex): not listed and stat'ed again
    files = _last_folder[1] if _last_folder[0] and _last_folder[0][0] == folder else _folder_files(folder)
    cache = _last_folder[2] if _last_folder[1] is files else {}
    if "reads" not in cache:
        cache["reads"] = {read for data in files.values() if data is not None
                          for read in secrets.terraform_names_read([value_at(data, p) for p in secrets.keyed(data)])}
    return cache["reads"]


def folder_documents(folder: str) -> list[dict]:
    """The data of every ``.tf`` file of a folder that parses (a module a ``module`` block calls;
    not kept as the last folder, which is the one being linted)."""
    return [data for data in _folder_files(folder, keep=False).values() if data is not None]


def _folder_files(folder: str, keep: bool = True) -> dict[str, Optional[dict]]:
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".tf"))
        stats = [os.stat(os.path.join(folder, n)) for n in names]
        key = (folder, tuple((n, s.st_mtime_ns, s.st_size) for n, s in zip(names, stats)))
    except OSError:
        names, key = [], None
    if key is not None and _last_folder[0] == key:
        return _last_folder[1]
    files: dict[str, Optional[dict]] = {}
    for name in names:
        try:  # as an input is read: a FIFO or a device named *.tf would block or never end
            files[name] = HclDocument.parse(name, decode(read_file(os.path.join(folder, name)))).data
        except (Unreadable, ParseError):
            files[name] = None
    if keep:
        _last_folder[:] = [key, files, {}]
    return files


def _literal(value: Any) -> bool:
    """A value without expressions (a variable's default must be one)."""
    if isinstance(value, Expression):
        return False
    if isinstance(value, list):
        return all(_literal(v) for v in value)
    if isinstance(value, dict):
        return all(_literal(v) for v in value.values())
    return True


def _expressions(value: Any) -> Iterator[Expression]:
    """Every expression in a value (list items, template parts, object values, both branches of
    a conditional: Terraform orders creation by every reference, taken or not)."""
    if isinstance(value, Expression):
        yield value
        for part in value.parts or ():
            if isinstance(part, Expression):
                yield part
        if isinstance(value, Conditional):
            for branch in value.branches.values():
                yield from _expressions(branch)
    elif isinstance(value, list):
        for item in value:
            yield from _expressions(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _expressions(item)


def _pool(address: str, body: dict) -> UserPoolInfo:
    schema = body.get("schema")
    attributes, known = schema_attributes(schema if isinstance(schema, list) else [], "name", "mutable")
    known = known and "schema" not in (body.get("dynamic") or {})  # dynamic "schema" blocks: unknown
    return UserPoolInfo(logical_id=address, attributes=attributes, schema_known=known)


def _provider(address: str, body: dict) -> IdentityProviderInfo:
    return provider_info(address, body.get("provider_name"), body.get("attribute_mapping"))


def _server(address: str, body: dict) -> ResourceServerInfo:
    if "scope" in (body.get("dynamic") or {}):  # dynamic "scope" blocks: unknown scopes
        return server_info(address, body.get("identifier"), [None], "scope_name")
    return server_info(address, body.get("identifier"), body.get("scope") or [], "scope_name")
