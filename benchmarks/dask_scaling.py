"""Issue 19's Dask target in one run: the local run (n_process = 1) against the Dask executor on a
LocalCluster of 1 and of 2 workers, over the same articles and config.

    python benchmarks/dask_scaling.py ARTICLES.jsonl [--limit 200] [--config configs/default.toml]

Each run is `pipeline run` in its own process, as a user runs it. Printed per run: documents per
second over the processing time (`run.json` timings.process_seconds: model loading and the cluster's
start excluded), the whole command's wall time and CPU time (its processes and the workers', loading
included: what the run costs whatever else the machine runs), the load average before it (the
machine may be shared), and whether facts.jsonl, rejects.jsonl and state.jsonl are the local run's bytes (state.jsonl
hashes the pipeline's code and rule files: an edit between two runs changes it). The target: 2
workers >= 1.6 times the local run, the output identical.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = str(Path(sys.executable).parent / "pipeline")
RUNS = [("local, n_process 1", ["--executor", "local"]),
        ("dask, 1 worker", ["--executor", "dask", "--workers", "1"]),
        ("dask, 2 workers", ["--executor", "dask", "--workers", "2"])]
COMPARED = ("facts.jsonl", "rejects.jsonl", "state.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path, help="JSONL articles (id, text, date)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines (0: all)")
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dask-scaling-") as folder:
        corpus = Path(folder) / "articles.jsonl"
        with args.articles.open(encoding="utf-8") as source:
            lines = itertools.islice(source, args.limit) if args.limit else source
            corpus.write_text("".join(lines), encoding="utf-8")
        rows, reference = [], None
        for name, options in RUNS:
            out = Path(folder) / name.replace(" ", "_").replace(",", "")
            load = os.getloadavg()
            cpu_before = _children_cpu()
            started = time.perf_counter()
            subprocess.run([PIPELINE, "run", args.config, "-i", str(corpus), "-o", str(out), "-q", *options],
                           check=False, cwd=ROOT)
            wall = time.perf_counter() - started
            cpu = _children_cpu() - cpu_before
            manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
            documents, seconds = manifest["counts"]["documents"], manifest["timings"]["process_seconds"]
            outputs = {file: (out / file).read_bytes() for file in COMPARED}
            reference = reference or outputs
            differ = [file for file in COMPARED if outputs[file] != reference[file]]
            rows.append((name, documents, seconds, documents / seconds, wall, cpu, load,
                         "yes" if not differ else "NO: " + ", ".join(differ)))
        base = rows[0][3]
        print(f"{'run':<20} {'docs':>5} {'process s':>10} {'docs/s':>7} {'x local':>8} {'wall s':>7} {'CPU s':>6} "
              f"{'load avg before (1, 5, 15 min)':>32}  identical")
        for name, documents, seconds, rate, wall, cpu, load, same in rows:
            print(f"{name:<20} {documents:>5} {seconds:>10.1f} {rate:>7.2f} {rate / base:>8.2f} {wall:>7.1f} {cpu:>6.1f} "
                  f"{'%.2f %.2f %.2f' % load:>32}  {same}")
        print(f"cores: {os.cpu_count()}")


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes and theirs (the Dask workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
