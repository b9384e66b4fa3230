"""Every error a clean line and the documented exit status (issue 17): output paths that cannot be
written, an article whose extraction raises, commands run from another folder, and --debug."""
from __future__ import annotations

import errno
import json
import os
import pathlib

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_NOTHING_RAN, EXIT_OK, EXIT_SOME_REJECTED

from conftest import DEFAULT_CONFIG, ROOT, SEED_ARTICLE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def assert_one_clean_line(result, *phrases):
    """Exit status 2, and stderr is one `error:` line holding `phrases`: no traceback."""
    assert result.exit_code == EXIT_NOTHING_RAN, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    for phrase in phrases:
        assert phrase in errors[0], errors[0]


def test_run_into_an_output_folder_that_is_a_file(tmp_path):
    afile = tmp_path / "out"
    afile.write_text("not a folder")
    result = run("run", DEFAULT_CONFIG, "--input", SEED_ARTICLE, "--output", afile, "--quiet")
    assert_one_clean_line(result, str(afile))
    assert afile.read_text() == "not a folder"


def test_run_under_a_parent_that_is_a_file(tmp_path):
    afile = tmp_path / "file"
    afile.write_text("")
    result = run("run", DEFAULT_CONFIG, "--input", SEED_ARTICLE, "--output", afile / "out", "--quiet")
    assert_one_clean_line(result, str(afile))


def test_ingest_into_a_folder_where_a_file_is_needed(tmp_path):
    assert_one_clean_line(run("ingest", SEED_ARTICLE, "--output", tmp_path), str(tmp_path), "is a folder")


def test_a_missing_parent_folder_is_created(tmp_path):
    """Documented: output folders, and the parents of output files, are created as `mkdir -p` would."""
    target = tmp_path / "a" / "b" / "articles.jsonl"
    assert run("ingest", SEED_ARTICLE, "--output", target).exit_code == EXIT_OK
    assert json.loads(target.read_text())["id"] == SEED_ARTICLE.name


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_ingest_into_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert_one_clean_line(run("ingest", SEED_ARTICLE, "--output", folder / "a.jsonl"), "permission denied")
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("error, phrase", [
    (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    (OSError(errno.EROFS, "Read-only file system"), "read-only"),
    (OSError(errno.ENOSPC, "No space left on device"), "no space left"),
])
def test_a_write_that_fails_is_one_line_and_the_previous_output_stays(tmp_path, monkeypatch, error, phrase):
    """Read-only folder (as any user, root included) and a full disk, injected where the data is flushed."""
    target = tmp_path / "articles.jsonl"
    target.write_text("previous\n")

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(os, "fsync", fail)
    assert_one_clean_line(run("ingest", SEED_ARTICLE, "--output", target), phrase)
    assert target.read_text() == "previous\n"


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "ingest", SEED_ARTICLE, "--output", tmp_path)
    assert isinstance(result.exception, IsADirectoryError)


def test_an_unexpected_error_is_one_line_naming_debug(tmp_path, monkeypatch):
    import pipeline.output

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(pipeline.output, "write_articles", broken)
    result = run("ingest", SEED_ARTICLE, "--output", tmp_path / "a.jsonl")
    assert_one_clean_line(result, "KeyError", "--debug")


def test_an_extractor_that_raises_rejects_that_article_and_the_run_goes_on(tmp_path, monkeypatch):
    from pipeline.extractors import registry

    numbers = registry.get("numbers")
    original = numbers.__call__

    def explode_on_one(self, doc, article, found):
        if article.doc_id == "bad":
            raise RuntimeError("the extractor broke")
        return original(self, doc, article, found)

    monkeypatch.setattr(numbers, "__call__", explode_on_one)
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "bad", "text": "Ann Lee sold 300 copies in 2020."}\n'
                    '{"id": "good", "text": "Bo Chen sold 400 copies in 2021."}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run("run", DEFAULT_CONFIG, "--input", feed, "--output", out, "--quiet")
    assert result.exit_code == EXIT_SOME_REJECTED, result.output
    [reject] = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    assert reject["doc_id"] == "bad" and reject["line"] == 1
    assert reject["reason"] == "extraction failed: RuntimeError: the extractor broke"
    facts = [json.loads(line) for line in (out / "facts.jsonl").read_text().splitlines()]
    assert {record["doc_id"] for record in facts} == {"good"}
    assert any(record["kind"] == "numeric_claim" for record in facts)


def test_ingest_and_validate_work_from_any_folder(tmp_path, monkeypatch):
    """Without --config, the project's configs/default.toml, wherever the command runs (issue 17)."""
    monkeypatch.chdir(tmp_path)
    assert run("ingest", SEED_ARTICLE, "--output", "articles.jsonl").exit_code == EXIT_OK
    facts = pathlib.Path("facts.jsonl")
    facts.write_text("")
    result = run("validate", facts)
    assert result.exit_code == EXIT_OK and "0 invalid" in result.output


@pytest.mark.slow
def test_eval_works_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("eval", ROOT / "tests" / "gold" / "seed.jsonl")
    assert result.exit_code == EXIT_OK, result.output
    assert "1 documents" in result.output


@pytest.mark.parametrize("args, phrase", [
    (["run", DEFAULT_CONFIG, "--bogus"], "No such option"),
    (["run"], "Missing argument"),
    (["no-such-command"], "No such command"),
])
def test_a_usage_error_is_a_usage_error(args, phrase):
    """Typer's own copy of click raises its usage errors: shown as usage (exit 2), never as an
    'unexpected error'."""
    result = run(*args)
    assert result.exit_code == EXIT_NOTHING_RAN and phrase in result.output
    assert "unexpected error" not in result.output and "-h' for help" in result.output
