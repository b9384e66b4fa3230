"""The report's relations of one document: every gold and predicted triple with its outcome.

Triples are matched the way `pipeline eval` scores them, by relation_eval.py's own keys: equal
(subject, predicate, object), a has_role object in any case, a quantity subject aligned to the
gold's when either text contains the other. A gold triple is matched or missed; a predicted one
no gold triple matches is false. The document's P/R/F1 is score_relations' figure for the
document alone, so it cannot drift from the gold set's relation row. A document the relation
gold does not cover still lists what the pipeline predicted, as not scored.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from .entities import entity_id
from .gold import GoldDocument
from .ids import article_entity
# The scorer's quantity alignment, reused so the report and the figures cannot disagree.
from .relation_eval import aligned_key, relation_key, score_relations
from .scoring import format_rate

# Outcome names as the rest of the report spells them (its colours are keyed by them).
MATCHED, MISSED, FALSE = "match", "missed", "false positive"
UNSCORED = "not scored"
OUTCOME_ORDER = (MISSED, FALSE, MATCHED, UNSCORED)  # what needs a look first
# Entity kinds whose gold text names the entity id a relation points to.
NAMED_KINDS = ("person", "title")


@dataclass(frozen=True)
class RelationRow:
    """One triple of a document, as scored."""

    outcome: str
    subject: str  # an entity id, or "quantity:<the claim's text>"
    predicate: str
    object: str
    records: tuple[Mapping, ...] = ()  # the predicted relation records behind it; none for a miss


@dataclass(frozen=True)
class DocumentRelations:
    rows: list[RelationRow]
    scores: dict | None  # gold, pred, tp, precision, recall, f1; None where no relation gold covers the document
    names: dict[str, str]  # entity id -> the name to show

    def count(self, outcome: str) -> int:
        return sum(row.outcome == outcome for row in self.rows)


def entity_names(document: GoldDocument, records: Iterable[Mapping]) -> dict[str, str]:
    """Entity id -> a readable name: the pipeline's canonical name, else the gold's text of a
    person or work whose id it gives (an entity the pipeline missed)."""
    names = {entity_id(entity.kind, entity.text): entity.text for entity in document.entities
             if entity.kind in NAMED_KINDS}
    names[article_entity(document.doc_id)] = "this article"
    for record in records:
        value = record.get("value")
        if isinstance(value, Mapping) and isinstance(value.get("entity"), str):
            name = value.get("name") or value.get("title")
            if isinstance(name, str) and name:
                names[value["entity"]] = name
    return names


def document_relations(document: GoldDocument, gold_keys: set[tuple] | None,
                       records: Iterable[Mapping]) -> DocumentRelations:
    """The relations of `document`: its gold keys (None: not covered by relation gold) against
    the relation records among `records` (the set's, or the document's)."""
    records = [record for record in records if str(record.get("doc_id")) == document.doc_id]
    relations = [record for record in records if record.get("kind") == "relation"]
    expected = gold_keys if gold_keys is not None else set()
    found: dict[tuple, list[Mapping]] = defaultdict(list)
    for record in relations:
        found[aligned_key(relation_key(record), expected)].append(record)
    names = entity_names(document, records)
    if gold_keys is None:
        rows = [RelationRow(UNSCORED, *key, tuple(behind)) for key, behind in found.items()]
        return DocumentRelations(sorted(rows, key=_row_order), None, names)
    rows = [RelationRow(MATCHED if key in found else MISSED, *key, tuple(found.get(key, ())))
            for key in gold_keys]
    rows += [RelationRow(FALSE, *key, tuple(behind)) for key, behind in found.items() if key not in gold_keys]
    scores = score_relations({document.doc_id: gold_keys}, relations)["all"]
    return DocumentRelations(sorted(rows, key=_row_order), scores, names)


def _row_order(row: RelationRow) -> tuple:
    return OUTCOME_ORDER.index(row.outcome), row.predicate, row.subject, row.object


# --------------------------------------------------------------------------- HTML


def _entity_html(identifier: str, names: Mapping[str, str]) -> str:
    """A subject or object: its name with the id beside it; a date or text as it is."""
    if identifier.startswith("quantity:"):
        return f'{html.escape(identifier.removeprefix("quantity:"))} <span class="muted">quantity</span>'
    name = names.get(identifier)
    if name is None:
        return html.escape(identifier)
    return f'{html.escape(name)} <span class="muted">{html.escape(identifier)}</span>'


def _one_line(text: str) -> str:
    # A sentence may run over a heading or a paragraph break: one line reads better in a table cell.
    return re.sub(r"\s+", " ", text)


def _evidence_html(record: Mapping, text: str) -> str:
    """The record's sentence with its evidence span marked, and the rule that found it."""
    sentence = record.get("sentence") or {}
    start, end = sentence.get("start", record["start"]), sentence.get("end", record["end"])
    sentence_text = sentence.get("text") or text[start:end]
    inner_start, inner_end = record["start"] - start, record["end"] - start
    if 0 <= inner_start <= inner_end <= len(sentence_text):
        before, span, after = (sentence_text[:inner_start], sentence_text[inner_start:inner_end],
                               sentence_text[inner_end:])
    else:  # a sentence that does not hold the span: the span alone
        before, span, after = "", str(record.get("text", "")), ""
    shown = (html.escape(_one_line(before).lstrip()) + f"<mark>{html.escape(_one_line(span))}</mark>"
             + html.escape(_one_line(after).rstrip()))
    return f'{shown} <span class="muted">{html.escape(str(record.get("extractor", "")))}</span>'


def _evidence_cell(row: RelationRow, text: str) -> str:
    seen, parts = set(), []
    for record in row.records:  # one line per evidence span: a triple said twice shows both
        place = (record.get("start"), record.get("end"))
        if place not in seen:
            seen.add(place)
            parts.append(_evidence_html(record, text))
    return "<br>".join(parts)


def _rates(scores: Mapping) -> tuple[str, str, str]:
    """P, R and F1 written out; a dash where the scorer's 0 means undefined (nothing predicted,
    no gold), so a document with neither does not read as a failure."""
    precision = format_rate(scores["precision"]) if scores["pred"] else "–"
    recall = format_rate(scores["recall"]) if scores["gold"] else "–"
    f1 = format_rate(scores["f1"]) if scores["pred"] or scores["gold"] else "–"
    return precision, recall, f1


def relation_figures_html(relations: DocumentRelations) -> str:
    scores = relations.scores
    if scores is None:
        return '<p class="muted">No relation gold covers this document: its relations are not scored.</p>'
    precision, recall, f1 = _rates(scores)
    return (f"<p>gold {scores['gold']} · predicted {scores['pred']} · matched {scores['tp']} · "
            f"missed {relations.count(MISSED)} · false {relations.count(FALSE)} · "
            f"P {precision} · R {recall} · F1 {f1}</p>")


def relations_section_html(relations: DocumentRelations, text: str, colors: Mapping[str, str]) -> str:
    """A document page's relations: its figures, then a table of every triple with its outcome."""
    rows = "".join(
        f'<tr class="relation"><td style="background:{colors.get(row.outcome, "transparent")}">'
        f"{html.escape(row.outcome)}</td><td>{_entity_html(row.subject, relations.names)}</td>"
        f"<td>{html.escape(row.predicate)}</td><td>{_entity_html(row.object, relations.names)}</td>"
        f"<td>{_evidence_cell(row, text)}</td></tr>"
        for row in relations.rows)
    table = ("<table><tr><th>outcome</th><th>subject</th><th>predicate</th><th>object</th>"
             f"<th>evidence (predicted)</th></tr>{rows}</table>" if rows
             else '<p class="muted">No gold or predicted relation.</p>')
    return f'<h2 id="relations">Relations</h2>{relation_figures_html(relations)}{table}'


INDEX_HEADERS = ("rel. ✓", "rel. missed", "rel. false +", "rel. P", "rel. R", "rel. F1")


def index_cells_html(relations: DocumentRelations) -> str:
    """A document's relation cells in the index table (INDEX_HEADERS); dashes where not scored."""
    scores = relations.scores
    if scores is None:
        return '<td class="num muted">–</td>' * len(INDEX_HEADERS)
    figures = (scores["tp"], relations.count(MISSED), relations.count(FALSE), *_rates(scores))
    return "".join(f'<td class="num">{figure}</td>' for figure in figures)
