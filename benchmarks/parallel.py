"""Where several processes start to pay: the measurement behind ``linter/engine/run.py``'s
``PARALLEL_MIN_FILES`` and ``PARALLEL_MIN_BYTES`` (benchmarks/README.md, "Parallel or not").

For each count of corpus templates (cycled, as the 1,000-template workload of ``run.py``), it
times ``--jobs 1`` and ``--jobs N`` (N = the CPUs) in turn, pairs the runs, and prints the median
wall time of each and their ratio: below 1.0 the processes pay.  Then the same for a few large
generated templates, where bytes, not files, are the work.

    python benchmarks/parallel.py [--runs 7] [--counts 25,50,100,200,400,800] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (the workloads and the timing of run.py, not a second copy)


def paired(argv_a: list[str], argv_b: list[str], runs: int) -> tuple[float, float, float]:
    """(median wall of A, median wall of B, median of the pairwise ratios A/B), after one warm-up each."""
    bench.run_once(argv_a), bench.run_once(argv_b)
    walls_a, walls_b, ratios = [], [], []
    for _ in range(runs):
        a, b = bench.run_once(argv_a)[0], bench.run_once(argv_b)[0]
        walls_a.append(a), walls_b.append(b), ratios.append(b / a)
    return statistics.median(walls_a), statistics.median(walls_b), statistics.median(ratios)


def generated_files(root: Path, count: int, resources: int) -> tuple[Path, int]:
    """``count`` generated templates of ``resources`` resources each: (folder, total bytes)."""
    folder = bench.fresh_dir(root / f"generated-{count}x{resources}")
    text = json.dumps(bench.generated_template(resources), indent=1)
    for i in range(count):
        (folder / f"{i:03d}.template.json").write_text(text)
    return folder, count * len(text.encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--counts", default="25,50,100,200,400,800")
    parser.add_argument("--corpus", type=Path, default=bench.DEFAULT_CORPUS)
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    if cpus < 2:
        print("one CPU: there is nothing to compare", file=sys.stderr)
        return 2
    command, _ = bench.find_cognito_lint()
    root = bench.WORK / "parallel"
    files = bench.read_corpus(args.corpus)
    common = ["lint", "--format", "json", "--fail-on", "never"]

    print(f"{cpus} CPUs, load {os.getloadavg()[0]:.2f}; median of {args.runs} paired runs\n")
    print(f"| files | bytes | `--jobs 1` | `--jobs {cpus}` | {cpus} jobs / 1 job |\n|---|---|---|---|---|")
    for count in (int(c) for c in args.counts.split(",")):
        workload = bench.many_workload(files, root, count)
        target = str(workload.target)
        one, many, ratio = paired([*command, *common, "--jobs", "1", target],
                                  [*command, *common, "--jobs", str(cpus), target], args.runs)
        print(f"| {count:,} | {workload.size():,} | {one:.3f} s | {many:.3f} s | {ratio:.2f} |")
    for count, resources in ((8, 400), (8, 1600), (8, 6400)):  # 8 files: --jobs caps at a process per 4
        folder, size = generated_files(root, count, resources)
        one, many, ratio = paired([*command, *common, "--jobs", "1", str(folder)],
                                  [*command, *common, "--jobs", str(cpus), str(folder)], args.runs)
        print(f"| {count} generated | {size:,} | {one:.3f} s | {many:.3f} s | {ratio:.2f} |")
    print(f"\nload at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
