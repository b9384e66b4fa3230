"""Issue 17's targets at full size: kill -9 and --resume, and the speed of --incremental.

    python benchmarks/crash_resume.py incremental [--articles 2000]
    python benchmarks/crash_resume.py crash [--articles 2000] [--kills 10] [--seed 17]

`incremental` times `pipeline run` on N articles into a fresh folder, then the same run again with
--incremental (nothing changed: every article is copied), and prints both times and their ratio
(the target: at least 20x). `crash` makes an uninterrupted reference run, then, --kills times,
starts the same run, kills it with SIGKILL at a random point (a random checkpoint, plus up to a
second), runs `--resume`, and checks the output is the reference's byte for byte (run.json apart
from its timings) and that the resumed run started at the last checkpoint, so it redid at most one
batch. The corpus is the project's own texts (seeds/ and tests/gold/), as in throughput.py. The test
suite runs the same crash test on 2,000 short articles in the default batches of 16 (tests/test_resume.py).
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ROOT, source_texts  # noqa: E402

PIPELINE = str(Path(sys.executable).parent / "pipeline")


def write_corpus(path: Path, size: int) -> None:
    texts = source_texts()
    with path.open("w", encoding="utf-8") as out:
        for index in range(size):
            out.write(json.dumps({"id": f"bench-{index}", "text": texts[index % len(texts)],
                                  "date": "2022-02-07"}) + "\n")


def command(config: str, corpus: Path, out: Path, *options: str) -> list[str]:
    # Not --quiet, which also hides the summary line this script prints (the last line of stderr).
    return [PIPELINE, "run", config, "--input", str(corpus), "--output", str(out), *options]


def timed_run(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    print("   ", done.stderr.strip().splitlines()[-1])
    return time.perf_counter() - started


def snapshot(folder: Path) -> dict:
    """Every file of the output but the store's (its files are not deterministic, its triples are)."""
    files = {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
             if path.is_file() and "graph.oxigraph" not in path.parts}
    manifest = json.loads(files.pop("run.json"))
    manifest.pop("timings")
    manifest["graph"].pop("store")
    files["run.json"] = manifest
    return files


def checkpoint_items(staging: Path) -> int:
    try:
        return json.loads((staging / "checkpoint.json").read_text())["items"]
    except (OSError, ValueError):
        return 0


def incremental(args, work: Path, corpus: Path) -> int:
    out = work / "out"
    first = timed_run(command(args.config, corpus, out))
    second = timed_run(command(args.config, corpus, out, "--incremental"))
    print(f"{args.articles} articles: first run {first:.1f} s, --incremental {second:.1f} s: {first / second:.1f}x faster")
    return 0 if first / second >= 20 else 1


def crash(args, work: Path, corpus: Path) -> int:
    reference = work / "reference"
    timed_run(command(args.config, corpus, reference))
    expected = snapshot(reference)
    manifest = json.loads((reference / "run.json").read_text())
    total = manifest["counts"]["documents"] + manifest["counts"]["rejects"]  # the inputs, all articles here
    chance, failures = random.Random(args.seed), 0
    for attempt in range(args.kills):
        out = work / f"out{attempt}"
        staging = out.parent / f".{out.name}.staging"
        process = subprocess.Popen(command(args.config, corpus, out), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target = chance.randrange(0, total)
        while process.poll() is None and checkpoint_items(staging) < target:
            time.sleep(0.05)
        time.sleep(chance.random())
        process.kill()
        process.wait()
        killed_at = checkpoint_items(staging)
        timed_run(command(args.config, corpus, out, "--resume"))
        resumed_after = json.loads((out / "run.json").read_text())["timings"]["resumed_after_inputs"]
        same = snapshot(out) == expected
        failures += not same or resumed_after != killed_at
        print(f"kill {attempt + 1}: after checkpoint {killed_at} of {total} inputs; resumed after {resumed_after}; "
              f"output {'identical' if same else 'DIFFERENT'}")
    print(f"{args.kills - failures} of {args.kills} resumed runs gave the reference's bytes")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["incremental", "crash"])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        return (incremental if args.mode == "incremental" else crash)(args, Path(work), corpus)


if __name__ == "__main__":
    sys.exit(main())
