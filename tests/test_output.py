"""Atomic writes: readers see the old file or the new one, never a torn one."""
from __future__ import annotations

import json

import pytest

from pipeline.output import AtomicJsonlWriter


def test_commit_replaces_and_abort_keeps_the_previous_file(tmp_path):
    target = tmp_path / "facts.jsonl"
    with AtomicJsonlWriter(target) as writer:
        writer.write({"b": 1, "a": "é"})
    assert target.read_text(encoding="utf-8") == '{"a":"é","b":1}\n'

    with pytest.raises(RuntimeError):
        with AtomicJsonlWriter(target) as writer:
            writer.write({"a": 2})
            raise RuntimeError("crash mid-run")
    assert [json.loads(line) for line in target.read_text().splitlines()] == [{"a": "é", "b": 1}]
    assert [p.name for p in tmp_path.iterdir()] == ["facts.jsonl"]  # no partial file left over


def test_nothing_visible_before_commit(tmp_path):
    target = tmp_path / "out" / "facts.jsonl"
    writer = AtomicJsonlWriter(target)
    writer.write({"a": 1})
    assert not target.exists()
    writer.commit()
    assert target.exists()
