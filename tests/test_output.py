"""Atomic writes: readers see the old file or the new one, never a torn one."""
from __future__ import annotations

import json

import pytest

from pipeline.output import AtomicJsonlWriter, write_json_atomic


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


def test_outputs_are_readable_by_the_team(tmp_path):
    with AtomicJsonlWriter(tmp_path / "facts.jsonl") as writer:
        writer.write({"a": 1})
    write_json_atomic(tmp_path / "run.json", {"a": 1})
    for name in ("facts.jsonl", "run.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644
