"""Where a name starts and ends: trimming a span to the name, extending a name the model cut short,
keeping one span where spans overlap, and whether a name stands alone or is a piece of a longer one."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..casing import in_caps_line, in_title_case_line
from ..spans import POSSESSIVE_OR_APOSTROPHE, doc_index, is_possessive, stands_alone, text_of
from .document import MODEL_SOURCES, Candidate
from .rules import PeopleRules

QUOTES = "\"'‘’“”"
# Lowercase particles inside names: "Petra van Loon", "Theo van Gogh".
NAME_PARTICLES = {"van", "von", "den", "der", "de", "da", "di", "du", "del", "della", "le", "la", "bin", "ibn",
                  "al", "el", "ter", "ten", "dos", "das", "do"}
# Labels of the longer entities a name may be a piece of ("Holmes Place", "the Nobel Peace Prize").
LONGER_NAME_LABELS = ("ORG", "FAC", "GPE", "WORK_OF_ART", "EVENT")


def name_words(doc: Doc, candidate: Candidate) -> list[str]:
    """The name's words, hyphenated parts joined: ['Yoo', 'In-soo']."""
    index = doc_index(doc)
    texts, texts_with_ws = index.texts, index.texts_with_ws
    words: list[str] = []
    glue = False
    for position in range(candidate.start, candidate.end):
        text = texts[position]
        if words and (glue or text in ("-", "‐")):
            words[-1] += text
        else:
            words.append(text)
        glue = text in ("-", "‐") or len(texts_with_ws[position]) == len(text)  # no space after it
    return words


def elided_particle(doc: Doc, index: int) -> bool:
    """doc[index] is the "O" of "O 'Brien" or the "d" of "d 'Arcy" in token-joined text: particle, a space,
    an apostrophe glued to a capitalized word."""
    return (0 <= index and index + 2 < len(doc) and doc[index].text in ("O", "D", "d") and doc[index].whitespace_
            and doc[index + 1].text in ("'", "’") and not doc[index + 1].whitespace_
            and doc[index + 2].is_alpha and doc[index + 2].text[:1].isupper())


def inside_longer_entity(doc: Doc, span: Span) -> bool:
    """The model tags a longer organisation, place, work or event around the span: "Holmes" of "Holmes Place".

    A possessive after the span ends the name ("Östlund's “Triangle of Sadness”"), and the possessive
    inside an entity is no word of it ("West's" alone is no longer name).
    """
    if span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE_OR_APOSTROPHE:
        return False
    for start, end, label in doc_index(doc).entity_bounds:
        if label in LONGER_NAME_LABELS and start <= span.start and end >= span.end:
            words = [t for t in doc[start:end] if t.lower_ not in POSSESSIVE_OR_APOSTROPHE]
            if len(words) > len(span):
                return True
    return False


def stands_alone_as_name(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """Not inside a longer capitalized name: 'Holmes' alone, not 'Holmes Place'. A capitalized honorific or job
    title before it ("Dr", "Director") or a word opening the sentence does not make a longer name."""

    def announces_a_name(before: Token) -> bool:
        return before.lower_ in rules.honorifics or before.lower_ in rules.job_titles or bool(before.is_sent_start)

    return not inside_longer_entity(doc, span) and stands_alone(doc, span.start, span.end,
                                                                word_before_may_be=announces_a_name)


def _trimmed(rules: PeopleRules, doc: Doc, start: int, end: int, roles: list) -> tuple[int, int]:
    """Quotes, possessives, job titles and function words trimmed off doc[start:end]; the job titles cut off
    the front become roles."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].text in QUOTES):
        start += 1
    for index in range(start + 1, end):
        token = doc[index]
        spaced_hyphen = token.text in ("-", "–", "—") and (token.whitespace_ or doc[index - 1].whitespace_)
        if (spaced_hyphen or token.like_num or is_possessive(token)
                or (token.is_punct and token.text not in ("-", ".", "‐", "'", "’"))):
            end = index  # "Ana Lind - Blue Harbour", "K. Marsh 3-41", "Lowe's Glass Choir"
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in QUOTES
                           or is_possessive(doc[end - 1])):
        end -= 1
    while start < end:
        size = rules.title_at(doc, start, end)
        if not size or size >= end - start:
            break
        words = doc[start:start + size].text
        if words.lower() not in rules.honorifics:
            roles.append({"role": words, "of": None, "org": None})
        start += size
    while start < end and doc[start].lower_ in rules.not_name_words:
        start += 1
    while end > start and doc[end - 1].lower_ in rules.not_name_words:
        end -= 1
    return start, end


def cleaned(rules: PeopleRules, doc: Doc, candidate: Candidate) -> Candidate | None:
    """Trim quotes, possessives and job titles off a span; extend a name the model cut short."""
    roles = list(candidate.roles)
    start, end = _trimmed(rules, doc, candidate.start, candidate.end, roles)
    if start >= end:
        return None
    start, end = _extended(rules, doc, start, end)
    if end - start > rules.options.max_name_tokens:
        return None
    return Candidate(start, end, candidate.source, roles)


def _extended_forward(rules: PeopleRules, doc: Doc, start: int, end: int) -> int:
    """The end of a name continued by hyphenated parts, elided particles ("O 'Brien") and "van"-style particles."""
    while end < len(doc) and end - start < rules.options.max_name_tokens:
        previous = doc[end - 1]
        if (doc[end].text in ("-", "‐") and not previous.whitespace_ and not doc[end].whitespace_
                and end + 1 < len(doc) and doc[end + 1].is_alpha):
            end += 2
            continue
        token = doc[end]
        if elided_particle(doc, end - 1):
            end += 2  # token-joined "Sean O 'Brien", "Madame d 'Arcy"
            continue
        if previous.whitespace_ and elided_particle(doc, end) and rules.is_name_part(doc, end - 1):
            end += 3  # the model stopped before the "O": "Caitriona" of "Caitriona O 'Reilly"
            continue
        if (token.lower_ in NAME_PARTICLES and token.is_lower and end + 1 < len(doc)
                and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN"
                and doc[end + 1].ent_type_ in ("", "PERSON", "ORG")):
            end += 2
            continue
        if (previous.whitespace_ == " " and token.is_alpha and token.is_title and token.ent_type_ == ""
                and not token.whitespace_ and end + 2 < len(doc) and doc[end + 1].text in ("-", "‐")
                and doc[end + 2].is_lower and doc[end + 2].is_alpha):
            end += 1  # a hyphenated given name follows: "In-soo"
            continue
        break
    return end


def _extended_backward(rules: PeopleRules, doc: Doc, start: int, end: int) -> int:
    """The start of a name preceded by an elided particle, a hyphenated part or another proper noun of it."""
    max_tokens = rules.options.max_name_tokens
    while start > 2 and end - start < max_tokens and elided_particle(doc, start - 2):
        start -= 2  # "Brien" of "O 'Brien"
        if start > 0 and rules.is_name_part(doc, start - 1) and "\n" not in doc[start - 1].text_with_ws:
            start -= 1
    while start > 1 and end - start < max_tokens:
        hyphen = doc[start - 1]
        if (hyphen.text in ("-", "‐") and not hyphen.whitespace_ and not doc[start - 2].whitespace_
                and doc[start - 2].is_alpha and doc[start - 2].text[0].isupper()):
            start -= 2
            continue
        break
    while start > 0 and end - start < max_tokens:
        previous = doc[start - 1]
        if (previous.whitespace_ == " " and not doc[start].is_sent_start and rules.is_name_part(doc, start - 1)
                and previous.ent_type_ == "" and "\n" not in previous.text):
            start -= 1
            continue
        break
    return start


def _extended(rules: PeopleRules, doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'Yoo' -> 'Yoo In-soo': take hyphenated and adjacent proper-noun parts of the same name. Not in an
    all-caps line, where every word looks like a name."""
    if in_caps_line(text_of(doc), doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
        return start, end
    end = _extended_forward(rules, doc, start, end)
    return _extended_backward(rules, doc, start, end), end


def merged_across_particles(doc: Doc, people: list[Candidate]) -> list[Candidate]:
    """"Petra" + "van" + "Loon": two people one lowercase particle apart are one name."""
    merged: list[Candidate] = []
    for candidate in people:
        previous = merged[-1] if merged else None
        if (previous is not None and candidate.start == previous.end + 1
                and doc[previous.end].lower_ in NAME_PARTICLES and doc[previous.end].is_lower):
            previous.end = candidate.end
            previous.roles.extend(candidate.roles)
        else:
            merged.append(candidate)
    return merged


def without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """On overlap keep the longer span, merging roles."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        clash = next((c for c in chosen if c.start < candidate.end and candidate.start < c.end), None)
        if clash is None:
            chosen.append(candidate)
        else:
            clash.roles.extend(r for r in candidate.roles if r not in clash.roles)
            if candidate.source == "byline":
                clash.source = "byline"
    return sorted(chosen, key=lambda c: c.start)


def trimmed_in_headlines(doc: Doc, people: list[Candidate]) -> list[Candidate]:
    """"Maya Thorne Scores Fourth UK No. 1 Album": in a title-case line the model runs names into
    the words after them; keep the longest start that the rest of the article names too."""
    body = [c for c in people if not in_title_case_line(text_of(doc), doc[c.start].idx)]
    body_words = {w.lower() for c in body for w in name_words(doc, c)}
    body_names = {" ".join(name_words(doc, c)).lower() for c in body}
    kept = []
    for candidate in people:
        if candidate in body or candidate.source not in MODEL_SOURCES:
            kept.append(candidate)
            continue
        for end in range(candidate.end, candidate.start, -1):
            piece = Candidate(candidate.start, end, candidate.source, candidate.roles)
            words = [w.lower() for w in name_words(doc, piece)]
            if " ".join(words) in body_names or all(w in body_words for w in words):
                kept.append(piece)
                break
    return kept
