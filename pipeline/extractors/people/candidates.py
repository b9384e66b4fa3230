"""Where a person can start: the model's PERSON, initials, bylines, results tables, a name after a job title
or a role cue, and the owner of a title. Each rule yields raw candidates; `names.cleaned` trims them."""
from __future__ import annotations

import re
from typing import Iterable

from spacy.tokens import Doc

from ...article import Article
from ..casing import in_title_case_line
from ..spans import POSSESSIVE_MARKERS, after_possessive, doc_index, text_of
from .document import Candidate, Titles
from .rules import PeopleRules

BYLINE = re.compile(r"(?im)^[ \t]*(?:written|reported|posted|words|story|text)?[ \t]*by[ \t]*:?[ \t]*\n?[ \t]*"
                    r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})[ \t]*$")
BYLINE_WINDOW = 3000  # bylines sit in the header; deeper "By X" lines are text


def all_candidates(rules: PeopleRules, doc: Doc, article: Article, titles: Titles) -> list[Candidate]:
    """Every raw candidate, in the order the rules run: the model's, initials, bylines, tables, cues, owners."""
    vetoed = trained_non_persons(rules, doc) if rules.options.trained_ner_veto else set()
    candidates = [Candidate(start, end, "ner") for start, end, label in doc_index(doc).entity_bounds
                  if label == "PERSON" and (start, end) not in vetoed]
    if rules.options.trained_ner_people:
        candidates.extend(trained_people(rules, doc))
    candidates.extend(Candidate(start, end, "initials") for _, start, end in rules.initials(doc))
    candidates.extend(byline_candidates(rules, doc, article))
    candidates.extend(table_rows(rules, doc))
    candidates.extend(names_after_titles_and_cues(rules, doc))
    candidates.extend(owners_of_titles(rules, doc, titles))
    return candidates


# What the trained NER (models/news_ner) reads where the base model sees a PERSON, if not a person.
NOT_PERSON_LABELS = frozenset({"ORG", "LOC", "PRODUCT", "WORK"})
# Base-model labels that outweigh the trained NER's PERSON for a name that opens with no given name.
NOT_A_TRAINED_PERSON = frozenset({"GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})


def trained_non_persons(rules: PeopleRules, doc: Doc) -> set[tuple[int, int]]:
    """Token bounds of the trained NER's organisations, places, products and works, except names shaped like a
    person's: a given name then a surname ("Octavia Hill", which the trained NER reads as a place)."""
    return {(span.start, span.end) for span in doc_index(doc).trained_spans if span.label_ in NOT_PERSON_LABELS
            and not (len(span) > 1 and rules.lexicon.is_given_name(span[0].text)
                     and rules.lexicon.is_surname(span[-1].text))}


def trained_people(rules: PeopleRules, doc: Doc) -> Iterable[Candidate]:
    """The trained NER's full names that the base model missed or took for an organisation: two or more words,
    none of them in a base PERSON, opening with a given name ("chief executive Marcus Feld"), or with a word
    that is no everyday word where the base model saw no place, nationality or building ("Femi Lawal")."""
    entities = doc_index(doc).entity_bounds
    base_people = {i for start, end, label in entities if label == "PERSON" for i in range(start, end)}
    base_places = {i for start, end, label in entities if label in NOT_A_TRAINED_PERSON for i in range(start, end)}
    for span in doc_index(doc).trained_spans:
        if span.label_ != "PERSON" or len(span) < 2 or any(i in base_people for i in range(span.start, span.end)):
            continue
        first = span[0].text
        if rules.lexicon.is_given_name(first) or (
                span[0].is_alpha and span[0].is_title and not rules.lexicon.is_common_word(first)
                and not any(i in base_places for i in range(span.start, span.end))):
            yield Candidate(span.start, span.end, "trained")


def byline_spans(article: Article) -> list[tuple[int, int]]:
    """Character spans of the bylines: given by ingest, else "By X" lines in the header."""
    if article.byline_spans:
        return list(article.byline_spans)
    return [m.span(1) for m in BYLINE.finditer(article.text[:BYLINE_WINDOW])]


def byline_candidates(rules: PeopleRules, doc: Doc, article: Article) -> Iterable[Candidate]:
    """The capitalized words of each byline, a hyphenated last name kept whole."""
    for start, end in byline_spans(article):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        names = [t for t in span if t.is_alpha and t.is_title and t.lower_ not in rules.not_name_words]
        if names:
            first, last = names[0].i, names[-1].i + 1
            while last < len(doc) and doc[last].text == "-" and last + 1 < len(doc) and not doc[last - 1].whitespace_:
                last += 2
            yield Candidate(first, last, "byline")


def table_rows(rules: PeopleRules, doc: Doc) -> Iterable[Candidate]:
    """Results tables: "4. Vera Petrova ( Russia ) 1.95", "Ann Lee ( U.S. ) beat Bo Kim ( Czech )"."""
    for _, start, end in rules.table_row(doc):
        name_end = end - 1
        while name_end > start and doc[name_end].text != "(":
            name_end -= 1
        inside = doc[name_end + 1]
        if inside.ent_type_ not in ("GPE", "NORP", "LOC") and not re.fullmatch(r"[A-Z]\.[A-Z]\.?", inside.text):
            continue
        if any(t.ent_type_ in ("GPE", "NORP", "FAC", "LOC") for t in doc[start:name_end]):
            continue
        before = doc[start - 1] if start > 0 else None
        ranked = before is not None and before.text == "." and start > 1 and doc[start - 2].like_num
        if before is None or ranked or "\n" in before.text or before.like_num or before.text in ("-", ",", "=") \
                or before.lower_ in ("beat", "bt", "vs", "v", "vs.") \
                or "\n" in text_of(doc)[before.idx:doc[start].idx]:
            yield Candidate(start, name_end, "table")


def names_after_titles_and_cues(rules: PeopleRules, doc: Doc) -> Iterable[Candidate]:
    """Names the model missed where a job title or a role cue announces one:
    "Detective Sergeant Nell Garvey", "a 2019 novel by Ines Calder"; after a job title also one word that is
    no everyday word ("U2 frontman Bono", "Prime Minister Kengo")."""
    # The first word's test is title_at's own, made on the strings (`lower_` is the text lowercased): most words
    # start no title.
    starts = {index + size for index in doc_index(doc).where_lower_in(rules.title_prefixes)
              if (size := rules.title_at(doc, index, len(doc)))}
    cued = {end for _, start, end in rules.role_cues(doc)}
    for start in sorted(starts | cued):
        labels = ("", "PERSON", "ORG") if start in cued else ("", "PERSON")
        end = start
        while end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].is_alpha \
                and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in labels \
                and doc[end].lower_ not in rules.job_titles and doc[end].lower_ not in rules.not_name_words:
            end += 1
        one_word_name = (end - start == 1 and start not in cued and _one_word_after_a_job(rules, doc, start))
        if (end - start >= 2 or one_word_name) and not in_title_case_line(text_of(doc), doc[start].idx):
            yield Candidate(start, end, "cue")


def _one_word_after_a_job(rules: PeopleRules, doc: Doc, index: int) -> bool:
    """"U2 frontman Bono", "Prime Minister Kengo": one word that is no everyday word after a job title (not an
    honorific: "San Diego", "St Mirren", "Dr. Feelgood"), with no capitalized word or numeral after it ("Queen
    Elizabeth II")."""
    before, word = doc[index - 1].lower_, doc[index]
    after = doc[index + 1] if index + 1 < len(doc) else None
    return (before in rules.job_titles and before not in rules.honorifics
            and len(word) >= rules.options.min_surname_chars and not rules.lexicon.is_common_word(word.text)
            and (after is None or not (after.is_title or after.is_upper or after.like_num)))


def owners_of_titles(rules: PeopleRules, doc: Doc, titles: Titles) -> Iterable[Candidate]:
    """"Doja Cat's Planet Her": the name owning a title is its author or artist."""
    title_starts = {start for start, _, _ in titles}
    if not title_starts:
        return
    index = doc_index(doc)
    # Where a possessive may start (after_possessive's own first test, on the strings).
    for marker in sorted(index.where_lower_in(POSSESSIVE_MARKERS) + index.where_text_in(("'", "’"))):
        after = after_possessive(doc, marker)
        if after is None or after >= len(doc) or doc[after].idx not in title_starts:
            continue
        end = marker
        start = end
        while start > 0 and end - start < 3 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].ent_type_ in ("", "PERSON") and doc[start - 1].lower_ not in rules.not_name_words:
            start -= 1
        lone = (end - start == 1 and doc[start].is_alpha and len(doc[start]) >= rules.options.min_surname_chars
                and (start == 0 or not (doc[start - 1].is_title or doc[start - 1].lower_ == "the")))
        if end - start >= 2 or lone:  # "Nabokov ' s Lolita" in token-joined text, too
            yield Candidate(start, end, "cue")
