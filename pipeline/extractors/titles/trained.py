"""What the project's trained NER (models/news_ner, `doc.spans["news_ner"]`) tells the title rules.

Two uses, each switched on by an option of the extractor:
- a veto: a candidate that only weak evidence found (the base model's WORK_OF_ART, a bracket after
  a name, a possessive) and that the trained NER reads, over any of the same words, as a product (in a
  bracket after a name also an organisation or a place) is no work: technology and business news is
  full of product names taken for works; nor is one unquoted word opening a sentence that the trained
  NER does not read as a work ("Murdered director ...");
- a source: the trained NER's WORK spans, never alone, only where the context shows a work the
  cue rules know (a cue noun in the sentence, a maker's possessive before it, a title already
  found in the same sentence).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Doc, Span

from ..spans import POSSESSIVE_OR_APOSTROPHE, after_possessive, doc_index
from .candidates import Candidate
from .filters import is_verb_use
from .lexicon import TitleLexicon
from .shape import (is_title_word, quote_looks_like_title, starts_line, starts_sentence,
                    without_opening_word)

# The trained NER's labels that unmake a title, by the evidence that found it. A product is never a
# work, whatever weak rule took it for one; a bracket after a name holds a party, a country or a team as
# often as a film ("Ann Lee (Green)", "Bo Kim (Sweden)"), so there an organisation or a place is read too.
# Quoted titles, cue nouns ("the series X", "X, a comedy") and lists are strong evidence: no veto.
# (A one-word sentence opener is the exception: see _unconfirmed_opener.)
PRODUCT_ONLY = frozenset({"PRODUCT"})
VETO_LABELS = {
    "cue:bracketed_after_name": frozenset({"PRODUCT", "ORG", "LOC"}),
    "ner:WORK_OF_ART": PRODUCT_ONLY,
    "gazetteer": PRODUCT_ONLY,
    "cue:before_title": PRODUCT_ONLY,
    "cue:possessive": PRODUCT_ONLY,
    "cue:platform_possessive": PRODUCT_ONLY,
}
# Read over exactly the same words, a person unmakes the base model's WORK_OF_ART too ("Suu Kyi" tagged a
# work in one sentence, a person in the next); over part of it, it may be a title named after someone.
EXACT_VETO_LABELS = {"ner:WORK_OF_ART": frozenset({"PERSON"})}
WORK_LABEL = "WORK"


def trained_spans(doc: Doc, labels: Iterable[str]) -> list[Span]:
    """The trained NER's spans with one of `labels` (none where the component did not run)."""
    wanted = set(labels)
    return [span for span in doc_index(doc).trained_spans if span.label_ in wanted]


def _vetoed(candidate: Candidate, non_works: list[Span]) -> bool:
    """The trained NER reads some of the candidate's words with a label that unmakes its evidence."""
    labels = VETO_LABELS.get(candidate.detail, frozenset())
    exact = EXACT_VETO_LABELS.get(candidate.detail, frozenset())
    return any((span.label_ in labels and span.start_char < candidate.end and candidate.start < span.end_char)
               or (span.label_ in exact and (span.start_char, span.end_char) == (candidate.start, candidate.end))
               for span in non_works)


def _unconfirmed_opener(doc: Doc, candidate: Candidate, works: list[Span]) -> bool:
    """One word opening a sentence ("Murdered director ...", "Film star ..."), not quoted, that the
    trained NER does not read as a work: the capital may be the sentence's alone."""
    if candidate.rule == "quoted":
        return False
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not (starts_sentence(span[0]) or starts_line(doc, span[0])):
        return False
    return not any(w.start_char < candidate.end and candidate.start < w.end_char for w in works)


def without_non_works(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates less the weakly found ones that the trained NER reads as products (or, in a bracket
    after a name, as organisations and places), and less the one-word sentence openers it does not
    read as works."""
    non_works = trained_spans(doc, set().union(*VETO_LABELS.values(), *EXACT_VETO_LABELS.values()))
    works = trained_spans(doc, (WORK_LABEL,))
    return [c for c in candidates if not _vetoed(c, non_works) and not _unconfirmed_opener(doc, c, works)]


def _work_span(lexicon: TitleLexicon, doc: Doc, span: Span) -> Span | None:
    """The trained WORK span cut to what a title may be; None where it does not look like one."""
    cut = without_opening_word(lexicon, doc, span.start, span.end - 1)  # "Joining Vera Drake and ..."
    if cut is None or not is_title_word(cut[0]) or not quote_looks_like_title(lexicon, cut.text):
        return None
    if cut.end < len(doc) and not cut[-1].whitespace_ and doc[cut.end].text in ("-", "‐"):
        return None  # "The Must" of "The Must-See Moment award": the span cuts a hyphenated word
    return cut


def _cue_noun_near(lexicon: TitleLexicon, doc: Doc, span: Span) -> str | None:
    """The cue noun ("album", "films") nearest the span in its sentence, used as a noun; None if none."""
    best: tuple[int, str] | None = None
    sentence_start, sentence_end = doc_index(doc).sentence_bounds(span.start)
    for token in doc[sentence_start:sentence_end]:
        if span.start <= token.i < span.end or not token.is_lower or token.lower_ not in lexicon.cue_type:
            continue
        if token.pos_ not in ("NOUN", "PROPN") or is_verb_use(doc, token.i):
            continue  # "with special focus", "who plays": the word, but not the noun
        distance = span.start - token.i if token.i < span.start else token.i - span.end + 1
        if best is None or distance < best[0]:
            best = (distance, token.lower_)
    return best[1] if best else None


def _owned(doc: Doc, span: Span) -> bool:
    """A maker's possessive right before the span: "Goldie's Timeless", "the Specials' Ghost Town"."""
    if span.start == 0:
        return False
    if doc[span.start - 1].lower_ in POSSESSIVE_OR_APOSTROPHE:
        return True
    return span.start >= 2 and after_possessive(doc, span.start - 2) == span.start  # token-joined "Goldie ' s"


def cued_works(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """The trained NER's WORK spans that a cue noun near them or a maker's possessive confirms."""
    for found in trained_spans(doc, (WORK_LABEL,)):
        span = _work_span(lexicon, doc, found)
        if span is None:
            continue
        noun = _cue_noun_near(lexicon, doc, span)
        if noun is not None:
            yield Candidate(span.start_char, span.end_char, "trained", lexicon.cue_type[noun], f"news_ner:WORK+{noun}")
        elif _owned(doc, span):
            yield Candidate(span.start_char, span.end_char, "trained", None, "news_ner:WORK+possessive")


def works_beside_titles(lexicon: TitleLexicon, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """The trained NER's WORK spans in a sentence that holds a title already found (not the model's)."""
    sentences = set()
    for c in chosen:
        if c.rule in ("model", "trained"):
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            sentences.add(doc_index(doc).sentence_bounds(span.start)[0])
    found = []
    for work in trained_spans(doc, (WORK_LABEL,)):
        span = _work_span(lexicon, doc, work)
        if span is None or doc_index(doc).sentence_bounds(span.start)[0] not in sentences:
            continue
        if any(c.start < span.end_char and span.start_char < c.end for c in chosen + found):
            continue
        found.append(Candidate(span.start_char, span.end_char, "trained", None, "news_ner:WORK+beside_title"))
    return found
