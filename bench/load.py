"""A bounded loopback load on the HTTP API: concurrent readers and one writer.

    python bench/load.py [--readers 50] [--seconds 20] [--db out/load.db]

Builds the fixture store, starts `rasad serve` in a subprocess on a free 127.0.0.1 port, then
for at most --seconds (hard cap 60) runs --readers concurrent connections cycling through the
read endpoints while one writer posts articles to /api/ingest. Prints requests/s, p50/p95/p99
latency and errors per kind of request. Traffic never leaves the loopback interface.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from rasad.fixtures import build

READ_PATHS = [
    "/api/dyads/IRN-BLR",
    "/api/events?country=IRN",
    "/api/documents",
    "/api/search?q=همکاری",
    "/api/sectors",
    "/dyads/IRN-BLR",
]
TOKEN = "load-bench-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _reader(client: httpx.AsyncClient, deadline: float, stats: dict, offset: int) -> None:
    i = offset
    while time.perf_counter() < deadline:
        path = READ_PATHS[i % len(READ_PATHS)]
        i += 1
        start = time.perf_counter()
        try:
            response = await client.get(path)
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        stats["read"].append(time.perf_counter() - start)
        stats["read_errors"] += not ok


async def _writer(client: httpx.AsyncClient, deadline: float, stats: dict, text: str) -> None:
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        body = json.dumps({"id": f"load-{n}", "text": f"{text}\n{n}"}, ensure_ascii=False)
        start = time.perf_counter()
        try:
            response = await client.post(
                "/api/ingest", content=body.encode(), headers={"Authorization": f"Bearer {TOKEN}"}
            )
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        stats["write"].append(time.perf_counter() - start)
        stats["write_errors"] += not ok


async def _run(base: str, readers: int, seconds: float, text: str) -> dict:
    stats = {"read": [], "write": [], "read_errors": 0, "write_errors": 0}
    limits = httpx.Limits(max_connections=readers + 1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        deadline = time.perf_counter() + seconds
        tasks = [_reader(client, deadline, stats, i) for i in range(readers)]
        tasks.append(_writer(client, deadline, stats, text))
        await asyncio.gather(*tasks)
    return stats


def _wait_until_up(base: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("server exited before answering")
        try:
            if httpx.get(base + "/api/sectors", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    sys.exit("server did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--db", type=Path, default=Path("out/load.db"))
    args = parser.parse_args()
    seconds = min(args.seconds, 60)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    args.db.unlink(missing_ok=True)
    build(str(args.db))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "RASAD_TOKEN": TOKEN}
    command = [
        sys.executable,
        "-m",
        "rasad.cli",
        "serve",
        "--db",
        str(args.db),
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(base, proc)
        text = "ایگور سرگینکو رئیس پارلمان بلاروس امروز با محمدباقر قالیباف دیدار کرد."
        stats = asyncio.run(_run(base, args.readers, seconds, text))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"loopback load: {args.readers} readers + 1 writer for {seconds:.0f} s")
    header = ("kind", "req", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    print("{:6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>7}".format(*header))
    for kind in ("read", "write"):
        lat = [v * 1000 for v in stats[kind]]
        row = (
            kind,
            len(lat),
            len(lat) / seconds,
            statistics.median(lat) if lat else 0.0,
            _percentile(lat, 0.95),
            _percentile(lat, 0.99),
            stats[kind + "_errors"],
        )
        print("{:6} {:6} {:8.1f} {:8.1f} {:8.1f} {:8.1f} {:7}".format(*row))


if __name__ == "__main__":
    main()
