"""`pipeline eval --report DIR`: quality a person can look at.

Writes, into DIR:

  summary.md                 one table per kind: every gold set's figures, with
                             the change against the baseline and each fall
                             beyond the tolerance marked
  index.html                 the same figures, and every document with its
                             count of matches, partial matches, misses, false
                             positives and wrong values (and, where relation
                             gold covers it, its relation P/R/F1), linked to
                             its page, and its F1 per kind: a table sorted by
                             clicking a column header (report_index.py)
  docs/<set>/<doc>.html      the article's own text, character for character,
                             with gold and predicted facts highlighted at their
                             offsets (report_text.py: nested and crossing spans
                             both drawn), then every fact in a table, then its
                             gold and predicted relations with their outcome
                             and evidence (report_relations.py)
  predictions/<set>.facts.jsonl   the fact records scored, for tools/score.py

Everything is static HTML with inline styles and a few lines of inline script (the sorting): it
opens offline in a browser. benchmarks/report_browser_check.py checks it in headless Chromium.
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
from .report_index import INDEX_CSS, SORT_SCRIPT, document_row, document_table, set_kinds
from .report_relations import DocumentRelations, document_relations, relations_section_html
from .report_text import OUTCOME_COLORS, TEXT_CSS, Highlight, article_html, legend_html
from .scoring import RATE_FIGURES, DocumentComparison, KindComparison

# The figures shown per kind, in reading order; counts first.
SHOWN_FIGURES = ("gold", "pred", *RATE_FIGURES)

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


def _values_detail(gold_value, predicted_value) -> str:
    """The values behind an outcome, shown when a highlight is hovered."""
    parts = [f"{side} value {value}" for side, value in (("gold", gold_value), ("predicted", predicted_value))
             if value not in (None, "")]
    return " · ".join(parts)


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
        detail = _values_detail(gold.value, predicted.value if predicted else None)
        highlights.append(Highlight(gold.start, gold.end, kind, outcome, "both" if exact else "gold", detail))
        if predicted is not None and not exact:
            highlights.append(Highlight(predicted.start, predicted.end, kind, outcome, "predicted", detail))
        rows.append(FactRow(kind, outcome, gold.text, gold.value,
                            text[predicted.start:predicted.end] if predicted else "",
                            predicted.value if predicted else None,
                            str(predicted.record.get("extractor", "")) if predicted else "", gold.start))
    for pi, predicted in enumerate(comparison.predicted):
        if pi in paired_predicted:
            continue
        highlights.append(Highlight(predicted.start, predicted.end, kind, "false positive", "predicted",
                                    _values_detail(None, predicted.value)))
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
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 84em;
       padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.fell {{ background: #ffd6d6; font-weight: bold; }}
.legend .chip {{ display: inline-block; padding: 0.1em 0.5em; margin: 0 0.3em 0.3em 0; border-radius: 3px; }}
.underline-gold {{ border-bottom: 3px solid #555; }}
.underline-predicted {{ border-bottom: 3px dashed #555; }}
.muted {{ color: #777; }}
{css}
</style></head>
<body>
{body}
</body></html>
"""


def page_html(title: str, body: str) -> str:
    """A whole page: the shared styles (the text's and the sortable table's included), then the body,
    then the sorting script (it reads the tables above it)."""
    return PAGE.format(title=html.escape(title), css=TEXT_CSS + INDEX_CSS, body=body + SORT_SCRIPT)


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


def _value_html(value) -> str:
    return "" if value is None else html.escape(str(value))


def document_page(comparison: DocumentComparison, set_name: str,
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
            f"{legend_html()}{article_html(document.doc_id, set_name, document.text, highlights)}"
            "<h2>Facts</h2><table><tr><th>kind</th><th>outcome</th><th>gold</th><th>gold value</th>"
            f"<th>predicted</th><th>predicted value</th><th>extractor</th></tr>{table_rows}</table>{relations_html}")
    return page_html(f"{document.doc_id} – {set_name}", body), counts


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

    sections = []
    for set_evaluation in evaluation.sets:
        set_name = set_evaluation.gold_set.name
        set_dir = directory / "docs" / _safe_name(set_name)
        set_dir.mkdir(parents=True, exist_ok=True)
        rows, used = [], set()
        records_of = _records_by_document(set_evaluation)
        scores_relations = bool(set_evaluation.relation_gold)
        kinds = set_kinds(set_evaluation.comparisons)
        for comparison in set_evaluation.comparisons:
            doc_id = comparison.document.doc_id
            relations = document_relations(comparison.document, set_evaluation.relation_gold.get(doc_id),
                                           records_of[doc_id])
            page, counts = document_page(comparison, set_name, relations)
            name = _safe_name(comparison.document.doc_id)
            while name in used:  # two ids that differ only in unsafe characters
                name += "_"
            used.add(name)
            (set_dir / f"{name}.html").write_text(page, encoding="utf-8")
            link = f"docs/{_safe_name(set_name)}/{name}.html"
            rows.append(document_row(link, comparison, counts, list(OUTCOME_COLORS), kinds,
                                     relations if scores_relations else None))
        rejected = (f'<p class="fell">Rejected by the pipeline: {html.escape(", ".join(set_evaluation.rejected))}</p>'
                    if set_evaluation.rejected else "")
        sections.append(f"<h2>{html.escape(set_name)}</h2>"
                        f'<p class="muted">{html.escape(str(set_evaluation.gold_set.path))}, '
                        f"{len(set_evaluation.comparisons)} documents</p>{rejected}"
                        f"{_figures_table_html(metrics, baseline, regressions, set_name)}"
                        f"{document_table(rows, OUTCOME_COLORS, kinds, scores_relations)}")
    verdict = ""
    if baseline is not None:
        items = "".join(f"<li>{html.escape(str(regression))}</li>" for regression in regressions)
        verdict = (f'<div class="fell"><p>{len(regressions)} figure(s) fell more than {tolerance} below the '
                   f"baseline:</p><ul>{items}</ul></div>" if regressions
                   else f"<p>No figure fell more than {tolerance} below the baseline (changes in brackets).</p>")
    body = (f"<h1>Extraction quality</h1><p class=\"muted\">config {html.escape(str(metrics['config']))} · "
            f"{html.escape(metrics['created'])} · <a href=\"summary.md\">summary.md</a></p>"
            f"{verdict}{''.join(sections)}")
    index = directory / "index.html"
    index.write_text(page_html("Extraction quality", body), encoding="utf-8")
    return index
