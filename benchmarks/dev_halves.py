#!/usr/bin/env python3
"""Score a dev set on its fixed tuning half and its check half, with the referee.

  python benchmarks/dev_halves.py ../shared/corpora/streaming/dev.jsonl [--config configs/default.toml]

Discipline against tuning to dev (issue 16): a rule or setting is kept only when it helps the
check half too, the half nobody looked at while tuning. The halves are fixed by doc id, the same
on every machine and in every session: documents are ordered by the SHA-256 of their doc id and
the first half (rounded up) is the tuning half. No list of ids is stored, so nothing of the
corpora enters the project.

Each half is written to a temporary gold file and scored by `../shared/tools/evaluate.py`, so the
figures are the referee's own. Prints one block per half; `--json DIR` keeps each half's report.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFEREE = ROOT.parent / "shared" / "tools" / "evaluate.py"
HALVES = ("tuning", "check")


def half_of(doc_ids: list[str]) -> dict[str, str]:
    """doc id -> "tuning" or "check": the first half by SHA-256 of the id (rounded up) is for tuning."""
    ordered = sorted(doc_ids, key=lambda doc_id: hashlib.sha256(doc_id.encode("utf-8")).hexdigest())
    cut = (len(ordered) + 1) // 2
    return {doc_id: HALVES[0] if rank < cut else HALVES[1] for rank, doc_id in enumerate(ordered)}


def split_gold(gold: Path, folder: Path) -> dict[str, Path]:
    """Write the two halves of a gold file into `folder`; returns half name -> path."""
    lines = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = half_of([str(json.loads(line)["doc_id"]) for line in lines])
    paths = {half: folder / f"{gold.parent.name}-{gold.stem}-{half}.jsonl" for half in HALVES}
    for half, path in paths.items():
        path.write_text("".join(line + "\n" for line in lines if halves[str(json.loads(line)["doc_id"])] == half),
                        encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--config", default="configs/default.toml")
    parser.add_argument("--pipeline", default=f"{sys.executable} -m pipeline", help="the pipeline command")
    parser.add_argument("--json", type=Path, help="keep each half's score report as JSON in this folder")
    args = parser.parse_args(argv)
    if not REFEREE.is_file():
        print(f"the referee {REFEREE} is not there: this needs ../shared beside the project", file=sys.stderr)
        return 2
    status = 0
    with tempfile.TemporaryDirectory() as work:
        for half, path in split_gold(args.gold, Path(work)).items():
            documents = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
            print(f"=== {args.gold} {half} half ({documents} documents)", flush=True)
            command = [sys.executable, str(REFEREE), str(path), "--config", args.config, "--pipeline", args.pipeline]
            if args.json:
                args.json.mkdir(parents=True, exist_ok=True)
                command += ["--json", str(args.json / f"{path.stem}.json")]
            status = max(status, subprocess.run(command, cwd=ROOT).returncode)
    return status


if __name__ == "__main__":
    sys.exit(main())
