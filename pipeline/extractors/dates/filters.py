"""What a temporal-looking span is not: an age, a rate's unit, an amount of viewing time, a
heading in capitals, a holiday that classifies a thing, a "soon" counted from another event, a
quoted name, an ordinal, a discourse marker, a share of something, a kind of comparison."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ...normalize import timex
from ..spans import text_of
from .cues import DateCues
from .extents import NEUTRAL_ANCHOR
from .tense import clause_tense


def is_not_a_date(span: Span, cues: DateCues) -> bool:
    """Whether a span found by the model or the patterns is to be dropped."""
    return is_age(span, cues) or not timex.has_temporal_word(span.text) or is_rate(span, cues) \
        or is_amount_of_time(span, cues) or is_shouted(span) or is_modifier_name(span) \
        or span.root.lemma_.lower() in cues.non_temporal_heads \
        or timex.clean(span.text) in cues.vague_spans or is_relative_soon(span, cues) \
        or is_quoted_name(span) or is_bare_ordinal(span) or is_discourse_now(span) \
        or is_fraction(span) or is_comparison_compound(span)


def is_relative_soon(span: Span, cues: DateCues) -> bool:
    """'soon' that counts from another event, not from now: the connective "as soon as the
    talks end", "soon after the attack", and "soon" in a past narrative ("was soon released")."""
    if span.text.lower() != "soon":
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    then = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
    if after in ("after", "afterward", "afterwards", "thereafter", "before"):
        return True
    if before == "as" and after == "as" and then != "possible":
        return True
    return clause_tense(span, cues) == "past"


def is_amount_of_time(span: Span, cues: DateCues) -> bool:
    """'2.4 billion minutes of viewing', 'the most hours viewed': an amount, not a duration."""
    words = {token.lower_ for token in span}
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if not (words & cues.quantity_words or before in cues.quantity_words):
        return False  # (the value is read only where it decides)
    timex_type, value = timex.normalize(span.text, NEUTRAL_ANCHOR)
    return timex_type != timex.DATE or value is None


def is_shouted(span: Span) -> bool:
    """'TOMORROW X TOGETHER', a 'WEDNESDAY' heading: capitals in mixed-case text name things."""
    text = span.text
    if not (text.isupper() and len(text) > 3 and any(c.isalpha() for c in text)):
        return False
    sentence = span.sent.text
    return sum(c.islower() for c in sentence) > sum(c.isupper() for c in sentence)


def is_modifier_name(span: Span) -> bool:
    """'the Christmas number one', 'a Christmas present': a holiday used to classify a thing,
    not to place an event in time. (A month in that place still dates the thing: "the
    October shooting" happened in October.)"""
    if len(span) != 1 or span.root.dep_ not in ("compound", "amod"):
        return False
    value = timex.normalize(span.text)[1]
    return span[0].is_title and value is not None and re.fullmatch(r"XXXX-\d\d-\d\d", value) is not None


def is_rate(span: Span, cues: DateCues) -> bool:
    """'four flights a week', '$1.76 a year', 'to grow 8% annually', 'its quarterly dividend':
    a rate's unit, which TimeML leaves unmarked (a frequency word that says how much per
    period, not how often something happens: "the rallies are held annually" stays)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if len(span) == 2 and span[0].lower_ in ("a", "an", "per") and before is not None:
        return before.like_num or before.pos_ in ("NOUN", "NUM")
    if len(span) != 1 or timex.normalize(span.text)[0] != timex.SET:
        return False
    if before is not None and (before.like_num or before.text == "%" or (
            before.pos_ == "NOUN" and span.start > 1 and doc[span.start - 2].like_num)):
        return True  # "8% annually", "10,000 units annually": an amount per period
    return span[0].dep_ == "amod" and span[0].head.lemma_.lower() in cues.rate_nouns


def is_age(span: Span, cues: DateCues) -> bool:
    """'a 40-year-old actress', '37 years old', 'aged 45': ages are numeric claims only."""
    text = span.text.lower()
    if "year-old" in text or "years-old" in text or "month-old" in text or text.endswith(" old"):
        return True
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("his", "her", "their", "my", "your", "its") \
            and re.fullmatch(r"(?:early|mid|late)?[\s-]*\d0s", text):
        return True  # "in his 30s"
    after = text_of(span.doc)[span.end_char:span.end_char + 10].lower().lstrip()
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return after.startswith(cues.age_followers) or before in cues.age_openers

# ------------------------------------------------------------------ tense


def is_quoted_name(span: Span) -> bool:
    """'on CBS's "60 Minutes."': an expression that is the whole of a quotation names a show
    or a work, it places nothing in time."""
    text = text_of(span.doc)
    before = text[max(0, span.start_char - 2):span.start_char]
    after = text[span.end_char:span.end_char + 3].lstrip(".,!?")
    opens = before.endswith(("\"", "\u201c", "''", "``"))
    closes = after.startswith(("\"", "\u201d", "''"))
    return opens and closes


def is_discourse_now(span: Span) -> bool:
    """'Now, he says, ...' opening a sentence: a discourse marker that turns the argument,
    not a reference to the present."""
    if span.text.lower() != "now" or span.end >= len(span.doc) or span.doc[span.end].text != ",":
        return False
    first = span.sent.start
    while first < span.start and (span.doc[first].is_punct or span.doc[first].is_space
                                  or span.doc[first].lower_ in ("and", "but", "so")):
        first += 1
    return first == span.start


def is_fraction(span: Span) -> bool:
    """'more than a quarter of the market': a share of something, not three months (but "a
    quarter of a century" is a time)."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ != "of" or span[-1].lower_ not in ("quarter", "quarters"):
        return False
    if timex.normalize(span.text, NEUTRAL_ANCHOR)[0] != timex.DURATION:
        return False
    owned = [child for child in doc[span.end].children if child.dep_ == "pobj"]
    return bool(owned) and not timex.has_temporal_word(" ".join(t.text for t in owned[0].subtree))


def is_comparison_compound(span: Span) -> bool:
    """'the quarter-to-quarter comparison', 'year-to-year changes': a kind of comparison, not a time."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "to"


def is_bare_ordinal(span: Span) -> bool:
    """'a second betrayal', 'the second group': the ordinal, not the unit of time."""
    return len(span) == 1 and span[0].lower_ == "second" and span[0].pos_ != "NOUN"


def is_bare_calendar_date(text: str, start: int, end: int) -> bool:
    """A 'title' that is nothing but a month and day ("of record Dec. 15"), with no quotation
    marks around it: a date the title finder misread, not the name of a work."""
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    if before in "\"'\u201c\u2018" and before or after in "\"'\u201d\u2019" and after:
        return False
    value = timex.normalize(text[start:end])[1]
    return value is not None and re.fullmatch(r"XXXX-\d\d-\d\d", value) is not None

