"""Throughput and memory of `pipeline run` as the corpus grows.

    python benchmarks/throughput.py [--sizes 50 200 800] [--config configs/default.toml]

Builds corpora of N articles from the project's own texts (seeds/ and
tests/gold/), runs the whole pipeline in a fresh process per size, and prints
documents/s, words/s and peak memory. Flat peak memory across sizes shows the
run streams; speed targets live here, not in timed tests.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
from pipeline.config import load_settings
from pipeline.run import run_pipeline
settings = load_settings(sys.argv[1])
started = time.perf_counter()
summary = run_pipeline(settings, inputs=[sys.argv[2]], output_dir=sys.argv[3])
print(json.dumps({"documents": summary.documents, "seconds": summary.seconds,
                  "wall": time.perf_counter() - started,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def source_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for gold in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            document = json.loads(line) if line.strip() else {}
            if "text" in document:  # relation gold lines carry no text
                texts.append(document["text"])
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 800])
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    args = parser.parse_args()
    texts = source_texts()
    print(f"{len(texts)} distinct source articles; config {args.config}")
    print(f"{'articles':>9} {'words':>9} {'docs/s':>8} {'words/s':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            corpus = Path(work) / f"corpus-{size}.jsonl"
            words = 0
            with corpus.open("w", encoding="utf-8") as out:
                for index in range(size):
                    text = texts[index % len(texts)]
                    words += len(text.split())
                    out.write(json.dumps({"id": f"bench-{index}", "text": text, "date": "2022-02-07"}) + "\n")
            done = subprocess.run([sys.executable, "-c", CHILD, args.config, str(corpus), str(Path(work) / f"out-{size}")],
                                  capture_output=True, text=True, cwd=ROOT)
            if done.returncode not in (0, 1):
                print(done.stderr, file=sys.stderr)
                return done.returncode
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            rate = figures["documents"] / figures["seconds"]
            print(f"{size:>9} {words:>9} {rate:>8.1f} {words / figures['seconds']:>9.0f} "
                  f"{figures['peak_rss_mb']:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
