"""Throughput, peak memory and scaling of the pipeline on the Fars News articles.

    .venv/bin/python bench/throughput.py [--quick] [--articles 1000] [--scale-articles 1000]
                                         [--rss-sizes 1000,10000] [--json out/throughput.json]
                                         [--parts stages,scaling,memory]
                                         [--config PIPELINE.toml]

One run measures, on the Fars articles repeated (with fresh ids) to the sizes asked for:
1. each stage in one process: articles/s and sentences/s per core (CPU time), of the
   shipped pipeline or of another pipeline file (`--config`, e.g. the neural NER's
   rasad/resources/pipeline-net.toml);
2. the whole pipeline as `rasad extract` runs it (read JSONL, run, write JSONL) in a child
   process per configuration: 1 and 2 local processes, 1 and 2 Dask workers, giving articles/s
   per core and the scaling efficiency from 1 to 2 workers (wall time); beside them, the
   machine's own ceiling: two single-process runs started side by side, no engine between
   them (on shared virtual cores two busy processes may each run slower than one alone, and
   no engine can scale past that);
3. peak RSS of the reader/writer process and of the largest worker for each corpus size in
   --rss-sizes (2 local workers), to check memory stays flat as the corpus grows.
The machine's load average is printed with each run: on shared cores, wall-time scaling says
as much about the neighbours as about rasad; the CPU-time rates do not depend on them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import psutil

from rasad.ingest.readers import Skipped, read_paths
from rasad.output import json_line
from rasad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
FARS = ROOT.parent / "shared" / "data" / "farsnews-articles" / "train.jsonl"
TRACE_EVERY = 1_000  # articles between two RSS samples in the memory trace


def fars_records(source: Path) -> list[dict[str, Any]]:
    """The Fars articles in rasad's input shape, as ../shared/gold/README.md builds them."""
    records = []
    for line in source.open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("paragraphs"):
            records.append(
                {
                    "id": f"fars-{row['derived_news_code']}",
                    "text": "\n".join(row["paragraphs"]),
                    "published": row.get("derived_date_gregorian"),
                    "source": row.get("source"),
                    "url": row.get("link"),
                    "title": row.get("title"),
                }
            )
    return records


def write_corpus(records: list[dict[str, Any]], size: int, folder: Path) -> Path:
    """`size` articles: the records repeated, each copy with its own id (and content hash)."""
    path = folder / f"fars-{size}.jsonl"
    with path.open("w", encoding="utf-8") as sink:
        for number, record in enumerate(islice(cycle(records), size)):
            copy = dict(record, id=f"{record['id']}-{number}")
            copy["text"] += f"\n{number}"  # distinct raw text, as a real corpus has
            sink.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return path


def profile_stages(
    corpus: Path, limit: int, pipeline: Pipeline
) -> tuple[int, int, dict[str, float]]:
    """CPU seconds spent in each stage over the first `limit` articles, in this process."""
    seconds = {info.name: 0.0 for info in pipeline.stages}
    articles = sentences = 0
    for doc in islice(read_paths([corpus]), limit):
        if isinstance(doc, Skipped):
            continue
        for info in pipeline.stages:
            start = time.process_time()
            doc = info.fn(doc)
            seconds[info.name] += time.process_time() - start
            doc.done |= info.assigns
        articles += 1
        sentences += len(doc.sentences)
    return articles, sentences, seconds


def high_water_mb(pid: int) -> float:
    """Peak RSS of one live process (Linux VmHWM). Unlike ru_maxrss it restarts at exec, so a
    spawned worker is not charged with the memory of the parent it was forked from."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kilobytes = next(
        (line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), 0
    )
    return int(kilobytes) / 1024


class PeakRss(threading.Thread):
    """Samples the high-water RSS of this process's descendants (the workers) until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.1):
            for child in psutil.Process().children(recursive=True):
                peak = high_water_mb(child.pid)
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), peak)

    def peak(self) -> float:
        """The largest worker's peak so far, in MB."""
        return max(self.peaks.values(), default=0.0)

    def stop(self) -> float:
        """The largest worker's peak over the whole run, in MB."""
        self.stopped.set()
        self.join()
        return self.peak()


def child_run(engine: str, workers: int, corpus: Path) -> dict[str, Any]:
    """Body of one measured child: read, run, write JSONL to /dev/null; report usage."""
    from rasad.scale import run

    scheduler, startup, cluster = None, 0.0, None
    if engine == "dask":
        from distributed import LocalCluster

        start = time.perf_counter()
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        scheduler, startup = cluster.scheduler_address, time.perf_counter() - start
    articles = sentences = 0
    first = 0.0  # wall time of the first result: process start and model loading are in it
    trace: list[tuple[int, float, float]] = []
    sampler = PeakRss()
    sampler.start()
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        items = run(read_paths([corpus]), workers=workers, engine=engine, scheduler=scheduler)
        for doc in items:
            if not isinstance(doc, Skipped):
                sink.write(json_line(doc.to_dict()))
                articles += 1
                sentences += len(doc.sentences)
                first = first or time.perf_counter() - start
                if articles % TRACE_EVERY == 0:
                    trace.append((articles, high_water_mb(os.getpid()), sampler.peak()))
    wall = time.perf_counter() - start
    worker_rss = sampler.stop()
    if cluster is not None:
        cluster.close()
    return {
        "articles": articles,
        "sentences": sentences,
        "wall_s": wall,
        "first_s": first,
        "startup_s": startup,
        "cpu_s": cpu_seconds(),
        "parent_rss_mb": high_water_mb(os.getpid()),
        "worker_rss_mb": worker_rss,
        "rss_trace": trace,
    }


def side_by_side(corpus: Path) -> list[dict[str, Any]]:
    """Two single-process runs at once, each on the whole corpus: what this machine gives two
    busy processes, with no engine between them."""
    command = [sys.executable, __file__, "--child", "local", "1", str(corpus)]
    children = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    return [json.loads(child.communicate()[0].strip().splitlines()[-1]) for child in children]


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the workers, once closed)."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


def measure(engine: str, workers: int, corpus: Path) -> dict[str, Any]:
    """Run one configuration in a fresh interpreter, so its CPU time and memory are its own."""
    load = os.getloadavg()[0]
    command = [sys.executable, __file__, "--child", engine, str(workers), str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"engine": engine, "workers": workers, "load_before": load}


def stage_table(articles: int, sentences: int, seconds: dict[str, float]) -> Iterator[str]:
    yield "| stage | CPU s | articles/s per core | sentences/s per core | share |"
    yield "|---|---:|---:|---:|---:|"
    total = sum(seconds.values()) or 1e-9
    for name, spent in [*seconds.items(), ("whole pipeline", total)]:
        spent = spent or 1e-9
        yield (
            f"| {name} | {spent:.2f} | {articles / spent:,.0f} "
            f"| {f'{sentences / spent:,.0f}' if sentences else '-'} "
            f"| {100 * spent / total:.0f}% |"
        )


def run_table(runs: list[dict[str, Any]]) -> Iterator[str]:
    yield (
        "| engine | workers | articles | wall s | articles/s | articles/s per CPU s "
        "| parent RSS MB | worker RSS MB | load |"
    )
    yield "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for r in runs:
        yield (
            f"| {r['engine']} | {r['workers']} | {r['articles']:,} | {r['wall_s']:.1f} "
            f"| {r['articles'] / r['wall_s']:,.0f} | {r['articles'] / r['cpu_s']:,.0f} "
            f"| {r['parent_rss_mb']:.0f} | {r['worker_rss_mb']:.0f} | {r['load_before']:.1f} |"
        )


def efficiency(one: dict[str, Any], two: dict[str, Any]) -> float:
    return one["wall_s"] / two["wall_s"] / 2


def steady_efficiency(one: dict[str, Any], two: dict[str, Any]) -> float:
    """Scaling after the first result, when every worker has started and loaded its models:
    what a long run converges to, since start-up is paid once per worker, not per article."""

    def rate(r: dict[str, Any]) -> float:
        return r["articles"] / max(r["wall_s"] - r["first_s"], 1e-9)

    return rate(two) / rate(one) / 2


def print_scaling(
    local: list[dict[str, Any]], dask: list[dict[str, Any]], pair: list[dict[str, Any]]
) -> None:
    ceiling = local[0]["wall_s"] / max(r["wall_s"] for r in pair)
    walls = ", ".join(f"{r['wall_s']:.1f}" for r in pair)
    print(
        f"\nscaling efficiency 1 -> 2 workers: local {efficiency(*local):.0%}, "
        f"dask {efficiency(*dask):.0%} (dask cluster start {dask[1]['startup_s']:.1f} s, "
        "not counted); after the first result (start-up and model loading excluded): "
        f"local {steady_efficiency(*local):.0%}, dask {steady_efficiency(*dask):.0%}\n"
        f"machine ceiling, two single-process runs side by side: {ceiling:.0%} of twice one "
        f"run's rate (walls {walls} s against "
        f"{local[0]['wall_s']:.1f} s); the engines keep local "
        f"{efficiency(*local) / ceiling:.0%} and dask {efficiency(*dask) / ceiling:.0%} of it\n"
    )


def print_memory(rss: list[dict[str, Any]], sizes: list[int]) -> None:
    for role in ("parent", "worker"):
        small, large = rss[0][f"{role}_rss_mb"], rss[-1][f"{role}_rss_mb"]
        print(
            f"peak RSS of the {role}, {sizes[0]:,} -> {sizes[-1]:,} articles: "
            f"{small:.0f} -> {large:.0f} MB ({large / small - 1:+.0%})"
        )
    trace = rss[-1]["rss_trace"]
    step = max(1, len(trace) // 10)
    print(f"\npeak RSS so far during the {sizes[-1]:,}-article run (MB):\n")
    print("| articles | parent | largest worker |\n|---:|---:|---:|")
    rows = trace[step - 1 :: step]
    rows += [] if rows[-1:] == trace[-1:] else trace[-1:]
    for articles, parent, worker in rows:
        print(f"| {articles:,} | {parent:.0f} | {worker:.0f} |")


PARTS = ("stages", "scaling", "memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=FARS)
    parser.add_argument("--articles", type=int, default=1_000, help="stage profile size")
    parser.add_argument("--scale-articles", type=int, default=1_000)
    parser.add_argument("--rss-sizes", default="1000,10000")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"any of {PARTS}")
    parser.add_argument("--quick", action="store_true", help="300 / 300 / 300,1000")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--config", type=Path, help="pipeline file for the stage profile")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, workers, corpus = args.child
        print(json.dumps(child_run(engine, int(workers), Path(corpus))))
        return
    if args.quick:
        args.articles, args.scale_articles, args.rss_sizes = 300, 300, "300,1000"
    parts = set(args.parts.split(","))
    pipeline = Pipeline.from_config(args.config)
    rss_sizes = [int(size) for size in args.rss_sizes.split(",")]
    print(
        f"# rasad throughput: python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f}; stages {pipeline.names}\n"
        f"# parts {sorted(parts)}; profile {args.articles:,} articles; scaling on "
        f"{args.scale_articles:,}; RSS at {rss_sizes}; source {args.data}"
    )
    records = fars_records(args.data)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        sizes = {args.articles} if "stages" in parts else set()
        sizes |= {args.scale_articles} if "scaling" in parts else set()
        sizes |= set(rss_sizes) if "memory" in parts else set()
        corpora = {size: write_corpus(records, size, Path(tmp)) for size in sizes}
        if "stages" in parts:
            articles, sentences, seconds = profile_stages(
                corpora[args.articles], args.articles, pipeline
            )
            figures["stages"] = {"articles": articles, "sentences": sentences, "cpu_s": seconds}
            print(f"\n## Stages, one process ({articles:,} articles, {sentences:,} sentences)\n")
            print("\n".join(stage_table(articles, sentences, seconds)))
            print(f"\ndominant stage: {max(seconds, key=seconds.get)}")
        runs, pair = [], []
        if "scaling" in parts:
            runs += [
                measure(e, w, corpora[args.scale_articles])
                for e in ("local", "dask")
                for w in (1, 2)
            ]
            pair = side_by_side(corpora[args.scale_articles])
            figures["side_by_side"] = pair
        if "memory" in parts:
            runs += [measure("local", 2, corpora[size]) for size in rss_sizes]
        figures["runs"] = runs
        print("\n## Whole pipeline, read + run + write JSONL\n")
        print("\n".join(run_table(runs)))
    if "scaling" in parts:
        print_scaling(runs[:2], runs[2:4], pair)
    if "memory" in parts:
        print_memory(runs[-len(rss_sizes) :], rss_sizes)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
