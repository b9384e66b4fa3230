"""The habits of the command line people expect: -h, -q/-v/--debug everywhere, `-` for standard
input and output, `init-config`, shell completion, help that fits an 80-column terminal."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib

import pytest
import typer
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_NOTHING_RAN, EXIT_OK

from conftest import DEFAULT_CONFIG, ROOT, SEED_ARTICLE

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)
FEED = [{"id": "feed-1", "text": "Ann Lee, 34, won two awards in 2020.", "date": "2022-02-07"},
        {"id": "feed-2", "text": "Director Bong Joon-ho said on Monday that 3,000 people came."}]


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_every_command_is_known_here():
    assert COMMANDS == sorted(["run", "ingest", "extract", "validate", "graph", "query", "train", "eval",
                               "init-config"])


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=lambda c: " ".join(c) or "pipeline")
def test_help_fits_80_columns_and_shows_no_markup(command):
    """-h as --help, rendered at 80 columns: no line wider, no markup or escape shown as text,
    no word cut short with an ellipsis, and every command lists -q, -v, --debug and -h."""
    result = run(*command, "-h", env={"COLUMNS": "80"})
    assert result.exit_code == EXIT_OK, result.output
    assert result.output == run(*command, "--help", env={"COLUMNS": "80"}).output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
    for glitch in ("[/", "[bold", "\\b", "\b", "\x1b", "…", "( in the config"):
        assert glitch not in result.output, glitch
    options = set(re.findall(r"(?<![\w-])(-[a-z]|--[a-z][\w-]*)", result.output))
    assert {"-h", "--help", "-q", "--quiet", "-v", "--verbose", "--debug"} <= options, options


def test_help_keeps_square_brackets_as_written():
    assert "([graph] in the config)" in " ".join(run("run", "-h", env={"COLUMNS": "80"}).output.split())


def pipeline_process(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, encoding="utf-8",
                          env={**os.environ, **(env or {})}, timeout=300, **kwargs)


def test_shell_completion_is_offered_and_completes():
    assert "--install-completion" in run("-h").output
    script = pipeline_process("--show-completion", "bash")
    assert script.returncode == EXIT_OK and "_PIPELINE_COMPLETE=complete_bash" in script.stdout
    for words, expected in (("pipeline in", ["ingest", "init-config"]), ("pipeline run x --in", ["--input",
                                                                                              "--incremental"])):
        asked = pipeline_process(env={"_PIPELINE_COMPLETE": "complete_bash", "COMP_WORDS": words,
                                      "COMP_CWORD": str(len(words.split()) - 1)})
        assert asked.stdout.split() == expected, asked.stderr


def test_quiet_and_verbose_together_are_refused(tmp_path):
    result = run("-v", "init-config", "-q", tmp_path / "x.toml")
    assert result.exit_code == EXIT_NOTHING_RAN and "give one of them" in result.stderr
    assert not (tmp_path / "x.toml").exists()


def test_quiet_before_or_after_the_command_name(tmp_path):
    for args in (["-q", "init-config", tmp_path / "a.toml"], ["init-config", "-q", tmp_path / "b.toml"]):
        result = run(*args)
        assert result.exit_code == EXIT_OK and result.stderr == "" and result.stdout == ""
    assert "config written" in run("init-config", tmp_path / "c.toml").stderr


def test_debug_after_the_command_name_shows_the_traceback(tmp_path, monkeypatch):
    import pipeline.starter_config

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline.starter_config, "write_starter_config", broken)
    assert run("init-config", tmp_path / "x.toml").exit_code == EXIT_NOTHING_RAN
    result = run("init-config", "--debug", tmp_path / "x.toml")
    assert isinstance(result.exception, RuntimeError)


def test_empty_standard_input_is_one_clear_error(tmp_path):
    result = run("run", DEFAULT_CONFIG, "--input", "-", "--output", tmp_path / "out", input="\n\n")
    assert result.exit_code == EXIT_NOTHING_RAN and "standard input is empty" in result.stderr


def test_resume_needs_a_real_output_folder():
    result = run("run", DEFAULT_CONFIG, "--input", SEED_ARTICLE, "--output", "-", "--resume")
    assert result.exit_code == EXIT_NOTHING_RAN and "--resume" in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_a_feed_piped_through_run_gives_facts_jsonl_on_stdout_only(tmp_path):
    """cat feed.jsonl | pipeline run cfg --input - --output - | jq ...: every stdout line is a fact
    record, of both articles; progress and the summary are on stderr; the same bytes twice."""
    feed = "".join(json.dumps(article) + "\n" for article in FEED)
    first, again = (pipeline_process("run", DEFAULT_CONFIG, "--input", "-", "--output", "-", input=feed,
                                     cwd=tmp_path) for _ in range(2))
    assert first.returncode == EXIT_OK, first.stderr
    records = jsonl(first.stdout)
    assert {r["doc_id"] for r in records} == {"feed-1", "feed-2"}
    assert all({"kind", "doc_id", "fact_id"} <= set(r) for r in records)
    assert {r["kind"] for r in records} >= {"document", "person", "date", "numeric_claim"}
    assert [r["source"] for r in records if r["kind"] == "document"] == ["-", "-"]
    assert "2 documents" in first.stderr and "-> standard output" in first.stderr
    assert again.stdout == first.stdout
    assert list(tmp_path.iterdir()) == []  # nothing left in the working folder


@pytest.mark.slow
def test_plain_text_on_stdin_and_the_stages_as_a_pipe(tmp_path):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    plain = run("run", DEFAULT_CONFIG, "-i", "-", "-o", "-", "-q", input=text)
    assert plain.exit_code == EXIT_OK and plain.stderr == ""
    records = jsonl(plain.stdout)
    assert {r["doc_id"] for r in records} == {"stdin.txt"}
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records if r["kind"] != "document")

    articles = run("ingest", SEED_ARTICLE, "-o", "-")
    assert articles.exit_code == EXIT_OK and "-> standard output" in articles.stderr
    extracted = run("extract", "-", "-o", "-", "-v", input=articles.stdout)
    assert extracted.exit_code == EXIT_OK and "config: " in extracted.stderr
    facts = jsonl(extracted.stdout)
    assert [r["kind"] for r in facts if r["kind"] != "relation"] == \
        [r["kind"] for r in records if r["kind"] != "relation"]


def test_init_config_writes_a_commented_config_and_keeps_an_existing_one(tmp_path):
    path = tmp_path / "mine" / "news.toml"
    assert run("init-config", path).exit_code == EXIT_OK
    body = path.read_text(encoding="utf-8")
    assert body.startswith("# A config for `pipeline run") and body.count("\n#") > 10
    config = tomllib.loads(body)
    assert config["input"]["paths"] == []
    for named in (config["schemas"]["dir"], config["model"]["trained_ner"]):
        assert os.path.isabs(named) and os.path.exists(named)
    path.write_text("# mine\n")
    refused = run("init-config", path)
    assert refused.exit_code == EXIT_NOTHING_RAN and "--force" in refused.stderr
    assert path.read_text() == "# mine\n"
    assert run("init-config", path, "--force").exit_code == EXIT_OK and path.read_text() == body


@pytest.mark.slow
def test_the_written_config_runs_from_another_folder_like_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init-config").exit_code == EXIT_OK and (tmp_path / "pipeline.toml").exists()
    mine = run("run", "pipeline.toml", "--input", SEED_ARTICLE, "--output", "-", "-q")
    shipped = run("run", DEFAULT_CONFIG, "--input", SEED_ARTICLE, "--output", "-", "-q")
    assert mine.exit_code == EXIT_OK, mine.stderr
    assert mine.stdout == shipped.stdout and len(jsonl(mine.stdout)) > 10
    nothing = run("run", "pipeline.toml")
    assert nothing.exit_code == EXIT_NOTHING_RAN and "input.paths is empty" in nothing.stderr
    assert ROOT not in tmp_path.parents
