"""`said`: who said what. A quoted segment is attributed by the speech verb beside it (`"...," X said`,
`X said: "..."`, `"...," said a Netflix spokesman`), a pronoun speaker is the person last named before it,
and a segment that follows an attributed one with nothing but the attribution between has the same speaker.
Reported speech without quotation marks counts too: "X said (that) CLAUSE", "according to X, CLAUSE"."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..spans import text_of
from .index import ORGANISATION_NOUNS, ORGANIZATION, PERSON, Entity, EntityIndex

OPENING, CLOSING = "\u201c\"", "\u201d\""
PRONOUNS = {"he", "she"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "statement", "spokesmen"}
# Attribution looked for this many tokens before an opening or after a closing quotation mark.
REACH = 14
# A reported clause this short is no statement ("he said so").
FEWEST_WORDS = 4
@dataclass(frozen=True)
class Said:
    speaker: str
    words: str
    start: int  # the evidence: the quotation and its attribution, in article characters
    end: int
    rule: str


def quotations(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the words inside each pair of double quotation marks, curly or straight."""
    for match in re.finditer(r"[\u201c\"]([^\u201c\u201d\"\n]{1,3000})[\u201d\"]", text):
        yield match.start(1), match.end(1)


def said_relations(doc: Doc, index: EntityIndex, verbs: frozenset[str]) -> Iterator[Said]:
    used: set[int] = set()  # speech verbs that attributed a quotation: not read again as reported speech
    previous: Said | None = None
    for start, end in quotations(text_of(doc)):
        words = text_of(doc)[start:end].strip().rstrip(",").strip()
        if not words or _is_title(index, start, end):
            continue
        found = _attribution(doc, index, verbs, start, end, used)
        if found is None and previous is not None and _follows(text_of(doc), previous.end, start):
            found = previous.speaker, "continued_quote", previous.start
        if found is None:
            previous = None
            continue
        speaker, rule, evidence = found
        previous = Said(speaker, words, min(evidence, start - 1), max(end + 1, evidence), rule)
        yield previous
    yield from _reported(doc, index, verbs, used)


def _is_title(index: EntityIndex, start: int, end: int) -> bool:
    return any(e.mention.start <= start and end <= e.mention.end + 1 for e in index.of_kind("title"))


def _follows(text: str, previous_end: int, start: int) -> bool:
    """Only the attribution and a sentence or paragraph break lie between two quotations."""
    return start - previous_end < 160 and "\n\n" not in text[previous_end:start].strip("\n ")


def _attribution(doc: Doc, index: EntityIndex, verbs: frozenset[str], start: int, end: int, used: set[int]):
    """(speaker id, rule, evidence character) from a speech verb just after or just before the quotation."""
    after = doc.char_span(end, min(len(text_of(doc)), end + 1), alignment_mode="expand")
    before = doc.char_span(max(0, start - 1), start, alignment_mode="expand")
    # '"... a long road." Analysts said ...': a quotation that ends its sentence is not attributed by the
    # next one, unless that goes on in lower case ('"Why?" she asked').
    ended = text_of(doc)[start:end].rstrip()[-1:] in ".!?" and after is not None and after.end < len(doc) \
        and not doc[after.end].is_lower
    if after is not None and not ended:
        for token in doc[after.end:min(len(doc), after.end + REACH)]:
            if "\n" in token.text or (token.text in OPENING and token.i > after.end):
                break
            if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
                speaker = _speaker(doc, index, token, start)
                if speaker:
                    used.add(token.i)
                    return speaker, f"quote_then_{token.lemma_.lower()}", token.idx + len(token)
            if token.text in ".!?" and token.i > after.end + 1:
                break
    if before is not None:
        for token in reversed(doc[max(0, before.start - REACH):before.start]):
            if "\n" in token.text or token.text in CLOSING:
                break
            if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
                speaker = _speaker(doc, index, token, start)
                if speaker:
                    used.add(token.i)
                    return speaker, f"{token.lemma_.lower()}_then_quote", index.sent(token).start_char
            if _is_source_phrase(doc, token):
                speaker = _source_of(index, token)
                if speaker:
                    return speaker, "according_to", token.idx
    return None


def _speaker(doc: Doc, index: EntityIndex, verb: Token, quote_start: int) -> str | None:
    """The subject of a speech verb as an entity id: a person or organisation named there, a pronoun's
    person, or the organisation of an unnamed spokesperson."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "X lost four minutes and said ...": the first verb's subject
        subjects = [child for child in verb.head.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:  # '"...," said Jane Doe': the small model sometimes leaves the inverted subject loose
        subjects = [child for child in verb.rights if index.at(child, PERSON) is not None][:1]
    for subject in subjects:
        entity = index.at(subject, PERSON) or index.at(subject, ORGANIZATION)
        if entity is None:
            entity = next((index.at(child, PERSON) for child in subject.children
                           if child.dep_ == "appos" and index.at(child, PERSON)), None)
        if entity is not None:
            return entity.id
        if subject.lower_ in PRONOUNS:
            return _antecedent(index, min(subject.i, _token_at(doc, quote_start)), PERSON)
        if subject.lower_ == "it" or (subject.lemma_.lower() in ORGANISATION_NOUNS
                                      and any(c.lower_ in ("the", "its") for c in subject.children)):
            return _antecedent(index, subject.i, ORGANIZATION)
        if subject.lemma_.lower() in REPORTS and any(c.lower_ == "the" for c in subject.children):
            return _report_source(doc, index, subject.i)  # "the report added": the report named before
        if subject.pos_ == "NOUN":  # "a Netflix spokesman", "analysts at ScreenCount"
            return _spokesperson_organisation(index, subject)
    return None


def _antecedent(index: EntityIndex, position: int, kind: str) -> str | None:
    """The entity a pronoun or 'the company' refers to: the last one named before it that was the subject
    of its clause, else the last one named (within a few sentences)."""
    earlier = [e for e in index.entities if e.kind == kind and e.span.end <= position and position - e.span.end < 120]
    subjects = [e for e in earlier if e.span.root.dep_ in ("nsubj", "nsubjpass")]
    chosen = (subjects or earlier)[-1:] 
    return chosen[0].id if chosen else None


REPORTS = {"report", "study", "survey", "statement", "analysis", "filing", "research"}


def _source_of(index: EntityIndex, phrase: Token) -> str | None:
    """The person or organisation a source phrase names: 'according to X', 'as per a report on X'."""
    for token in phrase.subtree:
        entity = index.at(token, PERSON) or index.at(token, ORGANIZATION)
        if entity is not None:
            return entity.id
    return None


def _report_source(doc: Doc, index: EntityIndex, position: int) -> str | None:
    """'..., the report added': the source of the last report the article named ("a report on Deadline")."""
    for token in reversed(doc[max(0, position - 200):position]):
        if token.lemma_.lower() in REPORTS:
            source = _source_of(index, token)
            if source:
                return source
    return None


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, min(len(text_of(doc)), char + 1), alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _spokesperson_organisation(index: EntityIndex, noun: Token) -> str | None:
    """'a Netflix spokesman', "Netflix's spokeswoman", 'a spokesperson for Netflix', 'analysts at ScreenCount':
    unnamed people speaking for a named organisation."""
    for child in noun.children:
        organisation = index.at(child, ORGANIZATION)
        if child.dep_ in ("compound", "poss", "nmod") and organisation is not None:
            return organisation.id
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            for grandchild in child.children:
                organisation = index.at(grandchild, ORGANIZATION)
                if organisation is not None:
                    return organisation.id
    return None


def _reported(doc: Doc, index: EntityIndex, verbs: frozenset[str], used: set[int]) -> Iterator[Said]:
    """'X said (that) CLAUSE' and 'according to X, CLAUSE', by speech verbs no quotation took."""
    for sentence, positions in _speech_words_by_sentence(doc, index, verbs):
        for position in positions:
            token = doc[position]
            if token.lemma_.lower() in verbs and token.pos_ == "VERB" and token.i not in used:
                words = _statement(doc, sentence, token)
                speaker = _speaker(doc, index, token, sentence.start_char) if words else None
                if speaker:
                    if len(words.split()) >= FEWEST_WORDS and "\n" not in words:
                        yield Said(speaker, words, sentence.start_char, sentence.end_char, "reported_speech")
                    break
            if _is_source_phrase(doc, token):
                speaker = _source_of(index, token)
                if speaker:
                    words = _outside(doc, sentence, token)
                    if len(words.split()) >= FEWEST_WORDS and "\n" not in words:
                        yield Said(speaker, words, sentence.start_char, sentence.end_char, "according_to")
                    break


def _speech_words_by_sentence(doc: Doc, index: EntityIndex, verbs: frozenset[str]) -> list[tuple[Span, list[int]]]:
    """The sentences that hold a word `_reported` acts on (a speech verb's lemma, "according", "per"),
    each with those words' positions in text order. Read from the token arrays, because walking every
    token of every sentence as a spaCy Token cost more than the rules that read the few that matter."""
    if not len(doc):
        return []
    lemmas, lowers = doc.to_array(LEMMA).tolist(), doc.to_array(LOWER).tolist()
    seen, speech_lemmas = _speech_lemmas(verbs)
    strings = doc.vocab.strings
    in_doc = set(lemmas)
    new = in_doc.difference(seen)
    if len(seen) + len(new) > _LEMMAS_REMEMBERED:
        seen.clear()
        speech_lemmas.clear()
        new = in_doc
    seen.update(new)
    speech_lemmas.update(lemma for lemma in new if strings[lemma].lower() in verbs)
    speech = in_doc & speech_lemmas
    positions = sorted({*_positions(lemmas, speech), *_positions(lowers, {strings["according"], strings["per"]})})
    by_sentence: dict[int, list[int]] = {}
    for position in positions:
        by_sentence.setdefault(index.sentence_number(position), []).append(position)
    return [(index.sentences[number], positions) for number, positions in by_sentence.items()]


def _positions(values: list[int], wanted: set[int]) -> list[int]:
    """Where any of `wanted` stands in `values` (list.index scans in C; a Python loop over every token did not)."""
    found = []
    for value in wanted:
        position = -1
        while True:
            try:
                position = values.index(value, position + 1)
            except ValueError:
                break
            found.append(position)
    return found


_LEMMAS_REMEMBERED = 200_000  # bounded, so a long run's memory does not grow with it


@functools.lru_cache(maxsize=8)
def _speech_lemmas(verbs: frozenset[str]) -> tuple[set[int], set[int]]:
    """Per list of speech verbs, the lemmas (by hash) already looked at and those of them that are speech
    verbs: lemmas recur across articles, so each is looked up once."""
    return set(), set()


def _statement(doc: Doc, sentence: Span, verb: Token) -> str:
    """What a speech verb reports: its clause ("X said (that) CLAUSE", "X told Y that CLAUSE"), or the
    sentence before it when it is an aside ("CLAUSE, analysts at Y said")."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _clause_text(doc, child)
        if child.dep_ in ("dobj", "dative"):  # the small model hangs "that ..." off the person told
            for grandchild in child.children:
                if grandchild.dep_ == "ccomp":
                    return _clause_text(doc, grandchild)
    if verb.dep_ == "parataxis":
        first = min(token.i for token in verb.subtree)
        if first > sentence.start:
            return text_of(doc)[sentence.start_char:doc[first].idx].strip(" ,.\n")
    return ""


def _is_source_phrase(doc: Doc, token: Token) -> bool:
    """'according to X', 'as per a report on X'."""
    following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return (token.lower_ == "according" and following == "to") or (
        token.lower_ == "per" and token.i > 0 and doc[token.i - 1].lower_ == "as")


def _clause_text(doc: Doc, clause: Token) -> str:
    tokens = list(clause.subtree)
    if tokens and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        tokens = tokens[1:]
    if not tokens:
        return ""
    return text_of(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])].strip(" ,.")


def _outside(doc: Doc, sentence: Span, according: Token) -> str:
    """The sentence without its 'according to X' (or 'as per X') phrase: what X is reported to have said."""
    phrase = list(according.subtree)
    first = doc[phrase[0].i - 1] if according.lower_ == "per" and phrase[0].i > 0 else phrase[0]  # "as per"
    start, end = first.idx, phrase[-1].idx + len(phrase[-1])
    # A heading line the model ran into the sentence is not part of what was said.
    before = text_of(doc)[sentence.start_char:start].rsplit("\n", 1)[-1].strip(" ,.")
    after = text_of(doc)[end:sentence.end_char].split("\n", 1)[0].strip(" ,.")
    joined = f"{before} {after}".strip()
    return joined if joined in text_of(doc) else max(before, after, key=len)
