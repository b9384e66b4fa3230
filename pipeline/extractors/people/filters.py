"""What a candidate is not: a title, a band, a place, a product, an award, a style, a score, a work in a list.

`is_person_like` is the one gate every candidate passes; the checks run cheapest first and each names the
case it stops.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..casing import in_caps_line
from ..spans import POSSESSIVE_OR_APOSTROPHE, after_possessive, doc_index, text_of, year_in_brackets
from .document import MODEL_SOURCES, Candidate, DocEvidence, Titles, overlaps_a_title
from .evidence import sentence_shows_a_person
from .rules import PeopleRules


def is_person_like(rules: PeopleRules, doc: Doc, candidate: Candidate, evidence: DocEvidence) -> bool:
    """The candidate may name a person: neither its words nor the words around it say otherwise."""
    span = doc[candidate.start:candidate.end]
    return (not _named_something_else(rules, candidate, span, evidence)
            and not _shaped_like_no_name(rules, doc, candidate, span, evidence)
            and not _in_company_of_no_people(rules, doc, candidate, span, evidence))


def _named_something_else(rules: PeopleRules, candidate: Candidate, span: Span, evidence: DocEvidence) -> bool:
    """The words are a title, a listed band, place or company, or a name the text shows is no person."""
    lower = span.text.lower()
    if overlaps_a_title(span.start_char, span.end_char, evidence.titles):
        return True
    if lower in evidence.title_texts:
        return True  # "Tiger King" in "Tiger King 2": the work again, not a person
    if lower in rules.non_persons or f"the {lower}" in rules.non_persons:
        return True
    if candidate.source == "trained":
        return lower in evidence.groups  # the base model's other labels are what the trained NER overrules
    return lower in evidence.not_people and candidate.source in ("ner", "propagated")


def _shaped_like_no_name(rules: PeopleRules, doc: Doc, candidate: Candidate, span: Span,
                         evidence: DocEvidence) -> bool:
    """The span or its next word shows a group, an award, a style, a place, a score or no name at all."""
    text = span.text
    lowers = doc_index(doc).lowers[span.start:span.end]
    if lowers[-1] in rules.group_endings:
        return True  # "Hive Labels", "Hanteo Chart"
    if any(lower in rules.never_in_names for lower in lowers):
        return True  # "Tony Award", "Eurovision Song Contest"
    if (candidate.end < len(doc) and doc[candidate.end].is_lower
            and doc[candidate.end].lower_ in rules.genre_heads and candidate.source != "byline"):
        return True  # "Soul music", "Euro disco": a style, not a person
    if len(span) == 1 and rules.place_endings and text.lower().endswith(rules.place_endings):
        return True
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ != "PROPN" and candidate.source == "ner":
        return True  # "Granted, ...": a sentence-opening word, not a name
    if any(ch.isdigit() for ch in text) or not any(ch.isupper() for ch in text):
        return True
    if "\n" in text or any(t.is_punct and t.text not in ("-", ".", "'", "’", "‐") for t in span):
        return True
    if candidate.start > 0 and doc[candidate.start - 1].lower_ == "the" and candidate.source != "byline":
        return True  # "the Sugababes": a group, or part of a bigger name
    if candidate.end < len(doc) and doc[candidate.end].lower_ in rules.name_suffixes:
        return True  # "the Peter Sellers Award"
    if candidate.source == "initials":
        if any(label in ("GPE", "LOC", "FAC") and start <= candidate.start < end
               for start, end, label in doc_index(doc).entity_bounds):
            return True
    if (candidate.source == "ner" and len(span) == 1 and candidate.end < len(doc) and doc[candidate.end].like_num
            and not doc[candidate.end].whitespace_ == ""):
        if span[0].lower_ not in {surname.lower() for surname in evidence.surnames_of_full_names}:
            return True  # "Leicestershire 296": a team's score, unless the article names a person so
    # All-caps headlines: the model's names there are kept only where the body confirms them (propagation).
    return candidate.source in MODEL_SOURCES and in_caps_line(text_of(doc), span.start_char, span.end_char)


def _in_company_of_no_people(rules: PeopleRules, doc: Doc, candidate: Candidate, span: Span,
                             evidence: DocEvidence) -> bool:
    """The span is an item of a list of bands or works, fronts a band, or reads as everyday words in a
    sentence that shows no person."""
    if candidate.source in (*MODEL_SOURCES, "list") and (fronts_a_band(doc, span) or dated_list_item(doc, span)):
        return True  # "Ann Lee and the Lanterns"; "Paper Moon ( 1998 ) , Golden Hour ( 2001 )"
    if candidate.source == "ner" and not rules.lexicon.is_given_name(span[0].text) \
            and listed_beside_a_title(doc, span, evidence):
        return True  # "Quiet Harbour ( 2019 ) , Paper Moon and Stray Dogs": one list, all works
    if candidate.source in (*MODEL_SOURCES, "list") and not rules.shaped_like_a_full_name(span) \
            and listed_with_groups(rules, doc, span, evidence):
        return True  # "Metallica, Vortex Saints and Grey Anvil": the company a name keeps in a list
    return (candidate.source in (*MODEL_SOURCES, "list") and made_of_everyday_words(rules, span, evidence)
            and not sentence_shows_a_person(rules, doc, span))  # "Iron Harvest": a band, a work or a venue


def overlaps_title(doc: Doc, start: int, end: int, titles: Titles) -> bool:
    """A list with a title in it ("Tin Roof Blues, Quiet Harbour and ...") is a list of works, not of people."""
    span = doc[start:end]
    return overlaps_a_title(span.start_char, span.end_char, titles)


def is_other_entity(rules: PeopleRules, doc: Doc, start: int, end: int) -> bool:
    """A listed band, company or place, or a span the model tags as a place or nationality."""
    text = doc[start:end].text.lower()
    if text in rules.non_persons:
        return True
    return any(label in ("GPE", "NORP", "LOC") and e_start < end and start < e_end
               for e_start, e_end, label in doc_index(doc).entity_bounds)


def fronts_a_band(doc: Doc, span: Span) -> bool:
    """"Ann Lee and the Lanterns", "Ann Lee & The Night Owls": a band named after its front person (but in
    "Bo Kim, Ann Lee and the Lanterns" the list may just end with a band)."""
    index = span.end
    if span.start > 0 and doc[span.start - 1].text == ",":
        return False
    if index + 2 >= len(doc) or doc[index].lower_ not in ("and", "&") or doc[index + 1].lower_ != "the":
        return False
    end = index + 2
    while end < len(doc) and end - index - 2 < 3 and doc[end].is_title and doc[end].is_alpha:
        end += 1
    named = end > index + 2 and doc[end - 1].lower_.endswith("s") and not doc[end - 1].lower_.endswith("ss")
    return named and (end >= len(doc) or not doc[end].is_title)


def dated_list_item(doc: Doc, span: Span) -> bool:
    """"Paper Moon ( 1998 ) , Golden Hour ( 2001 ) and ...": a list item followed by a single year in
    brackets, in a sentence that dates another item the same way, is a work (people get life spans)."""
    if not year_in_brackets(doc, span.end):
        return False
    after = span.end + 3
    if after < len(doc) and doc[after].lower_ not in (",", "and", ";", "."):
        return False
    sentence_start, sentence_end = doc_index(doc).sentence_bounds(span.start)
    return any(year_in_brackets(doc, i) for i in range(sentence_start, sentence_end) if i != span.end)


def _list_around(doc: Doc, span: Span) -> list[list]:
    """The items (token lists) of the comma or "and" list of capitalized words around the span."""
    sentence_start, sentence_end = doc_index(doc).sentence_bounds(span.start)
    separators = (",", "and", "&")

    def inside_list(token) -> bool:
        return (token.is_title or token.is_upper or token.like_num or token.lower_ in separators
                or token.lower_ in POSSESSIVE_OR_APOSTROPHE or token.lower_ in ("the", "of", "-", "."))

    start = span.start
    while start > sentence_start and inside_list(doc[start - 1]):
        start -= 1
    end = span.end
    while end < sentence_end and inside_list(doc[end]):
        end += 1
    items, current = [], []
    for token in doc[start:end]:
        if token.lower_ in separators:
            if current:
                items.append(current)
            current = []
        else:
            current.append(token)
    if current:
        items.append(current)
    return items


def listed_with_groups(rules: PeopleRules, doc: Doc, span: Span, evidence: DocEvidence) -> bool:
    """The span is an item of a list of three or more capitalized items ("A, B, C and D") and another
    item is a known group: on the band list, shown to be a group in this text, "the X", or "X Band"."""
    items = _list_around(doc, span)
    if len(items) < 3:
        return False
    for item in items:
        if item[0].i <= span.start < item[-1].i + 1:
            continue
        text = " ".join(t.text for t in item).lower()
        bare = text[4:] if text.startswith("the ") else text
        if (text in rules.non_persons or bare in rules.non_persons or bare in evidence.groups
                or (item[0].lower_ == "the" and len(item) > 1) or item[-1].lower_ in rules.group_endings):
            return True
    return False


def listed_beside_a_title(doc: Doc, span: Span, evidence: DocEvidence) -> bool:
    """The item right before or after the span in a comma or "and" list is a title (a year in brackets
    may follow an item)."""
    if span.root.dep_ in ("nsubj", "nsubjpass") or (span.start > 0 and doc[span.start - 1].lower_ == "by") \
            or (span.end < len(doc) and after_possessive(doc, span.end) is not None):
        return False  # "..., Okafor wrote", "X by Okafor, Y by ...", "Okafor's Z": the maker, not an item
    index = span.start - 1
    if index >= 1 and doc[index].lower_ in (",", "and", "&"):
        before = index - 1
        if before >= 2 and year_in_brackets(doc, before - 2):
            before -= 3
        if before >= 0 and doc[before].idx + len(doc[before]) in evidence.title_ends:
            return True
    index = span.end
    if year_in_brackets(doc, index):
        index += 3
    if index + 1 < len(doc) and doc[index].lower_ in (",", "and", "&"):
        after = index + 1
        if doc[after].lower_ == "and" and after + 1 < len(doc):
            after += 1
        if doc[after].idx in evidence.title_starts:
            return True
    return False


def made_of_everyday_words(rules: PeopleRules, span: Span, evidence: DocEvidence) -> bool:
    """Every word an everyday English word and none a given name: "Iron Harvest", "Broken Lantern"."""
    if rules.options.common_word_zipf <= 0:
        return False
    words = [t.text for t in span if t.lower_ not in POSSESSIVE_OR_APOSTROPHE]
    if len(words) == 1 and words[0] in evidence.surnames_of_full_names:
        return False  # "Stone" after "Emma Stone": the surname of someone the article names in full
    return all(w.isalpha() for w in words) and rules.lexicon.reads_as_common_words(words)
