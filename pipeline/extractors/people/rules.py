"""What the people rules know before they see a document: the options, the word lists, the matchers.

Read once when the extractor is built, into one frozen `PeopleRules` that every rule function receives.
The word lists live in `configs/patterns/people.toml`; the name lists in `configs/patterns/names/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...errors import ConfigError
from ...lexicon import NameLexicon, read_name_list
from ..anchored import AnchoredMatcher
from ..spans import doc_index
from ..base import ExtractorContext, read_pattern_toml


@dataclass
class PeopleOptions:
    """`[extractors.people]` in the config."""

    patterns: str = "patterns/people.toml"
    # Let the trained NER (`[model] trained_ner`, models/news_ner) veto a model PERSON it reads, over the
    # same words, as an organisation, place, product or work: clubs, companies and brands in business,
    # sport and technology news.
    trained_ner_veto: bool = False
    # Take the trained NER's PERSON where the base model saw an organisation or nothing, for full names that open
    # with a given name ("chief executive Marcus Feld", tagged ORG by the base model).
    trained_ner_people: bool = False
    # Tag later surname-only mentions of a person named in full ("Biden" after "Joe Biden").
    propagate_surnames: bool = True
    # "X, Y, Z and W" are all people when one of them is.
    expand_name_lists: bool = True
    min_surname_chars: int = 3
    max_name_tokens: int = 6
    # Name lists (one per line) that tell "Brown" the surname from "Purple" the word.
    given_names: str = "patterns/names/given_names.txt"
    surnames: str = "patterns/names/surnames.txt"
    # A model PERSON made only of everyday words ("Iron Harvest") is dropped unless the sentence shows a
    # person; a word counts as everyday at this wordfreq Zipf frequency or above. 0 turns the test off.
    common_word_zipf: float = 3.0
    # Census surnames past this frequency rank do not save an everyday word ("Water") from that test.
    max_surname_rank: int = 12000


@dataclass(frozen=True)
class PeopleRules:
    """The word lists (lowercased), the name lexicon and the spaCy matchers built from them."""

    options: PeopleOptions
    lexicon: NameLexicon
    honorifics: frozenset[str]
    job_titles: frozenset[str]
    non_persons: frozenset[str]  # bands, other organisations and places
    place_endings: tuple[str, ...]  # "-shire": a one-word name ending so is a place
    name_suffixes: frozenset[str]  # "Award", "Foundation": a name before them names a thing
    group_nouns: frozenset[str]
    group_endings: frozenset[str]
    group_nouns_plural: frozenset[str]
    member_nouns: frozenset[str]  # "drummer", "guitarist": members of a band
    product_nouns: frozenset[str]  # "app", "SUV": "the video platform X", "its X SUV"
    company_holdings: frozenset[str]  # "shares", "chief executive": what a company has and a person does not
    not_name_words: frozenset[str]
    never_in_names: frozenset[str]
    genre_heads: frozenset[str]  # "music" in "Soul music"
    personal_nouns: frozenset[str]  # what only a person owns: "death", "widow"
    person_nouns: frozenset[str]  # what only a person is: "guitarist", "person"
    work_nouns: frozenset[str]  # what a maker owns: "album", "novel"
    person_modifiers: frozenset[str]  # "solo" in "recorded two solo albums"
    human_verbs: frozenset[str]  # lemmas only people do: "die", "marry"
    role_of_job: Mapping[str, str]  # job title -> role when the job is about a work ("director" -> "director")
    role_cues: PhraseMatcher  # "created by", "starring": the role is the match label
    initials: AnchoredMatcher  # "R. Dawes", "J. R. R. Tolkien"
    table_row: AnchoredMatcher  # "Vera Petrova ( Russia )"
    longest_title: int  # words in the longest honorific or job title
    title_prefixes: frozenset[str]  # every start of an honorific or job title: most words start none
    member_alternation: str  # the member nouns as a regex alternation, longest first

    def title_at(self, doc: Doc, start: int, end: int) -> int:
        """Length of the longest honorific or job title at the start of doc[start:end]."""
        index = doc_index(doc)
        if end <= start or index.texts[start].lower() not in self.title_prefixes:
            return 0  # the title's words would start with this word: asked of every token, most start none
        for size in range(min(self.longest_title, end - start), 0, -1):
            words = index.span_text(start, start + size).lower()
            if words in self.honorifics or words in self.job_titles:
                return size
        return 0

    def is_name_part(self, doc: Doc, index: int) -> bool:
        """doc[index] may continue a name: a capitalized proper noun that is no title, suffix or function word."""
        token = doc[index]
        return (token.is_alpha and token.is_title and token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON")
                and token.lower_ not in self.not_name_words and token.lower_ not in self.job_titles
                and token.lower_ not in self.honorifics and token.lower_ not in self.name_suffixes)

    def is_plain_surname(self, word: str) -> bool:
        """A census surname that is neither a given name nor an everyday word: "Okafor", not "Max" or "Harvest"."""
        return (self.lexicon.is_surname(word) and not self.lexicon.is_given_name(word)
                and not self.lexicon.is_common_word(word))

    def shaped_like_a_full_name(self, span: Span) -> bool:
        """Opens with a given name, or has two or more words and ends with a frequent surname."""
        return self.lexicon.is_given_name(span[0].text) or (
            len(span) > 1 and span[-1].is_alpha and self.lexicon.is_frequent_surname(span[-1].text))


# `[lists]` entries read as they are into the `PeopleRules` field of the same name.
_WORD_LISTS = ("name_suffixes", "group_nouns", "group_endings", "group_nouns_plural", "member_nouns", "product_nouns",
               "company_holdings", "not_name_words", "never_in_names", "genre_heads", "personal_nouns", "person_nouns",
               "work_nouns", "person_modifiers", "human_verbs")


def _lower_list(table: dict, name: str, where: str) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{name}' must be a list of strings")
    return [v.lower() for v in value]


def _checked_options(options: PeopleOptions) -> PeopleOptions:
    if options.min_surname_chars < 1:
        raise ConfigError(f"extractors.people.min_surname_chars must be at least 1, got {options.min_surname_chars}")
    if options.max_name_tokens < 1:
        raise ConfigError(f"extractors.people.max_name_tokens must be at least 1, got {options.max_name_tokens}")
    return options


def _initials_matcher(nlp) -> AnchoredMatcher:
    """"R. Dawes", "J. R. R. Tolkien": initials then a capitalized surname."""
    initials = AnchoredMatcher(nlp.vocab)
    initials.add("initials", [[{"TEXT": {"REGEX": r"^[A-Z]\.$"}}, {"TEXT": {"REGEX": r"^[A-Z]\.$"}, "OP": "*"},
                               {"TEXT": {"REGEX": r"^[A-Z][a-z][\w'’-]*$"}},
                               {"TEXT": {"REGEX": r"^[A-Z][a-z][\w'’-]*$"}, "OP": "?"}]],
                 greedy="LONGEST")
    return initials


def _table_row_matcher(nlp) -> AnchoredMatcher:
    """Two or three capitalized words before a bracket: "Vera Petrova ( Russia )", "Bo Kim ( U.S. )"."""
    table_row = AnchoredMatcher(nlp.vocab)
    name = {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*[a-z][\w'’-]*$"}}
    table_row.add("row", [[name, name, {"TEXT": "("}, {"IS_TITLE": True}],
                          [name, name, name, {"TEXT": "("}, {"IS_TITLE": True}],
                          [name, name, {"TEXT": "("}, {"TEXT": {"REGEX": r"^[A-Z]\.[A-Z]\.?$"}}]],
                  greedy="LONGEST")
    return table_row


def load_rules(context: ExtractorContext, options: PeopleOptions) -> PeopleRules:
    """Check the options and read every list they point at; errors name the option."""
    options = _checked_options(options)
    lexicon = NameLexicon(read_name_list(context.resolve(options.given_names), "extractors.people.given_names"),
                          read_name_list(context.resolve(options.surnames), "extractors.people.surnames"),
                          options.common_word_zipf, options.max_surname_rank)
    lexicon.is_common_word("the")  # loads the word lists and frequencies now, with the model, not in the first article
    path = context.resolve(options.patterns)
    where = f"extractors.people.patterns ({path})"
    data = read_pattern_toml(path, "extractors.people.patterns")
    honorifics = frozenset(_lower_list(data, "honorifics", where))
    job_titles = frozenset(_lower_list(data, "job_titles", where))
    lists = data.get("lists", {})
    non_persons = frozenset(_lower_list(lists, "bands", where) + _lower_list(lists, "not_persons", where)
                            + _lower_list(lists, "places", where))
    place_endings = tuple(_lower_list(lists, "place_endings", where))
    word_lists = {name: frozenset(_lower_list(lists, name, where)) for name in _WORD_LISTS}
    role_of_job = data.get("role_of_job", {})
    if not isinstance(role_of_job, dict):
        raise ConfigError(f"{where}: [role_of_job] must be a table of job title = role")
    role_cues = data.get("role_cues", {})
    if not isinstance(role_cues, dict):
        raise ConfigError(f"{where}: [role_cues] must be a table of role = [phrases]")
    nlp = context.nlp
    cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for role in role_cues:
        cue_matcher.add(role, [nlp.make_doc(p) for p in _lower_list(role_cues, role, where)])
    return PeopleRules(
        options=options, lexicon=lexicon, honorifics=honorifics, job_titles=job_titles, non_persons=non_persons,
        place_endings=place_endings, **word_lists,
        role_of_job=MappingProxyType({k.lower(): v for k, v in role_of_job.items()}), role_cues=cue_matcher,
        initials=_initials_matcher(nlp), table_row=_table_row_matcher(nlp),
        longest_title=max((len(t.split()) for t in job_titles | honorifics), default=1),
        title_prefixes=frozenset(t[:size] for t in job_titles | honorifics for size in range(1, len(t) + 1)),
        member_alternation="|".join(re.escape(m) for m in sorted(word_lists["member_nouns"], key=len, reverse=True)))
