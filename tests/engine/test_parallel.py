"""--jobs: many files on several processes give the same findings, in the same order, as one."""
import json
import shutil
import subprocess
import sys

from support import ROOT


def test_parallel_results_match_serial_in_order(tmp_path):
    samples = sorted((ROOT / "sample_configs").rglob("*.*"))
    samples = [p for p in samples if p.suffix in (".json", ".yaml", ".yml") or p.name.endswith(".template.json")]
    for copy in range(6):  # enough files for the pool to be used
        for sample in samples:
            target = tmp_path / f"set{copy}" / sample.relative_to(ROOT / "sample_configs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(sample, target)

    def run(jobs):
        result = subprocess.run([sys.executable, "-P", "-m", "linter", "lint", "--format", "json", "--jobs", str(jobs),
                                 str(tmp_path)], capture_output=True, text=True, timeout=300)
        assert result.returncode == 1, result.stderr
        return json.loads(result.stdout)

    serial, parallel = run(1), run(2)
    assert serial["summary"]["files"] >= 8 * 6
    assert parallel == serial
