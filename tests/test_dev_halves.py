"""The fixed tuning and check halves of a dev set (benchmarks/dev_halves.py)."""
from __future__ import annotations

import importlib.util
import json

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("dev_halves", ROOT / "benchmarks" / "dev_halves.py")
dev_halves = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev_halves)


def test_halves_split_every_set_evenly_and_the_same_way_each_time():
    ids = [f"doc-{n}" for n in range(9)]
    halves = dev_halves.half_of(ids)
    assert sorted(halves) == sorted(ids)
    assert list(halves.values()).count("tuning") == 5 and list(halves.values()).count("check") == 4
    assert dev_halves.half_of(list(reversed(ids))) == halves  # fixed by doc id, not by file order


def test_split_gold_writes_two_halves_that_together_are_the_set(tmp_path):
    gold = tmp_path / "dev.jsonl"
    documents = [{"doc_id": f"d{n}", "text": "x", "entities": []} for n in range(6)]
    gold.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    paths = dev_halves.split_gold(gold, tmp_path)
    seen = [json.loads(line)["doc_id"] for path in paths.values() for line in path.read_text().splitlines()]
    assert sorted(seen) == sorted(d["doc_id"] for d in documents)
    assert all(len(path.read_text().splitlines()) == 3 for path in paths.values())
