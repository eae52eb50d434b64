"""How soon an editor sees diagnostics: the language server's warm lint of one document.

Two measurements, each the median (and the 90th percentile) of many runs after one warm-up run:

* ``worker``: what the server does on its worker thread for one version of a buffer (find the
  configuration, lint the text, convert the findings into diagnostics), called in this process
  through the server's own Worker;
* ``stdio``: from ``textDocument/didOpen`` sent by a real LSP client (pygls's) to the matching
  ``textDocument/publishDiagnostics`` received, over the pipes of a ``cognito-lint lsp`` process
  (an opened document is linted at once; a changed one after the 0.15 s debounce on top).

Usage (needs the ``lsp`` extra):  python benchmarks/lsp.py [--runs 100] [--corpus PATH]

The documents: the corpus's smallest template that declares an app client (the ``small`` workload
of run.py), this repository's sample templates, and every corpus template (their median, and
the slowest).  Prints a table and writes benchmarks/results/lsp-latest.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from linter.lsp.server import Worker, lint_buffer  # noqa: E402
from linter.lsp.settings import SettingsCache  # noqa: E402

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
SMALL = "aws-cloudformation__aws-cloudformation-templates__RainModules__cognito.yml"


def documents(corpus: Path) -> dict[str, Path]:
    found = {}
    if (corpus / SMALL).exists():
        found["small (corpus, 1.1 KB)"] = corpus / SMALL
    for path in sorted((ROOT / "sample_configs").rglob("*.template.*")):
        found[f"sample {path.parent.name}/{path.name}"] = path
    return found


def corpus_templates(corpus: Path) -> list[Path]:
    if not corpus.is_dir():
        return []
    return [p for p in sorted(corpus.iterdir())
            if p.suffix in TEMPLATE_SUFFIXES and b"AWS::Cognito::UserPoolClient" in p.read_bytes()
            and b"Resources" in p.read_bytes()]


def worker_times(path: Path, runs: int) -> list[float]:
    """Seconds per lint of ``path``'s text as the server lints a buffer version, warm."""
    worker, settings = Worker(), SettingsCache()
    text = path.read_text(encoding="utf-8")
    worker.submit(lint_buffer, settings, str(path), text, 0, "utf-16").result()  # warm: rules, loaders
    times = []
    for version in range(1, runs + 1):
        started = time.perf_counter()
        worker.submit(lint_buffer, settings, str(path), text, version, "utf-16").result()
        times.append(time.perf_counter() - started)
    return times


async def stdio_times(path: Path, runs: int) -> list[float]:
    client = LanguageClient("benchmark", "1")
    arrived: dict[str, asyncio.Future] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        future = arrived.get(params.uri)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    await client.start_io(sys.executable, "-P", "-m", "linter", "lsp", cwd=str(ROOT))
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       root_uri=path.parent.as_uri(), process_id=os.getpid()))
    client.initialized(lsp.InitializedParams())
    text = path.read_text(encoding="utf-8")
    times = []
    for index in range(runs + 1):
        uri = (path.parent / f"bench-{index}{path.suffix}").as_uri()
        arrived[uri] = asyncio.get_running_loop().create_future()
        started = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, text)))
        done = await asyncio.wait_for(arrived[uri], 30)
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
        if index:  # the first one is the warm-up
            times.append(done - started)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"runs": len(times), "median_ms": round(statistics.median(times) * 1000, 2),
            "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs; Python {platform.python_version()}")
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "python": platform.python_version(),
                     "cpus": os.cpu_count(), "load_before": os.getloadavg()[0], "documents": {}}
    rows = []
    for name, path in documents(args.corpus).items():
        worker = summary(worker_times(path, args.runs))
        stdio = summary(asyncio.run(stdio_times(path, min(args.runs, 50))))
        results["documents"][name] = {"path": str(path), "bytes": path.stat().st_size, "worker": worker, "stdio": stdio}
        rows.append((name, path.stat().st_size, worker, stdio))
    templates = corpus_templates(args.corpus)
    if templates:
        medians = {p.name: statistics.median(worker_times(p, 20)) * 1000 for p in templates}
        slowest = max(medians, key=medians.get)
        results["corpus_templates"] = {"count": len(medians), "median_ms": round(statistics.median(medians.values()), 2),
                                       "slowest": slowest, "slowest_ms": round(medians[slowest], 2),
                                       "per_file_ms": {k: round(v, 2) for k, v in medians.items()}}
    results["load_after"] = os.getloadavg()[0]
    print("\n| document | bytes | worker median (p90) | didOpen → diagnostics median (p90) |\n|---|---|---|---|")
    for name, size, worker, stdio in rows:
        print(f"| {name} | {size:,} | {worker['median_ms']:.1f} ms ({worker['p90_ms']:.1f}) "
              f"| {stdio['median_ms']:.1f} ms ({stdio['p90_ms']:.1f}) |")
    if templates:
        c = results["corpus_templates"]
        print(f"\n{c['count']} corpus templates, worker: median of medians {c['median_ms']:.1f} ms; "
              f"slowest {c['slowest']} {c['slowest_ms']:.1f} ms")
    out = ROOT / "benchmarks" / "results" / "lsp-latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}; wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
