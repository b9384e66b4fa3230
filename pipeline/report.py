"""`pipeline eval --report DIR`: quality a person can look at.

Writes, into DIR:

  summary.md                 one table per kind: every gold set's figures, with
                             the change against the baseline and each fall
                             beyond the tolerance marked
  index.html                 the same figures, and every document with its
                             count of matches, partial matches, misses, false
                             positives and wrong values (and, where relation
                             gold covers it, its relation P/R/F1), linked to
                             its page
  docs/<set>/<doc>.html      the document's text with gold and predicted facts
                             highlighted (displaCy's span style: overlapping
                             spans stack), then every fact in a table, then
                             its gold and predicted relations with their
                             outcome and evidence (report_relations.py)
  predictions/<set>.facts.jsonl   the fact records scored, for tools/score.py

Everything is static HTML with inline styles: it opens offline in a browser.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from .evaluate import Evaluation, GoldSetEvaluation, Regression, fallen_figures, figure_cell, write_predictions
from .mention import KINDS
from .report_relations import (INDEX_HEADERS, DocumentRelations, document_relations, index_cells_html,
                               relations_section_html)
from .scoring import RATE_FIGURES, DocumentComparison, KindComparison

# The figures shown per kind, in reading order; counts first.
SHOWN_FIGURES = ("gold", "pred", *RATE_FIGURES)

# One colour per outcome, so a page reads at a glance: green right, yellow
# boundary off, orange value wrong, red missed, violet invented.
OUTCOME_COLORS = {
    "match": "#9be59b",
    "partial": "#ffe27a",
    "wrong value": "#ffb061",
    "missed": "#ff8a8a",
    "false positive": "#cfa8ff",
}
OUTCOME_MARKS = {"match": "✓", "partial": "≈", "wrong value": "value ✗", "missed": "MISSED",
                 "false positive": "FALSE +"}
KIND_LABELS = {"person": "PERSON", "title": "TITLE", "organization": "ORG", "date": "DATE", "numeric_claim": "NUMBER"}
OUTCOME_HELP = {
    "match": "gold and predicted span equal (and the value right, where there is one)",
    "partial": "the spans overlap but differ: gold and predicted are both shown",
    "wrong value": "the span matches (strictly or by overlap) but the normalized value differs",
    "missed": "a gold fact the pipeline did not find",
    "false positive": "a predicted fact with no overlapping gold fact",
}


@dataclass(frozen=True)
class Highlight:
    """One span to draw on the text."""

    start: int
    end: int
    kind: str
    outcome: str
    side: str  # "gold" | "predicted" | "both"

    @property
    def label(self) -> str:
        mark = OUTCOME_MARKS[self.outcome]
        # Only where a pair's gold and prediction are drawn apart must the label say which is which.
        drawn_apart = self.outcome in ("partial", "wrong value") and self.side != "both"
        side = {"gold": " gold", "predicted": " pred"}[self.side] if drawn_apart else ""
        return f"{KIND_LABELS.get(self.kind, self.kind.upper())} {mark}{side}"


@dataclass(frozen=True)
class FactRow:
    """One line of a document page's fact table."""

    kind: str
    outcome: str
    gold_text: str
    gold_value: object
    predicted_text: str
    predicted_value: object
    extractor: str
    start: int


def classify(comparison: KindComparison, text: str) -> tuple[list[Highlight], list[FactRow]]:
    """The outcome of every gold and predicted fact of one kind in one document."""
    kind = comparison.kind
    highlights, rows = [], []
    gold_to_predicted = dict(comparison.pairs)
    paired_predicted = {pi for _, pi in comparison.pairs}
    for gi, gold in enumerate(comparison.gold):
        pi = gold_to_predicted.get(gi)
        predicted = comparison.predicted[pi] if pi is not None else None
        exact = predicted is not None and predicted.span == gold.span
        if predicted is None:
            outcome = "missed"
        elif comparison.value_correct.get(gi) is False:
            outcome = "wrong value"
        else:
            outcome = "match" if exact else "partial"
        highlights.append(Highlight(gold.start, gold.end, kind, outcome, "both" if exact else "gold"))
        if predicted is not None and not exact:
            highlights.append(Highlight(predicted.start, predicted.end, kind, outcome, "predicted"))
        rows.append(FactRow(kind, outcome, gold.text, gold.value,
                            text[predicted.start:predicted.end] if predicted else "",
                            predicted.value if predicted else None,
                            str(predicted.record.get("extractor", "")) if predicted else "", gold.start))
    for pi, predicted in enumerate(comparison.predicted):
        if pi in paired_predicted:
            continue
        highlights.append(Highlight(predicted.start, predicted.end, kind, "false positive", "predicted"))
        rows.append(FactRow(kind, "false positive", "", None, text[predicted.start:predicted.end],
                            predicted.value, str(predicted.record.get("extractor", "")), predicted.start))
    return highlights, rows


def document_outcomes(comparison: DocumentComparison) -> tuple[list[Highlight], list[FactRow]]:
    highlights, rows = [], []
    for kind_comparison in comparison.kinds.values():
        kind_highlights, kind_rows = classify(kind_comparison, comparison.document.text)
        highlights += kind_highlights
        rows += kind_rows
    rows.sort(key=lambda row: (row.start, row.kind))
    return highlights, rows


# --------------------------------------------------------------------------- figures


def _kinds(metrics: Mapping) -> list[str]:
    found = {kind for gold_set in metrics["gold_sets"].values() for kind in gold_set["kinds"]}
    return [kind for kind in KINDS if kind in found] + sorted(found - set(KINDS))


def _figures_for(metrics: Mapping, kind: str) -> list[str]:
    present = {figure for gold_set in metrics["gold_sets"].values()
               for figure in gold_set["kinds"].get(kind, {})}
    return [figure for figure in SHOWN_FIGURES if figure in present]


def summary_markdown(metrics: Mapping, baseline: Mapping | None, regressions: Sequence[Regression],
                     tolerance: float | None) -> str:
    fallen = fallen_figures(regressions)
    lines = ["# Extraction quality", "",
             f"Config `{metrics['config']}` (sha256 {metrics['config_hash'][:12]}), {metrics['created']}.", ""]
    if baseline:
        verdict = (f"**{len(regressions)} figure(s) fell more than {tolerance} below the baseline** (marked ✗)."
                   if regressions else f"No figure fell more than {tolerance} below the baseline.")
        lines += [f"Against the baseline of {baseline.get('created', '?')}: {verdict} "
                  "Changes are in brackets.", ""]
        lines += [f"- ✗ {regression}" for regression in regressions]
        if regressions:
            lines.append("")
    for kind in _kinds(metrics):
        figures = _figures_for(metrics, kind)
        lines += [f"## {kind}", "", "| gold set | " + " | ".join(figures) + " |",
                  "|---|" + "---:|" * len(figures)]
        for set_name, gold_set in metrics["gold_sets"].items():
            if kind not in gold_set["kinds"]:
                continue
            cells = []
            for figure in figures:
                value, change, fell = figure_cell(metrics, baseline, set_name, kind, figure, fallen)
                cell = value + (f" ({change})" if change else "")
                cells.append(f"**{cell} ✗**" if fell else cell)
            lines.append(f"| {set_name} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["Strict: equal spans; relaxed: overlapping spans, one-to-one. Value and type F1 = relaxed F1 × "
              "accuracy over the relaxed matches (TempEval-3), as in tools/score.py.", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 70em;
       padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.fell {{ background: #ffd6d6; font-weight: bold; }}
.legend span {{ display: inline-block; padding: 0.1em 0.5em; margin: 0 0.3em 0.3em 0; border-radius: 3px; }}
.paragraph {{ margin-bottom: 0.5em; }}
.muted {{ color: #777; }}
</style></head>
<body>
{body}
</body></html>
"""


def _legend() -> str:
    items = "".join(f'<span style="background:{color}" title="{html.escape(OUTCOME_HELP[outcome])}">'
                    f"{html.escape(OUTCOME_MARKS[outcome])} {html.escape(outcome)}</span>"
                    for outcome, color in OUTCOME_COLORS.items())
    return f'<p class="legend">{items}</p>'


def _figures_table_html(metrics: Mapping, baseline: Mapping | None, regressions: Sequence[Regression],
                        set_name: str) -> str:
    fallen = fallen_figures(regressions)
    kinds = [kind for kind in _kinds(metrics) if kind in metrics["gold_sets"][set_name]["kinds"]]
    figures = [figure for figure in SHOWN_FIGURES
               if any(figure in metrics["gold_sets"][set_name]["kinds"][kind] for kind in kinds)]
    head = "<tr><th>kind</th>" + "".join(f"<th>{figure}</th>" for figure in figures) + "</tr>"
    body = []
    for kind in kinds:
        cells = []
        for figure in figures:
            value, change, fell = figure_cell(metrics, baseline, set_name, kind, figure, fallen)
            change_html = f' <span class="muted">({change})</span>' if change else ""
            cells.append(f'<td class="num{" fell" if fell else ""}">{value}{change_html}</td>')
        body.append(f"<tr><th>{kind}</th>{''.join(cells)}</tr>")
    return f"<table>{head}{''.join(body)}</table>"


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "doc"


class SpanRenderer:
    """Draws highlights on a text with displaCy's span style, one block per line
    so paragraphs survive (displaCy joins tokens with spaces)."""

    def __init__(self):
        import spacy

        self.tokenizer = spacy.blank("en")

    def render(self, text: str, highlights: Sequence[Highlight]) -> str:
        from spacy import displacy

        colors = {highlight.label: OUTCOME_COLORS[highlight.outcome] for highlight in highlights}
        blocks, offset = [], 0
        for line in text.split("\n"):
            line_start, line_end = offset, offset + len(line)
            offset = line_end + 1
            if not line.strip():
                continue
            doc = self.tokenizer(line)
            spans = []
            for highlight in highlights:
                if not (line_start <= highlight.start < line_end):
                    continue
                span = doc.char_span(highlight.start - line_start, min(highlight.end, line_end) - line_start,
                                     alignment_mode="expand")
                if span is not None and len(span):
                    spans.append({"start_token": span.start, "end_token": span.end, "label": highlight.label})
            parsed = {"text": line, "tokens": [token.text for token in doc], "spans": spans}
            markup = displacy.render(parsed, style="span", manual=True, page=False, jupyter=False,
                                     options={"colors": colors})
            blocks.append(f'<div class="paragraph">{markup}</div>')
        return "\n".join(blocks)


def _value_html(value) -> str:
    return "" if value is None else html.escape(str(value))


def document_page(comparison: DocumentComparison, set_name: str, renderer: SpanRenderer,
                  relations: DocumentRelations | None = None) -> tuple[str, dict]:
    """A document's page, and its count of each outcome."""
    document = comparison.document
    highlights, rows = document_outcomes(comparison)
    counts = {outcome: sum(row.outcome == outcome for row in rows) for outcome in OUTCOME_COLORS}
    table_rows = "".join(
        f'<tr><td>{row.kind}</td><td style="background:{OUTCOME_COLORS[row.outcome]}">{row.outcome}</td>'
        f"<td>{html.escape(row.gold_text)}</td><td>{_value_html(row.gold_value)}</td>"
        f"<td>{html.escape(row.predicted_text)}</td><td>{_value_html(row.predicted_value)}</td>"
        f'<td class="muted">{html.escape(row.extractor)}</td></tr>'
        for row in rows)
    scored = ", ".join(document.annotated_types) or "none"
    relations_link, relations_html = "", ""
    if relations is not None:
        relations_link = ' · <a href="#relations">relations</a>'
        relations_html = relations_section_html(relations, document.text, OUTCOME_COLORS)
    body = (f'<p><a href="../../index.html">← all documents</a></p>'
            f"<h1>{html.escape(document.doc_id)}</h1>"
            f'<p class="muted">gold set {html.escape(set_name)} · publication date '
            f"{html.escape(document.doc_date or 'none')} · kinds scored here: {html.escape(scored)}"
            f"{relations_link}</p>"
            f"{_legend()}{renderer.render(document.text, highlights)}"
            "<h2>Facts</h2><table><tr><th>kind</th><th>outcome</th><th>gold</th><th>gold value</th>"
            f"<th>predicted</th><th>predicted value</th><th>extractor</th></tr>{table_rows}</table>{relations_html}")
    return PAGE.format(title=html.escape(f"{document.doc_id} – {set_name}"), body=body), counts


def _records_by_document(set_evaluation: GoldSetEvaluation) -> dict[str, list[dict]]:
    by_document: dict[str, list[dict]] = defaultdict(list)
    for record in set_evaluation.records:
        by_document[str(record.get("doc_id"))].append(record)
    return by_document


def write_report(evaluation: Evaluation, directory: str | Path, metrics: Mapping,
                 baseline: Mapping | None = None, regressions: Sequence[Regression] = (),
                 tolerance: float | None = None) -> Path:
    """Write the whole report; return the path of index.html."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "summary.md").write_text(summary_markdown(metrics, baseline, regressions, tolerance),
                                          encoding="utf-8")
    write_predictions(evaluation, directory / "predictions")

    renderer = SpanRenderer()
    sections = []
    for set_evaluation in evaluation.sets:
        set_name = set_evaluation.gold_set.name
        set_dir = directory / "docs" / _safe_name(set_name)
        set_dir.mkdir(parents=True, exist_ok=True)
        rows, used = [], set()
        records_of = _records_by_document(set_evaluation)
        scores_relations = bool(set_evaluation.relation_gold)
        for comparison in set_evaluation.comparisons:
            doc_id = comparison.document.doc_id
            relations = document_relations(comparison.document, set_evaluation.relation_gold.get(doc_id),
                                           records_of[doc_id])
            page, counts = document_page(comparison, set_name, renderer, relations)
            name = _safe_name(comparison.document.doc_id)
            while name in used:  # two ids that differ only in unsafe characters
                name += "_"
            used.add(name)
            (set_dir / f"{name}.html").write_text(page, encoding="utf-8")
            link = f"docs/{_safe_name(set_name)}/{name}.html"
            cells = "".join(f'<td class="num">{counts[outcome]}</td>' for outcome in OUTCOME_COLORS)
            if scores_relations:
                cells += index_cells_html(relations)
            rows.append(f'<tr><td><a href="{link}">{html.escape(comparison.document.doc_id)}</a></td>{cells}</tr>')
        rejected = (f'<p class="fell">Rejected by the pipeline: {html.escape(", ".join(set_evaluation.rejected))}</p>'
                    if set_evaluation.rejected else "")
        head = "<tr><th>document</th>" + "".join(
            f'<th style="background:{color}">{outcome}</th>' for outcome, color in OUTCOME_COLORS.items()) + (
            "".join(f"<th>{header}</th>" for header in INDEX_HEADERS) if scores_relations else "") + "</tr>"
        sections.append(f"<h2>{html.escape(set_name)}</h2>"
                        f'<p class="muted">{html.escape(str(set_evaluation.gold_set.path))}, '
                        f"{len(set_evaluation.comparisons)} documents</p>{rejected}"
                        f"{_figures_table_html(metrics, baseline, regressions, set_name)}"
                        f"<table>{head}{''.join(rows)}</table>")
    verdict = ""
    if baseline is not None:
        items = "".join(f"<li>{html.escape(str(regression))}</li>" for regression in regressions)
        verdict = (f'<div class="fell"><p>{len(regressions)} figure(s) fell more than {tolerance} below the '
                   f"baseline:</p><ul>{items}</ul></div>" if regressions
                   else f"<p>No figure fell more than {tolerance} below the baseline (changes in brackets).</p>")
    body = (f"<h1>Extraction quality</h1><p class=\"muted\">config {html.escape(str(metrics['config']))} · "
            f"{html.escape(metrics['created'])} · <a href=\"summary.md\">summary.md</a></p>"
            f"{verdict}{_legend()}{''.join(sections)}")
    index = directory / "index.html"
    index.write_text(PAGE.format(title="Extraction quality", body=body), encoding="utf-8")
    return index
