"""One name per organisation in a document, and its later mentions that no model tagged.

Later short forms and acronyms take the name of a full form when exactly one fits: "Carrow" after
"Carrow Foods" (the words left out only say what kind of organisation it is: "BBC" is not "BBC One"),
"Rovers" after "Kingsport Rovers" (the words kept say it), "CMA" for "the Competition and Markets
Authority" (anywhere in the article), "(BBC)" right after "the British Broadcasting Corporation". A short
form used alone before its full form keeps its own name ("Vireo", the team, before "Vireo Beverages").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Callable, Iterable

from spacy.tokens import Doc

from ..casing import in_caps_line
from ..spans import doc_index, stands_alone, text_of
from .candidates import Candidate

# Words an acronym skips: "Competition and Markets Authority" -> "CMA".
_ACRONYM_SKIPS = frozenset({"of", "and", "the", "for", "&", "de", "du", "la", "des", "on", "in", "at", "to"})
MAX_ACRONYM = 8


def surface_at(doc: Doc, candidate: Candidate) -> str:
    """The candidate's name as written, on one line (joined from the per-Doc index, without making a Span)."""
    return " ".join(doc_index(doc).span_text(candidate.start, candidate.end).split())


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word.lower() not in _ACRONYM_SKIPS and word[0].isalpha()).upper()


def acronym_of(name: str) -> str | None:
    """"BBC", "U.N." -> "UN"; None for a name that is no acronym."""
    letters = name.replace(".", "")
    if " " in name or not 2 <= len(letters) <= MAX_ACRONYM or not letters.isalpha() or not letters.isupper():
        return None
    return letters


def canonical_names(doc: Doc, candidates: list[Candidate], endings: frozenset[str],
                    headline: tuple[int, int] | None = None) -> dict[int, str]:
    """Token start of each candidate -> the organisation's name in this document. The headline's names are
    read last: a headline's short form ("Cofinec plunges") stands for the body's full form ("Cofinec S.A.")."""
    def in_headline(candidate: Candidate) -> bool:
        return headline is not None and headline[0] <= doc[candidate.start].idx < headline[1]

    ordered = sorted(candidates, key=lambda c: (in_headline(c), c.start))
    surfaces = {c.start: surface_at(doc, c) for c in ordered}
    ends = {c.end: c for c in ordered}
    full_forms = sorted({name for name in surfaces.values() if " " in name})
    canonical: dict[int, str] = {}
    by_key: dict[str, str] = {}  # a name as written, casefolded -> the name it stands for
    # "MILAN" in a capitals headline and "Milan" in the text: the name as the text writes it
    # (text order before the sort, not a set's: which spelling wins must not depend on the hash seed)
    written = {name.casefold(): name for name in sorted(dict.fromkeys(surfaces.values()), key=str.isupper,
                                                         reverse=True)}
    for candidate in ordered:
        key = surfaces[candidate.start].casefold()
        name = written[key]
        if key not in by_key:
            by_key[key] = (_bracketed_acronym(doc, candidate, ends, canonical)
                           or _unique(full for full in full_forms if _continued_in_text(doc, candidate, full))
                           or _unique(full for full in full_forms if initials(full) == acronym_of(name))
                           or _unique(by_key[known] for known in by_key if _short_form_of(name, known, endings))
                           or name)
        canonical[candidate.start] = by_key[key]
    return canonical


def _continued_in_text(doc: Doc, candidate: Candidate, full: str) -> bool:
    """The words after the mention go on to a longer name found in the article, but for a plural "s":
    "Labour" of "the Labour Democrat candidate" is "Labour Democrats" (the models cut the name short)."""
    words, full_words = surface_at(doc, candidate).casefold().split(), full.casefold().split()
    rest = full_words[len(words):]
    if len(words) >= len(full_words) or full_words[:len(words)] != words or candidate.end + len(rest) > len(doc):
        return False
    following = [token.lower_ for token in doc[candidate.end:candidate.end + len(rest)]]
    return all(word == seen or word.rstrip("s") == seen.rstrip("s") for word, seen in zip(rest, following))


def _unique(names: Iterable[str]) -> str | None:
    found = set(names)
    return found.pop() if len(found) == 1 else None


def _short_form_of(name: str, full: str, endings: frozenset[str]) -> bool:
    """"Carrow" of "Carrow Foods" (the rest are `endings`), "Rovers" of "Kingsport Rovers" (the short form is)."""
    words, full_words = name.casefold().split(), full.casefold().split()
    size = len(words)
    if size >= len(full_words):
        return False
    return (full_words[:size] == words and all(word in endings for word in full_words[size:])) or \
        (full_words[-size:] == words and all(word in endings for word in words))


def _bracketed_acronym(doc: Doc, candidate: Candidate, ends: dict[int, Candidate], canonical: dict[int, str]):
    """"the British Broadcasting Corporation (BBC)": an acronym in brackets right after a full name."""
    if acronym_of(surface_at(doc, candidate)) is None or candidate.start < 2:
        return None
    if doc[candidate.start - 1].text != "(" or candidate.end >= len(doc) or doc[candidate.end].text != ")":
        return None
    before = ends.get(candidate.start - 1)
    return canonical.get(before.start) if before is not None else None


def later_mentions(doc: Doc, accepted: list[Candidate], canonical: dict[int, str],
                   blocked: set[int]) -> list[tuple[Candidate, str]]:
    """Mentions of the accepted names that no model tagged, with their names: the same words as a tagged
    mention, or the first word of a name whose other words only say what kind of organisation it is
    ("Carrow" of "Carrow Foods"; `short_forms`), standing alone, outside people, titles and other names."""
    forms: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for candidate in accepted:
        span = doc[candidate.start:candidate.end]
        if not in_caps_line(text_of(doc), span.start_char, span.end_char):  # "MILAN" of a headline is no form
            forms[tuple(t.text for t in span)].add(canonical[candidate.start])  # of the dateline "MILAN 1996-08-30"
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for form, names in forms.items():
        if len(names) == 1:
            by_first[form[0]].append(form)
    found = []
    longest_first = {word: sorted(forms_of, key=len, reverse=True) for word, forms_of in by_first.items()}
    index = 0  # the first token no mention found so far holds
    # Only where a form's first word is written can one start: the rest of the tokens are passed over.
    for start in sorted(i for word in longest_first for i in doc_index(doc).positions(word)):
        if start < index:
            continue
        match = next((form for form in longest_first[doc_index(doc).texts[start]]
                      if _matches_at(doc, start, form, blocked)), None)
        if match is not None:
            found.append((Candidate(start, start + len(match), "propagated"), next(iter(forms[match]))))
            index = start + len(match)
    return found


def _matches_at(doc: Doc, index: int, form: tuple[str, ...], blocked: set[int]) -> bool:
    """The form's words at doc[index], free, standing alone, not in a capitals line (a headline); one word
    only where it is a proper noun."""
    end = index + len(form)
    if len(form) == 1 and doc[index].pos_ != "PROPN":
        return False  # "Islamic" of "a purist Islamic state" is no mention of "Islamic Group"
    return (end <= len(doc) and all(doc[i].text == word for i, word in zip(range(index, end), form))
            and not any(i in blocked for i in range(index, end)) and stands_alone(doc, index, end)
            and not in_caps_line(text_of(doc), doc[index].idx, doc[end - 1].idx + len(doc[end - 1])))


def short_forms(doc: Doc, accepted: list[Candidate], canonical: dict[int, str], endings: frozenset[str],
                is_common_word: Callable[[str], bool]) -> list[Candidate]:
    """Where the first word of a name stands for it ("Carrow" of "Carrow Foods"), one pseudo-candidate per name
    over that word, so that `later_mentions` finds its mentions; only where that word is no everyday word and
    the name's other words all say what kind of organisation it is."""
    firsts: dict[str, set[str]] = defaultdict(set)
    places = {}
    for candidate in accepted:
        span = doc[candidate.start:candidate.end]
        if len(span) < 2 or not all(t.lower_ in endings for t in span[1:]):
            continue
        first = span[0]
        if first.is_alpha and first.is_title and len(first) >= 3 and not is_common_word(first.text) \
                and first.ent_type_ != "NORP":  # not "Russian" of "Russian Airlines"
            firsts[first.text].add(canonical[candidate.start])
            places[first.text] = candidate
    return [replace(places[word], end=places[word].start + 1) for word, names in firsts.items() if len(names) == 1]
