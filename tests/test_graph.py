"""Facts -> schema.org RDF -> Oxigraph: mapping, round trip, idempotent reload, merge, provenance."""
from __future__ import annotations

import json

import pytest

from pipeline.config import load_settings
from pipeline.errors import InputNotFoundError
from pipeline.graph import SCHEMA, Vocabulary, article_quads, read_records
from pipeline.ids import fact_id
from pipeline.run import run_pipeline
from pipeline.store import GraphStore, export_graph, query_store, rows

from conftest import DEFAULT_CONFIG, SEED_ARTICLE

VOCAB = Vocabulary()
SENTENCE = {"start": 0, "end": 60, "text": "The series, created by Ann Lee, stars Bo Kim."}


def fact(doc_id, kind, start, end, text, value):
    return {"fact_id": fact_id(doc_id, kind, start, end, value), "doc_id": doc_id, "kind": kind, "text": text,
            "start": start, "end": end, "sentence": SENTENCE, "value": value, "confidence": 0.9,
            "extractor": "test"}


def relation(doc_id, subject, predicate, obj, object_type="entity", text="Ann Lee", **extra):
    record = {"fact_id": fact_id(doc_id, "relation", 0, len(text), [subject, predicate, obj]), "doc_id": doc_id,
              "kind": "relation", "subject": subject, "predicate": predicate, "object": obj,
              "object_type": object_type, "text": text, "start": 0, "end": len(text), "sentence": SENTENCE,
              "confidence": 0.8, "extractor": "test"}
    record.update(extra)
    return record


def document(doc_id, headline="Show news", date="2022-02-07"):
    return {"fact_id": fact_id(doc_id, "document", 0, 0, None), "doc_id": doc_id, "kind": "document",
            "source": "x", "line": None, "headline": headline, "authors": [], "date": date,
            "date_source": "metadata", "url": None, "chars": 100}


def article(doc_id, person="Ann Lee"):
    slug = person.lower().replace(" ", "-")
    return [document(doc_id),
            fact(doc_id, "person", 10, 17, person, {"name": person, "entity": f"person/{slug}", "roles": []}),
            fact(doc_id, "title", 20, 30, "The Show", {"title": "The Show", "work_type": "tv_series",
                                                       "entity": "title/the-show"}),
            relation(doc_id, f"person/{slug}", "cast_in", "title/the-show")]


def triples(records):
    return {(q.subject.value, q.predicate.value, getattr(q.object, "value", str(q.object)))
            for q in article_quads(records, VOCAB)}


@pytest.mark.parametrize("work_type, schema_class", [
    ("tv_series", "TVSeries"), ("film", "Movie"), ("book", "Book"), ("song", "MusicRecording"),
    ("album", "MusicAlbum"), ("game", "VideoGame"), ("play", "CreativeWork"), ("other", "CreativeWork"),
])
def test_work_type_maps_to_schema_class(work_type, schema_class):
    record = fact("d", "title", 0, 5, "Title", {"title": "Title", "work_type": work_type, "entity": "title/title"})
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert (VOCAB.entity("title/title").value, rdf_type, SCHEMA + schema_class) in triples([document("d"), record])


@pytest.mark.parametrize("predicate, expected", [
    ("cast_in", ("title/the-show", "actor", "person/ann-lee")),
    ("creator_of", ("title/the-show", "creator", "person/ann-lee")),
    ("director_of", ("title/the-show", "director", "person/ann-lee")),
    ("writer_of", ("title/the-show", "author", "person/ann-lee")),
    ("producer_of", ("title/the-show", "producer", "person/ann-lee")),
])
def test_role_predicates_map_to_schema_properties(predicate, expected):
    found = triples([document("d"), relation("d", "person/ann-lee", predicate, "title/the-show")])
    subject, prop, obj = expected
    assert (VOCAB.entity(subject).value, SCHEMA + prop, VOCAB.entity(obj).value) in found


def test_article_author_dates_jobs_and_quantities():
    claim = fact("d", "numeric_claim", 40, 51, "12 episodes",
                 {"value": 12, "unit": "episode", "quantity": "count", "qualifier": "exact",
                  "about": {"text": "The series", "start": 0, "end": 10, "entity": "title/the-show"},
                  "change": None})
    records = [document("d"), claim,
               relation("d", "person/ann-lee", "author_of", "article/d"),
               relation("d", "title/the-show", "premiered_on", "2022-01-28", object_type="date"),
               relation("d", "person/ann-lee", "has_role", "CEO", object_type="text", org="Netflix"),
               relation("d", f"quantity/{claim['fact_id']}", "quantity_of", "title/the-show", text="12 episodes")]
    found = triples(records)
    article_iri, person, show = VOCAB.article("d").value, VOCAB.entity("person/ann-lee").value, \
        VOCAB.entity("title/the-show").value
    quantity = VOCAB.entity(f"quantity/{claim['fact_id']}").value
    assert (article_iri, SCHEMA + "author", person) in found
    assert (article_iri, SCHEMA + "headline", "Show news") in found
    assert (show, SCHEMA + "datePublished", "2022-01-28") in found
    assert (person, SCHEMA + "jobTitle", "CEO") in found
    assert (quantity, SCHEMA + "value", "12") in found and (quantity, SCHEMA + "unitText", "episode") in found
    assert (quantity, VOCAB.term("quantityOf").value, show) in found


def test_every_edge_has_provenance():
    records = article("d")
    quads = list(article_quads(records, VOCAB))
    edge = (VOCAB.entity("title/the-show").value, SCHEMA + "actor", VOCAB.entity("person/ann-lee").value)
    mentions = {q.subject.value for q in quads if q.predicate.value == VOCAB.term("edgeProperty").value
                and q.object.value == edge[1]}
    [mention] = mentions
    about = {(q.predicate.value, q.object.value) for q in quads if q.subject.value == mention}
    assert (VOCAB.term("edgeSubject").value, edge[0]) in about
    assert (VOCAB.term("sentence").value, SENTENCE["text"]) in about
    assert (VOCAB.term("inArticle").value, VOCAB.article("d").value) in about
    assert all(q.graph_name == VOCAB.graph("d") for q in quads)


def test_reload_is_idempotent_and_articles_merge(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.load_records(article("a1"))
    once = store.triple_count()
    store.load_records(article("a1"))
    assert store.triple_count() == once
    store.load_records(article("a2"))
    people = list(store.query('SELECT ?p (COUNT(DISTINCT ?m) AS ?n) WHERE { ?p a schema:Person . '
                              '?m kg:mentionOf ?p } GROUP BY ?p'))
    assert len(people) == 1 and int(people[0]["n"].value) == 2
    # Persistence: a new handle on the same folder sees the same graph.
    del store
    assert GraphStore(tmp_path / "store").triple_count() > once


def test_round_trip_through_ntriples(tmp_path):
    store = GraphStore()
    store.load_records(article("a1") + article("a2", person="Bo Kim"))
    written = store.export(tmp_path / "graph.nt", "nt")
    fresh = GraphStore()
    from pyoxigraph import RdfFormat
    fresh.store.load(path=str(tmp_path / "graph.nt"), format=RdfFormat.N_TRIPLES)
    assert written == store.triple_count() == len(list(fresh.store))
    for fmt in ("ttl", "jsonld"):
        assert store.export(tmp_path / f"graph.{fmt}", fmt) == written


def write_facts(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_export_graph_builds_a_store_only_when_one_is_needed(tmp_path):
    facts = write_facts(tmp_path / "facts.jsonl", article("a1") + article("a2"))
    csv_only = export_graph([facts], {"neo4j-csv": tmp_path / "neo4j"})
    assert csv_only.loaded is None and csv_only.written["neo4j-csv"]["relationships"] > 2
    both = export_graph([facts], {"nt": tmp_path / "graph.nt", "neo4j-csv": tmp_path / "neo4j2"})
    assert both.loaded.articles == 2 and both.written["nt"] == len((tmp_path / "graph.nt").read_text().splitlines())
    assert (tmp_path / "neo4j" / "nodes.csv").read_bytes() == (tmp_path / "neo4j2" / "nodes.csv").read_bytes()
    stored = export_graph([facts], {"neo4j-csv": tmp_path / "neo4j3"}, store=tmp_path / "store")
    assert stored.loaded.quads > 0
    header, table = query_store(tmp_path / "store",
                                "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }").table()
    assert header == ["n"] and table == [["1"]]


def test_export_graph_refuses_missing_files_and_lines_that_are_not_records(tmp_path):
    with pytest.raises(InputNotFoundError, match="file not found"):
        export_graph([tmp_path / "missing.jsonl"], {"nt": tmp_path / "graph.nt"})
    with pytest.raises(ValueError, match=r"facts.jsonl:2: expected a JSON object, got list"):
        list(read_records([write_facts(tmp_path / "facts.jsonl", [document("a1"), [1, 2]])]))


# Three questions asked of the seed article's graph (the README's five are in test_query.py).
CAST = ('SELECT DISTINCT ?actor WHERE { ?work schema:name ?title ; schema:actor ?person . '
        '?person schema:name ?actor . FILTER(LCASE(STR(?title)) = "all of us are dead") } ORDER BY ?actor')
CREATED = ('SELECT DISTINCT ?work WHERE { ?person schema:name "Lee Jae-kyoo" . '
           '?w schema:creator ?person ; schema:name ?work }')
CLAIMS = ('SELECT DISTINCT ?claim ?value ?unit ?sentence WHERE { ?work schema:name ?title . '
          'FILTER(LCASE(STR(?title)) = "all of us are dead") ?q kg:quantityOf ?work ; schema:name ?claim ; '
          'schema:value ?value . OPTIONAL { ?q schema:unitText ?unit } ?m kg:mentionOf ?q ; kg:sentence ?sentence }')


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-graph")
    run_pipeline(load_settings(DEFAULT_CONFIG), inputs=[str(SEED_ARTICLE)], output_dir=out)
    return out


@pytest.fixture(scope="module")
def seed_store(seed_run):
    return GraphStore(seed_run / "graph.oxigraph")


@pytest.mark.slow
def test_the_seed_article_mentions_every_entity_of_its_facts(seed_run, seed_store):
    entities = {(record["doc_id"], record["value"]["entity"]) for record in read_records([seed_run / "facts.jsonl"])
                if record["kind"] in ("person", "title", "organization") and record["value"].get("entity")}
    assert len(entities) >= 15  # 13 people, the works, Netflix
    _, table = rows(seed_store.query("SELECT ?a ?e WHERE { ?a a schema:NewsArticle ; schema:mentions ?e }"))
    mentioned = {(article, entity) for article, entity in table}
    assert {(VOCAB.article(doc).value, VOCAB.entity(entity).value) for doc, entity in entities} == mentioned


@pytest.mark.slow
def test_readme_queries_on_the_seed(seed_store):
    _, cast = rows(seed_store.query(CAST))
    assert [row[0] for row in cast] == sorted([
        "Park Ji-hu", "Yoon Chan-young", "Cho Yi-hyun", "Park Solomon", "Yoo In-soo", "Lee Yoo-mi",
        "Kim Byung-chul", "Lee Kyu-hyung", "Jeon Bae-soo"])
    _, created = rows(seed_store.query(CREATED))
    assert [row[0].lower() for row in created] == ["all of us are dead"]
    _, claims = rows(seed_store.query(CLAIMS))
    assert ["12 episodes", "12", "episode"] in [row[:3] for row in claims]
    assert any("consist of 12 episodes" in row[3] for row in claims)


@pytest.mark.parametrize("update", ["DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                                    "PREFIX ex: <http://example.org/>\nINSERT DATA { GRAPH ex:g { ex:a ex:b ex:c } }",
                                    "  clear all"])
def test_query_refuses_a_sparql_update_unless_asked(tmp_path, update):
    """Before: an UPDATE failed with the parser's 'expected CONSTRUCT'; now a clear refusal, and --update applies it."""
    from pipeline.errors import PipelineError

    store = GraphStore(tmp_path / "store")
    store.load_records(article("a1"))
    held = store.triple_count()
    del store
    with pytest.raises(PipelineError, match="UPDATE"):
        query_store(tmp_path / "store", update)
    assert GraphStore(tmp_path / "store").triple_count() == held
    header, [[before, after]] = query_store(tmp_path / "store", update, allow_update=True).table()
    assert header == ["triples_before", "triples_after"] and int(before) == held and int(after) != held


# -- issue 18: articles mention their entities; organisations, quotes, publishers, artists --

def organization(doc_id, name="Streamline", start=40):
    slug = name.lower().replace(" ", "-")
    return fact(doc_id, "organization", start, start + len(name), name,
                {"name": name, "entity": f"organization/{slug}"})


def test_every_article_mentions_each_person_work_and_organisation_of_its_facts():
    """Failed before: an article had no schema:mentions at all; people met articles only through kg:Mention."""
    records = article("d") + [organization("d")]
    found = triples(records)
    mentioned = {o for s, p, o in found if s == VOCAB.article("d").value and p == SCHEMA + "mentions"}
    entities = {VOCAB.entity(r["value"]["entity"]).value for r in records
                if r["kind"] in ("person", "title", "organization")}
    assert mentioned == entities and len(entities) == 3
    org = VOCAB.entity("organization/streamline").value
    assert (org, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", SCHEMA + "Organization") in found
    assert (org, SCHEMA + "name", "Streamline") in found


def test_works_for_released_by_and_an_organisation_as_subject():
    records = [document("d"), organization("d"),
               relation("d", "person/ann-lee", "works_for", "organization/streamline"),
               relation("d", "title/the-show", "released_by", "organization/streamline"),
               relation("d", "organization/streamline", "cast_in", "title/the-show")]
    found = triples(records)
    person, show, org = (VOCAB.entity(e).value for e in ("person/ann-lee", "title/the-show",
                                                          "organization/streamline"))
    assert (person, SCHEMA + "worksFor", org) in found
    assert (show, SCHEMA + "publisher", org) in found
    assert (show, SCHEMA + "actor", org) in found


def test_a_said_relation_is_a_quotation_by_its_speaker_in_the_article():
    said = relation("d", "organization/streamline", "said", "We are thrilled", object_type="text",
                    text="Streamline said")
    records = [document("d"), organization("d"), said]
    quads = list(article_quads(records, VOCAB))
    found = triples(records)
    quotation = VOCAB.entity(f"quotation/{said['fact_id']}").value
    assert (quotation, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", SCHEMA + "Quotation") in found
    assert (quotation, SCHEMA + "text", "We are thrilled") in found
    assert (quotation, SCHEMA + "creator", VOCAB.entity("organization/streamline").value) in found
    assert (quotation, SCHEMA + "isPartOf", VOCAB.article("d").value) in found
    mention = VOCAB.mention(said["fact_id"]).value
    assert (mention, VOCAB.term("edgeSubject").value, quotation) in found
    assert (mention, VOCAB.term("sentence").value, SENTENCE["text"]) in found
    assert all(q.graph_name == VOCAB.graph("d") for q in quads)


@pytest.mark.parametrize("work_type, by_artist", [("song", True), ("album", True), ("film", False)])
def test_creator_of_a_song_or_album_is_also_its_artist(work_type, by_artist):
    work = fact("d", "title", 20, 30, "Blue", {"title": "Blue", "work_type": work_type, "entity": "title/blue"})
    found = triples([document("d"), work, relation("d", "person/ann-lee", "creator_of", "title/blue")])
    edge = (VOCAB.entity("title/blue").value, SCHEMA + "byArtist", VOCAB.entity("person/ann-lee").value)
    assert (edge in found) is by_artist
    assert (edge[0], SCHEMA + "creator", edge[2]) in found


def test_a_claim_about_an_entity_is_its_quantity_once(tmp_path):
    """`about.entity` alone links the quantity; with a quantity_of relation too, the stores and exports
    hold the edge once."""
    claim = fact("d", "numeric_claim", 40, 51, "12 episodes",
                 {"value": 12, "unit": "episode", "quantity": "count", "qualifier": "exact",
                  "about": {"text": "The series", "start": 0, "end": 10, "entity": "title/the-show"},
                  "change": None})
    quantity = f"quantity/{claim['fact_id']}"
    edge = (VOCAB.entity(quantity).value, VOCAB.term("quantityOf").value, VOCAB.entity("title/the-show").value)
    assert edge in triples([document("d"), claim])
    records = [document("d"), claim, relation("d", quantity, "quantity_of", "title/the-show", text="12 episodes")]
    facts = write_facts(tmp_path / "facts.jsonl", records)
    export_graph([facts], {"nt": tmp_path / "graph.nt", "ttl": tmp_path / "graph.ttl"})
    line = "<{}> <{}> <{}> .".format(*edge)
    assert (tmp_path / "graph.nt").read_text().splitlines().count(line) == 1
    store = GraphStore()
    store.load_records(records)
    _, table = rows(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{edge[0]}> kg:quantityOf ?w }}"))
    assert table == [["1"]]


def test_has_role_organisation_shares_the_organization_fact_id():
    records = [document("d"), organization("d", "Streamline Media"),
               relation("d", "person/ann-lee", "has_role", "CEO", object_type="text", org="Streamline Media")]
    found = triples(records)
    org = VOCAB.entity("organization/streamline-media").value
    assert (VOCAB.entity("person/ann-lee").value, SCHEMA + "worksFor", org) in found
