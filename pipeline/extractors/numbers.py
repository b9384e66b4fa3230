"""Numeric claims: every number with its value, unit, kind and what it is about.

The lexical work (words and digits to numbers, scales, currencies, units,
ranges, qualifiers) is `pipeline.normalize.quantities`, pure and parse-free. This
extractor adds what needs the parse and the mentions found before it:
it drops calendar parts of dates and numbers inside names and titles,
reads the counted noun ("12 episodes" -> unit "episode"); what the number
is about is read from the dependency tree by `numbers_about`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from spacy.tokens import Doc, Token

from ..article import Article
from ..errors import ConfigError
from ..normalize import timex
from ..normalize.quantities import ORDINAL_DATE_NOUNS, Quantity, QuantityParser, load_lexicon
from .registry import register
from ..mention import Found, Mention
from .base import ExtractorContext
from .numbers_about import Referents, about, load_about_lexicon, phrases_by_token
from .spans import after_possessive, text_of

DATE_LABELS = ("DATE", "TIME")
TIME_UNITS = {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"}
MONTHS_AND_DAYS = set(timex.MONTHS) | {day for day in timex.WEEKDAYS if day.endswith("day")}
CONFIDENCE = {"currency": 0.92, "unit": 0.9, "rank": 0.9, "age": 0.9, "counted": 0.85, "ordinal": 0.75,
              "bare": 0.7}


@register("numbers")
class NumberExtractor:
    """Numbers that quantify something, with value, unit, kind, qualifier, change and `about`."""

    kinds = ("numeric_claim",)
    requires = ("ner", "parser", "tagger", "attribute_ruler", "lemmatizer")

    @dataclass
    class Options:
        # Unit lexicon, cue words and currency table (relative to the config folder).
        lexicon: str = "patterns/numbers.toml"
        # Ordinals ("second", "2nd") are claims in ANNOTATION.md; switch off for corpora that skip them.
        ordinals: bool = True
        # Bare numbers with no unit, counted noun or cue ("Eminem (10)") are claims too.
        bare_numbers: bool = True
        # Mentions below this confidence are not emitted.
        min_confidence: float = 0.0
        # Words that point back to a named work, organisation or person, for `about` (relative to the config folder).
        about_lexicon: str = "patterns/numbers_about.toml"

    def __init__(self, context: ExtractorContext, options: Options):
        path = context.resolve(options.lexicon)
        if not path.is_file():
            raise ConfigError(f"extractors.numbers.lexicon: file not found: {path} "
                              f"(paths resolve against {context.config_dir})")
        try:
            self.parser = QuantityParser(load_lexicon(path))
        except (KeyError, ValueError, TypeError) as error:
            raise ConfigError(f"extractors.numbers.lexicon: {path} is not a valid lexicon: {error}") from None
        if not 0.0 <= options.min_confidence <= 1.0:
            raise ConfigError(f"extractors.numbers.min_confidence must be between 0 and 1, "
                              f"got {options.min_confidence}")
        self.about_lexicon = load_about_lexicon(context.resolve(options.about_lexicon),
                                                "extractors.numbers.about_lexicon")
        self.options = options

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        text = text_of(doc)
        found_dates = [(m.start, m.end) for m in found.get("date", ())]
        entities = doc.ents  # (spaCy builds the tuple of spans again on each access)
        model_dates = [(e.start_char, e.end_char) for e in entities if e.label_ in DATE_LABELS]
        people = [(m.start, m.end) for m in found.get("person", ())] + \
            [(e.start_char, e.end_char) for e in entities if e.label_ == "PERSON"]
        name_spans = [(m.start, m.end) for kind in ("title", "person") for m in found.get(kind, ())]
        phrases = referents = None  # built at the first claim: most documents have none
        headline = article.headline_span
        for quantity in self.parser.scan(text, keep_name_like=True):
            token = _token_at(doc, quantity.number_start, quantity.number_end)
            if token is None:
                continue
            if not self._keep(quantity, token, doc, name_spans, headline):
                continue
            quantity = _age_after_name(quantity, token, doc, people)
            quantity, how = self._with_counted_noun(quantity, token, doc)
            if quantity is None or _is_calendar_part(quantity, token, doc, found_dates, model_dates):
                continue
            confidence = CONFIDENCE[how]
            if confidence < self.options.min_confidence:
                continue
            value = quantity.as_value()
            if phrases is None:
                phrases, referents = phrases_by_token(doc, entities), Referents(doc, found, self.about_lexicon)
            value["about"] = about(token, quantity, doc, referents, phrases, headline)
            yield Mention("numeric_claim", quantity.start, quantity.end, value, confidence, f"rule:{how}")

    def _keep(self, quantity: Quantity, token: Token, doc: Doc, name_spans, headline) -> bool:
        start, end = quantity.number_start, quantity.number_end
        if any(a <= start and end <= b for a, b in name_spans):
            return False  # inside a person's name or a title: "Squid Game", "Ocean's Eleven"
        if quantity.is_year_like and not _counts_a_noun(token):
            return False
        if quantity.name_like:
            return False  # "Season 4", "COVID-19", "Apollo 11", "Seventeen" the band
        if not quantity.has_unit and not quantity.cue and _starts_a_name(token, doc, headline):
            return False  # "221 Baker Street", "747 Jumbo", "BBC One"
        if quantity.quantity == "ordinal":
            return self.options.ordinals and _is_counting_ordinal(token, doc, headline)
        if quantity.written == "words" and isinstance(quantity.value, int) and quantity.value == 1 \
                and not quantity.has_unit and quantity.cue != "rank":
            return _is_counting_one(token, doc)
        return True

    def _with_counted_noun(self, quantity: Quantity, token: Token, doc: Doc):
        """The quantity with its counted noun as unit and in its span ("12 episodes"), and how it was read."""
        if quantity.quantity == "money":
            return quantity, "currency"
        if quantity.quantity in ("age", "rank", "ordinal"):
            return quantity, quantity.quantity
        if quantity.has_unit:
            return quantity, "unit"
        noun = _counted_noun(token, doc, quantity.end)
        if noun is not None:
            unit = noun.lemma_.lower()
            end = max(quantity.end, noun.idx + len(noun.text))
            kind = "duration" if unit in TIME_UNITS else quantity.quantity
            return replace(quantity, unit=unit, end=end, has_unit=True, quantity=kind), "counted"
        partitive = _partitive_noun(token)
        if partitive is not None:
            return replace(quantity, unit=partitive.lemma_.lower()), "counted"
        if not self.options.bare_numbers:
            return None, "bare"
        return quantity, "bare"


# ------------------------------------------------------------ filtering: what is no claim
def _neighbour(token: Token, offset: int) -> Token | None:
    """The token `offset` places away in the same doc, or None past either end."""
    index = token.i + offset
    return token.doc[index] if 0 <= index < len(token.doc) else None


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    numeric = [t for t in span if t.like_num or t.is_digit or any(c.isdigit() for c in t.text)]
    return numeric[-1] if numeric else span[-1]


def _counts_a_noun(token: Token) -> bool:
    """A year-like number that counts: "1500 copies" (plural noun), not "2022 sales figures"."""
    head = token.head
    return token.dep_ == "nummod" and head.i > token.i and head.tag_ == "NNS"


def _starts_a_name(token: Token, doc: Doc, headline) -> bool:
    if headline is not None and headline[0] <= token.idx < headline[1]:
        return False
    following = _neighbour(token, 1)
    if token.is_digit and following is not None and following.tag_ == "NNP" and following.text[:1].isupper() \
            and following.idx - (token.idx + len(token.text)) <= 1:
        # "221 Baker Street", "747 Jumbo"; but "12 Hitchcock films", "3 Oscars" count
        for later in doc[token.i + 1:token.i + 5]:
            if later.is_punct:
                break
            if later.tag_ in ("NNS", "NNPS") or (later == token.head and later.text.islower()):
                return False
        return True
    # a capitalized number word inside a name: "BBC One", "Channel Four"
    if token.text[:1].isupper() and token.is_alpha and not token.is_sent_start and token.i > 0:
        previous = doc[token.i - 1]
        return previous.pos_ == "PROPN" and previous.text[:1].isupper()
    return False


def _is_counting_ordinal(token: Token, doc: Doc, headline) -> bool:
    low = token.lower_
    previous = _neighbour(token, -1)
    following = _neighbour(token, 1)
    if previous is not None and previous.lower_ == "at" and low == "first":
        return False  # "at first"
    if following is not None and following.lower_ == "of" and low == "first" and token.i + 2 < len(doc) \
            and doc[token.i + 2].lower_ == "all":
        return False  # "first of all"
    if token.pos_ == "ADV" and following is not None and following.pos_ in ("VERB", "AUX") \
            and (previous is None or previous.lower_ not in ("the", "its", "their", "his", "her")):
        return False  # "he first appeared"
    in_headline = headline is not None and headline[0] <= token.idx < headline[1]
    if token.text[:1].isupper() and not token.is_sent_start and not in_headline and following is not None \
            and following.text[:1].isupper() and following.pos_ == "PROPN":
        return False  # "Second World War", "First Lady": part of a name
    return True


def _is_counting_one(token: Token, doc: Doc) -> bool:
    previous = _neighbour(token, -1)
    following = _neighbour(token, 1)
    if previous is not None and previous.pos_ in ("DET", "PRON") and previous.tag_ in ("PRP$", "WDT", "DT"):
        return False
    if following is not None and (following.lower_ in ("another", "day", "time")
                                  or after_possessive(doc, token.i + 1) is not None):
        return False  # "one another", "one day", "one's own"
    if following is not None and following.lower_ == "of":
        return True  # partitive: "one of the most successful bands"
    if token.dep_ == "nummod" or (following is not None and following.pos_ in ("NOUN", "ADJ")):
        return True
    return token.pos_ == "NUM"


def _is_calendar_part(quantity: Quantity, token: Token, doc: Doc, found_dates, model_dates) -> bool:
    """A number that names a point in time ("2022", the "28" of "January 28") rather than counting.
    Counted time ("7 days") and explicit measures stay claims even inside a date."""
    if quantity.quantity in ("duration", "age", "money", "percent", "measure"):
        return False
    start, end = quantity.number_start, quantity.number_end
    inside_found_date = [(a, b) for a, b in found_dates if a <= start and end <= b]
    if inside_found_date and quantity.quantity != "ordinal":
        return True  # the date extractor read it as part of a date
    inside_model_date = inside_found_date + [(a, b) for a, b in model_dates if a <= start and end <= b]
    if not inside_model_date:
        return False
    # The model's DATE is noisy ("2483805" can be one), and "the second season" is no date:
    # trust a date span only for calendar-looking numbers.
    a, b = inside_model_date[0]
    words = {w.lower().strip(".,") for w in text_of(doc)[a:b].split()}
    if quantity.is_year_like:
        return True
    if quantity.quantity == "ordinal":
        # "the first season" is a claim the model may call a date; "the 28th of January" is not
        following = _neighbour(token, 1)
        before_a_noun = following is not None and following.pos_ == "NOUN" \
            and following.lower_ not in ORDINAL_DATE_NOUNS
        if quantity.written == "digits" and quantity.value <= 31 and not before_a_noun:
            return True  # "on the 22nd", but not "for the 12th time"
        return bool(words & (MONTHS_AND_DAYS | ORDINAL_DATE_NOUNS)) or any(w.isdigit() for w in words)
    value = quantity.value
    return isinstance(value, int) and 1 <= value <= 31 and bool(words & MONTHS_AND_DAYS)


# ------------------------------------------------------------ kind and unit read from the parse
def _age_after_name(quantity: Quantity, token: Token, doc: Doc, people) -> Quantity:
    """"Marsh, 54, said": a bare number between commas after a person's name is an age."""
    if quantity.has_unit or quantity.cue or not isinstance(quantity.value, int) or not 0 < quantity.value < 120:
        return quantity
    if token.i < 2 or doc[token.i - 1].text != ",":
        return quantity
    if token.i + 1 < len(doc) and doc[token.i + 1].text not in (",", ".", ";", ")"):
        return quantity
    name = doc[token.i - 2]
    name_end = name.idx + len(name.text)
    # a proper noun that the model does not call a place is taken as a person (it often tags a lone surname ORG)
    unnamed_person = name.pos_ == "PROPN" and name.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
    if any(a < name_end <= b for a, b in people) or unnamed_person:
        return replace(quantity, unit="year", quantity="age", has_unit=True, cue="age")
    return quantity


def _counted_noun(token: Token, doc: Doc, end_char: int) -> Token | None:
    """The noun a number counts: its head when it modifies a noun to its right within a short phrase."""
    head = token.head
    if token.dep_ in ("nummod", "amod", "compound", "quantmod", "nmod") and head.i > token.i \
            and head.pos_ in ("NOUN", "PROPN") and head.i - token.i <= 5:
        between = doc[token.i + 1:head.i]
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "ADV", "VERB", "NUM") and t.text not in (",", "(", ")")
               for t in between) and "\n" not in text_of(doc)[end_char:head.idx]:
            if head.pos_ == "PROPN" and head.tag_ != "NNPS":
                return None  # a name, not a counted noun; plural names count: "three Emmys"
            return head
    # "eight-episode series", "27-track album": the noun glued by a hyphen
    following = _neighbour(token, 1)
    if following is not None and following.text == "-" and token.i + 2 < len(doc) \
            and following.idx == token.idx + len(token.text):
        noun = doc[token.i + 2]
        if noun.idx == following.idx + 1 and noun.pos_ in ("NOUN", "ADJ", "VERB") and noun.is_alpha:
            return noun
    return None


def _partitive_noun(token: Token) -> Token | None:
    """'one of the 21 films' -> films."""
    following = _neighbour(token, 1)
    if following is None or following.lower_ != "of":
        return None
    objects = [child for child in following.children if child.dep_ == "pobj"]
    if objects and objects[0].pos_ == "NOUN":
        return objects[0]
    return None
