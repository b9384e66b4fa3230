"""Dates: TIMEX3 temporal expressions with TimeML extents and normalized values.

Spans come from the model's DATE/TIME entities and from token patterns
(`configs/patterns/dates.jsonl`, EntityRuler format) for what the model misses
("now", "daily", bare "days"). They are trimmed to TimeML extents (no leading
preposition or possessive, no trailing punctuation), merged where they overlap
or read as one ("Friday" + "morning"), split at a verb or at a coordination of
two dates, and dropped where they are ages, rates, amounts of viewing time or
parts of names found earlier. Cue words live in `configs/patterns/dates_cues.toml`.

Each span is normalized by `pipeline.timex` against the publication date, with
the tense of the governing clause deciding on which side of the anchor a bare
"Tuesday" or "March" lies (what is planned or scheduled lies ahead: "planned a
rally on Saturday", "effective Feb. 1"). Two discourse rules follow TimeBank:
anaphoric expressions ("that year", "the following month", "the previous
Friday") count from the reference time, the date the text mentioned last; and
in a results report, "a year ago" and "the quarter" refer to the quarter being
reported: the one the sentence names, else the report's (unless the sentence
compares year-to-date figures).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..normalize import timex
from ..article import Article
from ..errors import ConfigError
from . import register
from ..mention import Found, Mention
from .base import ExtractorContext, read_pattern_jsonl, read_pattern_toml

ANCHOR_FALLBACKS = ("none", "today")
QUARTER = re.compile(r"\d{4}-Q[1-4]")
# The tokenizer splits "2021-09-05" into pieces the token patterns cannot see whole.
ISO_DATE = re.compile(r"\b(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d\b")
MODEL_LABELS = ("DATE", "TIME")
# Any date: where only whether an expression has a value matters, not which.
NEUTRAL_ANCHOR = dt.date(2000, 1, 1)


@register("dates")
class DateExtractor:
    kinds = ("date",)
    requires = ("tok2vec", "ner", "parser", "tagger", "attribute_ruler", "lemmatizer")

    @dataclass
    class Options:
        # Anchor for relative dates when the article has no publication date:
        # "none" leaves them unresolved (XXXX-01-28 or null), "today" uses the run's date.
        anchor_fallback: str = "none"
        patterns: str = "patterns/dates.jsonl"
        cues: str = "patterns/dates_cues.toml"
        # Keep spans whose value cannot be normalized (they still count for their extent).
        keep_unnormalized: bool = True

    def __init__(self, context: ExtractorContext, options: Options):
        if options.anchor_fallback not in ANCHOR_FALLBACKS:
            raise ConfigError(f"extractors.dates.anchor_fallback must be 'none' or 'today', "
                              f"got {options.anchor_fallback!r}")
        self.options = options
        self.matcher = Matcher(context.nlp.vocab)
        for rule_id, patterns in load_patterns(context.resolve(options.patterns)).items():
            self.matcher.add(rule_id, patterns)
        cues = load_cues(context.resolve(options.cues))
        self.leading_words = set(cues["leading_words"])
        self.leading_keep_before = set(cues["leading_keep_before"])
        self.trailing_words = set(cues["trailing_words"])
        self.age_followers = tuple(cues["age_followers"])
        self.age_openers = set(cues["age_openers"])
        self.future_auxiliaries = set(cues["future_auxiliaries"])
        self.quantity_words = set(cues["quantity_words"])
        self.rate_nouns = set(cues["rate_nouns"])
        self.non_temporal_heads = set(cues["non_temporal_heads"])
        self.year_ago_phrases = set(cues["year_ago_phrases"])
        self.reported_period_phrases = set(cues["reported_period_phrases"])
        self.period_end_verbs = set(cues["period_end_verbs"])
        self.future_openers = set(cues["future_openers"])
        self.future_intent_verbs = set(cues["future_intent_verbs"])
        self.plan_verbs = set(cues["plan_verbs"])
        self.deferral_verbs = set(cues["deferral_verbs"])
        self.schedule_words = set(cues["schedule_words"])
        self.year_to_date_phrases = list(cues["year_to_date_phrases"])
        self.vague_spans = set(cues["vague_spans"])
        self.leading_phrases = [phrase.split() for phrase in cues["leading_phrases"]]

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        anchor, anchor_source = article.date, article.date_source
        if anchor is None and self.options.anchor_fallback == "today":
            anchor, anchor_source = dt.date.today(), "today"
        normalized = []
        for span, source in self.spans(doc, found):
            tense = self.tense(span)
            timex_type, value = self.normalize_in_context(span, anchor, tense)
            normalized.append((span, source, tense, timex_type, value))
        relative_phrases = self.year_ago_phrases | self.reported_period_phrases
        named = named_quarters(normalized, relative_phrases)
        reported_in_document = reported_quarter(normalized, named, relative_phrases, anchor)
        reference = None  # the date mentioned last: "that year", "the next day" count from it
        for span, source, tense, timex_type, value in normalized:
            phrase = timex.clean(span.text)
            reported = quarter_named_in_sentence(span, named) or reported_in_document
            # (before any date is mentioned, the reference time is the publication date)
            from_reference = timex.anaphoric(phrase, reference or (anchor.isoformat() if anchor else None))
            if from_reference is not None:
                timex_type, value = from_reference
            elif reported and re.sub(r"^(?:a|the)\s+", "", phrase) in self.year_ago_phrases \
                    and not self.about_year_to_date(span):
                timex_type, value = timex.DATE, timex.shift_quarter(reported, -4)
            elif reported and re.sub(r"^the\s+", "", phrase) in self.reported_period_phrases:
                timex_type, value = timex.DATE, reported
            elif re.fullmatch(r"the\s+(?:(?:1[0-9]|20)\d\d)\s+(?:period|quarter)", phrase):
                # "the 1988 period" in a results report: the reported quarter, that year
                year = re.search(r"\d{4}", phrase).group(0)
                timex_type, value = timex.DATE, f"{year}-Q{reported[-1]}" if reported else year
            # (the publication day itself, "today" or "overnight", moves no narrative along)
            if value and timex_type in (timex.DATE, timex.TIME) and value[:4].isdigit() \
                    and not (anchor and value.startswith(anchor.isoformat())):
                reference = value
            if value is None and not self.options.keep_unnormalized:
                continue
            # Report the anchor only where it changed the value, so absolute dates say "none used".
            used_anchor = anchor is not None and from_reference is None \
                and timex.normalize(span.text, None, tense)[1] != value
            confidence = (0.9 if "ner" in source and "rule" in source else 0.75) if value else 0.4
            yield Mention(
                kind="date", start=span.start_char, end=span.end_char,
                value={"timex_type": timex_type, "value": value,
                       "anchor": anchor.isoformat() if used_anchor else None,
                       "anchor_source": anchor_source if used_anchor else None},
                confidence=confidence, extractor=source,
            )

    def about_year_to_date(self, span: Span) -> bool:
        """Whether the sentence compares a stretch longer than the quarter ("For the nine months,
        net rose ... from a year earlier"): the year-ago figure is then that stretch's, not the
        quarter's, and only its year is known."""
        words = " ".join(token.lower_ for token in span.sent if not (span.start <= token.i < span.end))
        return any(re.search(rf"\b{re.escape(phrase)}\b", words) for phrase in self.year_to_date_phrases)

    def normalize_in_context(self, span: Span, anchor: dt.date | None, tense: str | None) -> tuple:
        """The span's (type, value); "the year ended June 30" is a year-long stretch, not this year."""
        following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if following in self.period_end_verbs and timex.strip_modifiers(timex.clean(span.text)) in (
                "year", "fiscal year", "full year"):
            return timex.DURATION, "P1Y"
        if anchor is not None and is_day_of_now(span):
            return timex.DATE, anchor.isoformat()
        timex_type, value = timex.normalize(span.text, anchor, tense)
        if value == "PRESENT_REF" and span.start > 0 and span.doc[span.start - 1].lower_ == "then":
            return timex_type, "PAST_REF"  # "the then current price": the present of a time gone by
        return timex_type, value

    # ------------------------------------------------------------------ spans

    def spans(self, doc: Doc, found: Found | None = None) -> list[tuple[Span, str]]:
        """Temporal expressions of the doc with TimeML extents, in text order."""
        candidates = [(ent.start, ent.end, f"ner:{ent.label_}") for ent in doc.ents if ent.label_ in MODEL_LABELS]
        organisations = [(ent.start, ent.end) for ent in doc.ents if ent.label_ in ("ORG", "FAC", "PRODUCT")]
        for match_id, start, end in self.matcher(doc):
            # "20th Century Fox": what the model calls an organisation is no date
            if not any(s <= start and end <= e for s, e in organisations):
                candidates.append((start, end, f"rule:{doc.vocab.strings[match_id]}"))
        for match in ISO_DATE.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                candidates.append((span.start, span.end, "rule:iso_date"))
        # Names of works and people found earlier ("60 Minutes", "This Week") hold no dates.
        taken = [(m.start, m.end) for kind in ("title", "person") for m in (found or {}).get(kind, ())
                 if not (kind == "title" and is_bare_calendar_date(doc.text, m.start, m.end))]
        trimmed = []
        for start, end, source in candidates:
            start, end = self.trim(doc, start, end)
            if start < end and not any(doc[start].idx < e and s < doc[end - 1].idx + len(doc[end - 1])
                                        for s, e in taken):
                trimmed.append((start, end, source))
        results = []
        for start, end, source in merge_overlapping(trimmed, doc):
            for part_start, part_end in self.split(doc, start, end):
                span = doc[part_start:part_end]
                if self.is_age(span) or not timex.has_temporal_word(span.text) or self.is_rate(span) \
                        or self.is_amount_of_time(span) or self.is_shouted(span) or self.is_modifier_name(span) \
                        or span.root.lemma_.lower() in self.non_temporal_heads \
                        or timex.clean(span.text) in self.vague_spans or self.is_relative_soon(span) \
                        or is_quoted_name(span) or is_bare_ordinal(span) or is_discourse_now(span) \
                        or is_fraction(span) or is_comparison_compound(span):
                    continue
                results.append((span, source))
        return results

    def trim(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """The TimeML extent inside a candidate: "on January 28," -> "January 28"."""
        while start < end:
            token = doc[start]
            keep = start + 1 < end and doc[start + 1].lower_ in self.leading_keep_before
            if (token.lower_ in self.leading_words and not keep) or token.is_space:
                start += 1
            elif any(start + len(words) < end and [t.lower_ for t in doc[start:start + len(words)]] == words
                     and timex.has_temporal_word(doc[start + len(words):end].text) for words in self.leading_phrases):
                start += next(len(words) for words in self.leading_phrases
                              if [t.lower_ for t in doc[start:start + len(words)]] == words)
            elif token.lower_ == "as" and start + 2 < end and doc[start + 2].lower_ == "as":
                start += 3  # "as early as next year"
            elif 0 < start and start + 2 < end and doc[start + 1].lower_ == "as" and doc[start - 1].lower_ == "as":
                start += 2  # the model's span began inside "as early as"
            elif token.like_num and start + 1 < end and doc[start + 1].lower_ in ("this", "last", "next", "a"):
                start += 1  # "number five this week"
            elif token.lower_ in ("a", "an") and start + 1 < end and (
                    doc[start + 1].like_num or timex.is_calendar_name(doc[start + 1].text)):
                start += 1  # "an Aug. 10, 1988 agreement"
            elif token.pos_ in ("NOUN", "PROPN", "X") and not token.like_num and start + 1 < end \
                    and not (start < token.head.i < end) and not timex.has_temporal_word(token.text) \
                    and timex.normalize(doc[start:end].text, NEUTRAL_ANCHOR)[1] is None \
                    and timex.normalize(doc[start + 1:end].text, NEUTRAL_ANCHOR)[1] is not None:
                start += 1  # the model took a word too many: "a coup d'etat last year"
            else:
                break
        while end > start and (doc[end - 1].lower_ in self.trailing_words or doc[end - 1].is_space
                               or doc[end - 1].is_punct):
            end -= 1
        return start, end

    def split(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Split a span at a verb ("the quarter ended Sept. 30") and at a coordination of
        two dates ("Monday and Tuesday", "1994, 1995"); "a year and a half" stays one."""
        for i in range(start + 1, end - 1):
            # (a participle that modifies the next word is part of the phrase: "the following year")
            if doc[i].pos_ == "VERB" and doc[i].tag_ in ("VBD", "VBN", "VBG") \
                    and not (doc[i].dep_ == "amod" and doc[i].head.i == i + 1):
                return [part for s, e in ((start, i), (i + 1, end)) for part in self.split(doc, *self.trim(doc, s, e))
                        if s < e]
        anchor = NEUTRAL_ANCHOR
        for i in range(start + 1, end - 1):
            word = doc[i].lower_
            if word not in ("and", "or", "to", "through", "-", "--", "until", ",", "/", "of"):
                continue
            if word in ("-", "/") and not (doc[i - 1].whitespace_ or doc[i].whitespace_):
                continue  # a hyphen inside a word: "year-earlier", "1998-99"
            left_type, left_value = timex.normalize(doc[start:i].text, anchor)
            right_type, right_value = timex.normalize(doc[i + 1:end].text, anchor)
            if not (left_value and right_value):
                continue
            if word == "of":
                # "the first nine months of 2003" is a duration and a year; "the end of the month" is one date.
                if left_type != timex.DURATION or not doc[start:i].text[:1].isalpha():
                    continue
            elif left_value.startswith("P") or right_value.startswith("P"):
                continue
            elif word == "," and (len(left_value) != len(right_value) or timex.is_calendar_name(doc[start:i].text)):
                continue  # "Nov. 1, 2004" and "Saturday, April 25" are one date each
            return [*self.split(doc, start, i), *self.split(doc, i + 1, end)]
        if end - start >= 3 and timex.normalize(doc[start:end].text, anchor)[1] is None:
            # Two expressions side by side read as one ("in November 2004 several months after"):
            # split where both halves are complete temporal expressions.
            for i in range(start + 2, end - 1):
                if doc[end - 1].lower_ in ("ago", "earlier", "later", "before", "after"):
                    break  # "the quarter a year ago" post-modifies, it is one expression
                if timex.normalize(doc[start:i].text, anchor)[1] and timex.normalize(doc[i:end].text, anchor)[1]:
                    return [(start, i), (i, end)]
        return [(start, end)] if start < end else []

    def is_relative_soon(self, span: Span) -> bool:
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
        return self.tense(span) == "past"

    def is_amount_of_time(self, span: Span) -> bool:
        """'2.4 billion minutes of viewing', 'the most hours viewed': an amount, not a duration."""
        words = {token.lower_ for token in span}
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        timex_type, value = timex.normalize(span.text, NEUTRAL_ANCHOR)
        return bool(words & self.quantity_words or before in self.quantity_words) and \
            (timex_type != timex.DATE or value is None)

    def is_shouted(self, span: Span) -> bool:
        """'TOMORROW X TOGETHER', a 'WEDNESDAY' heading: capitals in mixed-case text name things."""
        text = span.text
        if not (text.isupper() and len(text) > 3 and any(c.isalpha() for c in text)):
            return False
        sentence = span.sent.text
        return sum(c.islower() for c in sentence) > sum(c.isupper() for c in sentence)

    def is_modifier_name(self, span: Span) -> bool:
        """'the Christmas number one', 'a Christmas present': a holiday used to classify a thing,
        not to place an event in time. (A month in that place still dates the thing: "the
        October shooting" happened in October.)"""
        if len(span) != 1 or span.root.dep_ not in ("compound", "amod"):
            return False
        value = timex.normalize(span.text)[1]
        return span[0].is_title and value is not None and re.fullmatch(r"XXXX-\d\d-\d\d", value) is not None

    def is_rate(self, span: Span) -> bool:
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
        return span[0].dep_ == "amod" and span[0].head.lemma_.lower() in self.rate_nouns

    def is_age(self, span: Span) -> bool:
        """'a 40-year-old actress', '37 years old', 'aged 45': ages are numeric claims only."""
        text = span.text.lower()
        if "year-old" in text or "years-old" in text or "month-old" in text or text.endswith(" old"):
            return True
        if span.start > 0 and span.doc[span.start - 1].lower_ in ("his", "her", "their", "my", "your", "its") \
                and re.fullmatch(r"(?:early|mid|late)?[\s-]*\d0s", text):
            return True  # "in his 30s"
        after = span.doc.text[span.end_char:span.end_char + 10].lower().lstrip()
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        return after.startswith(self.age_followers) or before in self.age_openers

    # ------------------------------------------------------------------ tense

    def tense(self, span: Span) -> str | None:
        """'past' or 'future' when the clause governing the span says so, else None."""
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in self.schedule_words:
            return "future"  # "effective Feb. 1", "payable Dec. 15": a schedule, whatever the verb's tense
        verb = span.root
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
        if any(aux.lower_ in self.future_auxiliaries for aux in auxiliaries):
            return "future"
        if before in ("until", "till") and verb.lemma_.lower() in self.deferral_verbs:
            return "future"  # "postponed the vote until Tuesday": a deadline moved ahead of the telling
        # What is planned lies ahead of the planning, whatever the tense it is reported in:
        # "planned a rally on Saturday", "has called a press briefing Thursday",
        # "were planning to drive there Monday" (but not "had planned": a plan overtaken).
        # A date before a past verb ("On Friday, they planned ...") dates the planning itself.
        planner = verb.head if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxiliaries) else \
            (verb if span.start > verb.i or verb.tag_ in ("VBZ", "VBP") else None)
        if planner is not None and planner.lemma_ in self.plan_verbs and not is_pluperfect(planner) \
                and not (planner.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in planner.children)):
            return "future"
        if any(aux.tag_ == "VBD" for aux in auxiliaries) or verb.tag_ == "VBD":
            return "past"
        if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries):
            return "past"
        if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxiliaries) \
                and is_present_intent(verb.head, self.future_intent_verbs):
            return "future"  # "is scheduled to meet Tuesday", "is to resume trading Tuesday"
        preceding = " ".join(token.lower_ for token in span.doc[max(0, span.start - 3):span.start])
        if any(preceding == opener or preceding.endswith(" " + opener) for opener in self.future_openers):
            return "future"
        return None


def is_pluperfect(verb) -> bool:
    """'had planned', 'had been scheduled'."""
    return any(child.dep_ in ("aux", "auxpass") and child.lower_ in ("had", "'d") for child in verb.children)


def is_present_intent(verb, intent_verbs: set) -> bool:
    """'is scheduled', 'plans', 'is to': an intention stated now (not 'had been scheduled')."""
    # "had been due to ...": an adjective takes its tense from the copula it complements
    carrier = verb.head if verb.dep_ == "acomp" and verb.head.lemma_ == "be" else verb
    auxiliaries = [child for child in carrier.children if child.dep_ in ("aux", "auxpass")]
    if carrier.tag_ == "VBD" or any(aux.tag_ in ("VBD", "MD") for aux in auxiliaries):
        return False
    return verb.lemma_ in intent_verbs or (verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP"))


ORDINAL_DAY = re.compile(r"(?:the\s+|its\s+|their\s+)?(?P<ordinal>[a-z0-9]+)\s+(?:straight\s+|consecutive\s+)?day")


def is_day_of_now(span: Span) -> bool:
    """'Today is the eighth day of the strike', "it's the second day of the offensive": a day
    counted in a series that the present tense puts on the publication day."""
    match = ORDINAL_DAY.fullmatch(timex.clean(span.text))
    verb = span.root.head
    return match is not None and timex.ORDINALS.get(match.group("ordinal"), 0) > 0 \
        and span.root.dep_ in ("attr", "nsubj") and verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP")


def is_quoted_name(span: Span) -> bool:
    """'on CBS's "60 Minutes."': an expression that is the whole of a quotation names a show
    or a work, it places nothing in time."""
    text = span.doc.text
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


# A quarter pinned to a year of its own ("the 1988 third quarter", "next year's first quarter",
# "the year-ago quarter") is a comparison, never the quarter a report is about.
OWN_YEAR = re.compile(r"\d\d|year-|(?:last|next|previous|prior)\s+year")


def named_quarters(normalized: list, relative_phrases: set) -> list[tuple[Span, str]]:
    """The quarters the text names by their ordinal ("third-quarter", "the fiscal first quarter"),
    in text order, with their values."""
    return [(span, value) for span, _, _, _, value in normalized
            if value and QUARTER.fullmatch(value) and not OWN_YEAR.search(timex.clean(span.text))
            and re.sub(r"^(?:a|the)\s+", "", timex.clean(span.text)) not in relative_phrases]


def quarter_named_in_sentence(span: Span, named: list) -> str | None:
    """The first quarter named in the span's own sentence: "X Corp.'s third-quarter profit rose
    to $5 million from $4 million a year earlier" compares that quarter, whatever else the
    article reports (a second company's results, a fiscal quarter)."""
    return next((value for other, value in named if other.sent.start == span.sent.start), None)


def reported_quarter(normalized: list, named: list, relative_phrases: set, anchor: dt.date | None) -> str | None:
    """The quarter a results report is about: a fiscal quarter if the report names one first (a
    company's fiscal year need not follow the calendar, so the publication date says nothing
    about it); else the one just ended if the document names it, else the quarter around the
    anchor it names most often."""
    if named and "fiscal" in named[0][0].text.lower():
        return named[0][1]
    counts = Counter(value for span, _, _, _, value in normalized
                     if value and QUARTER.fullmatch(value)
                     and re.sub(r"^(?:a|the)\s+", "", timex.clean(span.text)) not in relative_phrases
                     and (anchor is None or 0 <= quarters_between(value, anchor) <= 1))
    if anchor is not None and timex.reported_quarter(anchor) in counts:
        return timex.reported_quarter(anchor)  # results come out in the weeks after a quarter closes
    return counts.most_common(1)[0][0] if counts else None


def quarters_between(quarter: str, day: dt.date) -> int:
    return day.year * 4 + (day.month - 1) // 3 - (int(quarter[:4]) * 4 + int(quarter[-1]) - 1)


def merge_overlapping(spans: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """Union of overlapping or touching token spans ("Friday" + "morning", "10 p.m." + "Wednesday");
    the source names every extractor that saw it."""
    merged: list[list] = []
    for start, end, source in sorted(spans):
        if merged and (start < merged[-1][1] or (start == merged[-1][1] and touching(doc, merged[-1][0], start, end))
                       or year_after_comma(doc, merged[-1][0], merged[-1][1], start, end)
                       or day_after_comma(doc, merged[-1][0], merged[-1][1], start, end)):
            last = merged[-1]
            last[1] = max(last[1], end)
            if source not in last[2]:
                last[2] = f"{last[2]}+{source}"
        else:
            merged.append([start, end, source])
    return [(start, end, source) for start, end, source in merged]


def year_after_comma(doc: Doc, start: int, left_end: int, right_start: int, end: int) -> bool:
    """'Sept. 7-13' + ', ' + '2020': the model sometimes cuts the year off a date."""
    return right_start == left_end + 1 and doc[left_end].text == "," and end - right_start == 1 \
        and re.fullmatch(r"(?:1[5-9]|20)\d\d", doc[right_start].text) is not None \
        and any(timex.is_calendar_name(token.text) for token in doc[start:left_end]) \
        and not any(re.fullmatch(r"\d{4}", token.text) for token in doc[start:left_end])


def day_after_comma(doc: Doc, start: int, left_end: int, right_start: int, end: int) -> bool:
    """'5 p.m. EST' + ', ' + 'Nov. 6': a clock time and the day it falls on are one expression
    (not when the day owns what follows: "at 10 a.m., Tuesday's session ...")."""
    if not (right_start == left_end + 1 and doc[left_end].text == ",") or \
            (end < len(doc) and doc[end].lower_ in ("'s", "\u2019s")):
        return False
    left = timex.normalize(doc[start:left_end].text)[1]
    right = timex.normalize(doc[right_start:end].text)[1]
    return left is not None and left.startswith("XXXX-XX-XXT") and right is not None \
        and re.fullmatch(r"XXXX-(?:\d\d-\d\d|WXX-\d)", right) is not None


def touching(doc: Doc, start: int, boundary: int, end: int) -> bool:
    """Whether two spans meeting at token `boundary` read as one expression: no punctuation
    between, neither side a free-standing adverb like "now", and either one side means nothing
    alone ("Friday" + "morning") or the whole has a value ("10 p.m." + "Wednesday", but not
    "6 a.m." + "ten days")."""
    before, after = doc[boundary - 1], doc[boundary]
    if before.is_punct or after.is_punct or before.pos_ == "ADV" or after.pos_ == "ADV":
        return False
    if timex.normalize(doc[start:boundary].text, NEUTRAL_ANCHOR)[1] is None or \
            timex.normalize(doc[boundary:end].text, NEUTRAL_ANCHOR)[1] is None:
        return True
    return timex.normalize(doc[start:end].text, NEUTRAL_ANCHOR)[1] is not None


def load_patterns(path) -> dict[str, list]:
    patterns: dict[str, list] = {}
    for number, row in read_pattern_jsonl(path, "extractors.dates.patterns"):
        try:
            patterns.setdefault(row["id"], []).append(row["pattern"])
        except (KeyError, TypeError) as error:
            raise ConfigError(f"extractors.dates.patterns: {path}:{number}: each line must be a JSON object "
                              f"with 'id' and 'pattern' ({error})") from None
    return patterns


CUE_KEYS = ("leading_words", "leading_keep_before", "trailing_words", "quantity_words", "rate_nouns",
            "non_temporal_heads", "year_ago_phrases", "reported_period_phrases", "period_end_verbs",
            "future_openers", "future_intent_verbs", "plan_verbs", "deferral_verbs", "schedule_words",
            "year_to_date_phrases", "leading_phrases", "vague_spans", "age_followers", "age_openers",
            "future_auxiliaries")


def load_cues(path) -> dict:
    cues = read_pattern_toml(path, "extractors.dates.cues")
    for key in CUE_KEYS:
        if not isinstance(cues.get(key), list):
            raise ConfigError(f"extractors.dates.cues: {path} must define {key} as a list of words")
    return cues
