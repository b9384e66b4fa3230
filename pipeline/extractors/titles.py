"""Titles of creative works: quoted titles, cue words, the model's WORK_OF_ART.

Evidence comes in three strengths. Quotation marks and cue words ("the series
X", "X, a wine-tasting comedy", "HBO's X", "X's second season") decide on
their own; the model's WORK_OF_ART is weaker and must look like a title.
Once a span is a title in an article, every other mention of it there is one
too (case variants included), so a title found once in a quote is found
everywhere. The cue words live in `configs/patterns/titles.toml`.
"""
from __future__ import annotations

import fnmatch
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..article import Article
from ..entities import entity_id
from ..errors import ConfigError
from . import register
from .casing import in_title_case_line as _in_title_case_line
from ..mention import Found, Mention
from .base import ExtractorContext, read_pattern_jsonl, read_pattern_toml
from .spans import POSSESSIVE_MARKERS, POSSESSIVE_OR_APOSTROPHE, after_possessive, year_in_brackets

WORK_TYPES = ("tv_series", "film", "book", "song", "album", "game", "play", "other")

# Paired quotation marks. Single quotes must not touch a letter outside, so the
# apostrophes of "it's" and "Dead Man's Shoes" never open or close a quote.
QUOTED = [
    re.compile(r"“\s*([^“”\n]{1,150}?)\s*”"),
    re.compile(r"(?<![\w\"])\"\s*([^\"\n]{1,150}?)\s*\"(?!\w)"),
    re.compile(r"(?<![\w'‘’])[‘']((?:[^'‘’\n]|['’](?=[a-z])){1,150}?)[’'](?![\w'’])"),
]
# Lowercase words a title may contain; everything else in a title is capitalized.
QUOTE_FUNCTION_WORDS = {"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "by", "is",
                        "are", "or", "us", "it", "my", "me", "not", "no", "as", "be", "was", "out", "up", "de", "la",
                        "le", "y", "vs", "vs."}
SENTENCE_END = re.compile(r"[.,;]$")
# Strength of each rule: on overlap the stronger one wins.
STRENGTH = {"quoted": 4, "gazetteer": 3, "cue": 3, "model": 1}
CONFIDENCE = {"quoted": 0.9, "gazetteer": 0.85, "cue": 0.85, "model": 0.5, "propagated": 0.8}
# Words after a title that still belong to its mention only as a label: "Squid Game Season 2".
# Token-joined "Sean O 'Brien", "Madame d 'Arcy": the apostrophe glues a name, it opens no quote.
ELIDED_NAME = re.compile(r"(?:^|\s)[ODd] ['’]$")
TIGHT_INTRO_WORDS = {"such", "as", "which", "that", "include", "includes", "included", "including", "like", ",", ":",
                     "-", "–", "—", "were", "are"}
LIST_JOINERS = {"with", "and", "by", "at", "from", "for", "in", "on", "&", "as", "to"}
NON_LABELS = {"PERSON", "GPE", "NORP", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _stands_apart(doc: Doc, span: Span) -> bool:
    """Not a piece of a longer capitalized name: "Gladiator" but not "Gladiator Games Ltd"."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.like_num:
        return False  # "Tiger King 2" is another work than "Tiger King"
    for token in (before, after):
        if token is not None and token.is_title and token.is_alpha and token.lower_ not in STOP_WORDS \
                and not (token is before and token.is_sent_start):
            return False
    return True


def _cites_pages(doc: Doc, index: int) -> bool:
    """A page reference follows: ", p.14", ": pp. 291-92" (a citation of an author's work by year)."""
    if index < len(doc) and doc[index].text in (",", ":"):
        index += 1
    return index < len(doc) and re.match(r"pp?\.", doc[index].text) is not None


@dataclass
class Candidate:
    start: int  # character offsets
    end: int
    rule: str  # quoted | cue | gazetteer | model
    work_type: str | None
    detail: str


# "1. The Long Night (Prime Video)" on a line of its own, as streaming charts print their rankings.
CHART_ENTRY = re.compile(r"(?m)^[ \t]*\d{1,2}[.)][ \t]+(?P<name>[^\n()]{2,80}?)[ \t]*\((?P<platform>[^()\n]{2,40})\)[ \t]*$")


def normalize_key(text: str) -> str:
    """The key under which mentions of one title group: case, apostrophes and spacing do not matter."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _load_toml(path, key: str) -> dict:
    return read_pattern_toml(path, f"extractors.titles.{key}")


def _words(table: dict, name: str, where: str) -> list:
    value = table.get(name, [])
    if not isinstance(value, list):
        raise ConfigError(f"{where}: '{name}' must be a list")
    return value


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

    def __init__(self, context: ExtractorContext, options: Options):
        self.options = options
        if options.max_words < 1:
            raise ConfigError(f"extractors.titles.max_words must be at least 1, got {options.max_words}")
        if not 0.0 <= options.min_confidence <= 1.0:
            raise ConfigError(f"extractors.titles.min_confidence must be between 0 and 1, got {options.min_confidence}")
        path = context.resolve(options.patterns)
        where = f"extractors.titles.patterns ({path})"
        data = _load_toml(path, "patterns")
        cue_nouns = data.get("cue_nouns", {})
        if not isinstance(cue_nouns, dict):
            raise ConfigError(f"{where}: [cue_nouns] must be a table of work_type = [words]")
        self.cue_type: dict[str, str] = {}
        for work_type, words in cue_nouns.items():
            if work_type not in WORK_TYPES:
                raise ConfigError(f"{where}: cue_nouns.{work_type} is not a work type (known: {', '.join(WORK_TYPES)})")
            for word in _words(cue_nouns, work_type, where):
                self.cue_type.setdefault(word.lower(), work_type)
        self.connectors = {w.lower() for w in _words(data, "connectors", where)}
        self.post_verbs = {w.lower() for w in _words(data, "post_verbs", where)}
        self.work_parts = {w.lower() for w in _words(data, "work_parts", where)}
        self.creator_nouns = {w.lower() for w in _words(data, "creator_nouns", where)}
        self.platforms = {normalize_key(w) for w in _words(data, "platforms", where)}
        self.not_titles = [normalize_key(w) for w in _words(data, "not_titles", where)]

        vocab = context.nlp.vocab
        self.matcher = Matcher(vocab)
        self.matcher.add("cue_noun", [[{"LOWER": {"IN": sorted(self.cue_type)}, "IS_LOWER": True}]])
        self.matcher.add("post_verb", [[{"LOWER": {"IN": sorted(self.post_verbs)}}]])
        self.matcher.add("work_part", [[{"LOWER": {"IN": ["'s", "’s", "‘s", "'"]}},
                                        {"IS_LOWER": True, "OP": "{0,2}"},
                                        {"LOWER": {"IN": sorted(self.work_parts)}}]])
        self.matcher.add("creator_noun", [[{"LOWER": {"IN": sorted(self.creator_nouns)}, "IS_LOWER": True},
                                           {"TEXT": {"REGEX": "^[A-Z]"}}]])
        self.after_title = {w.lower() for w in _words(data, "after_title", where)}
        self.matcher.add("after_title", [[{"LOWER": {"IN": sorted(self.after_title)}, "IS_LOWER": True}]])
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        before = _words(data, "before_title", where)
        self.phrases.add("before_title", [context.nlp.make_doc(" ".join(words)) for words in before])
        platform_docs = [context.nlp.make_doc(p) for p in self.platforms]
        self.phrases.add("platform", platform_docs)

        self.gazetteer = PhraseMatcher(vocab)
        self.gazetteer_type: dict[str, str] = {}
        if options.gazetteer:
            self._load_gazetteer(context, context.resolve(options.gazetteer))

    def _load_gazetteer(self, context: ExtractorContext, path) -> None:
        docs = []
        for number, entry in read_pattern_jsonl(path, "extractors.titles.gazetteer"):
            try:
                title, work_type = entry["title"], entry.get("work_type", "other")
            except (KeyError, TypeError):
                raise ConfigError(f"extractors.titles.gazetteer: {path}:{number} must be "
                                  f'{{"title": ..., "work_type": ...}}') from None
            if work_type not in WORK_TYPES:
                raise ConfigError(f"extractors.titles.gazetteer: {path}:{number}: unknown work_type {work_type!r}")
            self.gazetteer_type[normalize_key(title)] = work_type
            docs.append(context.nlp.make_doc(title))
        self.gazetteer.add("known_work", docs)

    # -- what a title looks like -------------------------------------------------

    @staticmethod
    def starts_sentence(token: Token) -> bool:
        """A sentence start the text shows, not only the parser: the parser splits inside long titles."""
        if token.i == 0:
            return True
        previous = token.doc[token.i - 1]
        return token.is_sent_start and (previous.text in (".", "!", "?", ":", ";", "\"", "”") or previous.is_space
                                        or "\n" in token.doc.text[previous.idx:token.idx])

    def is_title_word(self, token: Token) -> bool:
        first = token.text[0]
        return first.isupper() or (first.isdigit() and not self.starts_sentence(token))

    def is_connector(self, token: Token) -> bool:
        return token.lower_ in self.connectors and not self.starts_sentence(token)

    def breaks_run(self, doc: Doc, token: Token) -> bool:
        """A line break or sentence-like punctuation ends a title."""
        return self.is_hard_break(token) or self.starts_line(doc, token)

    def is_hard_break(self, token: Token) -> bool:
        if token.is_space or "\n" in token.text:
            return True
        return token.is_punct and token.lower_ not in self.connectors

    @staticmethod
    def starts_line(doc: Doc, token: Token) -> bool:
        return token.i > 0 and "\n" in doc.text[doc[token.i - 1].idx:token.idx]

    def run_right(self, doc: Doc, start: int, in_list: bool = False) -> Span | None:
        """The title-case run that starts at token `start`: "Meet The Fockers", "All of Us are Dead".

        In a list ("Zatoichi and Hero") "and" separates titles instead of joining words of one.
        """
        if start >= len(doc) or not self.is_title_word(doc[start]) or self.breaks_run(doc, doc[start]):
            return None
        end = start + 1
        last_word = start
        while end < len(doc) and end - start < self.options.max_words + 4:
            token = doc[end]
            if self.breaks_run(doc, token) or self.starts_sentence(token) or (in_list and token.lower_ in ("and", "&")):
                break
            if token.lower_ in ("no", "no.") and end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].text == "."):
                break  # "... is at No. 4": a chart rank follows the title
            if token.lower_ in POSSESSIVE_MARKERS and self._is_owner(doc[start:end]):
                start = end + 1  # "HBO's House of the Dragon": the title starts after the owner
                last_word = start
                end += 2
                if start >= len(doc) or not self.is_title_word(doc[start]):
                    return None
                continue
            if self.is_title_word(token):
                previous = doc[end - 1]
                if (previous.is_lower and previous.lower_ in LIST_JOINERS and token.ent_iob_ == "B"
                        and token.ent_type_ in NON_LABELS - {"GPE", "NORP", "LOC"}):
                    break  # "Driftwood with Tom Ellery": a joining word, then a new name
                last_word = end
            elif not self.is_connector(token):
                break
            end += 1
        end = last_word + 1
        if end < len(doc) and doc[end].text in ("?", "!") and not doc[end - 1].whitespace_:
            end += 1
        return self._trimmed(doc, start, end)

    def run_left(self, doc: Doc, end: int, in_list: bool = False) -> Span | None:
        """The title-case run that ends just before token `end`."""
        last = end - 1
        if last < 0 or not self.is_title_word(doc[last]) or self.is_hard_break(doc[last]):
            return None
        start = last
        first_word = last
        while start > 0 and last - start < self.options.max_words + 4:
            if self.starts_sentence(doc[start]) or self.starts_line(doc, doc[start]):
                break
            token = doc[start - 1]
            if self.is_hard_break(token) or (in_list and token.lower_ in ("and", "&")):
                break
            if token.lower_ in POSSESSIVE_MARKERS and start >= 2 and doc[start - 2].ent_type_ in ("PERSON", "ORG"):
                break  # "Benedict Osei's The Cartographer's Daughter": the owner is no part of the title
            if self.is_title_word(token):
                first_word = start - 1
            elif not self.is_connector(token):
                break
            elif token.lower_ in LIST_JOINERS and start - 2 >= 0 and doc[start - 2].ent_type_ in NON_LABELS | {"ORG"}:
                break
            start -= 1
        while (first_word < last and self.starts_sentence(doc[first_word]) and self.is_title_word(doc[first_word + 1])
               and doc[first_word].pos_ in ("ADJ", "ADV", "VERB", "ADP", "SCONJ", "INTJ", "CCONJ")):
            first_word += 1
        if first_word > last:
            return None
        if first_word == last and self.starts_sentence(doc[first_word]) and doc[first_word].pos_ not in ("PROPN", "X"):
            return None  # "Murdered director ...", "Seasoned film-makers": a sentence's first word, not a title
        return self._trimmed(doc, first_word, last + 1)

    def _trimmed(self, doc: Doc, start: int, end: int) -> Span | None:
        while start < end and doc[start].is_punct:
            start += 1
        while end > start and ((doc[end - 1].is_punct and doc[end - 1].text not in ("?", "!"))
                               or doc[end - 1].lower_ in POSSESSIVE_MARKERS):
            end -= 1
        if start >= end or sum(1 for t in doc[start:end] if t.is_alpha or t.like_num) > self.options.max_words:
            return None
        if not doc[start].text[0].isupper():
            return None  # "12 episodes": a count, not a title
        return doc[start:end]

    def quote_looks_like_title(self, content: str) -> bool:
        words = content.split()
        if not words or len(words) > self.options.max_words or SENTENCE_END.search(content):
            return False
        first = words[0].lstrip("(¡¿\"'")
        if not first or not (first[0].isupper() or first[0].isdigit()):
            return False
        content_words = [w for w in words if w.lower().strip(",:!?") not in QUOTE_FUNCTION_WORDS]
        if not content_words:
            return False
        capitalized = sum(1 for w in content_words if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
        return capitalized / len(content_words) >= 0.75

    def is_excluded(self, text: str, start: int, end: int, article: Article) -> bool:
        key = normalize_key(text)
        if not key or key in self.platforms or key in STOP_WORDS:
            return True
        if any(fnmatch.fnmatchcase(key, pattern) for pattern in self.not_titles):
            return True
        headline = article.headline_span
        if headline and start <= headline[0] and end >= headline[1]:
            return True
        return False

    # -- rules -----------------------------------------------------------------

    def quoted(self, doc: Doc, article: Article) -> Iterator[Candidate]:
        text = article.text
        for pattern in QUOTED:
            for match in pattern.finditer(text):
                content = match.group(1)
                start = match.start(1) + (len(content) - len(content.lstrip()))
                end = match.end(1) - (len(content) - len(content.rstrip()))
                while end > start and text[end - 1] in ",.;":
                    end -= 1
                content = text[start:end]
                if self.quote_looks_like_title(content):
                    yield Candidate(start, end, "quoted", None, "quoted_title")

    def cued(self, doc: Doc) -> Iterator[Candidate]:
        for match_id, start, end in self.matcher(doc):
            rule = doc.vocab.strings[match_id]
            if rule == "cue_noun":
                if self._is_verb_use(doc, start):
                    continue
                yield from self._after_cue_noun(doc, start)
                yield from self._apposition_before(doc, start)
            elif rule == "post_verb":
                stop = start - 2 if start >= 2 and doc[start - 1].lower_ == "which" and doc[start - 2].text == "," \
                    else start
                span = self.run_left(doc, stop)
                if span is not None and not self._is_named_other(span) and not self._has_person(span):
                    yield Candidate(span.start_char, span.end_char, "cue", None, "cue:post_verb")
            elif rule == "after_title":
                if end < len(doc) and doc[end].text in ("-", "‐") and not doc[start].whitespace_:
                    continue  # "film-makers" is no film
                span = self.run_left(doc, start)
                if span is not None and not self._is_named_other(span) and not self._has_person(span) \
                        and not self._is_org(span):
                    yield Candidate(span.start_char, span.end_char, "cue", self.cue_type.get(doc[start].lower_),
                                    "cue:after_title")
            elif rule == "work_part":
                span = self.run_left(doc, start)
                if span is not None and not self._is_named_other(span):
                    yield Candidate(span.start_char, span.end_char, "cue", None, "cue:work_part")
            elif rule == "creator_noun":
                span = self.run_left(doc, start)
                if span is not None and len(span) == 1 and self.starts_sentence(span[0]) and span[0].pos_ != "PROPN":
                    continue  # "Creative director Ingrid Solberg"
                if span is not None and not self._is_named_other(span):
                    yield Candidate(span.start_char, span.end_char, "cue", None, "cue:creator_noun")
        for match_id, start, end in self.phrases(doc):
            rule = doc.vocab.strings[match_id]
            if rule == "before_title":
                span = self.run_right(doc, end)
                if span is None or after_possessive(doc, span.end) is not None:
                    continue  # "an adaptation of Ann Lee's novel": the owner, not the work
                span = self._after_owner(span)  # "an adaptation of Ann Lee's The Salt Road": the work alone
                if not self._is_named_other(span) and not self._is_person_name(span):
                    yield Candidate(span.start_char, span.end_char, "cue", None, "cue:before_title")
            elif rule == "platform" and end + 1 < len(doc) and doc[end].lower_ in POSSESSIVE_MARKERS:
                span = self.run_right(doc, end + 1)
                if span is not None and not self._is_named_other(span) and not self._starts_person(span):
                    yield Candidate(span.start_char, span.end_char, "cue", None, "cue:platform_possessive")
        yield from self._possessed(doc)
        yield from self._in_brackets_after_name(doc)
        yield from self._dated_or_credited(doc)
        yield from self._introduced_lists(doc)
        yield from self._chart_entries(doc)

    def _chart_entries(self, doc: Doc) -> Iterator[Candidate]:
        """Ranked chart lines: "2. Silver Lake (Netflix)" - a rank, a name, the platform it streams on."""
        text = doc.text
        for line in CHART_ENTRY.finditer(text):
            if normalize_key(line.group("platform")) not in self.platforms:
                continue
            span = doc.char_span(line.start("name"), line.end("name"), alignment_mode="contract")
            if span is None or not self.is_title_word(span[0]) or not self.quote_looks_like_title(span.text):
                continue
            if self._is_person_name(span) or normalize_key(span.text) in self.platforms:
                continue
            yield Candidate(span.start_char, span.end_char, "cue", None, "cue:chart_entry")

    @staticmethod
    def _is_verb_use(doc: Doc, index: int) -> bool:
        """"who plays Maren", "Rovers play Dunmore City": the cue word is a verb after its subject.
        The tagger alone is not trusted: it also calls the noun of "TV shows Star Search" a verb."""
        token = doc[index]
        if token.pos_ not in ("VERB", "AUX") or index == 0:
            return False
        previous = doc[index - 1]
        noun_like = previous.pos_ in ("DET", "ADJ", "NUM") or previous.tag_ == "PRP$" \
            or (previous.is_lower and previous.pos_ == "NOUN") or (previous.is_upper and len(previous) <= 4)
        return not noun_like

    def _after_cue_noun(self, doc: Doc, cue: int) -> Iterator[Candidate]:
        """'the series Squid Game', 'his latest movie, Driftwood,', 'TV shows Star Search and The Big Quiz'."""
        work_type = self.cue_type[doc[cue].lower_]
        start = cue + 1
        if start < len(doc) and doc[start].text == ",":
            start += 1
        while start < len(doc) and doc[start].is_quote:
            start += 1
        span = self.run_right(doc, start)
        if span is None or normalize_key(span.text) in self.platforms:
            return
        if start > cue + 1 and self._is_named_other(span, allow_dates=True):
            return  # only a cue right before the span outweighs the model's place or nationality label
        if span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE_MARKERS:
            return  # "the top film, Ice Cube's comedy": the name owns the next work
        plural = doc[cue].tag_ in ("NNS", "NNPS") or (doc[cue].lower_.endswith("s") and doc[cue].lower_ != "series")
        for part in self._split_list(span) if plural else [span]:
            yield Candidate(part.start_char, part.end_char, "cue", work_type, f"cue:{doc[cue].lower_}")

    def _apposition_before(self, doc: Doc, cue: int) -> Iterator[Candidate]:
        """'Driftwood, a sailing comedy starring ...', 'X, the zombie thriller'."""
        index = cue - 1
        while index > 0 and cue - index <= 8 and doc[index].text != ",":
            token = doc[index]
            hyphenated = doc[index - 1].text == "-" or (index + 1 < len(doc) and doc[index + 1].text == "-")
            if token.is_punct and token.text != "-" or token.pos_ in ("AUX", "PRON", "ADP") \
                    or (token.pos_ == "VERB" and not hyphenated):
                return
            index -= 1
        if index <= 0 or doc[index].text != "," or doc[index + 1].lower_ not in ("a", "an", "the", "his", "her",
                                                                                  "their", "its"):
            return
        span = self.run_left(doc, index)
        if span is not None and not self._is_named_other(span) and not self._is_person_name(span):
            yield Candidate(span.start_char, span.end_char, "cue", self.cue_type[doc[cue].lower_], "cue:apposition")

    def _split_list(self, span: Span) -> list[Span]:
        parts, start = [], span.start
        for token in span:
            if token.lower_ in ("and", "&") or token.text == ",":
                if token.i > start:
                    parts.append(span.doc[start:token.i])
                start = token.i + 1
        if start < span.end:
            parts.append(span.doc[start:span.end])
        return [p for p in parts if p and self.is_title_word(p[0])]

    def _is_named_other(self, span: Span, allow_dates: bool = False) -> bool:
        """Places, nationalities, dates and platforms are never titles, whatever the cue."""
        key = normalize_key(span.text)
        if key in self.platforms:
            return True
        labels = ("GPE", "NORP", "LOC", "LANGUAGE") if allow_dates else ("GPE", "NORP", "LOC", "DATE", "TIME",
                                                                          "LANGUAGE")
        for ent in span.doc.ents:
            if ent.start <= span.start and ent.end >= span.end and ent.label_ in labels:
                return True
        return False

    def _possessed(self, doc: Doc) -> Iterator[Candidate]:
        """"Olivia Rodrigo's Sour is at #3", "Angel Studios' Sketch opened": a name's work, then a verb."""
        for marker in doc:
            if marker.lower_ not in POSSESSIVE_OR_APOSTROPHE or marker.i == 0 or marker.i + 1 >= len(doc):
                continue
            owner = doc[marker.i - 1]
            a_year = re.fullmatch(r"(1[5-9]|20)\d\d", owner.text) is not None  # "1981's Stop the Dominoes"
            if owner.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE") and not a_year:
                continue  # "London's Mean Fiddler": a place's venue
            if owner.ent_type_ not in ("PERSON", "ORG") and not a_year and not self._is_unlabelled_name(doc, marker.i):
                continue
            index = marker.i + 1
            if doc[index - 1].text in ("'", "’") and doc[index].text == "s":
                index += 1  # token-joined text: "Marlow ' s Salt Psalms"
            if index < len(doc) and doc[index].text == "(":  # "Disney's (NYSE:DIS) Freakier Friday"
                close = next((t.i for t in doc[index:index + 8] if t.text == ")"), None)
                index = close + 1 if close is not None else index
            span = self.run_right(doc, index)
            if span is None or span.end >= len(doc) or self._is_named_other(span):
                continue
            if not all(self._may_stand_in_possessed_title(t, owner, span) for t in span):
                continue
            following = doc[span.end]
            if following.pos_ in ("VERB", "AUX") or following.text in (",", ".", ";"):
                yield Candidate(span.start_char, span.end_char, "cue", None, "cue:possessive")

    @staticmethod
    def _is_unlabelled_name(doc: Doc, end: int) -> bool:
        """Two or three capitalized proper nouns the model left unlabelled ("Doja Cat"), standing alone:
        "A Hard Day's Night" and "Father's Son" are titles with a possessive inside."""
        start = end
        while start > 0 and end - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        if not 2 <= end - start <= 3:
            return False
        return start == 0 or not doc[start - 1].is_title or doc[start - 1].is_sent_start

    @staticmethod
    def _may_stand_in_possessed_title(token: Token, owner: Token, span: Span) -> bool:
        """The model labels the words of an unknown title as anything; only a new name or place is a stop."""
        if token.ent_type_ in ("", "WORK_OF_ART", "PRODUCT"):
            return True
        if token.ent_type_ in ("ORG", "PERSON") and token.ent_iob_ == "I" and owner.ent_type_ == token.ent_type_:
            return True  # the owner's entity ran on into the title: "Angel Studios' Sketch", "Ann Lee's Glass"
        return token.ent_type_ in ("DATE", "LOC") and token.i > span.start

    def _introduced_lists(self, doc: Doc) -> Iterator[Candidate]:
        """"His albums from the 1950s include A, B, C and D": a list that a plural cue noun announces."""
        for sentence in doc.sents:
            cue = next((t for t in sentence if t.is_lower and t.lower_ in self.cue_type and t.tag_ == "NNS"), None)
            if cue is None:
                continue
            intro = next((t for t in sentence if t.i > cue.i and t.i - cue.i <= 8
                          and (t.lower_ in ("include", "includes", "included", "including", "were", "are", "like")
                               or (t.text == ":" and t.whitespace_)
                               or (t.lower_ == "as" and doc[t.i - 1].lower_ == "such")
                               # "albums, Red Lanterns, Ten Quiet Rooms", "Four singles - Paper Crowns"
                               or (t.i == cue.i + 1 and (t.text == "," or (t.text in ("-", "–", "—")
                                                                            and t.whitespace_))))), None)
            if intro is None:
                continue
            # "albums such as A, B", "hits which include A": nothing but the introducing words between the cue
            # noun and the list, so its items are works even where the model calls them people.
            tight = all(t.lower_ in TIGHT_INTRO_WORDS for t in doc[cue.i + 1:intro.i])
            index = intro.i + 1
            while index < sentence.end:
                item = self.run_right(doc, index, in_list=True)
                if item is None or self._is_named_other(item):
                    break
                owned = after_possessive(doc, item.end) is not None
                if not self._is_person_name(item) or (tight and not owned):  # "songs by artists like Elvis Presley"
                    yield Candidate(item.start_char, item.end_char, "cue", self.cue_type[cue.lower_],
                                    "cue:introduced_list")
                index = item.end
                if index < sentence.end and doc[index].text == "(":  # "( 1970 )" after an item
                    close = next((t.i for t in doc[index:index + 6] if t.text == ")"), None)
                    index = close + 1 if close is not None else index
                if index < sentence.end and doc[index].text == ",":
                    index += 1
                if index < sentence.end and doc[index].lower_ in ("and", "&"):
                    index += 1
                if index < sentence.end and not self.is_title_word(doc[index]):
                    break

    def _dated_or_credited(self, doc: Doc) -> Iterator[Candidate]:
        """Reference style: "Harbour of Stars (1984)", "Glass Recital by Ann Lowe"."""
        for token in doc:
            if year_in_brackets(doc, token.i):
                if _cites_pages(doc, token.i + 3):
                    continue  # "Hartmann ( 1998 ) , p.22": an author and year cited, not a work
                rule = "cue:dated"
            elif token.lower_ == "by" and token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "B" \
                    and doc[token.i + 1].ent_type_ == "PERSON":
                rule = "cue:credited"
            else:
                continue
            span = self.run_left(doc, token.i)
            if span is None or self._is_named_other(span) or self._is_org(span):
                continue
            if self._is_person_name(span) or (rule == "cue:credited" and self._has_person(span)):
                continue
            if span[0].ent_type_ in ("GPE", "NORP", "LOC", "FAC", "EVENT", "DATE"):
                continue  # "Paris (1920)", "the Olympics (1996)": a place or an event with its year
            yield Candidate(span.start_char, span.end_char, "cue", None, rule)

    def _in_brackets_after_name(self, doc: Doc) -> Iterator[Candidate]:
        """Award lists: "Tom Ellery (Salt Roads), Ana Lind (Blue Harbour)"."""
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
                continue
            span = self.run_right(doc, ent.end + 1)
            if span is None or span.end >= len(doc) or doc[span.end].text != ")":
                continue
            if self._is_named_other(span) or self._is_org(span) or self._is_person_name(span):
                continue
            if any(t.ent_type_ in ("GPE", "NORP", "LOC", "ORG", "PERSON") for t in span):
                continue
            yield Candidate(span.start_char, span.end_char, "cue", None, "cue:bracketed_after_name")

    def _listed_with(self, doc: Doc, title: Candidate) -> Iterator[Candidate]:
        """Titles listed beside a known one: "The Long Road, Paper Moon and Driftwood"."""
        span = doc.char_span(title.start, title.end, alignment_mode="expand")
        if span is None:
            return
        after = span.end
        if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")" and doc[after + 1].like_num:
            after += 3  # "Letters from Lisbon (1938), The Road to Marston (1937) and ..."
        if after < len(doc) and doc[after].text in (",", "and", "&", "("):
            bracket = doc[after].text == "("
            start = after + 1
            if not bracket and start < len(doc) and doc[start].lower_ in ("and", "&"):
                start += 1
            found = self.run_right(doc, start, in_list=True)
            closes = found is not None and (found.end >= len(doc) or doc[found.end].text in (",", "and", "&", ".", ";"))
            if found is not None and doc[after].text == "," and not closes:
                found = None  # "With Meridian, Lowe now becomes": no list goes on like that
            if found is not None and (not bracket or (found.end < len(doc) and doc[found.end].text == ")")):
                yield Candidate(found.start_char, found.end_char, "cue", title.work_type, "cue:list")
        before = span.start - 1
        middle_item = after < len(doc) and doc[after].text in (",", "and", "&")
        if before > 0 and (doc[before].lower_ in ("and", "&") or (doc[before].text == "," and middle_item)):
            end = before
            if doc[before].lower_ in ("and", "&") and doc[before - 1].text == ",":
                end = before - 1
            found = self.run_left(doc, end, in_list=True)
            if found is not None:
                yield Candidate(found.start_char, found.end_char, "cue", title.work_type, "cue:list")

    def _expand_lists(self, doc: Doc, article: Article, chosen: list[Candidate]) -> list[Candidate]:
        frontier = [c for c in chosen if c.rule != "model"]
        for _ in range(6):
            added = []
            for title in frontier:
                for item in self._listed_with(doc, title):
                    span = doc.char_span(item.start, item.end)
                    # The model calls unknown foreign titles places ("Zatoichi"): in a list of works they are works.
                    if span is None or normalize_key(span.text) in self.platforms or self._is_person_name(span):
                        continue
                    if after_possessive(doc, span.end) is not None:
                        continue  # "..., and Ann Lee ' s Paper Moon": the item is the owner of the next title
                    if any(c.start < item.end and item.start < c.end for c in chosen + added):
                        continue
                    if self.is_excluded(article.text[item.start:item.end], item.start, item.end, article):
                        continue
                    added.append(item)
            if not added:
                break
            chosen = chosen + added
            frontier = added
        return chosen

    @staticmethod
    def _after_owner(span: Span) -> Span:
        """The part of a span after a person's possessive ("The Salt Road" of "Ann Lee's The Salt Road"),
        else the span."""
        doc = span.doc
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.start != span.start:
                continue
            after = after_possessive(doc, ent.end - 1) or after_possessive(doc, ent.end)  # "Ann Lee '" or "Ann Lee"
            if after is not None and after < span.end:
                return doc[after:span.end]
        return span

    def _is_owner(self, span: Span) -> bool:
        """A platform, company or person that a following title belongs to."""
        if normalize_key(span.text) in self.platforms:
            return True
        return all(t.ent_type_ in ("ORG", "GPE", "NORP") for t in span)

    @staticmethod
    def _starts_person(span: Span) -> bool:
        return any(t.ent_iob_ == "B" and t.ent_type_ == "PERSON" for t in span)

    @staticmethod
    def _has_person(span: Span) -> bool:
        return any(t.ent_type_ == "PERSON" for t in span)

    @staticmethod
    def _without_credit(doc: Doc, candidate: Candidate) -> Candidate:
        """"The Salt Road by Ann Lee": a title that ran on into its credit ends before "by" when a
        person's name fills the rest ("Stand by Me" keeps its "by": no name follows)."""
        if candidate.rule == "quoted":
            return candidate
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            return candidate
        for token in span[1:-1]:
            if token.lower_ != "by":
                continue
            rest = doc[token.i + 1:span.end]
            people = [e for e in doc.ents if e.label_ == "PERSON" and e.start == rest.start]
            if people and people[0].end >= rest.end and token.i > span.start:
                last = doc[token.i - 1]
                return Candidate(candidate.start, last.idx + len(last.text), candidate.rule, candidate.work_type,
                                 candidate.detail)
        return candidate

    @staticmethod
    def _is_org(span: Span) -> bool:
        return all(t.ent_type_ in ("ORG", "FAC") for t in span)

    def _is_person_name(self, span: Span) -> bool:
        return any(ent.label_ == "PERSON" and ent.start == span.start and ent.end == span.end and len(span) > 1
                   for ent in span.doc.ents)

    def modelled(self, doc: Doc) -> Iterator[Candidate]:
        for ent in doc.ents:
            if ent.label_ != "WORK_OF_ART":
                continue
            span = self._trimmed(doc, ent.start, ent.end)
            if span is None or not self.is_title_word(span[0]) or not self.quote_looks_like_title(span.text):
                continue
            if "," in span.text or self._has_person(span):
                continue  # "The Weathervane, Margaret Ashdown": the model ran a title into its author
            yield Candidate(span.start_char, span.end_char, "model", None, "ner:WORK_OF_ART")

    def known(self, doc: Doc) -> Iterator[Candidate]:
        for _, start, end in self.gazetteer(doc):
            span = doc[start:end]
            if len(span) == 1 and self.starts_sentence(span[0]):
                continue  # "Imagine the scene": one capitalized word opening a sentence proves nothing
            if not _stands_apart(doc, span):
                continue
            yield Candidate(span.start_char, span.end_char, "gazetteer",
                            self.gazetteer_type.get(normalize_key(span.text)), "gazetteer")

    # -- the extractor -----------------------------------------------------------

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        text = article.text
        candidates = [*self.quoted(doc, article), *self.cued(doc), *self.known(doc)]
        if self.options.use_model:
            candidates.extend(self.modelled(doc))
        candidates = [self._without_credit(doc, c) for c in candidates
                      if not ELIDED_NAME.search(text[max(0, c.start - 4):c.start])]  # "O 'Brien" is a surname
        candidates = [c for c in candidates if not self.is_excluded(text[c.start:c.end], c.start, c.end, article)
                      and (c.rule == "quoted" or not _in_title_case_line(text, c.start, c.end))]
        chosen = self._resolve_overlaps(candidates)
        # Lists and repeated mentions feed each other: a title repeated in a list names its neighbours,
        # and a neighbour found so is repeated elsewhere.
        for _ in range(3):
            repeated = self._propagated(doc, text, chosen)
            grown = self._expand_lists(doc, article, chosen + repeated)
            settled = len(grown) == len(chosen) + len(repeated)
            chosen = grown
            if settled:
                break
        chosen = [c for c in chosen if c.rule != "propagated"]
        chosen += self._propagated(doc, text, chosen)

        # One title, one group: its type and canonical form come from all its mentions.
        types: dict[str, Counter] = {}
        forms: dict[str, Counter] = {}
        for c in chosen:
            key = normalize_key(text[c.start:c.end])
            forms.setdefault(key, Counter())[text[c.start:c.end]] += 1
            if c.work_type:
                types.setdefault(key, Counter())[c.work_type] += 1
        mentions = {(c.start, c.end): c for c in chosen}

        for (start, end), c in sorted(mentions.items()):
            key = normalize_key(text[start:end])
            canonical = self._canonical(forms.get(key) or Counter({text[start:end]: 1}))
            work_type = types[key].most_common(1)[0][0] if key in types else "other"
            confidence = CONFIDENCE[c.rule]
            if confidence < self.options.min_confidence:
                continue
            extractor = c.detail if c.detail.startswith(("ner:", "rule:")) else f"rule:{c.detail}"
            yield Mention("title", start, end,
                          {"title": canonical, "work_type": work_type, "entity": entity_id("title", canonical)},
                          confidence, extractor)

    def _propagated(self, doc: Doc, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Every other mention of a title already found, as a candidate of its own."""
        taken = [(c.start, c.end) for c in chosen]
        found: list[Candidate] = []
        for key in dict.fromkeys(normalize_key(text[c.start:c.end]) for c in chosen if c.rule != "propagated"):
            for start, end in self._occurrences(doc, text, key):
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    found.append(Candidate(start, end, "propagated", None, "rule:propagated"))
        return found

    @staticmethod
    def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
        ordered = sorted(candidates, key=lambda c: (-STRENGTH[c.rule], -(c.end - c.start), c.start))
        chosen: list[Candidate] = []
        for candidate in ordered:
            if not any(c.start < candidate.end and candidate.start < c.end for c in chosen):
                chosen.append(candidate)
            else:  # the same span from a weaker rule may still tell the work type
                for c in chosen:
                    if (c.start, c.end) == (candidate.start, candidate.end) and not c.work_type:
                        c.work_type = candidate.work_type
        return chosen

    def _occurrences(self, doc: Doc, text: str, key: str) -> Iterator[tuple[int, int]]:
        """Every other mention of a title, in any case; one word only where it starts with a capital or a digit."""
        words = key.split()
        body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
        single = len(words) == 1
        pattern = re.compile(rf"(?<![\w'’-]){body}(?![\w-])", re.IGNORECASE)
        for match in pattern.finditer(text):
            start, end = match.span()
            found = text[start:end]
            if single and not (found[0].isupper() or found[0].isdigit()):
                continue
            if not self._stands_alone(text, start, end, doc):
                continue
            yield start, end

    @staticmethod
    def _stands_alone(text: str, start: int, end: int, doc: Doc | None = None) -> bool:
        """Not part of a longer name: "Marlow" inside "Edgar Marlow" is no mention of the film Marlow."""
        before = re.search(r"([\w’'.-]+)[ \t]+$", text[max(0, start - 40):start])
        if before and doc is not None:
            token = doc.char_span(start - len(before.group(0)), start - len(before.group(0)) + len(before.group(1)))
            if token is not None and len(token) == 1 and token[0].pos_ in ("VERB", "ADV", "ADP", "SCONJ", "AUX"):
                before = None  # "Joining Vera Drake and ...": a verb opens the sentence
        after = re.match(r"[ \t]+([\w’'-]+)", text[end:end + 40])
        if after and after.group(1)[0].isdigit():
            return False
        if before and before.group(1)[0].isupper() and not before.group(1).endswith(".") \
                and before.group(1).lower() not in STOP_WORDS:
            return False
        if after and after.group(1)[0].isupper() and after.group(1).lower() not in STOP_WORDS | {
                "season", "series", "part", "episode", "vol", "volume"}:
            return False
        return True

    @staticmethod
    def _canonical(forms: Counter) -> str:
        """The form written most often; on a tie, the one with more capitals (title case)."""
        return max(forms.items(), key=lambda item: (item[1], sum(ch.isupper() for ch in item[0])))[0]
