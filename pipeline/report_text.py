"""A document's text as the report shows it: the article's own characters, with every gold and
predicted fact highlighted at its character offsets.

The text is written as it is (HTML-escaped; line breaks kept by `white-space: pre-wrap`), so the
article element's text content equals the document's text, character for character: what a
reviewer reads is what the offsets index. Highlights are nested `<mark>` elements. A span inside
another (a date inside a numeric claim) nests inside it; two spans that cross (a gold and a
predicted span that partly overlap) cannot both nest, so the later one is closed where the
earlier one ends and continues in a second piece. Labels ("DATE ✓") are drawn by CSS from a
`data-label` attribute on a span's first piece, above its start (below, for a span inside another;
one label for the facts of one span): they are not part of the text, and the text keeps its own
spacing. A hovered highlight's label comes to the front.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Mapping, Sequence

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
# What a legend chip says: the outcome, after the mark the labels on the text use where that mark
# is a symbol (a chip reading "MISSED missed" would say it twice).
LEGEND_MARKS = {"match": "✓", "partial": "≈", "wrong value": "✗"}

# The styles of the text and its highlights; the page template includes them.
TEXT_CSS = """
article.text { white-space: pre-wrap; overflow-wrap: break-word; line-height: 2.7; font-size: 1.05em;
               border: 1px solid #ddd; border-radius: 4px; padding: 0.8em 1em; background: #fcfcfc; }
article.text mark { position: relative; background: var(--c); color: inherit; border-radius: 3px;
                    padding: 0.2em 0.05em; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.18); }
article.text mark mark { padding: 0.05em 0.05em; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.45); }
article.text mark.gold { border-bottom: 3px solid #555; }
article.text mark.predicted { border-bottom: 3px dashed #555; }
article.text mark[data-label]::before { content: attr(data-label); position: absolute; left: 0; bottom: 100%;
    font-size: 0.58em; line-height: 1.25; font-weight: bold; white-space: nowrap; padding: 0 0.3em;
    border-radius: 2px; background: var(--lc, var(--c)); color: #333; box-shadow: 0 0 0 1px #fff; }
article.text mark { z-index: 1; }
article.text mark.ok { z-index: 0; }
article.text mark:hover { z-index: 2; }
article.text mark mark[data-label]::before { bottom: auto; top: calc(100% + 4px); }
article.text mark mark mark[data-label]::before { top: auto; bottom: calc(100% + 1.3em); }
"""


@dataclass(frozen=True)
class Highlight:
    """One span to draw on the text."""

    start: int
    end: int
    kind: str
    outcome: str
    side: str  # "gold" | "predicted" | "both"
    detail: str = ""  # shown on hover: the values behind the outcome

    @property
    def drawn_apart(self) -> bool:
        """Whether this is one of a pair's two spans drawn separately (boundary or value differs)."""
        return self.outcome in ("partial", "wrong value") and self.side != "both"

    @property
    def label(self) -> str:
        mark = OUTCOME_MARKS[self.outcome]
        # Only where a pair's gold and prediction are drawn apart must the label say which is which.
        side = {"gold": " gold", "predicted": " pred"}[self.side] if self.drawn_apart else ""
        return f"{KIND_LABELS.get(self.kind, self.kind.upper())} {mark}{side}"

    @property
    def title(self) -> str:
        side = {"gold": "gold", "predicted": "predicted", "both": "gold = predicted"}[self.side]
        return " · ".join(part for part in (f"{self.kind}: {self.outcome}", side, self.detail) if part)


def escape_text(text: str) -> str:
    """Text as HTML that parses back to the same characters: a carriage return written as a
    reference, since an HTML parser turns a literal one (and CR LF) into a line feed."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _labels(ordered: Sequence[Highlight]) -> dict[int, tuple[str, str]]:
    """The label each highlight's first piece carries, by id, and the outcome that colours it.
    Highlights of one span (a duration that is both a date and a number) share one label on the
    outermost, "DATE ✓ · NUMBER MISSED": stacked labels at one place would cover each other. It
    takes the colour of its first outcome that is not a match, so an error is not shown green."""
    labels: dict[int, tuple[str, str]] = {}
    owner: dict[tuple[int, int], Highlight] = {}
    for highlight in ordered:
        first = owner.setdefault((highlight.start, highlight.end), highlight)
        if first is highlight:
            labels[id(first)] = (highlight.label, highlight.outcome)
        else:
            label, outcome = labels[id(first)]
            labels[id(first)] = (f"{label} · {highlight.label}", highlight.outcome if outcome == "match" else outcome)
    return labels


def _open_tag(highlight: Highlight, label: tuple[str, str] | None, colors: Mapping[str, str]) -> str:
    outcome = label[1] if label else highlight.outcome
    names = [highlight.side] if highlight.drawn_apart else []
    names += ["ok"] if outcome == "match" else []  # its label drawn under the others'
    classes = f' class="{" ".join(names)}"' if names else ""
    shown = f' data-label="{html.escape(label[0])}"' if label else ""
    style = f"--c:{colors[highlight.outcome]}" + (f";--lc:{colors[outcome]}" if label else "")
    return f'<mark{classes} style="{style}"{shown} title="{html.escape(highlight.title)}">'


def render_text(text: str, highlights: Sequence[Highlight], colors: Mapping[str, str] = OUTCOME_COLORS) -> str:
    """The inner HTML of the article element: `text` with each highlight as nested <mark>s."""
    spans = [h for h in highlights if 0 <= h.start < h.end <= len(text)]
    # Outer spans first: an earlier start, then a longer span, then the order given.
    ordered = sorted(spans, key=lambda h: (h.start, -h.end))
    order = {id(h): rank for rank, h in enumerate(ordered)}
    labels = _labels(ordered)
    boundaries = sorted({0, len(text), *(h.start for h in spans), *(h.end for h in spans)})
    parts: list[str] = []
    stack: list[Highlight] = []
    for position, next_position in zip(boundaries, boundaries[1:]):
        wanted = sorted((h for h in spans if h.start <= position < h.end), key=lambda h: order[id(h)])
        # Close until what stays open is a prefix of what must be open here, then open the rest.
        while stack and [id(h) for h in stack] != [id(h) for h in wanted[:len(stack)]]:
            stack.pop()
            parts.append("</mark>")
        for highlight in wanted[len(stack):]:
            parts.append(_open_tag(highlight, labels.get(id(highlight)) if highlight.start == position else None,
                                   colors))
            stack.append(highlight)
        parts.append(escape_text(text[position:next_position]))
    parts.append("</mark>" * len(stack))
    return "".join(parts)


def article_html(doc_id: str, set_name: str, text: str, highlights: Sequence[Highlight]) -> str:
    """The article element of a document page; its data attributes let a check find the gold document."""
    return (f'<article class="text" lang="en" data-doc-id="{html.escape(doc_id)}" '
            f'data-gold-set="{html.escape(set_name)}">{render_text(text, highlights)}</article>')


class _ArticleReader(HTMLParser):
    """Collects each article element's attributes and text content (all its text nodes, in order)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.articles: list[tuple[dict, list[str]]] = []
        self.depth = 0  # elements open inside the current article, itself included

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in VOID_ELEMENTS
        elif tag == "article":
            self.articles.append((dict(attrs), []))
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID_ELEMENTS:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.articles[-1][1].append(data)


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def page_articles(page: str) -> list[tuple[dict, str]]:
    """Each article element of a page (as written, or as a browser serialized its DOM): its
    attributes and its text content, what the browser's `textContent` gives."""
    reader = _ArticleReader()
    reader.feed(page)
    reader.close()
    return [(attrs, "".join(parts)) for attrs, parts in reader.articles]


def legend_html() -> str:
    """One chip per outcome in its colour, its meaning on hover; then how gold and predicted differ."""
    chips = "".join(
        f'<span class="chip" style="background:{color}" title="{html.escape(OUTCOME_HELP[outcome])}">'
        + (f"<b>{LEGEND_MARKS[outcome]}</b> " if outcome in LEGEND_MARKS else "")
        + f"{html.escape(outcome)}</span>"
        for outcome, color in OUTCOME_COLORS.items())
    return (f'<p class="legend">{chips}<span class="muted">where a pair is drawn apart: '
            '<span class="underline-gold">gold</span> · <span class="underline-predicted">predicted</span>'
            "</span></p>")
