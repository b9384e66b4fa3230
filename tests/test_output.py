"""The write stage: atomic writes (readers see the old file or the new one, never a torn one),
the articles `pipeline ingest` writes, and the run summary."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from pipeline.config import InputSettings
from pipeline.errors import EXIT_OK, EXIT_SOME_REJECTED
from pipeline.ingest import expand_inputs, read_articles
from pipeline.output import AtomicJsonlWriter, RunSummary, write_articles, write_json_atomic


def read_all(paths):
    return list(read_articles(expand_inputs([str(p) for p in paths]), InputSettings()))


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


def test_run_summary_line_and_exit_status(tmp_path):
    summary = RunSummary(output_dir=tmp_path, documents=2, facts=Counter(person=3, date=1, relation=2),
                         seconds=4.0)
    assert summary.line() == (f"2 documents, 6 facts (person 3, title 0, organization 0, date 1, numeric_claim 0; 2 relations), "
                              f"0 rejected, 0.5 documents/s -> {tmp_path}")
    assert summary.exit_status == EXIT_OK
    summary.rejects = 1
    assert summary.exit_status == EXIT_SOME_REJECTED


def test_write_articles_keeps_good_ones_and_counts_the_rest(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Ferry schedule changes\n\nBoats leave an hour later from May.\n",
                                           encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text('{"id": "b1", "text": "A quiet day.", "date": "2024-03-01"}\n'
                                             '{"id": "b2"}\n', encoding="utf-8")
    refused = []
    counts = write_articles([str(tmp_path / "in")], InputSettings(), tmp_path / "articles.jsonl",
                            on_reject=refused.append)
    assert counts == (2, 1) and counts.written == 2 and counts.rejected == 1
    assert [reject.line for reject in refused] == [2]
    written = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert [(r["id"], r["date"], r["title"]) for r in written] == [
        ("a.txt", None, "Ferry schedule changes"), ("b1", "2024-03-01", None)]
    # What ingest writes, ingest reads back as the same articles.
    again = read_all([tmp_path / "articles.jsonl"])
    assert [a.doc_id for a in again] == ["a.txt", "b1"] and again[1].date == dt.date(2024, 3, 1)


# -- the staging folder a run writes into (issue 17) ----------------------------------------------

def make_folder(path, content: str):
    path.mkdir()
    (path / "run.json").write_text(content)
    return path


def test_commit_swaps_the_staging_folder_in_and_leaves_nothing_beside(tmp_path):
    from pipeline.output import OutputFolder

    folder = OutputFolder(make_folder(tmp_path / "out", "old"))
    folder.start()
    (folder.staging / "run.json").write_text("new")
    folder.commit({"items": 3})
    assert (tmp_path / "out" / "run.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["run.json"]


@pytest.mark.parametrize("complete, kept", [(True, "new"), (False, "old")])
def test_a_swap_cut_between_its_two_renames_is_finished_or_undone(tmp_path, complete, kept):
    from pipeline.output import OutputFolder

    folder = OutputFolder(tmp_path / "out")
    make_folder(folder.previous, "old")  # the state after the first rename of commit()
    make_folder(folder.staging, "new")
    folder.write_checkpoint({"items": 3, **({"complete": True} if complete else {})})
    folder.recover()
    assert (tmp_path / "out" / "run.json").read_text() == kept
    assert not folder.previous.exists() and not (tmp_path / "out" / "checkpoint.json").exists()


def test_a_staged_file_reopened_for_a_resume_is_cut_back_to_its_checkpoint(tmp_path):
    from pipeline.output import StagedFile

    staged = StagedFile(tmp_path / "facts.jsonl")
    staged.write_record({"a": 1})
    length = staged.sync()
    staged.write_record({"a": 2})  # written after the checkpoint: lost in a crash
    staged.close()
    again = StagedFile(tmp_path / "facts.jsonl", length)
    again.write_record({"a": 3})
    again.close()
    assert (tmp_path / "facts.jsonl").read_text() == '{"a":1}\n{"a":3}\n'


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    """Failed before: a full disk (fsync) or a target that is a folder left `.NAME.XXXX.partial` behind."""
    import errno
    import os

    (tmp_path / "a-folder.json").mkdir()
    with pytest.raises(OSError):
        write_json_atomic(tmp_path / "a-folder.json", {"x": 1})

    def disk_full(_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    writer = AtomicJsonlWriter(tmp_path / "facts.jsonl")
    writer.write({"kind": "document"})
    with pytest.raises(OSError):
        writer.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.json"]


def test_a_record_is_one_line_for_any_reader():
    """Failed before: U+2028, U+2029 and U+0085 were written raw, and `str.splitlines()` cut the record in two."""
    from pipeline.output import dumps

    record = {"text": "Ana\u2028Lee\u0085said\u2029so", "kind": "person"}
    line = dumps(record)
    assert line.splitlines() == [line] and json.loads(line) == record
