"""`pipeline query`: every query form, SPARQL JSON results that keep datatypes, syntax errors at the
user's line and column, a fixed kg: namespace, and the README's five newsroom questions on the seed.

Before issue 18: an ASK query ended in a traceback, --json printed every value as a string, a syntax
error's line was off by the four predeclared PREFIX lines, and kg: moved with --base-iri."""
from __future__ import annotations

import json
import re
import sys

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.graph import KG
from pipeline.ids import fact_id
from pipeline.run import run_pipeline
from pipeline.store import GraphStore, query_store

from conftest import DEFAULT_CONFIG, ROOT, SEED_ARTICLE

sys.path.insert(0, str(ROOT / "benchmarks"))
from graph_queries import build_and_ask, readme_queries  # noqa: E402  (benchmark 19 times the same queries)

runner = CliRunner()
XSD = "http://www.w3.org/2001/XMLSchema#"
SENTENCE = {"start": 0, "end": 40, "text": "Ann Lee stars in The Show, 12 episodes."}


def record(kind, start, end, text, value):
    return {"fact_id": fact_id("d", kind, start, end, value), "doc_id": "d", "kind": kind, "text": text,
            "start": start, "end": end, "sentence": SENTENCE, "value": value, "confidence": 0.9,
            "extractor": "test"}


def records() -> list[dict]:
    return [
        {"fact_id": fact_id("d", "document", 0, 0, None), "doc_id": "d", "kind": "document",
         "headline": "Show news", "date": "2022-02-07", "url": None},
        record("person", 0, 7, "Ann Lee", {"name": "Ann Lee", "entity": "person/ann-lee"}),
        record("title", 17, 25, "The Show", {"title": "The Show", "work_type": "tv_series",
                                             "entity": "title/the-show"}),
        record("numeric_claim", 27, 38, "12 episodes", {"value": 12, "unit": "episode", "about": {
            "text": "The Show", "start": 17, "end": 25, "entity": "title/the-show"}}),
    ]


@pytest.fixture
def store_folder(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.load_records(records())
    del store
    return tmp_path / "store"


def cli(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def test_ask_answers_true_or_false(store_folder):
    """Failed before: `rows` took pyoxigraph's QueryBoolean for solutions (AssertionError, a traceback)."""
    assert query_store(store_folder, "ASK { ?p a schema:Person }").boolean is True
    assert query_store(store_folder, "ASK { ?p a schema:Organization }").boolean is False
    done = cli("query", store_folder, "ASK { ?p a schema:Person }")
    assert done.exit_code == 0 and done.stdout.strip() == "true"
    done = cli("query", store_folder, "ASK { ?p a schema:Organization }", "--json")
    assert done.exit_code == 0 and json.loads(done.stdout) == {"head": {}, "boolean": False}


def test_json_is_the_sparql_results_format_with_datatypes(store_folder):
    """Failed before: every value was a plain string in a row object of its own."""
    sparql = ("SELECT ?name ?value ?date ?missing WHERE { ?p a schema:Person ; schema:name ?name . "
              "?q schema:value ?value . "
              "?a schema:datePublished ?date . OPTIONAL { ?a schema:nothing ?missing } }")
    done = cli("query", store_folder, sparql, "--json")
    assert done.exit_code == 0, done.output
    answer = json.loads(done.stdout)
    assert answer["head"] == {"vars": ["name", "value", "date", "missing"]}
    [binding] = answer["results"]["bindings"]
    assert binding["name"] == {"type": "literal", "value": "Ann Lee"}
    assert binding["value"] == {"type": "literal", "value": "12", "datatype": XSD + "integer"}
    assert binding["date"] == {"type": "literal", "value": "2022-02-07", "datatype": XSD + "date"}
    # a plain string has no datatype (above), an unbound variable is left out:
    assert "missing" not in binding  # unbound: left out
    # The same document pyoxigraph's own SPARQL JSON writer makes.
    store = GraphStore(store_folder)
    native = json.loads(store.query(sparql).serialize(format=QueryResultsFormat.JSON))
    assert sorted(map(json.dumps, native["results"]["bindings"])) == \
        sorted(map(json.dumps, answer["results"]["bindings"]))


def test_a_language_tag_is_kept(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.update('INSERT DATA { GRAPH <http://g> { <http://x> schema:name "Séoul"@fr } }')
    del store
    answer = query_store(tmp_path / "store", "SELECT ?n WHERE { <http://x> schema:name ?n }").json()
    assert answer["results"]["bindings"] == [{"n": {"type": "literal", "value": "Séoul", "xml:lang": "fr"}}]


@pytest.mark.parametrize("sparql", ["CONSTRUCT { ?a schema:mentions ?p } WHERE { ?a schema:mentions ?p }",
                                    "DESCRIBE <person/ann-lee>"])
@pytest.mark.parametrize("option, fmt", [(None, RdfFormat.TURTLE), ("--ntriples", RdfFormat.N_TRIPLES),
                                         ("--json", RdfFormat.JSON_LD)])
def test_construct_and_describe_print_rdf(store_folder, sparql, option, fmt):
    done = cli("query", store_folder, sparql, *([option] if option else []))
    assert done.exit_code == 0, done.output
    parsed = list(parse(done.stdout.encode(), format=fmt))
    assert len(parsed) == len(query_store(store_folder, sparql).triples) >= 2


@pytest.mark.parametrize("sparql, line, column", [
    ("SELECT * WHERE {\n  ?s foo:bar ?o }", 2, None),
    ("SELECT ?s\nWHERE { ?s ?p ?o }\nLIMIT x", 3, 7),
    ('SELECT * WHERE { ?s ?p "日本" } LIMIT x', 1, 37),
])
def test_a_syntax_error_names_the_line_and_column_of_the_query(store_folder, sparql, line, column):
    """Failed before: the predeclared PREFIX lines were written before the query, so every line was off by four."""
    with pytest.raises(PipelineError) as raised:
        query_store(store_folder, sparql)
    message = str(raised.value)
    found = re.match(r"SPARQL syntax error at line (\d+), column (\d+): ", message)
    assert found and int(found[1]) == line and (column is None or int(found[2]) == column), message
    assert "\n" not in message
    done = cli("query", store_folder, sparql)
    assert done.exit_code == 2 and "Traceback" not in done.output
    assert done.stderr.startswith(f"error: SPARQL syntax error at line {line}, ")


def test_an_undeclared_prefix_is_named_as_such(store_folder):
    with pytest.raises(PipelineError, match="a prefix is not declared"):
        query_store(store_folder, "SELECT * WHERE { ?s foo:bar ?o }")


def test_a_query_prefix_overrides_a_predeclared_one(store_folder):
    sparql = "PREFIX schema: <http://schema.org/> ASK { ?p a schema:Person }"
    assert query_store(store_folder, sparql).boolean is False


def test_kg_terms_do_not_follow_the_base_iri(tmp_path):
    """Failed before: kg: was <base>vocab#, so a store built with --base-iri answered kg: queries with nothing."""
    store = GraphStore(tmp_path / "store", base_iri="http://news.example/kg/")
    store.load_records(records())
    del store
    answer = query_store(tmp_path / "store", "SELECT ?q ?w WHERE { ?q kg:quantityOf ?w }",
                         base_iri="http://news.example/kg/")
    [[quantity, work]] = answer.table()[1]
    assert work == "http://news.example/kg/title/the-show" and quantity.startswith("http://news.example/kg/")
    mentions = query_store(tmp_path / "store", f"SELECT ?m WHERE {{ ?m a <{KG}Mention> }}").table()[1]
    assert len(mentions) == 3


def test_relative_iris_resolve_against_the_base_iri(store_folder):
    answer = query_store(store_folder, "SELECT ?name WHERE { <person/ann-lee> schema:name ?name }")
    assert answer.table() == (["name"], [["Ann Lee"]])


def test_a_cell_that_looks_like_markup_is_printed_as_it_is(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.update('INSERT DATA { GRAPH <http://g> { <http://x> schema:name "[/b] and [bold]x" } }')
    del store
    done = cli("query", tmp_path / "store", "SELECT ?n WHERE { ?s schema:name ?n }")
    assert done.exit_code == 0 and "[/b] and [bold]x" in done.stdout


# -- the README's five questions, asked of the seed article's output ----------------------------

@pytest.fixture(scope="module")
def seed_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-query")
    run_pipeline(load_settings(DEFAULT_CONFIG), inputs=[str(SEED_ARTICLE)], output_dir=out)
    return out / "graph.oxigraph"


@pytest.mark.slow
def test_the_five_newsroom_questions_answer_on_the_seed(seed_output):
    queries = readme_queries("### Five questions a newsroom asks")
    more = queries[5:]
    assert len(queries[:5]) == 5 and len(more) == 3
    for sparql in queries[:5]:
        header, table = query_store(seed_output, sparql).table()
        assert table, f"no rows on the seed output for:\n{sparql}"
    for sparql in more:  # the seed article has no quotes or employers: these must parse and run
        query_store(seed_output, sparql).table()


@pytest.mark.slow
def test_the_benchmark_store_repeats_the_articles_under_new_ids_and_answers_every_readme_query(seed_output,
                                                                                             tmp_path):
    facts = seed_output.parent / "facts.jsonl"
    load, answers = build_and_ask([facts], 3, tmp_path / "store")
    once, _ = build_and_ask([facts], 1, tmp_path / "once")
    assert load["articles"] == 3 and once["articles"] == 1 and load["quads"] == 3 * once["quads"]
    assert len(answers) == 8 + len(readme_queries("### Asking the graph: `pipeline query`"))
    assert all(rows > 0 for _, _, rows in answers[:5])  # the five questions have answers, three times over


@pytest.mark.slow
def test_the_readme_query_examples_run_on_the_seed(seed_output):
    for sparql in readme_queries("### Asking the graph: `pipeline query`"):
        answer = query_store(seed_output, sparql)
        assert answer.boolean is True or answer.triples or answer.solutions


def test_a_folder_that_is_no_store_is_named_and_left_as_it_is(tmp_path):
    """Before, a query on an empty folder made a store there; now it says the folder holds none."""
    from pipeline.errors import InputNotFoundError

    (tmp_path / "empty").mkdir()
    with pytest.raises(InputNotFoundError, match="not a graph store"):
        query_store(tmp_path / "empty", "ASK { ?s ?p ?o }")
    assert not any((tmp_path / "empty").iterdir())
    done = cli("query", tmp_path / "empty", "ASK { ?s ?p ?o }")
    assert done.exit_code == 2 and done.stderr.count("\n") == 1
