"""A bounded loopback load on the HTTP API: concurrent readers and one writer.

    python bench/load.py [--readers 50] [--seconds 20] [--db out/load.db]

Builds the fixture store, starts `rasad serve` in a subprocess on a free 127.0.0.1 port, then
for at most --seconds (hard cap 60) runs --readers concurrent connections cycling through the
read endpoints while one writer posts articles to /api/ingest. Prints requests/s, p50/p95/p99
latency and errors per kind of request, and the CPU the server and this client used (cores
busy), to show which side limits the run. Readers speak raw keep-alive HTTP/1.1 (httpx costs
about 4 ms of client CPU per request, which made the client the bottleneck). Traffic never
leaves the loopback interface.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from rasad.fixtures import build
from rasad.store.pgserver import free_port

READ_PATHS = [
    "/api/dyads/IRN-BLR",
    "/api/events?country=IRN",
    "/api/documents",
    "/api/search?q=همکاری",
    "/api/sectors",
    "/dyads/IRN-BLR",
]
TOKEN = "load-bench-token"


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One keep-alive GET on a raw connection; the status code. A few lines of HTTP/1.1
    instead of httpx, whose per-request CPU would otherwise make the client the bottleneck."""
    request = f"GET {quote(path, safe='/?=&')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    writer.write(request.encode())
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    status = int(head.split(" ", 2)[1])
    length = re.search(r"\ncontent-length: *(\d+)", head)
    if length:
        await reader.readexactly(int(length.group(1)))
    else:  # chunked
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


async def _reader(port: int, deadline: float, stats: dict, offset: int) -> None:
    i = offset
    conn = await asyncio.open_connection("127.0.0.1", port)
    while time.perf_counter() < deadline:
        path = READ_PATHS[i % len(READ_PATHS)]
        i += 1
        start = time.perf_counter()
        try:
            ok = await asyncio.wait_for(_get(*conn, path), 10) == 200
        except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
            ok = False
            conn[1].close()
            conn = await asyncio.open_connection("127.0.0.1", port)
        stats["read"].append(time.perf_counter() - start)
        stats["read_errors"] += not ok
    conn[1].close()


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


async def _run(port: int, readers: int, seconds: float, text: str) -> dict:
    stats = {"read": [], "write": [], "read_errors": 0, "write_errors": 0}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        deadline = time.perf_counter() + seconds
        tasks = [_reader(port, deadline, stats, i) for i in range(readers)]
        tasks.append(_writer(client, deadline, stats, text))
        await asyncio.gather(*tasks)
    return stats


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process, from /proc (Linux); NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    port = free_port()
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
        server_before = _cpu_seconds(proc.pid)
        client_before = time.process_time()
        stats = asyncio.run(_run(port, args.readers, seconds, text))
        client_cpu = time.process_time() - client_before
        server_cpu = _cpu_seconds(proc.pid) - server_before
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"loopback load: {args.readers} readers + 1 writer for {seconds:.0f} s")
    print(f"CPU (cores busy): server {server_cpu / seconds:.2f}, client {client_cpu / seconds:.2f}"
          f" of {os.cpu_count()}")
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
