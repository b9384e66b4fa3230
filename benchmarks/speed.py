"""Issue 19's targets in one run: `pipeline run` against bare `nlp.pipe` of the same model on the same
texts at n_process 1 and 2, the Dask executor on 1 and 2 local workers, peak memory at N and 10 N
articles, and a graph store of 10,000 articles with the README's queries asked of it.

    python benchmarks/speed.py [CORPUS.jsonl] [--articles 400] [--memory-articles 4000] [--processes 1 2]
                               [--dask-workers 1 2] [--graph-articles 10000]

CORPUS is JSONL with a "text" field per line (and "id", "date" if it has them), e.g. 400 real news
articles; without one the project's own texts (seeds/, tests/gold/) are repeated to --articles. Its
first --articles lines are used (repeated, with new ids, when it has fewer); the memory rows repeat
them to --memory-articles. Each measurement runs in a fresh process, so each loads the model once
and its peak RSS is its own. docs/s is over the processing time: parsing, extraction, records,
validation and writing for the pipeline (run.json `process_seconds`; model load and a cluster's
start excluded, the graph step switched off), parsing alone for bare `nlp.pipe`. Peak RSS: the main
process, and the largest worker process (n_process > 1, and the LocalCluster's workers). The
Dask runs' facts are compared with the one-process run's. The graph rows load the one-process
run's facts, repeated to --graph-articles, into a new store and time every README query on it
(graph_queries.py). The machine may be shared: the ratios, measured minutes apart in one run, are
the figures to read; the load average is printed before each row.

Targets: n_process 1 pipeline >= 0.90 of bare nlp.pipe; n_process 2 >= 1.7 x n_process 1; Dask with
2 workers >= 1.6 x n_process 1, same bytes; 10 x the articles raise peak RSS by at most 20 %; the
store loads at least as fast as extraction, and each README query answers in under 1 s.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from graph_queries import build_and_ask, print_graph  # noqa: E402
from throughput import source_texts  # noqa: E402  (the project's own texts, shared with throughput.py)

# One measurement, in a fresh process: argv = mode ("bare" or "pipeline"), config, corpus, n_process, output.
CHILD = r"""
import dataclasses, json, resource, sys, time
from pipeline.config import load_settings
mode, config, corpus, n_process, output = sys.argv[1:6]
settings = load_settings(config)
settings = dataclasses.replace(settings, model=dataclasses.replace(settings.model, n_process=int(n_process)),
                               graph=dataclasses.replace(settings.graph, enabled=False))
if mode == "dask":  # n_process is the LocalCluster's workers; each runs one process
    settings = dataclasses.replace(settings, executor=dataclasses.replace(settings.executor, kind="dask",
                                                                          workers=int(n_process)),
                                   model=dataclasses.replace(settings.model, n_process=1))
def cpu():  # user + system seconds of this process and of its finished workers
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
if mode == "bare":
    from pipeline.executors import load_run_model
    nlp = load_run_model(settings)
    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8") if line.strip()]
    started, cpu_before = time.perf_counter(), cpu()
    documents = sum(1 for _ in nlp.pipe(texts, batch_size=settings.model.batch_size, n_process=int(n_process)))
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_before
else:
    from pipeline.local_executor import LocalExecutor
    from pipeline.run import run_pipeline
    start = LocalExecutor.start
    def start_then_count(executor):  # CPU from here on: the model's load excluded, as in process_seconds
        global cpu_before
        start(executor)
        cpu_before = cpu_before if "cpu_before" in globals() else cpu()
    LocalExecutor.start = start_then_count
    summary = run_pipeline(settings, inputs=[corpus], output_dir=output)
    # A Dask run's CPU is not counted: its cluster starts (and works) outside LocalExecutor.start.
    documents, seconds = summary.documents, summary.seconds
    cpu_seconds = cpu() - cpu_before if mode == "pipeline" else None
    timings = json.load(open(f"{output}/run.json", encoding="utf-8"))["timings"]
print(json.dumps({"documents": documents, "seconds": seconds, "cpu_seconds": cpu_seconds,
                  "extractor_seconds": sum(timings["extractor_seconds"].values()) if mode != "bare" else None,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def write_corpus(articles: list[dict], size: int, path: Path) -> Path:
    """The first `size` articles, repeated with fresh ids when there are fewer."""
    with path.open("w", encoding="utf-8") as out:
        for index in range(size):
            article = dict(articles[index % len(articles)])
            article["id"] = f"{article.get('id', 'article')}-{index}" if index >= len(articles) else article.get(
                "id", f"article-{index}")
            article.setdefault("date", "2022-02-07")
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def read_corpus(path: Path | None) -> list[dict]:
    if path is None:
        return [{"id": f"project-{i}", "text": text} for i, text in enumerate(source_texts())]
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                article = json.loads(line)
                articles.append({k: article[k] for k in ("id", "text", "date", "title") if k in article})
    return articles


def measure(mode: str, config: str, corpus: Path, n_process: int, work: Path) -> dict:
    output = work / f"out-{mode}-{n_process}-{corpus.stem}"
    load = os.getloadavg()
    done = subprocess.run([sys.executable, "-c", CHILD, mode, config, str(corpus), str(n_process), str(output)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        sys.exit(f"{mode} n_process={n_process} failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures.update(rate=figures["documents"] / figures["seconds"], load=load)
    return figures


def dask_rows(config: str, corpus: Path, work: Path, workers: list[int]) -> list[tuple[str, dict]]:
    """The Dask executor on a LocalCluster of each number of `workers`, over the same corpus; its facts
    must be the one-process run's bytes."""
    rows = []
    local = work / f"out-pipeline-1-{corpus.stem}" / "facts.jsonl"
    for count in workers:
        figures = measure("dask", config, corpus, count, work)
        same = (work / f"out-dask-{count}-{corpus.stem}" / "facts.jsonl").read_bytes() == local.read_bytes()
        figures["same_bytes"] = same if local.exists() else None
        rows.append((f"dask, {count} worker{'s' if count > 1 else ''}", figures))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="JSONL articles with a 'text' field (default: the "
                        "project's own texts, repeated)")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--memory-articles", type=int, default=4000, help="0 skips the memory rows")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask-workers", type=int, nargs="*", default=[1, 2], help="LocalCluster sizes (none: "
                        "no Dask rows)")
    parser.add_argument("--graph-articles", type=int, default=10_000, help="store size for the README queries, "
                        "from the one-process run's facts (0 skips)")
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    args = parser.parse_args()
    articles = read_corpus(args.corpus)
    print(f"corpus: {args.corpus or 'the project texts, repeated'} ({len(articles)} articles, {args.articles} used); "
          f"config {args.config}; {os.cpu_count()} CPUs, {len(os.sched_getaffinity(0))} usable")
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as folder:
        work = Path(folder)
        corpus = write_corpus(articles, args.articles, work / f"corpus-{args.articles}.jsonl")
        rows: list[tuple[str, dict]] = []
        for n_process in args.processes:
            for mode in ("bare", "pipeline"):
                label = f"{'bare nlp.pipe' if mode == 'bare' else 'pipeline run'}, n_process {n_process}"
                rows.append((label, measure(mode, args.config, corpus, n_process, work)))
        rows.extend(dask_rows(args.config, corpus, work, args.dask_workers))
        print_speed(rows)
        one = next((figures for label, figures in rows if label == "pipeline run, n_process 1"), None)
        if args.graph_articles and one:
            seed = next((ROOT / "seeds").glob("*.txt"))  # the article the README's questions are about
            measure("pipeline", args.config, seed, 1, work)
            load, answers = build_and_ask([work / f"out-pipeline-1-{seed.stem}" / "facts.jsonl",
                                           work / f"out-pipeline-1-{corpus.stem}" / "facts.jsonl"],
                                          args.graph_articles, work / "graph-store")
            print_graph(load, answers, one["rate"])
        if args.memory_articles:
            big = write_corpus(articles, args.memory_articles, work / f"corpus-{args.memory_articles}.jsonl")
            small_run = next(figures for label, figures in rows if label == "pipeline run, n_process 1")
            big_run = measure("pipeline", args.config, big, 1, work)
            print_memory(args.articles, small_run, args.memory_articles, big_run)
    return 0


def print_speed(rows: list[tuple[str, dict]]) -> None:
    bare = {label.rsplit(" ", 1)[-1]: figures["rate"] for label, figures in rows if label.startswith("bare")}
    one = next((figures["rate"] for label, figures in rows if label == "pipeline run, n_process 1"), None)
    bare_cpu = {label.rsplit(" ", 1)[-1]: figures["cpu_seconds"] for label, figures in rows if label.startswith("bare")}
    print(f"\n| run | docs | seconds | docs/s | x bare nlp.pipe (same n_process) | x pipeline n_process 1 "
          f"| CPU s | bare CPU / pipeline CPU | extractors s | peak RSS main / largest worker MiB | load avg before |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, figures in rows:
        n = label.rsplit(" ", 1)[-1]
        versus_bare = f"{figures['rate'] / bare[n]:.2f}" if label.startswith("pipeline") and n in bare else "–"
        versus_one = f"{figures['rate'] / one:.2f}" if one and not label.startswith("bare") else "–"
        cpu_ratio = (f"{bare_cpu[n] / figures['cpu_seconds']:.2f}" if label.startswith("pipeline") and n in bare_cpu
                     and figures.get("cpu_seconds") else "–")
        cpu_seconds = f"{figures['cpu_seconds']:.1f}" if figures.get("cpu_seconds") is not None else "–"
        extractors = f"{figures['extractor_seconds']:.1f}" if figures.get("extractor_seconds") is not None else "–"
        workers = f" / {figures['workers_rss_mib']:.0f}" if figures["workers_rss_mib"] > 1 else ""
        print(f"| {label} | {figures['documents']} | {figures['seconds']:.1f} | {figures['rate']:.2f} | {versus_bare} "
              f"| {versus_one} | {cpu_seconds} | {cpu_ratio} | {extractors} | {figures['rss_mib']:.0f}{workers} | "
              f"{' '.join(f'{x:.2f}' for x in figures['load'])} |")
    for label, figures in rows:
        if figures.get("same_bytes") is not None:
            print(f"{label}: facts.jsonl {'identical to' if figures['same_bytes'] else 'DIFFERENT from'} the "
                  f"one-process run's")


def print_memory(small: int, small_run: dict, big: int, big_run: dict) -> None:
    growth = big_run["rss_mib"] / small_run["rss_mib"] - 1
    print(f"\n| pipeline run, n_process 1 | docs/s | peak RSS MiB |\n|---|---|---|")
    print(f"| {small} articles | {small_run['rate']:.2f} | {small_run['rss_mib']:.0f} |")
    print(f"| {big} articles | {big_run['rate']:.2f} | {big_run['rss_mib']:.0f} |")
    print(f"peak RSS {growth:+.1%} for {big / small:.0f} x the articles (target: at most +20 %)")


if __name__ == "__main__":
    sys.exit(main())
