"""The language server driven end to end by a real LSP client over stdio (pytest-lsp), as VS Code
(UTF-16 positions), Neovim (UTF-8) and Emacs (code points) drive it."""
from __future__ import annotations

import asyncio
import sys
import time

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from support import cfn  # noqa: E402

DOCS = "https://github.com/cognito-lint/cognito-lint/blob/main/docs/rules.md#"
TEMPLATE = cfn("""\
ClientName: wéb
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [Code]
AllowedOAuthScopes: [openid]
CallbackURLs: ["https://ünï.acme-corp.io/😀", http://staging.acme-corp.io/cb]
""")
#: Where `http://staging.acme-corp.io/cb` starts on its line (0-based), by position encoding: after
#: 49 ASCII characters, two of two UTF-8 bytes and one (😀) of two UTF-16 units and four bytes.
CG202_START = {"utf-16": 52, "utf-8": 56, "utf-32": 51}
CLIENTS = {"visual-studio-code": "utf-16", "neovim": "utf-8", "emacs": "utf-32"}


def _make_client() -> LanguageClient:
    """pytest-lsp's client, which also records every publishDiagnostics with its version and
    answers client/registerCapability (pytest-lsp has no handler for it)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []

    def publish(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def register(client: LanguageClient, params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                                   lsp.CLIENT_REGISTER_CAPABILITY: register})
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-P", "-m", "linter", "lsp"],
                                              client_factory=_make_client),
                    params=list(CLIENTS))
async def client(lsp_client: LanguageClient, request, tmp_path):
    (tmp_path / ".cognito-lint.yaml").write_text("select: [CG2, CG005]\n")
    result = await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities(request.param), root_uri=tmp_path.as_uri()))
    lsp_client.encoding = result.capabilities.position_encoding
    lsp_client.root = tmp_path
    assert lsp_client.encoding == CLIENTS[request.param]
    yield
    server = lsp_client._server
    if server.returncode is None:  # pytest-lsp's teardown waits for the server without killing it
        try:
            await asyncio.wait_for(lsp_client.shutdown_session(), 5)
        except Exception:  # noqa: BLE001
            server.kill()


# --- client-side helpers: what an editor does with positions and edits ---------------------------

def _units(char: str, encoding: str) -> int:
    return {"utf-8": len(char.encode()), "utf-16": len(char.encode("utf-16-le")) // 2}.get(encoding, 1)


def offset(text: str, position: lsp.Position, encoding: str) -> int:
    lines = text.splitlines(keepends=True)
    if position.line >= len(lines):
        return len(text)
    start = sum(len(line) for line in lines[:position.line])
    count = 0
    for index, char in enumerate(lines[position.line]):
        if count >= position.character:
            return start + index
        count += _units(char, encoding)
    return start + len(lines[position.line])


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str) -> str:
    spans = [(offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


async def diagnostics(client: LanguageClient, uri: str, version, timeout: float = 20) -> list[lsp.Diagnostic]:
    """The diagnostics the server publishes for ``version`` of ``uri`` (earlier ones are skipped)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for params in reversed(client.published):
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version}: {client.published}")


def open_document(client: LanguageClient, uri: str, text: str, language: str = "yaml", version: int = 1) -> None:
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, version, text)))


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def actions_at(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))


def ranges(found: list[lsp.Diagnostic]) -> list[tuple]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in found]


# --- the tests -----------------------------------------------------------------------------------

async def test_diagnostics_code_actions_and_close(client: LanguageClient):
    uri = (client.root / "web client.template.yaml").as_uri()  # a space: the URI is percent-encoded
    assert "%20" in uri
    open_document(client, uri, TEMPLATE)
    found = await diagnostics(client, uri, 1)
    start = CG202_START[client.encoding]
    assert ranges(found) == [("CG005", 9, 26, 9, 30), ("CG202", 11, start, 11, start + 30)]
    for d in found:
        assert d.source == "cognito-lint" and d.severity == lsp.DiagnosticSeverity.Error
        assert d.code_description.href == DOCS + d.code.lower()
    assert "write code" in found[0].message and "uses http://" in found[1].message

    # "suppress CG202 on this line": a comment after the non-ASCII text, at the client's position
    actions = await actions_at(client, uri, found[1])
    assert [(a.title, a.is_preferred) for a in actions] == [  # an unsafe fix is offered, never preferred
        ("Fix CG202: Write https://staging.acme-corp.io/cb (unsafe fix: check the result)", False),
        ("Suppress CG202 on line 12", None), ("Fix all safe cognito-lint problems", None)]
    actions = actions[1:]
    assert actions[0].kind == lsp.CodeActionKind.QuickFix and not actions[0].is_preferred
    text = apply_edits(TEMPLATE, actions[0].edit.changes[uri], client.encoding)
    assert text.splitlines()[11].endswith("http://staging.acme-corp.io/cb]  # cognito-lint: ignore=CG202")
    change(client, uri, 2, text)
    assert ranges(await diagnostics(client, uri, 2)) == [("CG005", 9, 26, 9, 30)]

    # the fix --fix would apply, preferred, and the suppression
    found = await diagnostics(client, uri, 2)
    actions = await actions_at(client, uri, found[0])
    assert [(a.title, a.is_preferred) for a in actions] == [
        ("Fix CG005: Write code", True), ("Suppress CG005 on line 10", None), ("Fix all safe cognito-lint problems", None)]
    assert list(actions[0].diagnostics) == [found[0]]
    text = apply_edits(text, actions[0].edit.changes[uri], client.encoding)
    assert "AllowedOAuthFlows: [code]" in text
    change(client, uri, 3, text)
    assert await diagnostics(client, uri, 3) == []

    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    assert await diagnostics(client, uri, None) == []

    await client.shutdown_session()
    assert client._server.returncode == 0


async def test_configuration_reload_malformed_buffer_and_fix_all(client: LanguageClient):
    uri = (client.root / "app.yaml").as_uri()
    open_document(client, uri, TEMPLATE)
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["CG005", "CG202"]
    if client.capabilities.workspace.did_change_watched_files.dynamic_registration:
        assert [r.method for r in client.registrations] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    # The configuration changes on disk: the same version is linted again with it.
    client.published.clear()
    (client.root / ".cognito-lint.yaml").write_text("select: [CG2]\n")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(uri=(client.root / ".cognito-lint.yaml").as_uri(), type=lsp.FileChangeType.Changed)]))
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["CG202"]
    (client.root / ".cognito-lint.yaml").write_text("select: [CG00]\n")  # found again when next linted

    # A YAML file that holds no app client gets no diagnostics (decided as for files).
    other = (client.root / "other.yaml").as_uri()
    open_document(client, other, "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n  - broken\n")
    assert await diagnostics(client, other, 1) == []

    # A buffer that does not parse is a CG001 diagnostic, and the server goes on.
    broken = TEMPLATE.replace("[openid]", "[openid")
    change(client, uri, 2, broken)
    [d] = await diagnostics(client, uri, 2)
    assert d.code == "CG001" and d.severity == lsp.DiagnosticSeverity.Error and d.range.start.line >= 10
    assert list(await actions_at(client, uri, d)) == []

    # source.fixAll: every safe fix at once (in a JSON API payload, non-ASCII text before them).
    api = (client.root / "create.json").as_uri()
    payload = ('{"UserPoolId": "us-east-1_Ab12Cd34E", "ClientName": "web", "GenerateSecret": "false",\n'
               ' "CallbackURLs": ["https://app.acme-corp.io/é😀"], "AllowedOAuthFlows": ["Code", "Implicit"], "AccessTokenValidity": "60"}\n')
    open_document(client, api, payload, "json")
    assert [d.code for d in await diagnostics(client, api, 1)] == ["CG003", "CG005", "CG005", "CG003"]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(api), range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll])))
    assert [(a.title, a.kind) for a in actions] == [("Fix all safe cognito-lint problems", "source.fixAll.cognito-lint")]
    fixed = apply_edits(payload, actions[0].edit.changes[api], client.encoding)
    assert fixed == payload.replace('"false"', "false").replace('"Code", "Implicit"', '"code", "implicit"').replace(
        '"60"', "60")
    change(client, api, 2, fixed)
    assert await diagnostics(client, api, 2) == []

    # A configuration that does not load: said once, and the defaults are used meanwhile.
    client.published.clear()
    (client.root / ".cognito-lint.yaml").write_text("selct: [CG2]\n")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(uri=(client.root / ".cognito-lint.yaml").as_uri(), type=lsp.FileChangeType.Changed)]))
    assert "CG406" in [d.code for d in await diagnostics(client, api, 2)]
    await diagnostics(client, uri, 2)
    shown = [m.message for m in client.messages if "configuration not used" in m.message]
    assert len(shown) == 1 and "selct: unknown key" in shown[0], client.messages


def big_template(megabytes: float = 5) -> str:
    """A template of ``megabytes`` (many topics), with one client at the end (a CG202 at its last line)."""
    topic = "  Topic{0:06d}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: topic-{0:06d}-" + "x" * 40 + "\n"
    size = len(topic.format(0))
    body = "".join(topic.format(i) for i in range(int(megabytes * 1_000_000 / size)))
    return ("Resources:\n" + body + "  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n"
            "      UserPoolId: p\n      CallbackURLs:\n        - http://staging.acme-corp.io/cb\n")


@pytest.mark.parametrize("client", ["visual-studio-code"], indirect=True)
async def test_a_large_document_does_not_block_the_server(client: LanguageClient):
    text = big_template()
    assert len(text.encode()) >= 5_000_000
    uri = (client.root / "big.yaml").as_uri()
    small = (client.root / "small.yaml").as_uri()
    started = time.monotonic()
    open_document(client, uri, text)
    latencies = []
    while not any(p.uri == uri for p in client.published) and time.monotonic() - started < 30:
        asked = time.monotonic()
        # Answered on the event loop (no lint result yet for this version: no actions).
        assert not await actions_at(client, small, lsp.Diagnostic(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)), "x"))
        latencies.append(time.monotonic() - asked)
        await asyncio.sleep(0.05)
    found = await diagnostics(client, uri, 1)
    lint_time = time.monotonic() - started
    assert ranges(found) == [("CG202", len(text.splitlines()) - 1, 10, len(text.splitlines()) - 1, 40)]
    print(f"\n5 MB: diagnostics after {lint_time:.2f} s; {len(latencies)} requests meanwhile, answered in "
          f"{max(latencies) * 1000:.0f} ms at most")
    # Requests were answered all along, none waited for the lint (on a loaded machine a thread
    # may wait for a core: hence a bound relative to the lint, not an absolute one).
    assert len(latencies) >= 3, f"the lint took {lint_time:.2f} s: too short to measure anything"
    assert max(latencies) < lint_time / 3, (latencies, lint_time)
    # The next document is linted as soon as the large one is done.
    open_document(client, small, TEMPLATE)
    await diagnostics(client, small, 1, timeout=5)
    await client.shutdown_session()
    assert client._server.returncode == 0
