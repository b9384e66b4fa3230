"""Titles of creative works: quoted titles, cue words, the model's WORK_OF_ART.

Evidence comes in three strengths. Quotation marks and cue words ("the series
X", "X, a wine-tasting comedy", "HBO's X", "X's second season") decide on
their own; the model's WORK_OF_ART is weaker and must look like a title.
With its options on, the project's trained NER (`doc.spans["news_ner"]`) sits
between them: its WORK spans count where a work cue stands beside them, and
it vetoes weakly found titles that it reads as products or organisations.
Once a span is a title in an article, every other mention of it there is one
too (case variants included), so a title found once in a quote is found
everywhere. The cue words live in `configs/patterns/titles.toml`.

This module is the registered component; the rules live beside it:
  lexicon.py     the word lists and matchers, read once from the options
  shape.py       what a title looks like: title-case runs, quotes that read as titles
  filters.py     what a title-like span is not (places, people, companies, citations)
  candidates.py  titles without a cue word: quoted, known, the model's, chart lines
  cues.py        titles a cue word points at
  lists.py       titles in lists, announced or beside a title already found
  propagate.py   the other mentions of a title found once
  trained.py     what the trained NER adds: cued WORK spans, and its veto
  groups.py      overlaps, and one title's canonical form and work type
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc

from ...article import Article
from ...errors import ConfigError
from ...mention import Found, Mention
from ...nlp import TRAINED_NER
from ..registry import register
from ..base import ExtractorContext
from ..casing import in_title_case_line
from .candidates import Candidate, chart_entries, known, modelled, quoted, without_credit
from .cues import cued
from .filters import follows_elided_name, is_excluded
from .groups import resolve_overlaps, title_mentions
from .lexicon import WORK_TYPES, TitleLexicon, load_lexicon, normalize_key
from .lists import expand_lists, introduced_lists
from .propagate import propagated
from .trained import cued_works, without_non_works, works_beside_titles

__all__ = ["TitleExtractor", "TitleLexicon", "WORK_TYPES", "normalize_key"]

# Rounds in which lists and repeated mentions may feed each other before the result is taken.
GROWTH_ROUNDS = 3


@register("titles")
class TitleExtractor:
    kinds = ("title",)
    requires = ("ner", "parser", "tagger", "attribute_ruler")  # entities, sentences, POS

    @dataclass
    class Options:
        patterns: str = "patterns/titles.toml"
        # JSONL of known works, one {"title": ..., "work_type": ...} a line; "" for none.
        gazetteer: str = "patterns/titles_known.jsonl"
        # Accept the model's WORK_OF_ART entities that look like titles.
        use_model: bool = True
        # Longest title, in words, that a cue word or quote may mark.
        max_words: int = 12
        min_confidence: float = 0.0
        # The trained NER (models/news_ner) vetoes weakly found titles it reads as products (in a bracket
        # after a name also organisations and places), a base WORK_OF_ART it reads as a person over the same
        # words, and one-word sentence openers it does not read as works.
        trained_ner_veto: bool = False
        # The trained NER's WORK spans are titles where a work cue stands beside them (trained.py).
        trained_ner_works: bool = False

    @staticmethod
    def requires_for(options: "TitleExtractor.Options") -> tuple[str, ...]:
        return (TRAINED_NER,) if options.trained_ner_veto or options.trained_ner_works else ()

    def __init__(self, context: ExtractorContext, options: Options):
        self.options = options
        if options.max_words < 1:
            raise ConfigError(f"extractors.titles.max_words must be at least 1, got {options.max_words}")
        if not 0.0 <= options.min_confidence <= 1.0:
            raise ConfigError(f"extractors.titles.min_confidence must be between 0 and 1, got {options.min_confidence}")
        self.lexicon = load_lexicon(context, options.patterns, options.gazetteer, options.max_words)

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        chosen = resolve_overlaps(self._candidates(doc, article))
        if self.options.trained_ner_works:
            chosen += self._kept(doc, article, works_beside_titles(self.lexicon, doc, chosen))
        chosen = self._grown(doc, article, chosen)
        yield from title_mentions(article.text, chosen, self.options.min_confidence)

    def _candidates(self, doc: Doc, article: Article) -> list[Candidate]:
        """Every rule's candidates, in the order that settles ties between equally strong ones."""
        text, lexicon = article.text, self.lexicon
        candidates = [*quoted(lexicon, text), *cued(lexicon, doc), *introduced_lists(lexicon, doc),
                      *chart_entries(lexicon, doc), *known(lexicon, doc)]
        if self.options.use_model:
            candidates.extend(modelled(lexicon, doc))
        if self.options.trained_ner_works:
            candidates.extend(cued_works(lexicon, doc))
        candidates = self._kept(doc, article, candidates)
        return without_non_works(doc, candidates) if self.options.trained_ner_veto else candidates

    def _kept(self, doc: Doc, article: Article, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates less those that are something else, with no credit run on into them."""
        text, lexicon = article.text, self.lexicon
        candidates = [without_credit(doc, c) for c in candidates if not follows_elided_name(text, c.start)]
        # Headline-style lines capitalize every word: there only quotation marks still show a title.
        return [c for c in candidates if not is_excluded(lexicon, text[c.start:c.end], c.start, c.end, article)
                and (c.rule == "quoted" or not in_title_case_line(text, c.start, c.end))]

    def _grown(self, doc: Doc, article: Article, chosen: list[Candidate]) -> list[Candidate]:
        """The chosen titles with their lists and their other mentions.

        Lists and repeated mentions feed each other: a title repeated in a list names its neighbours,
        and a neighbour found so is repeated elsewhere.
        """
        text = article.text
        for _ in range(GROWTH_ROUNDS):
            repeated = propagated(doc, text, chosen)
            grown = expand_lists(self.lexicon, doc, article, chosen + repeated)
            settled = len(grown) == len(chosen) + len(repeated)
            chosen = grown
            if settled:
                break
        chosen = [c for c in chosen if c.rule != "propagated"]
        return chosen + propagated(doc, text, chosen)
