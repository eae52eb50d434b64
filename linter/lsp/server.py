"""``cognito-lint lsp``: the language server (pygls), over stdio.

What an editor gets:

* diagnostics for each open buffer (never the file on disk), on open at once and on change after
  a short debounce, cleared on close; suppressed findings are not shown;
* quick fixes: each fix ``--fix`` would apply (unsafe ones marked and never preferred), "fix all"
  as ``source.fixAll``, and "suppress CGxxx" in the file's syntax (:mod:`linter.lsp.actions`);
* the configuration of each document's folder (:mod:`linter.lsp.settings`), loaded again when
  it changes.

Linting runs on one worker thread, never on the event loop: the server answers requests while a
large document is being linted, a result for a version the buffer no longer has is dropped, and
a lint still waiting when a newer version arrives is never started.  The worker is a daemon
thread (not a ThreadPoolExecutor, whose threads the interpreter waits for at exit), so ``exit``
ends the process at once even during a long lint.

Importing this module imports pygls and lsprotocol (about 0.3 s): only ``cognito-lint lsp`` does.
"""
from __future__ import annotations

import asyncio
import gc
import logging
import os
import queue
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from linter import __version__
from linter.engine.lint import lint_text
from linter.loaders import registry
from linter.lsp import actions
from linter.lsp.positions import LineIndex
from linter.lsp.settings import SettingsCache
from linter.parsers.document import Document, ParseError
from linter.reporters.edits import Edit, fix_edits
from linter.reporters.rule_docs import docs_url

NAME = "cognito-lint"
#: Seconds without a change before a changed buffer is linted (an opened one is linted at once).
DEBOUNCE = 0.15
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "note": lsp.DiagnosticSeverity.Information}
CONFIG_FILES = (".cognito-lint.yaml", "pyproject.toml")
FIX_ALL = f"{lsp.CodeActionKind.SourceFixAll.value}.{NAME}"
#: An editor buffer that is not a file yet (``untitled:Untitled-1``) is named by its language.
LANGUAGE_EXTENSIONS = {"yaml": ".yaml", "json": ".json", "jsonc": ".json", "terraform": ".tf", "hcl": ".tf",
                       "powershell": ".ps1", "ps1": ".ps1"}
_WARM_UP = "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: p}\n"

log = logging.getLogger(__name__)


# --- the worker ----------------------------------------------------------------------------------

class Worker:
    """One daemon thread running jobs in order; a job cancelled before it starts never runs.

    The cyclic garbage collector is off while a job runs: a large document makes millions of
    objects, and each full collection among them stops every thread for up to a second (the event
    loop's too); linting 5 MB takes less than half the time without them.  What a lint allocates is
    freed by reference counting when its result is dropped."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, name="cognito-lint-worker", daemon=True).start()

    def submit(self, function: Callable, *args: Any) -> Future:
        future: Future = Future()
        self._jobs.put((future, function, args))
        return future

    def _run(self) -> None:
        while True:
            future, function, args = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            gc.disable()
            try:
                result = function(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to the event loop, never lost
                future.set_exception(exc)
            else:
                future.set_result(result)
            finally:
                gc.enable()


# --- one version of a document, linted (on the worker) ------------------------------------------

@dataclass
class Linted:
    version: Optional[int]
    path: str
    index: LineIndex
    #: The findings shown (not suppressed, not turned off per file), each with its diagnostic.
    findings: list
    diagnostics: list
    #: Errors to tell the user about (a rule that crashed, a configuration that does not load).
    messages: list = field(default_factory=list)
    _document: Any = None

    def document(self) -> Optional[Document]:
        """The linted text parsed (for code actions; on the worker, once), or None when it does not parse."""
        if self._document is None:
            try:
                self._document = registry.parse(self.path, self.index.text.encode("utf-8", "surrogatepass"))
            except (ParseError, UnicodeError, RecursionError):
                self._document = False
        return self._document or None


def lint_buffer(settings_cache: SettingsCache, path: str, text: str, version: Optional[int], encoding: str) -> Linted:
    settings = settings_cache.for_document(path)
    result = lint_text(path, text, settings.lint)
    index = LineIndex(text, encoding)
    shown = [f for f in settings.ignores.keep(path, result.findings) if f.suppressed is None and f.file == path]
    diagnostics = [diagnostic(f, index, settings.rules) for f in shown]
    messages = list(result.errors)
    if settings.error:
        messages.append(f"configuration not used: {settings.error}")
    return Linted(version, path, index, shown, diagnostics, messages)


def diagnostic(finding: Any, index: LineIndex, rules: Any) -> lsp.Diagnostic:
    span = finding.span
    url = docs_url(finding.rule_id, rules)
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(*index.position(span.line, span.column)),
                        lsp.Position(*index.position(span.end_line, span.end_column))),
        message=finding.message,
        severity=SEVERITY.get(finding.level, lsp.DiagnosticSeverity.Warning),
        code=finding.rule_id,
        code_description=lsp.CodeDescription(href=url) if url else None,
        source=NAME,
        tags=[lsp.DiagnosticTag.Unnecessary] if finding.rule_id == "CG009" else None,
    )


def code_actions(linted: Linted, uri: str, wanted: list, fix_all: bool) -> list[lsp.CodeAction]:
    """The quick fixes of the ``wanted`` (finding, diagnostic) pairs, and with ``fix_all`` the
    document's safe fixes in one action.  Runs on the worker (it may parse the document)."""
    document = linted.document()
    if document is None:
        return []
    found = []
    for finding, diag in wanted:
        fix = fix_edits(document, finding)
        if fix is not None:
            new = " ".join(edit.text for edit in fix.edits)
            title = f"Fix {finding.rule_id}: " + (fix.title or f"write {new if len(new) <= 40 else new[:39] + '…'}")
            found.append(lsp.CodeAction(
                title=title if fix.safe else f"{title} (unsafe fix: check the result)",
                kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=fix.safe,
                edit=_workspace_edit(uri, linted, fix.edits)))
        suppression = actions.suppression(document, finding)
        if suppression is not None:
            title, edit = suppression
            found.append(lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                                        edit=_workspace_edit(uri, linted, [edit])))
    if fix_all:
        edits: list[Edit] = []
        for finding in linted.findings:
            fix = fix_edits(document, finding)
            if fix is not None and fix.safe and not any(_overlap(e, mine) for e in edits for mine in fix.edits):
                edits.extend(fix.edits)
        if edits:
            found.append(lsp.CodeAction(title=f"Fix all safe {NAME} problems", kind=FIX_ALL,
                                        edit=_workspace_edit(uri, linted, edits)))
    return found


def _workspace_edit(uri: str, linted: Linted, edits: list[Edit]) -> lsp.WorkspaceEdit:
    index = linted.index
    return lsp.WorkspaceEdit(changes={uri: [
        lsp.TextEdit(range=lsp.Range(lsp.Position(*index.position_of_offset(e.start)),
                                     lsp.Position(*index.position_of_offset(e.end))), new_text=e.text)
        for e in edits]})


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end or a.start == b.start


# --- the server ----------------------------------------------------------------------------------

class CognitoLintServer(LanguageServer):
    def __init__(self, settings: SettingsCache, debounce: float = DEBOUNCE):
        super().__init__(NAME, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.settings = settings
        self.debounce = debounce
        self.worker = Worker()
        #: Open documents by the URI the client gave (pygls keys its documents by the unquoted one).
        self.open_uris: set[str] = set()
        self.pending: dict[str, asyncio.Task] = {}
        self.linted: dict[str, Linted] = {}
        self._shown_messages: set[str] = set()

    def open_document(self, uri: str):
        """The open document at ``uri``, or None (pygls's get_text_document would read the disk)."""
        return self.workspace.text_documents.get(unquote(uri))

    def folder(self) -> str:
        return self.workspace.root_path or os.getcwd()

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, instead of any lint of it not started yet."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint(uri, delay))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)

    async def _lint(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.open_document(uri)
        if document is None:
            return
        version, text = document.version, document.source  # a snapshot: the buffer may change meanwhile
        path = document_path(uri, document.language_id, self.folder())
        job = self.worker.submit(lint_buffer, self.settings, path, text, version, self.workspace.position_encoding)
        try:
            linted = await asyncio.wrap_future(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug of ours: say so, keep serving
            self._tell(f"{path}: internal error: {type(exc).__name__}: {exc}")
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        for message in linted.messages:
            self._tell(message)
        current = self.open_document(uri)
        if current is None or current.version != version:
            return  # closed, or changed since: a newer lint is on its way
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=linted.diagnostics))

    def _tell(self, message: str) -> None:
        """Show and log an error, each distinct one once (not at every keystroke) until the
        configuration changes."""
        if message in self._shown_messages:
            return
        self._shown_messages.add(message)
        for send, params in ((self.window_log_message, lsp.LogMessageParams),
                             (self.window_show_message, lsp.ShowMessageParams)):
            send(params(type=lsp.MessageType.Error, message=f"{NAME}: {message}"))

    def configuration_changed(self) -> None:
        """Load every configuration again and lint every open document with it."""
        self.settings.forget()
        self._shown_messages.clear()
        for uri in sorted(self.open_uris):
            self.schedule(uri, 0)


def document_path(uri: str, language_id: Optional[str], folder: str) -> str:
    """The path a document is linted as: its file, or for an unsaved buffer a name in ``folder``."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return url2pathname(parsed.path)
    name = os.path.basename(unquote(parsed.path or parsed.netloc)) or "untitled"
    if not os.path.splitext(name)[1]:
        name += LANGUAGE_EXTENSIONS.get(language_id or "", "")
    return os.path.join(folder, name)


def create_server(settings: SettingsCache, debounce: float = DEBOUNCE) -> CognitoLintServer:
    server = CognitoLintServer(settings, debounce)

    @server.feature(lsp.INITIALIZED)
    async def initialized(params: lsp.InitializedParams) -> None:
        server.worker.submit(_warm_up, server.settings, server.folder())
        watched = server.client_capabilities.workspace
        watched = watched.did_change_watched_files if watched else None
        if watched and watched.dynamic_registration:
            await server.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id=f"{NAME}-configuration", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]))]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        server.open_uris.add(params.text_document.uri)
        server.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        if os.path.basename(urlparse(params.text_document.uri).path) in CONFIG_FILES:  # edited in the editor
            server.configuration_changed()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.open_uris.discard(uri)
        server.forget(uri)
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: lsp.DidChangeWatchedFilesParams) -> None:
        server.configuration_changed()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False))
    async def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        linted, current = server.linted.get(uri), server.open_document(uri)
        if linted is None or current is None or current.version != linted.version:
            return []  # not linted yet in this version: the client asks again when diagnostics arrive
        only = params.context.only
        quick = not only or any(_within(lsp.CodeActionKind.QuickFix, kind) for kind in only)
        fix_all = not only or any(_within(FIX_ALL, kind) for kind in only)
        wanted = [(f, d) for f, d in zip(linted.findings, linted.diagnostics)
                  if quick and _overlaps(d.range, params.range)]
        if not wanted and not fix_all:
            return []
        return await asyncio.wrap_future(server.worker.submit(code_actions, linted, uri, wanted, fix_all))

    @server.feature(lsp.SHUTDOWN)
    def shutdown(params: Any) -> None:
        for task in server.pending.values():
            task.cancel()
        server.pending.clear()

    return server


def _within(kind: str, requested: str) -> bool:
    """``kind`` is ``requested`` or one of its sub-kinds (``source.fixAll.cognito-lint`` is in ``source``)."""
    return kind == requested or kind.startswith(f"{requested}.")


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(position: lsp.Position) -> tuple[int, int]:
        return position.line, position.character

    return not (key(a.end) < key(b.start) or key(b.end) < key(a.start))


def _warm_up(settings: SettingsCache, folder: str) -> None:
    """Load the rules and loaders before the first document comes (its lint is then a warm one)."""
    path = os.path.join(folder, "warm-up.yaml")
    try:
        lint_text(path, _WARM_UP, settings.for_document(path).lint)
    except Exception:  # noqa: BLE001 - the real lints will say what is wrong
        log.debug("warm-up failed", exc_info=True)


def serve(config_file: Optional[str] = None, rules_dirs: tuple[str, ...] = ()) -> None:
    """Serve over stdin and stdout until the client says ``exit``."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format=f"{NAME} lsp: %(levelname)s: %(message)s")
    create_server(SettingsCache(config_file, tuple(rules_dirs))).start_io()
