"""The scorer agrees with the shared referee, the metrics mean what score.py means,
the gate catches a broken extractor, and the report shows the seed's facts."""
from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pipeline import evaluate as ev
from pipeline.cli_eval import eval_command
from pipeline.errors import EXIT_GATE_FAILED, EXIT_NOTHING_RAN
from pipeline.gold import GoldDocument, GoldEntity, GoldFormatError, GoldSet, gold_set_name, read_gold
from pipeline.relation_eval import read_relation_gold
from pipeline.scoring import format_figure, score_records

from conftest import DEFAULT_CONFIG, ROOT

GOLD_DIR = ROOT / "tests" / "gold"
SEED_GOLD = GOLD_DIR / "seed.jsonl"
PROJECT_GOLD = GOLD_DIR / "project.jsonl"
GENRES_GOLD = GOLD_DIR / "genres.jsonl"  # business, technology, politics, sport: the gate beyond entertainment
SHARED = ROOT.parent / "shared"
SCORE_PY = SHARED / "tools" / "score.py"
SHARED_DEV_SETS = sorted((SHARED / "corpora").glob("*/dev.jsonl"))
# Small enough to run the whole pipeline on in a test; the others are scored on crafted output.
PIPELINE_DEV_SETS = [path for path in SHARED_DEV_SETS if path.parent.name in ("streaming", "entertainment")]
needs_shared = pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared/tools/score.py is not beside the repo")


def load_score_py():
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- hand-made cases

TEXT = "Ada Lovelace wrote Notes on 5 January 1843 and sold 7-9 per cent more."
# Offsets: "Ada Lovelace" 0-12, "wrote" 13-18, "Notes" 19-24, "5 January 1843" 28-42, "7-9 per cent" 52-64.


def gold_doc(entities, annotated=("person", "title", "date", "numeric_claim"), doc_id="d1"):
    return {"doc_id": doc_id, "text": TEXT, "doc_date": "1843-02-01", "annotated_types": list(annotated),
            "entities": [{**e, "text": TEXT[e["start"]:e["end"]]} for e in entities]}


PERSON = {"type": "person", "start": 0, "end": 12}
DATE = {"type": "date", "start": 28, "end": 42, "value": "1843-01-05", "timex_type": "DATE"}
RANGE = {"type": "number", "start": 52, "end": 64, "value": [7, 9]}


def fact(kind, start, end, value=None, doc_id="d1"):
    return {"doc_id": doc_id, "kind": kind, "start": start, "end": end, "text": TEXT[start:end], "value": value or {}}


def score(tmp_path, gold_docs, predictions):
    gold = write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    predicted = write_jsonl(tmp_path / "pred.jsonl", predictions)
    return ev.score_files(gold, predicted)


@pytest.mark.parametrize("predictions, kind, expected", [
    ([fact("person", 0, 12)], "person",
     {"strict_p": 1.0, "strict_r": 1.0, "strict_f1": 1.0, "relaxed_f1": 1.0}),
    ([fact("person", 4, 12)], "person",  # boundary off: relaxed only
     {"strict_f1": 0.0, "relaxed_p": 1.0, "relaxed_r": 1.0, "relaxed_f1": 1.0}),
    ([fact("person", 0, 3), fact("person", 4, 12)], "person",  # one gold pairs with one prediction only
     {"pred": 2, "relaxed_tp": 1, "relaxed_p": 0.5, "relaxed_r": 1.0, "relaxed_f1": 0.6667}),
    ([fact("person", 0, 12), fact("person", 0, 12, {"name": "dup"})], "person",  # a span counts once
     {"pred": 1, "strict_p": 1.0}),
    ([], "person", {"pred": 0, "strict_p": 0.0, "strict_r": 0.0, "strict_f1": 0.0}),
    ([fact("date", 28, 42, {"timex_type": "DATE", "value": "1843-01-05"})], "date",
     {"value_accuracy": 1.0, "value_f1": 1.0, "type_accuracy": 1.0, "type_f1": 1.0}),
    ([fact("date", 30, 42, {"timex_type": "TIME", "value": "1843-01"})], "date",
     {"strict_f1": 0.0, "relaxed_f1": 1.0, "value_accuracy": 0.0, "value_f1": 0.0, "type_accuracy": 0.0}),
    ([fact("numeric_claim", 52, 55, {"value": "7-9"})], "numeric_claim",  # a range compares as a pair
     {"relaxed_f1": 1.0, "value_accuracy": 1.0}),
    ([fact("numeric_claim", 52, 64, {"value": 7})], "numeric_claim",  # one end of a range is not the range
     {"strict_f1": 1.0, "value_accuracy": 0.0, "value_f1": 0.0}),
    ([fact("quantity", 52, 64, {"number": [7.0, 9.0]})], "numeric_claim",  # aliases of kind and value key
     {"strict_f1": 1.0, "value_accuracy": 1.0}),
])
def test_metrics_on_hand_made_cases(tmp_path, predictions, kind, expected):
    scores = score(tmp_path, [gold_doc([PERSON, DATE, RANGE])], predictions)
    for figure, value in expected.items():
        assert scores[kind][figure] == value, figure


def test_value_f1_is_relaxed_f1_times_value_accuracy(tmp_path):
    gold = gold_doc([DATE, {"type": "date", "start": 13, "end": 18, "value": "P1D"}])  # "wrote" as a stand-in span
    predictions = [fact("date", 28, 42, {"value": "1843-01-05"}), fact("date", 13, 18, {"value": "P2D"}),
                   fact("date", 0, 3, {"value": "1843"})]
    row = score(tmp_path, [gold], predictions)["date"]
    assert (row["relaxed_p"], row["relaxed_r"], row["value_accuracy"]) == (0.6667, 1.0, 0.5)
    assert row["value_f1"] == round(0.8 * 0.5, 4)


def test_gold_without_a_value_counts_for_the_span_only(tmp_path):
    undated = {"type": "date", "start": 28, "end": 42}
    row = score(tmp_path, [gold_doc([undated])], [fact("date", 28, 42, {"value": "XXXX-01-05"})])["date"]
    assert row["strict_f1"] == 1.0 and "value_accuracy" not in row


def test_only_annotated_kinds_and_gold_documents_are_scored(tmp_path):
    gold = gold_doc([PERSON], annotated=["person"])
    predictions = [fact("person", 0, 12), fact("title", 19, 24), fact("person", 0, 12, doc_id="elsewhere")]
    scores = score(tmp_path, [gold], predictions)
    assert list(scores) == ["person"] and scores["person"]["pred"] == 1


def test_gold_offsets_that_miss_their_text_name_file_and_line(tmp_path):
    bad = gold_doc([PERSON])
    bad["entities"][0]["text"] = "Ada"
    path = write_jsonl(tmp_path / "bad.jsonl", [gold_doc([], doc_id="ok"), bad])
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:2: entities\[0\]: text\[0:12\] is 'Ada Lovelace'"):
        read_gold(path)


def test_relation_gold_problems_name_file_and_line(tmp_path):
    path = tmp_path / "relations.jsonl"
    path.write_text('{"doc_id": "d1", "relations": []}\n\n{"doc_id": "d2"}\n[]\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"relations\.jsonl:3: not a relation gold line: 'relations'"):
        read_relation_gold(path)


# --------------------------------------------------------------------------- figures as the tables write them


@pytest.mark.parametrize("value, missing, expected", [
    (0.5, "–", "0.5000"), (2 / 3, "–", "0.6667"), (12, "–", "12"), (None, "–", "–"), (None, "", ""),
])
def test_rates_are_written_to_four_decimals_and_counts_as_they_are(value, missing, expected):
    assert format_figure(value, missing) == expected


def test_a_figure_cell_shows_the_change_of_a_rate_against_the_baseline():
    metrics = {"gold_sets": {"gold/x": {"kinds": {"person": {"gold": 12, "strict_f1": 0.8, "relaxed_f1": 0.9}}}}}
    baseline = {"gold_sets": {"gold/x": {"kinds": {"person": {"gold": 10, "strict_f1": 0.75, "relaxed_f1": 0.90004}}}}}
    fallen = {("gold/x", "person", "relaxed_f1")}

    def cell(figure, base=baseline, **options):
        return ev.figure_cell(metrics, base, "gold/x", "person", figure, fallen, **options)

    assert cell("strict_f1") == ("0.8000", "+0.0500", False)
    assert cell("relaxed_f1") == ("0.9000", "=", True)  # too small a change to show in 4 decimals
    assert cell("gold") == ("12", None, False)  # counts are not compared
    assert cell("strict_f1", base=None) == ("0.8000", None, False)
    assert cell("type_f1", missing="") == ("", None, False)


# --------------------------------------------------------------------------- agreement with score.py


def crafted_predictions(gold_path: Path, seed: int) -> list[dict]:
    """Gold facts dropped, trimmed, widened and given wrong values, so every branch of the scorer is used."""
    rng = random.Random(seed)
    predictions = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for entity in doc["entities"]:
            roll = rng.random()
            if roll < 0.15:
                continue
            start, end = entity["start"], entity["end"]
            if roll < 0.3:
                end = max(start + 1, end - 2)
            elif roll < 0.35:
                start, end = max(0, start - 3), end + 3
            value = entity.get("value")
            if rng.random() < 0.25:
                value = "XXXX" if entity["type"] == "date" else 3.5
            timex_type = entity.get("timex_type") if rng.random() < 0.8 else "DURATION"
            predictions.append({"doc_id": doc["doc_id"], "kind": entity["type"], "start": start, "end": end,
                                "value": {"value": value, "timex_type": timex_type}})
            if rng.random() < 0.1:  # a duplicate span and an invented fact
                predictions.append({**predictions[-1], "value": {"value": None}})
                predictions.append({"doc_id": doc["doc_id"], "kind": entity["type"], "start": 0, "end": 1,
                                    "value": {}})
    return predictions


def assert_agrees(referee: dict, ours: dict):
    assert sorted(referee) == sorted(ours)
    for kind, row in referee.items():
        for figure, value in row.items():
            assert ours[kind][figure] == pytest.approx(value, abs=5e-5), f"{kind}.{figure}"


@needs_shared
@pytest.mark.parametrize("gold_path", [SEED_GOLD, PROJECT_GOLD, GENRES_GOLD, *SHARED_DEV_SETS], ids=gold_set_name)
def test_agrees_with_score_py_on_crafted_output(tmp_path, gold_path):
    predictions = write_jsonl(tmp_path / "pred.jsonl", crafted_predictions(gold_path, seed=7))
    assert_agrees(load_score_py().score(str(gold_path), str(predictions)), ev.score_files(gold_path, predictions))


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    """One pipeline run of the default config over the seed, the project's gold and the small shared dev sets."""
    evaluation = ev.evaluate([SEED_GOLD, PROJECT_GOLD, *PIPELINE_DEV_SETS], DEFAULT_CONFIG)
    predictions = ev.write_predictions(evaluation, tmp_path_factory.mktemp("predictions"))
    return evaluation, predictions


@pytest.mark.slow
@needs_shared
def test_agrees_with_score_py_on_the_pipeline_output(default_run):
    evaluation, predictions = default_run
    referee = load_score_py()
    for set_evaluation, prediction_path in zip(evaluation.sets, predictions):
        assert_agrees(referee.score(str(set_evaluation.gold_set.path), str(prediction_path)), set_evaluation.scores)


@pytest.mark.slow
@needs_shared
def test_reproduces_the_shared_evaluate_py_on_the_seed(tmp_path, default_run):
    """The referee runs `pipeline run` on its own input; running the gold sets together must not change a figure."""
    evaluation, _ = default_run
    referee_json = tmp_path / "referee.json"
    done = subprocess.run([sys.executable, str(SHARED / "tools" / "evaluate.py"), str(SEED_GOLD),
                           "--config", str(DEFAULT_CONFIG), "--pipeline", f"{sys.executable} -m pipeline",
                           "--json", str(referee_json)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_agrees(json.loads(referee_json.read_text()), evaluation.sets[0].scores)


@pytest.mark.slow
def test_every_gold_set_is_scored_on_all_four_kinds(default_run):
    evaluation, _ = default_run
    for set_evaluation in evaluation.sets:
        assert set(set_evaluation.scores) == {"person", "title", "date", "numeric_claim"}
        assert set_evaluation.rejected == []


# --------------------------------------------------------------------------- the gate


def test_falls_beyond_the_tolerance_are_named_and_others_pass():
    baseline = {"format": ev.METRICS_FORMAT, "gold_sets": {"gold/x": {"kinds": {
        "person": {"strict_f1": 0.80, "relaxed_f1": 0.90, "gold": 10},
        "date": {"value_f1": 0.70}}}}}
    current = {"gold_sets": {"gold/x": {"kinds": {
        "person": {"strict_f1": 0.79, "relaxed_f1": 0.85, "gold": 3}, "date": {}}},
        "gold/new": {"kinds": {}}}}
    regressions = ev.compare_to_baseline(current, baseline, tolerance=0.01)
    assert [str(r) for r in regressions] == [
        "gold/x person.relaxed_f1: 0.9000 -> 0.8500 (-0.0500)",
        "gold/x date.value_f1: 0.7000 in the baseline, missing now",
    ]
    assert ev.sets_not_in_baseline(current, baseline) == ["gold/new"]


def test_update_keeps_the_sets_this_run_did_not_evaluate():
    old = {"format": ev.METRICS_FORMAT, "gold_sets": {"gold/a": {"kinds": {}}, "gold/b": {"kinds": {"x": {}}}}}
    new = {"format": ev.METRICS_FORMAT, "created": "now", "gold_sets": {"gold/b": {"kinds": {}}}}
    assert ev.updated_baseline(old, new)["gold_sets"] == {"gold/a": {"kinds": {}}, "gold/b": {"kinds": {}}}


def test_a_broken_baseline_file_is_one_clear_line(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"format": "something else", "gold_sets": {}}')
    with pytest.raises(ev.BaselineError, match="baseline.json: 'format' must be 'pipeline-eval-metrics/1'"):
        ev.read_metrics(path)


@pytest.mark.slow
def test_a_config_without_the_title_extractor_fails_the_gate(default_run):
    evaluation, _ = default_run
    baseline = evaluation.as_metrics()
    broken = ev.evaluate([SEED_GOLD], DEFAULT_CONFIG, overrides={"extractors.order": ["people", "dates", "numbers"]})
    regressions = ev.compare_to_baseline(broken.as_metrics(), baseline, tolerance=0.01)
    assert {(r.gold_set, r.kind, r.figure) for r in regressions} >= {
        ("gold/seed", "title", "strict_f1"), ("gold/seed", "title", "relaxed_f1")}


def eval_app() -> typer.Typer:
    app = typer.Typer(add_completion=False)
    app.command("eval")(eval_command)
    app.command("version")(lambda: None)  # two commands, so `eval` is a subcommand as in cli.py
    return app


@pytest.mark.slow
def test_eval_command_fails_and_names_each_figure_when_an_extractor_returns_nothing(tmp_path, monkeypatch, default_run):
    from pipeline.extractors import registry

    evaluation, _ = default_run
    baseline = tmp_path / "baseline.json"
    ev.write_metrics(evaluation.as_metrics(), baseline)
    monkeypatch.setattr(registry.get("people"), "__call__", lambda self, doc, article, found: [])
    result = CliRunner().invoke(eval_app(), ["eval", str(SEED_GOLD), "--config", str(DEFAULT_CONFIG),
                                             "--baseline", str(baseline), "--metrics", str(tmp_path / "m.json")])
    assert result.exit_code == EXIT_GATE_FAILED, result.output
    assert "gold/seed person.strict_f1" in result.output and "gold/seed person.relaxed_r" in result.output
    assert json.loads((tmp_path / "m.json").read_text())["gold_sets"]["gold/seed"]["kinds"]["person"]["pred"] == 0


@pytest.mark.slow
def test_the_gate_fails_and_names_each_figure_when_the_title_extractor_finds_nothing(monkeypatch):
    """The quality gate `make test` runs (tests/test_gate.py), in this process, with the title extractor broken."""
    import test_gate
    from pipeline.extractors import registry

    monkeypatch.setattr(registry.get("titles"), "__call__", lambda self, doc, article, found: [])
    with pytest.raises(AssertionError) as failure:
        test_gate.test_no_figure_fell_below_the_baseline(test_gate.gate_figures(), ev.read_metrics(test_gate.BASELINE))
    for figure in ("gold/seed title.strict_f1", "gold/project title.relaxed_r"):
        assert figure in str(failure.value)


@pytest.mark.slow
def test_eval_command_passes_against_its_own_figures_and_updates_the_baseline(tmp_path):
    baseline = tmp_path / "baseline.json"
    runner = CliRunner()
    args = ["eval", str(SEED_GOLD), "--config", str(DEFAULT_CONFIG), "--baseline", str(baseline)]
    created = runner.invoke(eval_app(), [*args, "--update-baseline"])
    assert created.exit_code == 0, created.output
    assert ev.read_metrics(baseline)["gold_sets"]["gold/seed"]["documents"] == 1
    checked = runner.invoke(eval_app(), args)
    assert checked.exit_code == 0 and "quality gate passed" in checked.output


def test_eval_command_reports_a_bad_gold_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    result = CliRunner().invoke(eval_app(), ["eval", str(bad)])
    assert result.exit_code == EXIT_NOTHING_RAN and "bad.jsonl:1: malformed JSON" in result.output


# --------------------------------------------------------------------------- the report


@pytest.mark.slow
def test_report_shows_the_seed_articles_facts(tmp_path, default_run):
    from pipeline.report import write_report

    evaluation, _ = default_run
    metrics = evaluation.as_metrics()
    index = write_report(evaluation, tmp_path / "report", metrics, baseline=metrics, tolerance=0.01)
    assert index.read_text(encoding="utf-8").count("docs/gold_seed/seed-000.html") == 1
    summary = (tmp_path / "report" / "summary.md").read_text(encoding="utf-8")
    assert "## person" in summary and "| gold/seed | 13 |" in summary and "1.0000 (=)" in summary
    page = (tmp_path / "report" / "docs" / "gold_seed" / "seed-000.html").read_text(encoding="utf-8")
    for seed_fact in ("Joel Kurian", "Squid Game", "January 28", "200 per cent", "Jeon Bae-soo"):
        assert seed_fact in page
    assert '<article class="text"' in page and '<mark' in page  # the article's text, facts highlighted
    assert (tmp_path / "report" / "predictions" / "gold__seed.facts.jsonl").stat().st_size > 0


def test_report_marks_misses_and_false_positives_distinctly(tmp_path):
    from pipeline.report import OUTCOME_COLORS, document_outcomes

    gold = GoldSet("gold/t", tmp_path / "t.jsonl", [GoldDocument(
        "d1", TEXT, None, ("person", "date"),
        [GoldEntity("person", 0, 12, TEXT[0:12]), GoldEntity("date", 28, 42, TEXT[28:42], "1843-01-05")], 1)])
    _, comparisons = score_records(gold, [fact("person", 19, 24), fact("date", 28, 42, {"value": "1843-01-06"})])
    highlights, rows = document_outcomes(comparisons[0])
    assert [(row.kind, row.outcome) for row in rows] == [
        ("person", "missed"), ("person", "false positive"), ("date", "wrong value")]
    assert len({OUTCOME_COLORS[row.outcome] for row in rows}) == 3
    assert {h.label for h in highlights} == {"PERSON MISSED", "PERSON FALSE +", "DATE value ✗"}


# --------------------------------------------------------------------------- the project's gold


def project_documents(path: Path = PROJECT_GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def load_build_gold():
    spec = importlib.util.spec_from_file_location("build_gold", GOLD_DIR / "tools" / "build_gold.py")
    build_gold = importlib.util.module_from_spec(spec)
    sys.modules["build_gold"] = build_gold
    spec.loader.exec_module(build_gold)
    return build_gold


def test_gold_offsets_give_the_entity_text():
    for path in (SEED_GOLD, PROJECT_GOLD, GENRES_GOLD):
        for document in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            for entity in document["entities"]:
                assert document["text"][entity["start"]:entity["end"]] == entity["text"], (path.name, entity)


def test_project_gold_is_at_least_fifteen_news_articles_on_all_four_kinds():
    documents = project_documents()
    assert len(documents) >= 15
    for document in documents:
        assert 150 <= len(document["text"].split()) <= 400, document["doc_id"]
        assert set(document["annotated_types"]) == {"person", "title", "date", "numeric_claim"}
    # Some articles (a factory closure) name no work: marked exhaustively, they test for false titles.
    assert {e["type"] for d in documents for e in d["entities"]} == {"person", "title", "date", "numeric_claim"}
    genres = {document["genre"].split("/")[0] for document in documents}
    assert genres == {"entertainment", "business", "politics", "sport"}


def test_project_gold_is_what_the_annotated_articles_say():
    """project.jsonl must be rebuilt (tests/gold/tools/build_gold.py) whenever an article changes."""
    build_gold = load_build_gold()
    rebuilt = [build_gold.parse_article(path) for path in sorted((GOLD_DIR / "articles").glob("*.txt"))]
    assert rebuilt == project_documents()


def test_genres_gold_is_what_the_annotated_articles_say():
    """genres.jsonl is built from articles/genres/ alone (not part of project.jsonl), by the same script."""
    build_gold = load_build_gold()
    assert build_gold.build_set("genres") == project_documents(GENRES_GOLD)
    assert build_gold.build_set("project") == project_documents()


def test_genres_gold_is_at_least_twelve_business_technology_politics_and_sport_articles():
    documents = project_documents(GENRES_GOLD)
    assert len(documents) >= 12
    genres = [document["genre"].split("/")[0] for document in documents]
    for genre in ("business", "technology", "politics", "sport"):
        assert genres.count(genre) >= 3, genre
    assert set(genres) == {"business", "technology", "politics", "sport"}
    for document in documents:
        assert 200 <= len(document["text"].split()) <= 400, document["doc_id"]
        assert set(document["annotated_types"]) == {"person", "title", "date", "numeric_claim"}
        assert document["doc_date"], document["doc_id"]  # every relative date has a value to score
        assert any(e["type"] == "person" for e in document["entities"]), document["doc_id"]
    assert {e["type"] for d in documents for e in d["entities"]} == {"person", "title", "date", "numeric_claim"}
    project_ids = {document["doc_id"] for document in project_documents()}
    ids = [document["doc_id"] for document in documents]
    assert len(set(ids)) == len(ids) and not project_ids & set(ids)


def test_seed_gold_is_the_seed_article_unchanged():
    seed_document = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    original = json.loads((ROOT / "seeds" / "gold.jsonl").read_text(encoding="utf-8"))
    assert seed_document == original


@pytest.mark.slow
def test_relation_records_name_the_article_by_its_gold_doc_id(default_run):
    evaluation, _ = default_run
    seed = evaluation.sets[0]
    authored = [r for r in seed.records if r.get("kind") == "relation" and r.get("predicate") == "author_of"]
    assert authored and all(r["object"] == f"article/{r['doc_id']}" for r in authored)


@pytest.mark.parametrize("lines, message", [
    ("", "no gold documents"),
    ('{"doc_id": "a.txt", "kind": "document", "text": "Ann Lee won."}\n', "missing key 'annotated_types'"),
    ('{"id": "a", "text": "Ann Lee won."}\n', "missing key 'doc_id'"),
    ('{"doc_id": "a", "text": "Ann Lee won.", "annotated_types": ["person"]}\n', "missing key 'entities'"),
    ('{"doc_id": "a", "text": "x", "annotated_types": ["person"], "entities": {}}\n', "entities must be a list"),
])
def test_eval_refuses_a_file_that_is_not_gold(tmp_path, lines, message):
    """A CI gate given a wrong path (facts, articles, an empty file) must fail, not pass (issue 17)."""
    path = tmp_path / "not_gold.jsonl"
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message):
        read_gold(path)
    result = CliRunner().invoke(eval_app(), ["eval", str(path), "--config", str(DEFAULT_CONFIG)])
    assert result.exit_code == EXIT_NOTHING_RAN and message in result.output
