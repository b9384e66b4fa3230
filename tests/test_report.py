"""The report's relations: each document's gold and predicted triples with their outcome, matched as
`pipeline eval` scores them, shown readably on its page, with its P/R/F1 in the index."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.evaluate import Evaluation, GoldSetEvaluation, evaluate
from pipeline.gold import GoldDocument, GoldEntity, GoldSet
from pipeline.relation_eval import read_relation_gold, relation_key, score_relations
from pipeline.gold import read_gold
from pipeline.report import OUTCOME_COLORS, document_page, write_report
from pipeline.report_relations import FALSE, MATCHED, MISSED, UNSCORED, document_relations
from pipeline.report_text import Highlight, legend_html, page_articles, render_text
from pipeline.scoring import score_records

from conftest import DEFAULT_CONFIG, ROOT

GOLD_DIR = ROOT / "tests" / "gold"
RELATIONS = GOLD_DIR / "relations.jsonl"

TEXT = ("Ann Lee stars in Harbour Lights, written by Tom Hale. The show has 12 episodes in all. "
        "Jo Park, the Chief Executive of the channel, said so.")
# (start, end) of each sentence: they end at ". "
SENTENCES = [(match.start(), match.end()) for match in re.finditer(r"[^ ].*?\.(?= |$)", TEXT)]
GOLD_RELATIONS = [
    {"subject": "person/ann-lee", "predicate": "cast_in", "object": "title/harbour-lights"},      # found
    {"subject": "person/tom-hale", "predicate": "writer_of", "object": "title/harbour-lights"},   # missed
    {"subject": "quantity:12 episodes", "predicate": "quantity_of", "object": "title/harbour-lights"},
    {"subject": "person/jo-park", "predicate": "has_role", "object": "chief executive"},
]


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def record(kind: str, text: str, doc_id: str = "d1", **fields) -> dict:
    start, end = span(text)
    sentence_start, sentence_end = next(s for s in SENTENCES if s[0] <= start < s[1])
    return {"doc_id": doc_id, "kind": kind, "start": start, "end": end, "text": text, "extractor": "rule:test",
            "sentence": {"start": sentence_start, "end": sentence_end, "text": TEXT[sentence_start:sentence_end]},
            **fields}


def relation(subject: str, predicate: str, obj: str, text: str, doc_id: str = "d1") -> dict:
    return record("relation", text, doc_id, subject=subject, predicate=predicate, object=obj)


PREDICTED = [
    record("person", "Ann Lee", value={"name": "Ann Lee", "entity": "person/ann-lee"}),
    record("title", "Harbour Lights", value={"title": "Harbour Lights", "entity": "title/harbour-lights"}),
    relation("person/ann-lee", "cast_in", "title/harbour-lights", "Ann Lee"),
    # a claim drawn wider than the gold's: matched by containment, as the scorer does
    relation("quantity/0123456789abcdef", "quantity_of", "title/harbour-lights", "12 episodes in all"),
    # a job title as written: matched whatever its case
    relation("person/jo-park", "has_role", "Chief Executive", "Jo Park"),
    relation("person/ann-lee", "director_of", "title/harbour-lights", "Ann Lee"),  # false
    relation("person/ann-lee", "writer_of", "title/harbour-lights", "Ann Lee", doc_id="d2"),  # another document
]


def gold_document(doc_id: str = "d1") -> GoldDocument:
    entities = [GoldEntity("person", *span("Ann Lee"), "Ann Lee"), GoldEntity("person", *span("Tom Hale"), "Tom Hale"),
                GoldEntity("title", *span("Harbour Lights"), "Harbour Lights")]
    return GoldDocument(doc_id, TEXT, None, ("person", "title"), entities, 1)


@pytest.fixture
def gold_keys(tmp_path) -> set[tuple]:
    path = tmp_path / "relations.jsonl"
    path.write_text(json.dumps({"doc_id": "d1", "relations": GOLD_RELATIONS}) + "\n", encoding="utf-8")
    return read_relation_gold(path)["d1"]  # read by the scorer's own reader


def outcomes(relations) -> dict[tuple, str]:
    return {(row.subject, row.predicate, row.object): row.outcome for row in relations.rows}


# --------------------------------------------------------------------------- matching


def test_relation_outcomes_are_the_scorers(gold_keys):
    relations = document_relations(gold_document(), gold_keys, PREDICTED)
    assert outcomes(relations) == {
        ("person/ann-lee", "cast_in", "title/harbour-lights"): MATCHED,
        ("person/tom-hale", "writer_of", "title/harbour-lights"): MISSED,
        ("quantity:12 episodes", "quantity_of", "title/harbour-lights"): MATCHED,
        ("person/jo-park", "has_role", "chief executive"): MATCHED,
        ("person/ann-lee", "director_of", "title/harbour-lights"): FALSE,
    }
    assert relations.scores == score_relations({"d1": gold_keys}, PREDICTED)["all"]
    assert (relations.scores["tp"], relations.scores["gold"], relations.scores["pred"]) == (3, 4, 4)
    assert relations.count(MATCHED) == relations.scores["tp"]
    # the rows needing a look come first
    assert [row.outcome for row in relations.rows] == [MISSED, FALSE, MATCHED, MATCHED, MATCHED]


def test_a_document_no_relation_gold_covers_lists_its_predictions_unscored():
    relations = document_relations(gold_document("d2"), None, PREDICTED)
    assert outcomes(relations) == {("person/ann-lee", "writer_of", "title/harbour-lights"): UNSCORED}
    assert relations.scores is None


# --------------------------------------------------------------------------- the pages


def relation_rows(page: str) -> list[str]:
    return [row.split("</tr>")[0] for row in page.split('<tr class="relation">')[1:]]


def row_of(page: str, subject: str, predicate: str, obj: str) -> str:
    found = [row for row in relation_rows(page)
             if subject in row and f"<td>{predicate}</td>" in row and obj in row]
    assert len(found) == 1, (subject, predicate, obj, relation_rows(page))
    return found[0]


def test_a_document_page_shows_each_relation_readably_with_its_outcome(gold_keys):
    document = gold_document()
    _, comparisons = score_records(GoldSet("gold/t", Path("t.jsonl"), [document]), PREDICTED)
    relations = document_relations(document, gold_keys, PREDICTED)
    page, _ = document_page(comparisons[0], "gold/t", relations)

    cast = row_of(page, "person/ann-lee", "cast_in", "title/harbour-lights")
    assert OUTCOME_COLORS[MATCHED] in cast and ">match<" in cast
    assert "Ann Lee <span" in cast and "Harbour Lights <span" in cast  # names, ids beside them
    assert "<mark>Ann Lee</mark> stars in Harbour Lights, written by Tom Hale." in cast  # the evidence sentence
    assert "rule:test" in cast
    missed = row_of(page, "person/tom-hale", "writer_of", "title/harbour-lights")
    assert OUTCOME_COLORS[MISSED] in missed and "Tom Hale <span" in missed and "<mark>" not in missed
    false = row_of(page, "person/ann-lee", "director_of", "title/harbour-lights")
    assert OUTCOME_COLORS[FALSE] in false and ">false positive<" in false
    quantity = row_of(page, "12 episodes", "quantity_of", "title/harbour-lights")
    assert "<mark>12 episodes in all</mark>" in quantity
    assert "gold 4 · predicted 4 · matched 3 · missed 1 · false 1 · P 0.7500 · R 0.7500 · F1 0.7500" in page


def test_the_index_gives_each_covered_document_its_relation_figures(gold_keys, tmp_path):
    documents = [gold_document("d1"), gold_document("d2")]
    gold_set = GoldSet("gold/t", tmp_path / "t.jsonl", documents)
    scores, comparisons = score_records(gold_set, PREDICTED)
    covered = {"d1": gold_keys}  # d2 has no relation gold
    evaluation = Evaluation(DEFAULT_CONFIG, "0" * 64, [GoldSetEvaluation(
        gold_set, scores, comparisons, PREDICTED, [], covered)], 0.0)
    index = write_report(evaluation, tmp_path / "report", evaluation.as_metrics()).read_text(encoding="utf-8")

    assert "<th>rel. P</th><th>rel. R</th><th>rel. F1</th>" in index
    d1_row = index.split('href="docs/gold_t/d1.html"')[1].split("</tr>")[0]
    assert d1_row.endswith('<td class="num">3</td><td class="num">1</td><td class="num">1</td>'
                           '<td class="num">0.7500</td><td class="num">0.7500</td><td class="num">0.7500</td>')
    d2_row = index.split('href="docs/gold_t/d2.html"')[1].split("</tr>")[0]
    assert d2_row.endswith('<td class="num muted">–</td>' * 6)
    d2_page = (tmp_path / "report" / "docs" / "gold_t" / "d2.html").read_text(encoding="utf-8")
    assert "No relation gold covers this document" in d2_page
    assert ">not scored<" in row_of(d2_page, "person/ann-lee", "writer_of", "title/harbour-lights")


def test_a_set_without_relation_gold_has_no_relation_columns(tmp_path):
    gold_set = GoldSet("gold/t", tmp_path / "t.jsonl", [gold_document("d1")])
    scores, comparisons = score_records(gold_set, PREDICTED)
    evaluation = Evaluation(DEFAULT_CONFIG, "0" * 64, [GoldSetEvaluation(
        gold_set, scores, comparisons, PREDICTED, [])], 0.0)
    index = write_report(evaluation, tmp_path / "report", evaluation.as_metrics()).read_text(encoding="utf-8")
    assert "rel. F1" not in index


# --------------------------------------------------------------------------- the article's own text

NEWS = "Lee Jae-kyoo's show drew £50,000 on 2022-02-07 & <more>.\n\nAnn Lee said so.\r\nEnd."


def at(text: str, n: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(n):
        start = NEWS.index(text, start + 1)
    return start, start + len(text)


def mark(text: str, kind: str = "person", outcome: str = "match", side: str = "both", n: int = 1) -> Highlight:
    return Highlight(*at(text, n), kind, outcome, side)


def shown(highlights) -> str:
    """The text content of the article element a page would hold."""
    return page_articles(f"<article>{render_text(NEWS, highlights)}</article>")[0][1]


@pytest.mark.parametrize("highlights", [
    [],
    [mark("Lee Jae-kyoo")],
    # a date inside a numeric claim: nested
    [mark("£50,000 on 2022-02-07", "numeric_claim"), mark("2022-02-07", "date")],
    # a gold and a predicted span that partly overlap: crossing
    [mark("Ann Lee", outcome="partial", side="gold"), mark("Lee said", outcome="partial", side="predicted")],
    # equal spans, a span over a line break, a span at each end of the text
    [mark("Ann Lee"), mark("Ann Lee", "title", "false positive", "predicted"), mark("so.\r\nEnd."),
     mark("Lee Jae-kyoo's show drew £50,000 on 2022-02-07 & <more>.\n\nAnn", "numeric_claim")],
], ids=["plain", "one", "nested", "crossing", "equal, line break, ends"])
def test_the_page_text_is_the_article_text_whatever_the_highlights(highlights):
    assert shown(highlights) == NEWS


def test_the_text_is_not_tokenized_and_is_escaped():
    markup = render_text(NEWS, [mark("2022-02-07", "date")])
    assert "2022-02-07</mark>" in markup and "2022 - 02 - 07" not in markup and "Jae-kyoo" in markup
    assert "£50,000" in markup and "&amp; &lt;more&gt;" in markup
    assert "\n\nAnn" in markup and "&#13;\n" in markup  # line breaks as they are; CR kept as a reference


def test_a_nested_span_nests_and_a_crossing_span_continues_in_a_second_piece():
    nested = render_text(NEWS, [mark("2022-02-07", "date"), mark("£50,000 on 2022-02-07", "numeric_claim")])
    assert re.search(r'<mark [^>]*data-label="NUMBER ✓"[^>]*>£50,000 on <mark [^>]*data-label="DATE ✓"[^>]*>'
                     r"2022-02-07</mark></mark>", nested)
    crossing = render_text(NEWS, [mark("Ann Lee", outcome="partial", side="gold"),
                                  mark("Lee said", outcome="partial", side="predicted")])
    assert re.search(r'<mark class="gold" [^>]*data-label="PERSON ≈ gold"[^>]*>Ann <mark class="predicted" '
                     r'[^>]*data-label="PERSON ≈ pred"[^>]*>Lee</mark></mark><mark class="predicted" [^>]*>'
                     r" said</mark>", crossing)
    assert crossing.count("data-label=") == 2  # the continuation has no second label
    # the facts of one span share one label (stacked labels at one place would cover each other)
    same = render_text(NEWS, [mark("Ann Lee"), mark("Ann Lee", "title", "false positive", "predicted")])
    assert same.count("data-label=") == 1 and 'data-label="PERSON ✓ · TITLE FALSE +"' in same
    assert same.count("<mark") == 2
    assert f"--lc:{OUTCOME_COLORS['false positive']}" in same  # coloured by the error, not the match


def test_a_highlight_says_on_hover_what_it_is():
    markup = render_text(NEWS, [Highlight(*at("2022-02-07"), "date", "wrong value", "both",
                                          "gold value 2022-02-07 · predicted value 2022-02-08")])
    assert 'title="date: wrong value · gold = predicted · gold value 2022-02-07 · predicted value 2022-02-08"' in markup


def test_legend_chips_say_each_outcome_once():
    chips = re.findall(r'<span class="chip"[^>]*>(.*?)</span>', legend_html())
    shown_chips = [re.sub(r"<[^>]+>", "", chip) for chip in chips]
    assert shown_chips == ["✓ match", "≈ partial", "✗ wrong value", "missed", "false positive"]
    for chip in shown_chips:
        words = chip.lower().split()
        assert len(words) == len(set(words)), chip


def test_a_document_page_shows_the_article_with_its_facts_at_their_offsets(gold_keys):
    document = gold_document()
    _, comparisons = score_records(GoldSet("gold/t", Path("t.jsonl"), [document]), PREDICTED)
    page, counts = document_page(comparisons[0], "gold/t", document_relations(document, gold_keys, PREDICTED))
    [(attributes, text)] = page_articles(page)
    assert text == TEXT and attributes["data-doc-id"] == "d1" and attributes["data-gold-set"] == "gold/t"
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert re.search(r'data-label="PERSON ✓"[^>]*>Ann Lee</mark>', article)
    assert re.search(r'data-label="PERSON MISSED"[^>]*>Tom Hale</mark>', article)
    assert counts["match"] == 2 and counts["missed"] == 1


# --------------------------------------------------------------------------- the index's document table


def index_table(index: str) -> tuple[list[str], list[list[str]]]:
    table = index.split('<table class="sortable">', 1)[1].split("</table>", 1)[0]
    head = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", table.split("</thead>")[0])]
    rows = [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1])]
    return head, rows


def test_the_index_table_sorts_and_gives_each_document_its_f1_per_kind(gold_keys, tmp_path):
    other = GoldDocument("d2", TEXT, None, ("person",), [GoldEntity("person", *span("Tom Hale"), "Tom Hale")], 2)
    gold_set = GoldSet("gold/t", tmp_path / "t.jsonl", [gold_document("d1"), other])
    scores, comparisons = score_records(gold_set, PREDICTED)
    evaluation = Evaluation(DEFAULT_CONFIG, "0" * 64, [GoldSetEvaluation(
        gold_set, scores, comparisons, PREDICTED, [], {"d1": gold_keys})], 0.0)
    index = write_report(evaluation, tmp_path / "report", evaluation.as_metrics()).read_text(encoding="utf-8")

    head, rows = index_table(index)
    assert head[:6] == ["document", "match", "partial", "wrong value", "missed", "false positive"]
    assert head[6:8] == ["F1 person", "F1 title"] and head[-1] == "rel. F1"
    d1, d2 = rows
    # d1: person 1 of 2 gold found, 1 predicted -> P 1, R 0.5; its title found
    assert d1[0] == "d1" and d1[6:8] == ["0.6667", "1.0000"] and d1[-1] == "0.7500"
    # d2 annotates no title: a dash, as for its relations (no relation gold)
    assert d2[0] == "d2" and d2[6:8] == ["0.0000", "–"] and d2[-1] == "–"
    assert "<script>" in index and "aria-sort" in index and "http" not in index.split("<script>")[1]


def test_a_set_annotated_for_organisations_gets_their_f1_column(tmp_path):
    document = GoldDocument("d1", TEXT, None, ("person", "organization"),
                            [GoldEntity("person", *span("Jo Park"), "Jo Park")], 1)
    predicted = [record("organization", "Harbour Lights", value={"name": "Harbour Lights"})]
    gold_set = GoldSet("gold/t", tmp_path / "t.jsonl", [document])
    scores, comparisons = score_records(gold_set, predicted)
    evaluation = Evaluation(DEFAULT_CONFIG, "0" * 64, [GoldSetEvaluation(gold_set, scores, comparisons, predicted, [])],
                            0.0)
    head, [row] = index_table(write_report(evaluation, tmp_path / "r", evaluation.as_metrics()).read_text("utf-8"))
    assert head[6:] == ["F1 person", "F1 org"] and row[6:] == ["0.0000", "0.0000"]


# --------------------------------------------------------------------------- on the project's gold


@pytest.fixture(scope="module")
def gold_report(tmp_path_factory):
    """One run of the default config over the seed and the project's gold, with relation gold, and its report."""
    evaluation = evaluate([GOLD_DIR / "seed.jsonl", GOLD_DIR / "project.jsonl"], DEFAULT_CONFIG,
                          relation_paths=[RELATIONS])
    directory = tmp_path_factory.mktemp("report")
    write_report(evaluation, directory, evaluation.as_metrics())
    return evaluation, directory


@pytest.mark.slow
def test_the_seed_page_lists_a_matched_cast_relation(gold_report):
    _, directory = gold_report
    page = (directory / "docs" / "gold_seed" / "seed-000.html").read_text(encoding="utf-8")
    cast = row_of(page, "person/park-ji-hu", "cast_in", "title/all-of-us-are-dead")
    assert ">match<" in cast and "Park Ji-hu <span" in cast and "<mark>Park Ji-hu</mark>" in cast
    assert "P 1.0000 · R 1.0000 · F1 1.0000" in page


@pytest.mark.slow
def test_a_project_page_lists_a_relation_the_pipeline_missed(gold_report):
    evaluation, directory = gold_report
    project = next(s for s in evaluation.sets if s.gold_set.name == "gold/project")
    predicted = {(r["doc_id"], relation_key(r)) for r in project.records if r.get("kind") == "relation"}
    # found without the report: a gold entity triple no prediction has (quantities align by containment)
    doc_id, key = next((doc_id, key) for doc_id, keys in sorted(project.relation_gold.items())
                       for key in sorted(keys) if (doc_id, key) not in predicted
                       and not key[0].startswith("quantity:"))
    page = (directory / "docs" / "gold_project" / f"{doc_id}.html").read_text(encoding="utf-8")
    assert ">missed<" in row_of(page, *key)


@pytest.mark.slow
def test_the_documents_relation_figures_add_up_to_the_sets(gold_report):
    """The per-document comparison scores as `pipeline eval` does: its counts sum to the set's relation row."""
    evaluation, directory = gold_report
    for set_evaluation in evaluation.sets:
        documents = {document.doc_id: document for document in set_evaluation.gold_set.documents}
        totals = {"gold": 0, "pred": 0, "tp": 0}
        for doc_id, keys in set_evaluation.relation_gold.items():
            scores = document_relations(documents[doc_id], keys, set_evaluation.records).scores
            totals = {name: totals[name] + scores[name] for name in totals}
        row = set_evaluation.scores["relation"]
        assert totals == {"gold": row["gold"], "pred": row["pred"], "tp": row["strict_tp"]}
    index = (directory / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="docs/gold_seed/seed-000.html">seed-000</a>.*?<td class="num">1.0000</td>'
                     r'<td class="num">1.0000</td><td class="num">1.0000</td></tr>', index)


@pytest.mark.slow
def test_every_page_shows_its_article_text_exactly(gold_report):
    """The DOM check without a browser: each document page's article element holds the gold text,
    character for character (tools/report_browser_check.py makes the same check in Chromium)."""
    _, directory = gold_report
    shown = {}
    for page in (directory / "docs").rglob("*.html"):
        for attributes, text in page_articles(page.read_text(encoding="utf-8")):
            shown[(attributes["data-gold-set"], attributes["data-doc-id"])] = text
    checked = 0
    for path in (GOLD_DIR / "seed.jsonl", GOLD_DIR / "project.jsonl"):
        gold_set = read_gold(path)
        for document in gold_set.documents:
            assert shown[(gold_set.name, document.doc_id)] == document.text, document.doc_id
            checked += 1
    assert checked == len(shown)
