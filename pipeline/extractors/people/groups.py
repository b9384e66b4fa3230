"""Names the article itself shows are no people: bands and other groups, and names the model more often
tags as an organisation or a place. Every mention of such a name is dropped."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from spacy.tokens import Doc, Span

from ..spans import POSSESSIVE_MARKERS, POSSESSIVE_OR_APOSTROPHE, doc_index, text_of
from .document import MODEL_SOURCES, Candidate
from .organisations import shown_an_organisation
from .rules import PeopleRules

# Labels whose votes outweigh the model's PERSON for the same words ("Surrey").
OTHER_LABELS = ("ORG", "GPE", "LOC", "NORP", "FAC")
# The apostrophes that stand alone: a plural's possessive ("the Lanterns' drummer") or, before a spaced "s",
# a possessive in token-joined text ("Corin Vale ' s drummer").
_BARE_APOSTROPHES = sorted(POSSESSIVE_OR_APOSTROPHE - POSSESSIVE_MARKERS)
POSSESSIVE_PATTERN = "(?:" + "|".join([re.escape(m) for m in sorted(POSSESSIVE_MARKERS)]
                                      + [re.escape(a) + r"\s+s" for a in _BARE_APOSTROPHES]
                                      + [re.escape(a) for a in _BARE_APOSTROPHES]) + ")"


def spaced_words_pattern(name: str) -> str:
    """A regex for the name's words with any whitespace between them."""
    return r"\s+".join(re.escape(part) for part in name.split())


def names_shown_not_people(rules: PeopleRules, doc: Doc, candidates: list[Candidate]) -> tuple[set[str], set[str]]:
    """Names that the article itself shows are not people, and the part of them the text shows are groups.

    A group takes a plural verb ("Deep Purple have topped"), takes "the"
    ("the Sugababes"), or the model labels the same words as an
    organisation or place more often than as a person ("Surrey"). An
    organisation, team or product is shown by the words around any of its
    mentions (organisations.py: "shares in X", "the carrier X"), and so is
    its short form ("Marlowe" after "Marlowe Air").
    """
    text = text_of(doc)
    cues = band_cues_in(rules, text)
    band_anywhere = _once_per_name(lambda span: shown_a_band_anywhere(rules, text, span.text, cues))
    person_starts = {c.start for c in candidates if c.end - c.start > 1}
    # Every mention's words count, whether the model tagged that mention PERSON or not.
    positions = _positions(doc)
    organisation_anywhere = _once_per_name(lambda span: any(shown_an_organisation(rules, doc, mention, person_starts)
                                                            for mention in _mentions(doc, span, positions)))
    lowers = doc_index(doc).lowers

    def shown_no_person(span: Span) -> bool:
        return (lowers[span.end - 1] in rules.group_endings or _shown_a_group_here(rules, doc, span)
                or band_anywhere(span) or organisation_anywhere(span))

    shown_spans = [span for span in (doc[c.start:c.end] for c in candidates if c.source in MODEL_SOURCES)
                   if shown_no_person(span)]
    shown = {span.text.lower() for span in shown_spans}
    shown |= _short_forms(rules, doc, candidates, shown_spans)
    return _outvoted(doc, candidates) | shown, shown


def _once_per_name(test: Callable[[Span], bool]) -> Callable[[Span], bool]:
    """The test, answered once per name (its words) however many mentions ask: the tests read the whole text."""
    answers: dict[str, bool] = {}

    def asked(span: Span) -> bool:
        name = span.text
        if name not in answers:
            answers[name] = test(span)
        return answers[name]
    return asked


def _positions(doc: Doc) -> Callable[[str], list[int]]:
    """Where a word stands in the doc, in order, found once per word asked: a few names ask, and an index of
    every word cost more than their scans."""
    index = doc_index(doc)
    found: dict[str, list[int]] = {}

    def positions(word: str) -> list[int]:
        if word not in found:
            found[word] = index.positions(word)
        return found[word]
    return positions


def _mentions(doc: Doc, span: Span, positions: Callable[[str], list[int]]) -> list[Span]:
    """Every occurrence of the span's words in the document, the span itself included."""
    texts = doc_index(doc).texts
    words = texts[span.start:span.end]
    return [doc[i:i + len(words)] for i in positions(words[0]) if i + len(words) <= len(doc)
            and texts[i:i + len(words)] == words]


def _short_forms(rules: PeopleRules, doc: Doc, candidates: list[Candidate], shown: list[Span]) -> set[str]:
    """"Marlowe" after "Marlowe Air", "Fenwick" after "Fenwick Town": the first word of a multi-word name shown
    to be no person, or of a company or club the model tags an organisation, names the same organisation,
    unless it is also part of a name that is not shown so ("Christopher Marlowe")."""
    shown_texts = {span.text.lower() for span in shown}
    # Words of the other longer names; the lone mentions of the short form itself do not count.
    other_words = {t.lower_ for c in candidates if c.end - c.start > 1
                   and doc[c.start:c.end].text.lower() not in shown_texts for t in doc[c.start:c.end]}
    companies = [ent for ent in doc_index(doc).ents
                 if ent.label_ in ("ORG", "GPE") and ent[-1].lower_ in rules.group_endings]
    return {span[0].lower_ for span in shown + companies
            if len(span) > 1 and span[0].is_title and span[0].is_alpha and not span[0].is_stop
            and span[0].lower_ not in other_words}


def _outvoted(doc: Doc, candidates: list[Candidate]) -> set[str]:
    """Names the model tags as an organisation or a place more often than as a person, unless they are the last
    words of a longer candidate ("Kim" of "Bo Kim")."""
    votes: dict[str, list[int]] = {}
    index = doc_index(doc)
    for start, end, label in index.entity_bounds:
        if label == "PERSON":
            votes.setdefault(index.span_text(start, end).lower(), [0, 0])[0] += 1
        elif label in OTHER_LABELS:
            votes.setdefault(index.span_text(start, end).lower(), [0, 0])[1] += 1
    name_parts = {part.lower() for c in candidates if c.end - c.start > 1
                  for part in (index.texts[c.end - 1], index.span_text(c.start + 1, c.end))}
    return {key for key, (person, other) in votes.items() if other > person and key not in name_parts}


def _shown_a_group_here(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """The words around one mention show a group: a plural verb, "the", a group noun before it, a member noun
    after it ("X guitarist Y"), "the poems of X" after a person, or a list announced as groups. (Band
    evidence anywhere in the text is the caller's, once per name.)"""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    plural_verb = (after is not None and after.lower_ in ("have", "are", "were")
                   and (before is None or before.lower_ not in ("and", "&", ","))
                   and span.root.dep_ in ("nsubj", "nsubjpass", "ROOT"))  # not "the poems of X were"
    after_group_noun = before is not None and before.lower_ in rules.group_nouns
    heads_the = (before is not None and before.lower_ == "the"
                 and (after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PART")))
    member_after = (after is not None and after.lower_ in rules.member_nouns and span.end + 1 < len(doc)
                    and doc[span.end + 1].is_title)
    of_someone = (before is not None and before.lower_ == "of" and span.start >= 2
                  and doc[span.start - 2].ent_type_ == "PERSON" and doc[span.start - 2].is_title)
    return (plural_verb or heads_the or after_group_noun or member_after or of_someone
            or (listed_as_groups(rules, doc, span) and not rules.shaped_like_a_full_name(span)))


def shown_a_band_anywhere(rules: PeopleRules, text: str, name: str, cues: Sequence[bool] | None = None) -> bool:
    """Band evidence anywhere in the text: "members of X" (not "members of X's party"), "the drummer of X",
    "X's line-up", "X ' s guitarist", "X was formed in 1985", "X disbanded", "X ( band )".

    `cues` (band_cues_in, once per text) says which of the patterns' words around the name occur at all:
    a pattern whose words are nowhere in the text is not built for the name (most texts have none)."""
    if len(name) < 2:
        return False
    key = spaced_words_pattern(name)
    members = rules.member_alternation
    patterns = (
        rf"\b(?i:{members})\s+(?:of|for|in)\s+(?:the\s+)?{key}(?![\w-])(?!\s*{POSSESSIVE_PATTERN})",
        rf"(?<![\w-]){key}\s*{POSSESSIVE_PATTERN}\s+(?:\w+\s+){{0,2}}?(?:line-?up|(?:{members}))\b",
        rf"(?<![\w-]){key}\s+(?:was|were)\s+(?:originally\s+|first\s+)?formed\b",
        rf"(?<![\w-]){key}\s+(?:formed|disbanded|broke\s+up)\s+in\b",
        rf"(?<![\w-]){key}\s+\(\s*band\s*\)",
    )
    cues = band_cues_in(rules, text) if cues is None else cues
    if not name.split():
        return any(present and re.search(pattern, text) for present, pattern in zip(cues, patterns))
    # The same tests, cheapest first (none has an effect): the name's mentions, the text's cue, the pattern.
    possible = _mentions_may_match(text, name, members)
    return any(may and cues[number] and re.search(patterns[number], text) for number, may in enumerate(possible))


def _mentions_may_match(text: str, name: str, members: str) -> tuple[bool, ...]:
    """For each pattern of shown_a_band_anywhere, whether some mention of the name has what a match needs
    beside it: "of", "for" or "in" (and maybe "the") before its first word, or the pattern's words after its
    last word. A pattern no mention can match is not built for the name: most names have none."""
    words = name.split()
    starts = _occurrences(text, words[0])
    ends = [start + len(words[-1]) for start in _occurrences(text, words[-1])]
    before_it = any(_after_a_preposition(text, start) for start in starts)
    return before_it, *(any(after.match(text, end) for end in ends) for after in _band_suffixes(members))


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _after_a_preposition(text: str, index: int) -> bool:
    """"of", "for" or "in", then whitespace (and "the", then whitespace) end right before `index`."""
    before = _before_spaces(text, index)
    if before == index:
        return False
    if text.endswith("the", 0, before):
        article = _before_spaces(text, before - 3)
        if article < before - 3 and text.endswith(("of", "for", "in"), 0, article):
            return True
    return text.endswith(("of", "for", "in"), 0, before)


def _before_spaces(text: str, index: int) -> int:
    """Where the run of whitespace ending at `index` starts."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


def band_cues_in(rules: PeopleRules, text: str) -> Sequence[bool]:
    """For each pattern of shown_a_band_anywhere, whether its words beside the name occur in the text: a
    pattern cannot match where its part before or after the name matches nowhere. Each is searched for
    when first asked: most names need none."""
    return _TextCues(text, _band_cues(rules.member_alternation))


class _TextCues(Sequence[bool]):
    """Whether each cue occurs in the text, searched once, when first asked."""

    def __init__(self, text: str, cues: tuple[re.Pattern, ...]):
        self.text, self.cues = text, cues
        self.found: list[bool | None] = [None] * len(cues)

    def __len__(self) -> int:
        return len(self.cues)

    def __getitem__(self, number):
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(len(self)))]
        if self.found[number] is None:
            self.found[number] = self.cues[number].search(self.text) is not None
        return self.found[number]


# What follows a band's name in shown_a_band_anywhere's patterns, besides its possessive line-up.
_AFTER_A_BAND = (r"\s+(?:was|were)\s+(?:originally\s+|first\s+)?formed\b",
                 r"\s+(?:formed|disbanded|broke\s+up)\s+in\b",
                 r"\s+\(\s*band\s*\)")


@lru_cache(maxsize=4)
def _band_cues(members: str) -> tuple[re.Pattern, ...]:
    """The parts of shown_a_band_anywhere's patterns before or after the name, compiled once."""
    return (
        re.compile(rf"\b(?i:{members})\s+(?:of|for|in)\s+"),
        re.compile(rf"{POSSESSIVE_PATTERN}\s+(?:\w+\s+){{0,2}}?(?:line-?up|(?:{members}))\b"),
        *map(re.compile, _AFTER_A_BAND),
    )


@lru_cache(maxsize=4)
def _band_suffixes(members: str) -> tuple[re.Pattern, ...]:
    """What follows the name in the patterns of shown_a_band_anywhere that open with it, compiled once."""
    return (
        re.compile(rf"\s*{POSSESSIVE_PATTERN}\s+(?:\w+\s+){{0,2}}?(?:line-?up|(?:{members}))\b"),
        *map(re.compile, _AFTER_A_BAND),
    )


def listed_as_groups(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """"Bands like Flogging Molly, Black 47, Dropkick Murphys": every item of such a list is a group."""
    index = span.start - 1
    sentence_start = doc_index(doc).sentence_bounds(span.start)[0]
    while index >= sentence_start and span.start - index <= 25:
        token = doc[index]
        if token.lower_ in ("like", "including", "as") and index > sentence_start:
            head = doc[index - 1] if token.lower_ != "as" else doc[index - 2] if index - 2 >= sentence_start else None
            if token.lower_ == "as" and doc[index - 1].lower_ != "such":
                return False
            return head is not None and head.lower_ in rules.group_nouns_plural
        if not (token.is_title or token.text in (",", "&", "-") or token.lower_ in ("and", "the", "of")
                or token.like_num):
            return False
        index -= 1
    return False
