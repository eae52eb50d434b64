"""Times `cognito-lint audit` against a local Cognito API: 1,000 app clients, and how the cost
grows with pools and regions.

    python benchmarks/audit.py            # 1,000 clients; 3 runs per shape, median
    python benchmarks/audit.py --quick    # 100 clients, 1 run

It needs cognito-lint installed with the `test` extra (boto3 and moto's server) in the interpreter
that runs it.  It starts moto's server (`python -m moto.server`) on a free port of 127.0.0.1 as a
child process, fills it with clients, runs `cognito-lint audit` as a whole process per shape, and
stops the server; nothing leaves the machine.  Per run: wall time (spawn to exit), CPU time and
peak RSS of the audit process (`os.wait4`), and the API calls and HTTP requests it made (its
`--verbose` line).  Results are printed and written to benchmarks/results/audit-latest.json.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_CLIENT = {
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "PreventUserExistenceErrors": "LEGACY", "EnableTokenRevocation": True,
    "AllowedOAuthFlows": ["code"], "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthScopes": ["openid", "email"],
    "CallbackURLs": ["https://shop.acme-corp.io/callback"], "SupportedIdentityProviders": ["COGNITO"],
}
_VERBOSE = re.compile(r"Read (\d+) app clients? in (\d+) user pools?, (\d+) regions? .* with (\d+) API calls? "
                      r"\((\d+) HTTP requests?\)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """moto's server as a child process on 127.0.0.1."""

    def __init__(self):
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", port],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/moto-api/data.json", timeout=1).read()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("moto's server did not start (is moto[server] installed?)")
                time.sleep(0.05)

    def reset(self) -> None:
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST")).read()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def populate(server: Server, clients: int, pools: int, regions: list[str]) -> None:
    """``clients`` app clients spread evenly over ``pools`` pools spread over ``regions``."""
    import boto3

    server.reset()
    api = {r: boto3.client("cognito-idp", region_name=r, endpoint_url=server.url, aws_access_key_id="testing",
                           aws_secret_access_key="testing") for r in regions}
    pool_ids = []
    for index in range(pools):
        region = regions[index % len(regions)]
        pool_ids.append((region, api[region].create_user_pool(PoolName=f"pool-{index}")["UserPool"]["Id"]))
    work = [(pool_ids[i % pools], f"client-{i:04}") for i in range(clients)]
    with concurrent.futures.ThreadPoolExecutor(8) as executor:
        list(executor.map(lambda item: api[item[0][0]].create_user_pool_client(
            UserPoolId=item[0][1], ClientName=item[1], **ACCOUNT_CLIENT), work))


def run_audit(server: Server, regions: list[str], jobs: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=regions[0],
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")
    argv = [sys.executable, "-m", "linter", "audit", "--endpoint-url", server.url, "--format", "json",
            "--output", os.devnull, "--verbose", "--fail-on", "never", "--jobs", str(jobs)]
    argv += [a for r in regions for a in ("--region", r)]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    stderr = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    match = _VERBOSE.search(stderr)
    if process.returncode != 0 or match is None:
        raise SystemExit(f"the audit failed (exit {process.returncode}):\n{stderr}")
    clients, pools, regions_read, calls, requests = map(int, match.groups())
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "clients": clients, "pools": pools, "regions": regions_read, "calls": calls, "requests": requests}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 clients, 1 run per shape")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per shape (median)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "audit-latest.json"))
    args = parser.parse_args(argv)
    total = 100 if args.quick else 1000
    runs = 1 if args.quick else args.runs
    two = ["us-east-1", "eu-west-1"]
    four = two + ["ap-southeast-2", "sa-east-1"]
    shapes = [  # (name, clients, pools, regions, jobs)
        (f"{total:,} clients, 10 pools, 2 regions", total, 10, two, 8),
        ("same, --jobs 1", total, 10, two, 1),
        ("1 pool", total, 1, ["us-east-1"], 8),
        ("100 pools", total, 100, two, 8),
        ("4 regions", total, 10, four, 8),
        ("no clients, 4 regions", 0, 0, four, 8),
    ]
    print(f"cognito-lint audit benchmark: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    server = Server()
    rows = []
    try:
        populated = None
        for name, clients, pools, regions, jobs in shapes:
            if populated != (clients, pools, tuple(regions)):
                populate(server, clients, pools, regions)
                populated = (clients, pools, tuple(regions))
            run_audit(server, regions, jobs)  # untimed: warms bytecode and the server
            results = [run_audit(server, regions, jobs) for _ in range(runs)]
            median = {k: statistics.median(r[k] for r in results) for k in results[0]}
            median.update(name=name, jobs=jobs, region_names=regions,
                          calls_per_client=median["calls"] / median["clients"] if median["clients"] else None)
            rows.append(median)
            per = f"{median['calls_per_client']:.3f}" if median["clients"] else "-"
            print(f"{name:<36} {median['clients']:>5.0f} clients {median['pools']:>4.0f} pools "
                  f"{median['regions']:>2.0f} regions  {median['calls']:>5.0f} calls ({per}/client, "
                  f"{median['requests']:.0f} requests)  {median['wall_s']:6.2f} s wall  {median['cpu_s']:5.2f} s CPU  "
                  f"{median['peak_rss_mb']:5.1f} MB", flush=True)
    finally:
        server.stop()
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps({"python": platform.python_version(), "cpus": os.cpu_count(),
                                             "runs": runs, "shapes": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
