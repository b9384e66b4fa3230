"""The report index's document table: per document its count of each outcome, its F1 per kind and
(where relation gold covers the set) its relation figures; sorted by clicking a column header.

A document's F1 for a kind is the strict F1 of that document alone, computed by the scorer's own
function (scoring.score_comparisons), so it cannot drift from the set's figures; P, R and the
relaxed F1 show on hover. A dash where it is undefined: the kind not annotated in the document, or
neither gold nor prediction of it (nothing to get right, nothing got wrong).
"""
from __future__ import annotations

import html
from typing import Iterable, Mapping, Sequence

from .mention import KINDS
from .report_relations import INDEX_HEADERS, DocumentRelations, index_cells_html
from .report_text import OUTCOME_HELP
from .scoring import DocumentComparison, format_rate, score_comparisons

# Sorting in the page itself: a few lines, no library, so the report works offline. A column sorts
# by the cell's number where it has one, else by its text; dashes (undefined) go last either way.
SORT_SCRIPT = """
<script>
document.querySelectorAll("table.sortable").forEach(function (table) {
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (header, column) {
    header.title = (header.title ? header.title + " · " : "") + "click to sort";
    header.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var text = row.cells[column].textContent.trim(), number = parseFloat(text);
        return text === "–" || text === "" ? null : (isNaN(number) ? text : number);
      };
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null); }
        var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
    header.tabIndex = 0;  // from the keyboard too: Tab to a header, Enter or Space
    header.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); header.click(); }
    });
  });
});
</script>
"""
INDEX_CSS = """
table.sortable th { cursor: pointer; user-select: none; }
.wide { overflow-x: auto; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
"""
DASH = "–"
KIND_HEADERS = {"numeric_claim": "number", "organization": "org"}


def set_kinds(comparisons: Iterable[DocumentComparison]) -> list[str]:
    """The kinds any document of a set is annotated for, in the project's order."""
    found = {kind for comparison in comparisons for kind in comparison.kinds}
    return [kind for kind in KINDS if kind in found] + sorted(found - set(KINDS))


def kind_f1_cell(comparison: DocumentComparison, kind: str) -> str:
    """One document's F1 for one kind, with its P, R and relaxed F1 on hover."""
    if kind not in comparison.kinds:
        return f'<td class="num muted" title="not annotated in this document">{DASH}</td>'
    row = score_comparisons([comparison])[kind]
    if not row["gold"] and not row["pred"]:
        return f'<td class="num muted" title="no gold and no predicted {html.escape(kind)}">{DASH}</td>'
    hover = (f"gold {row['gold']} · predicted {row['pred']} · strict P {format_rate(row['strict_p'])} · "
             f"R {format_rate(row['strict_r'])} · relaxed F1 {format_rate(row['relaxed_f1'])}")
    return f'<td class="num" title="{hover}">{format_rate(row["strict_f1"])}</td>'


def document_row(link: str, comparison: DocumentComparison, counts: Mapping[str, int], outcomes: Sequence[str],
                 kinds: Sequence[str], relations: DocumentRelations | None) -> str:
    """A document's row: its link, its count of each outcome, its F1 per kind, its relation figures."""
    cells = "".join(f'<td class="num">{counts[outcome]}</td>' for outcome in outcomes)
    cells += "".join(kind_f1_cell(comparison, kind) for kind in kinds)
    if relations is not None:
        cells += index_cells_html(relations)
    return f'<tr><td><a href="{link}">{html.escape(comparison.document.doc_id)}</a></td>{cells}</tr>'


def document_table(rows: Sequence[str], colors: Mapping[str, str], kinds: Sequence[str],
                   scores_relations: bool) -> str:
    """The sortable table of a set's documents (rows from document_row, in the set's order)."""
    head = ("<tr><th>document</th>"
            + "".join(f'<th style="background:{color}" title="{html.escape(OUTCOME_HELP.get(outcome, outcome))}">'
                      f"{html.escape(outcome)}</th>" for outcome, color in colors.items())
            + "".join(f"<th>F1 {html.escape(KIND_HEADERS.get(kind, kind))}</th>" for kind in kinds)
            + ("".join(f"<th>{header}</th>" for header in INDEX_HEADERS) if scores_relations else "") + "</tr>")
    note = ('<p class="muted">Click a column header to sort. F1 per kind: the document\'s strict F1 '
            "(equal spans); hover a figure for its counts, P, R and relaxed F1. A dash: nothing to score.</p>")
    return f'{note}<div class="wide"><table class="sortable"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
