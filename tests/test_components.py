"""The extractors as spaCy components and the Python API give the records `pipeline run` writes (issue 20)."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
import spacy

import pipeline
from conftest import DEFAULT_CONFIG, MODEL, ROOT, SEED_ARTICLE, SEED_GOLD
from pipeline.config import load_settings
from pipeline.errors import ConfigError
from pipeline.run import run_pipeline

pytestmark = pytest.mark.slow
SEED_DATE = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])["doc_date"]


def run_facts(inputs: list[str], out) -> list[dict]:
    """What `pipeline run` writes to facts.jsonl for `inputs`, the document record aside."""
    run_pipeline(load_settings(DEFAULT_CONFIG), inputs=inputs, output_dir=out)
    records = [json.loads(line) for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records[0]["kind"] == "document" and records[0]["date"] == SEED_DATE
    return records[1:]


@pytest.fixture(scope="module")
def run_records(tmp_path_factory) -> list[dict]:
    """The run on seeds/*.txt: the date comes from the text's date line (anchor_source "header")."""
    return run_facts([str(SEED_ARTICLE)], tmp_path_factory.mktemp("run"))


@pytest.fixture(scope="module")
def doc_id(run_records) -> str:
    return run_records[0]["doc_id"]


@pytest.fixture(scope="module")
def dated_run_records(tmp_path_factory, doc_id) -> list[dict]:
    """The run on the seed as a JSONL line with its date from seeds/gold.jsonl (anchor_source "metadata")."""
    folder = tmp_path_factory.mktemp("dated")
    line = {"id": doc_id, "text": SEED_ARTICLE.read_text(encoding="utf-8"), "date": SEED_DATE}
    (folder / "seed.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    return run_facts([str(folder / "seed.jsonl")], folder / "out")


@pytest.fixture(scope="module")
def base_with_components():
    """The base model as spaCy loads it, the components added by name with the options of the config."""
    settings = load_settings(DEFAULT_CONFIG)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("trained_ner_spans", name="news_ner", config={"path": str(settings.trained_ner_path)})
    for spec in settings.extractors:
        nlp.add_pipe(f"news_{spec.name}", config=dataclasses.asdict(spec.options))
    return nlp


def parse(nlp, text: str, doc_id: str, date: str | None = None):
    doc = nlp.make_doc(text)
    doc._.doc_id, doc._.date = doc_id, date
    return nlp(doc)


def test_components_added_by_name_give_the_run_s_records(base_with_components, run_records, dated_run_records,
                                                         doc_id):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert parse(base_with_components, text, doc_id, SEED_DATE)._.facts == dated_run_records
    assert parse(base_with_components, text, doc_id)._.facts == run_records
    assert dated_run_records != run_records  # the runs differ where the date came from: both are checked


def test_a_saved_pipeline_loads_with_the_same_records(base_with_components, run_records, doc_id, tmp_path):
    base_with_components.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == base_with_components.pipe_names
    assert loaded.get_pipe_config("news_people") == base_with_components.get_pipe_config("news_people")
    assert parse(loaded, SEED_ARTICLE.read_text(encoding="utf-8"), doc_id)._.facts == run_records


def test_spans_and_their_values(base_with_components, run_records, doc_id):
    doc = parse(base_with_components, SEED_ARTICLE.read_text(encoding="utf-8"), doc_id)
    people = {span.text: span._.entity_id for span in doc.spans["news_people"]}
    assert people["Lee Jae-kyoo"] == "person/lee-jae-kyoo"
    last_year = next(span for span in doc.spans["news_dates"] if span.text == "last year")
    assert last_year._.timex["value"] == "2021" and last_year._.fact_kind == "date"
    assert last_year._.quantity is None  # a date is no numeric claim
    episodes = next(span for span in doc.spans["news_numbers"] if span.text == "12 episodes")
    assert (episodes._.quantity["value"], episodes._.quantity["unit"]) == (12, "episode")
    assert {span._.relation["predicate"] for span in doc.spans["news_relations"]} \
        == {record["predicate"] for record in run_records if record["kind"] == "relation"}


@pytest.mark.parametrize("config, text, value, source", [
    ({"anchor": "2022-02-07"}, "The show was released last year.", "2021", "metadata"),
    ({}, "The show was released last year.", None, None),
])
def test_news_dates_anchor(config, text, value, source):
    nlp = spacy.load(MODEL)
    nlp.add_pipe("news_dates", config=config)
    doc = nlp(text)  # kept: its spans point into it
    span = next(span for span in doc.spans["news_dates"] if span.text == "last year")
    assert span._.timex["anchor_source"] == source
    assert (span._.timex["value"] == value) if value else not (span._.timex["value"] or "").isdigit()


def test_a_doc_date_wins_over_the_anchor():
    nlp = spacy.load(MODEL)
    nlp.add_pipe("news_dates", config={"anchor": "2022-02-07"})
    doc = nlp.make_doc("The show was released last year.")
    doc._.date = "2015-06-01"
    assert [fact["value"]["value"] for fact in nlp(doc)._.facts] == ["2014"]


def test_bad_config_names_the_component_and_key():
    nlp = spacy.blank("en")
    with pytest.raises(ConfigError, match="news_dates: anchor must be an ISO date"):
        nlp.add_pipe("news_dates", config={"anchor": "yesterday"})
    with pytest.raises(ConfigError, match="trained NER"):
        nlp = spacy.load(MODEL)
        nlp.add_pipe("news_organizations")  # reads the trained NER by default
        nlp("Netflix said so.")


def test_extract_and_extract_many_give_the_run_s_records(run_records, dated_run_records, doc_id):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert pipeline.extract(text, doc_id=doc_id) == run_records
    assert pipeline.extract(text, date=SEED_DATE, doc_id=doc_id) == dated_run_records
    streamed = list(pipeline.extract_many([{"id": doc_id, "text": text, "date": SEED_DATE}, "Netflix said so."]))
    assert streamed[0] == dated_run_records and streamed[1][0]["doc_id"] == "doc-1"


def test_load_leaves_the_run_s_shared_model_alone():
    from pipeline.executors import load_run_model

    nlp = pipeline.load()
    assert "news_people" in nlp.pipe_names
    assert not any(name.startswith("news_") and name != "news_ner"
                   for name in load_run_model(load_settings(DEFAULT_CONFIG)).pipe_names)


def test_extract_from_the_command_line(run_records, tmp_path):
    code = f"import pipeline; print(pipeline.extract(open({str(SEED_ARTICLE)!r}).read()))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "'person/lee-jae-kyoo'" in result.stdout and "'doc_id': 'doc'" in result.stdout


def test_the_example_script_runs(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "use_from_python.py")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Lee Jae-kyoo" in result.stdout


def test_a_run_built_on_the_components_writes_the_same_records(run_records):
    """What `executors.Extraction` would do on the components (issue 20, one code path): the run's model
    parses, then each configured component runs on the Doc with the Article ingest read."""
    from pipeline.components import build_components, doc_mentions, set_article
    from pipeline.executors import load_run_model
    from pipeline.facts import fact_records
    from pipeline.ingest import expand_inputs, read_articles

    settings = load_settings(DEFAULT_CONFIG)
    nlp = load_run_model(settings)
    [article] = read_articles(expand_inputs([str(SEED_ARTICLE)]), settings.input)
    doc = set_article(nlp(article.text), article)
    for _, component in build_components(nlp, settings):
        component(doc)
    assert fact_records(article, doc, doc_mentions(doc)) == run_records == doc._.facts
