"""People: the model's PERSON corrected by rules, with canonical names and roles.

The model finds most names but cuts some short ("Yoo" of "Yoo In-soo"), takes
titles, charts and bands for people, and misses names that only appear as a
surname, in all-caps headlines or in "R. Dawes"-style sports tables. The
rules here fix those cases, resolve every short mention to the full name
used in the article, and read roles from bylines, cue phrases ("created by",
"stars ... in the lead roles") and job titles before or after a name. Word
lists live in `configs/patterns/people.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ..article import Article
from ..entities import entity_id
from ..errors import ConfigError
from ..lexicon import NameLexicon, read_name_list
from . import register
from .casing import in_caps_line as _in_caps_line, in_title_case_line as _in_title_case_line
from ..mention import Found, Mention
from .base import ExtractorContext, read_pattern_toml
from .spans import POSSESSIVE_MARKERS, POSSESSIVE_OR_APOSTROPHE, after_possessive, year_in_brackets

BYLINE = re.compile(r"(?im)^[ \t]*(?:written|reported|posted|words|story|text)?[ \t]*by[ \t]*:?[ \t]*\n?[ \t]*"
                    r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})[ \t]*$")
BYLINE_WINDOW = 3000  # bylines sit in the header; deeper "By X" lines are text
QUOTES = "\"'‘’“”"
CONFIDENCE = {"subject": 0.65, "table": 0.7, "ner": 0.8, "initials": 0.75, "list": 0.7, "byline": 0.9, "propagated": 0.7, "cue": 0.75}
# Lowercase particles inside names: "Petra van Loon", "Theo van Gogh".
PERSONAL_PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}
GROUP_PRONOUNS = {"they", "their", "them", "themselves"}
NAME_PARTICLES = {"van", "von", "den", "der", "de", "da", "di", "du", "del", "della", "le", "la", "bin", "ibn",
                  "al", "el", "ter", "ten", "dos", "das", "do"}


@dataclass
class Candidate:
    start: int  # token indexes into the doc, end exclusive
    end: int
    source: str
    roles: list = field(default_factory=list)


@dataclass
class DocEvidence:
    """What one call learns about its document: the texts of its titles and the names it shows are no people.

    Created per call and passed along, so the extractor keeps no per-document state on itself.
    """
    title_texts: set[str] = field(default_factory=set)
    title_starts: set[int] = field(default_factory=set)  # character offsets
    title_ends: set[int] = field(default_factory=set)
    surnames_of_full_names: set[str] = field(default_factory=set)  # last words of the model's longer PERSONs
    not_people: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)  # the part of not_people that the text shows ("X have"), not votes


def _load_toml(path) -> dict:
    return read_pattern_toml(path, "extractors.people.patterns")


def _lower_list(table: dict, name: str, where: str) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{name}' must be a list of strings")
    return [v.lower() for v in value]


def _overlaps_title(doc: Doc, start: int, end: int, titles) -> bool:
    """A list with a title in it ("Tin Roof Blues, Quiet Harbour and ...") is a list of works, not of people."""
    span = doc[start:end]
    return any(s < span.end_char and span.start_char < e for s, e, _ in titles)


def _fronts_a_band(doc: Doc, span: Span) -> bool:
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


def _dated_list_item(doc: Doc, span: Span) -> bool:
    """"Paper Moon ( 1998 ) , Golden Hour ( 2001 ) and ...": a list item followed by a single year in
    brackets, in a sentence that dates another item the same way, is a work (people get life spans)."""
    if not year_in_brackets(doc, span.end):
        return False
    after = span.end + 3
    if after < len(doc) and doc[after].lower_ not in (",", "and", ";", "."):
        return False
    sentence = span.sent
    return any(year_in_brackets(doc, i) for i in range(sentence.start, sentence.end) if i != span.end)


def _elided_particle(doc: Doc, index: int) -> bool:
    """doc[index] is the "O" of "O 'Brien" or the "d" of "d 'Arcy" in token-joined text: particle, a space,
    an apostrophe glued to a capitalized word."""
    return (0 <= index and index + 2 < len(doc) and doc[index].text in ("O", "D", "d") and doc[index].whitespace_
            and doc[index + 1].text in ("'", "’") and not doc[index + 1].whitespace_
            and doc[index + 2].is_alpha and doc[index + 2].text[:1].isupper())


@register("people")
class PersonExtractor:
    kinds = ("person",)
    requires = ("ner", "parser", "tagger", "attribute_ruler")  # entities, sentences, POS

    @dataclass
    class Options:
        patterns: str = "patterns/people.toml"
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

    def __init__(self, context: ExtractorContext, options: Options):
        self.options = options
        if options.min_surname_chars < 1:
            raise ConfigError(f"extractors.people.min_surname_chars must be at least 1, got {options.min_surname_chars}")
        if options.max_name_tokens < 1:
            raise ConfigError(f"extractors.people.max_name_tokens must be at least 1, got {options.max_name_tokens}")
        self.lexicon = NameLexicon(read_name_list(context.resolve(options.given_names), "extractors.people.given_names"),
                                   read_name_list(context.resolve(options.surnames), "extractors.people.surnames"),
                                   options.common_word_zipf, options.max_surname_rank)
        path = context.resolve(options.patterns)
        where = f"extractors.people.patterns ({path})"
        data = _load_toml(path)
        self.honorifics = set(_lower_list(data, "honorifics", where))
        self.job_titles = set(_lower_list(data, "job_titles", where))
        lists = data.get("lists", {})
        self.non_persons = (set(_lower_list(lists, "bands", where)) | set(_lower_list(lists, "not_persons", where))
                            | set(_lower_list(lists, "places", where)))
        self.place_endings = tuple(_lower_list(lists, "place_endings", where))
        self.name_suffixes = set(_lower_list(lists, "name_suffixes", where))
        self.group_nouns = set(_lower_list(lists, "group_nouns", where))
        self.group_endings = set(_lower_list(lists, "group_endings", where))
        self.group_nouns_plural = set(_lower_list(lists, "group_nouns_plural", where))
        self.member_nouns = set(_lower_list(lists, "member_nouns", where))
        self.member_alternation = "|".join(re.escape(m) for m in sorted(self.member_nouns, key=len, reverse=True))
        self.not_name_words = set(_lower_list(lists, "not_name_words", where))
        self.never_in_names = set(_lower_list(lists, "never_in_names", where))
        self.genre_heads = set(_lower_list(lists, "genre_heads", where))
        self.personal_nouns = set(_lower_list(lists, "personal_nouns", where))
        self.person_nouns = set(_lower_list(lists, "person_nouns", where))
        self.work_nouns = set(_lower_list(lists, "work_nouns", where))
        self.person_modifiers = set(_lower_list(lists, "person_modifiers", where))
        self.human_verbs = set(_lower_list(lists, "human_verbs", where))
        role_of_job = data.get("role_of_job", {})
        if not isinstance(role_of_job, dict):
            raise ConfigError(f"{where}: [role_of_job] must be a table of job title = role")
        self.role_of_job = {k.lower(): v for k, v in role_of_job.items()}
        role_cues = data.get("role_cues", {})
        if not isinstance(role_cues, dict):
            raise ConfigError(f"{where}: [role_cues] must be a table of role = [phrases]")
        self.longest_title = max((len(t.split()) for t in self.job_titles | self.honorifics), default=1)

        nlp = context.nlp
        self.role_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for role, phrases in role_cues.items():
            self.role_cues.add(role, [nlp.make_doc(p) for p in _lower_list(role_cues, role, where)])
        # "R. Dawes", "J. R. R. Tolkien": initials then a capitalized surname.
        self.initials = Matcher(nlp.vocab)
        self.initials.add("initials", [[{"TEXT": {"REGEX": r"^[A-Z]\.$"}}, {"TEXT": {"REGEX": r"^[A-Z]\.$"}, "OP": "*"},
                                        {"TEXT": {"REGEX": r"^[A-Z][a-z][\w'’-]*$"}},
                                        {"TEXT": {"REGEX": r"^[A-Z][a-z][\w'’-]*$"}, "OP": "?"}]],
                          greedy="LONGEST")
        self.table_row = Matcher(nlp.vocab)
        name = {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*[a-z][\w'’-]*$"}}
        self.table_row.add("row", [[name, name, {"TEXT": "("}, {"IS_TITLE": True}],
                                   [name, name, name, {"TEXT": "("}, {"IS_TITLE": True}],
                                   [name, name, {"TEXT": "("}, {"TEXT": {"REGEX": r"^[A-Z]\.[A-Z]\.?$"}}]],
                           greedy="LONGEST")

    # -- the extractor -----------------------------------------------------------

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        text = article.text
        titles = sorted((m.start, m.end, m.value.get("entity")) for m in found.get("title", []))
        # Evidence about this one document lives in a per-call object, never on the instance, so that
        # one extractor can serve several documents at once.
        evidence = DocEvidence(title_texts={text[m.start:m.end].lower() for m in found.get("title", [])},
                               title_starts={start for start, _, _ in titles}, title_ends={end for _, end, _ in titles},
                               surnames_of_full_names={e[-1].text for e in doc.ents
                                                       if e.label_ == "PERSON" and len(e) > 1})
        candidates: list[Candidate] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                candidates.append(Candidate(ent.start, ent.end, "ner"))
        for _, start, end in self.initials(doc):
            candidates.append(Candidate(start, end, "initials"))
        candidates.extend(self._byline_candidates(doc, article))

        candidates.extend(self._table_rows(doc))
        candidates.extend(self._names_after_titles_and_cues(doc))
        candidates.extend(self._owners_of_titles(doc, titles))
        cleaned = [c for c in map(lambda c: self._cleaned(doc, c), candidates) if c is not None]
        evidence.not_people, evidence.groups = self._names_shown_not_people(doc, cleaned)
        kept = [c for c in cleaned if self._is_person_like(doc, c, titles, evidence)]
        taken = {i for c in kept for i in range(c.start, c.end)}
        lone = [c for c in self._lone_names_acting_as_people(doc, titles, evidence)
                if c.start not in taken and self._is_person_like(doc, c, titles, evidence)]
        # What a sentence shows about a name outweighs how the model labels it elsewhere: the other mentions
        # of a surname shown to be a person may be propagated again.
        evidence.not_people -= {doc[c.start:c.end].text.lower() for c in lone} - evidence.groups
        kept += lone
        kept = self._trimmed_in_headlines(doc, kept)
        kept = self._merged_across_particles(doc, self._without_overlaps(kept))
        if self.options.expand_name_lists:
            kept = self._without_overlaps(kept + list(self._name_list_members(doc, kept, titles, evidence)))

        if self.options.propagate_surnames:
            extra = list(self._propagated(doc, kept, titles, evidence))
            kept = self._without_overlaps(kept + extra)
        canonical = self._canonical_names(doc, kept)

        self._add_job_roles(doc, kept, titles)
        self._add_cue_roles(doc, kept, titles)
        self._add_byline_roles(doc, article, kept)

        for candidate in sorted(kept, key=lambda c: c.start):
            span = doc[candidate.start:candidate.end]
            name = canonical[candidate.start]
            roles = []
            for role in candidate.roles:
                if role not in roles:
                    roles.append(role)
            yield Mention("person", span.start_char, span.end_char,
                          {"name": name, "entity": entity_id("person", name), "roles": roles},
                          CONFIDENCE[candidate.source],
                          "ner:PERSON" if candidate.source == "ner" else f"rule:{candidate.source}")

    # -- candidates --------------------------------------------------------------

    def _names_shown_not_people(self, doc: Doc, candidates: list[Candidate]) -> tuple[set[str], set[str]]:
        """Names that the article itself shows are not people, so that every mention of them is dropped.

        A group takes a plural verb ("Deep Purple have topped"), takes "the"
        ("the Sugababes"), or the model labels the same words as an
        organisation or place more often than as a person ("Surrey").
        """
        votes: dict[str, list[int]] = {}
        for ent in doc.ents:
            key = ent.text.lower()
            if ent.label_ == "PERSON":
                votes.setdefault(key, [0, 0])[0] += 1
            elif ent.label_ in ("ORG", "GPE", "LOC", "NORP", "FAC"):
                votes.setdefault(key, [0, 0])[1] += 1
        name_parts = {part.lower() for c in candidates if c.end - c.start > 1
                      for part in (doc[c.end - 1].text, doc[c.start + 1:c.end].text)}
        by_votes = {key for key, (person, other) in votes.items() if other > person and key not in name_parts}
        shown = set()
        for candidate in candidates:
            if candidate.source != "ner":
                continue
            span = doc[candidate.start:candidate.end]
            before = doc[span.start - 1] if span.start > 0 else None
            after = doc[span.end] if span.end < len(doc) else None
            plural_verb = (after is not None and after.lower_ in ("have", "are", "were")
                           and (before is None or before.lower_ not in ("and", "&", ","))
                           and span.root.dep_ in ("nsubj", "nsubjpass", "ROOT"))  # not "the poems of X were"
            after_group_noun = before is not None and before.lower_ in self.group_nouns
            heads_the = (before is not None and before.lower_ == "the"
                         and (after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PART")))
            member_after = (after is not None and after.lower_ in self.member_nouns and span.end + 1 < len(doc)
                            and doc[span.end + 1].is_title)
            of_someone = (before is not None and before.lower_ == "of" and span.start >= 2
                          and doc[span.start - 2].ent_type_ == "PERSON" and doc[span.start - 2].is_title)
            if plural_verb or heads_the or after_group_noun or member_after or of_someone \
                    or (self._listed_as_groups(doc, span) and not self._shaped_like_a_full_name(span)) \
                    or self._shown_a_band_anywhere(doc.text, span.text):
                shown.add(span.text.lower())
        return by_votes | shown, shown

    def _shown_a_band_anywhere(self, text: str, name: str) -> bool:
        """Band evidence anywhere in the text: "members of X", "the drummer of X", "X's line-up", "X ' s
        guitarist", "X was formed in 1985", "X disbanded", "X ( band )"."""
        if len(name) < 2:
            return False
        key = r"\s+".join(re.escape(part) for part in name.split())
        members = self.member_alternation
        patterns = (
            rf"\b(?i:{members})\s+(?:of|for|in)\s+(?:the\s+)?{key}(?![\w-])",
            rf"(?<![\w-]){key}\s*(?:'s|’s|'\s+s|’\s+s|')\s+(?:\w+\s+){{0,2}}?(?:line-?up|(?:{members}))\b",
            rf"(?<![\w-]){key}\s+(?:was|were)\s+(?:originally\s+|first\s+)?formed\b",
            rf"(?<![\w-]){key}\s+(?:formed|disbanded|broke\s+up)\s+in\b",
            rf"(?<![\w-]){key}\s+\(\s*band\s*\)",
        )
        return any(re.search(pattern, text) for pattern in patterns)

    def _lone_names_acting_as_people(self, doc: Doc, titles, evidence: DocEvidence) -> Iterable[Candidate]:
        """A surname alone that the model missed ("Varga recorded two solo albums") where the sentence shows
        a person: the subject of a verb only people do ("died", "wrote", "was born"); the owner of a life
        ("X's death", "X ' s widow"); the subject of "is a guitarist" or of "recorded solo albums"; or the
        subject of a sentence that goes on with "he", "she", "his" or "her" (or is followed by a "He ..."
        sentence) and names no other person in between. Speech verbs ("said") are no evidence: companies say
        things too. A name the text shows to be a group is never taken."""
        title_starts = {start for start, _, _ in titles}
        for token in doc:
            possessive = after_possessive(doc, token.i + 1) if token.i + 1 < len(doc) else None
            owned = None
            if possessive is not None and possessive < len(doc):
                owned = next((t for t in doc[possessive:possessive + 3] if t.pos_ == "NOUN"), None)
            owns_a_life = owned is not None and owned.lower_ in self.personal_nouns
            # "Okafor's second album", "Okafor ' s Quiet Harbour": a surname owning a work is its maker, even
            # where the model calls the surname a town or a company.
            owns_a_work = possessive is not None and possessive < len(doc) and (
                (owned is not None and owned.lower_ in self.work_nouns) or doc[possessive].idx in title_starts)
            maker = owns_a_work and self._plain_surname(token.text)
            if (token.dep_ not in ("nsubj", "nsubjpass") and not owns_a_life and not maker) \
                    or token.ent_type_ in ("PERSON", "LOC", "NORP", "FAC", "DATE", "WORK_OF_ART", "EVENT") \
                    or (token.ent_type_ == "GPE" and not maker):
                continue
            if not (token.is_alpha and token.is_title and token.pos_ == "PROPN"
                    and len(token) >= self.options.min_surname_chars):
                continue
            lower = token.lower_
            if (lower in STOP_WORDS or lower in self.not_name_words or lower in self.job_titles
                    or lower in self.honorifics or lower in self.non_persons or lower in evidence.groups
                    or lower in self.group_nouns):
                continue
            if token.i > 0 and (doc[token.i - 1].lower_ in ("the", "a", "an") or doc[token.i - 1].text in ("-", "‐")):
                continue
            if token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "‐"):
                continue
            if _in_title_case_line(doc.text, token.idx) or _in_caps_line(doc.text, token.idx, token.idx + len(token)):
                continue
            span = doc[token.i:token.i + 1]
            if not self._stands_alone(doc, span):
                continue
            verb = token.head
            lemma = verb.lemma_.lower()
            human = lemma in self.human_verbs and not (lemma == "bear" and token.dep_ != "nsubjpass")
            subject = token.dep_ in ("nsubj", "nsubjpass")
            # A surname the model left untagged, that is neither a given name nor an everyday word: "Okafor
            # recorded ..." but not "Harvest recorded ..." or "Max streamed ...". Names the model tags as
            # organisations need stronger evidence (sports teams are named after towns that are surnames too).
            surname = (subject and token.ent_type_ == "" and self._plain_surname(token.text)
                       and not self._followed_by_group_pronoun(doc, token) and not self._predicate_names_a_group(verb))
            if human or owns_a_life or surname or maker or (subject and (self._followed_by_personal_pronoun(doc, token)
                                                                or self._predicate_names_a_person(verb))):
                yield Candidate(token.i, token.i + 1, "subject")

    def _plain_surname(self, word: str) -> bool:
        return (self.lexicon.is_surname(word) and not self.lexicon.is_given_name(word)
                and not self.lexicon.is_common_word(word))

    def _predicate_names_a_group(self, verb) -> bool:
        """"Okafor is a label", "Okafor are a trio"."""
        return verb.lemma_ == "be" and any(child.dep_ == "attr" and child.lower_ in self.group_nouns
                                           for child in verb.children)

    def _predicate_names_a_person(self, verb) -> bool:
        """"Dorn is a guitarist", "Mendez was the first person to ...", "Varga recorded two solo albums"."""
        for child in verb.children:
            if child.dep_ == "attr" and verb.lemma_ == "be" and (
                    child.lemma_.lower() in self.person_nouns or child.lower_ in self.job_titles):
                return True
            if child.dep_ in ("dobj", "advmod", "acomp") and (
                    child.lower_ in self.person_modifiers
                    or any(c.dep_ in ("amod", "compound") and c.lower_ in self.person_modifiers for c in child.children)):
                return True
        return False

    @staticmethod
    def _followed_by_personal_pronoun(doc: Doc, token) -> bool:
        sentence = token.sent
        for other in doc[token.i + 1:sentence.end]:
            if other.ent_type_ == "PERSON":
                return False  # someone else may be who "he" is
            if other.lower_ in PERSONAL_PRONOUNS:
                return True
        # The subject of the sentence before "He ..." / "Her ...": the next sentence goes on about a person.
        after = sentence.end
        return (token.sent.root == token.head and after < len(doc) and doc[after].lower_ in PERSONAL_PRONOUNS
                and doc[after].is_title)

    @staticmethod
    def _followed_by_group_pronoun(doc: Doc, token) -> bool:
        """"Okafor toured ... their", or a next sentence opening "They ...": maybe a band, not one person."""
        sentence = token.sent
        if any(other.lower_ in GROUP_PRONOUNS for other in doc[token.i + 1:sentence.end]):
            return True
        return sentence.end < len(doc) and doc[sentence.end].lower_ in GROUP_PRONOUNS

    def _listed_as_groups(self, doc: Doc, span: Span) -> bool:
        """"Bands like Flogging Molly, Black 47, Dropkick Murphys": every item of such a list is a group."""
        index = span.start - 1
        sentence_start = span.sent.start
        while index >= sentence_start and span.start - index <= 25:
            token = doc[index]
            if token.lower_ in ("like", "including", "as") and index > sentence_start:
                head = doc[index - 1] if token.lower_ != "as" else doc[index - 2] if index - 2 >= sentence_start else None
                if token.lower_ == "as" and doc[index - 1].lower_ != "such":
                    return False
                return head is not None and head.lower_ in self.group_nouns_plural
            if not (token.is_title or token.text in (",", "&", "-") or token.lower_ in ("and", "the", "of")
                    or token.like_num):
                return False
            index -= 1
        return False

    def _names_after_titles_and_cues(self, doc: Doc) -> Iterable[Candidate]:
        """Names the model missed where a job title or a role cue announces one:
        "Detective Sergeant Nell Garvey", "a 2019 novel by Ines Calder"."""
        starts = {index + size for index in range(len(doc)) if (size := self._title_at(doc, index, len(doc)))}
        cued = {end for _, start, end in self.role_cues(doc)}
        for start in sorted(starts | cued):
            labels = ("", "PERSON", "ORG") if start in cued else ("", "PERSON")
            end = start
            while end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].is_alpha \
                    and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in labels \
                    and doc[end].lower_ not in self.job_titles and doc[end].lower_ not in self.not_name_words:
                end += 1
            if end - start >= 2 and not _in_title_case_line(doc.text, doc[start].idx):
                yield Candidate(start, end, "cue")

    def _owners_of_titles(self, doc: Doc, titles) -> Iterable[Candidate]:
        """"Doja Cat's Planet Her": the name owning a title is its author or artist."""
        title_starts = {start for start, _, _ in titles}
        for marker in doc:
            after = after_possessive(doc, marker.i)
            if after is None or after >= len(doc) or doc[after].idx not in title_starts:
                continue
            end = marker.i
            start = end
            while start > 0 and end - start < 3 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].ent_type_ in ("", "PERSON") and doc[start - 1].lower_ not in self.not_name_words:
                start -= 1
            lone = (end - start == 1 and doc[start].is_alpha and len(doc[start]) >= self.options.min_surname_chars
                    and (start == 0 or not (doc[start - 1].is_title or doc[start - 1].lower_ == "the")))
            if end - start >= 2 or lone:  # "Nabokov ' s Lolita" in token-joined text, too
                yield Candidate(start, end, "cue")

    def _table_rows(self, doc: Doc) -> Iterable[Candidate]:
        """Results tables: "4. Vera Petrova ( Russia ) 1.95", "Ann Lee ( U.S. ) beat Bo Kim ( Czech )"."""
        for _, start, end in self.table_row(doc):
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
                    or "\n" in doc.text[before.idx:doc[start].idx]:
                yield Candidate(start, name_end, "table")

    def _byline_candidates(self, doc: Doc, article: Article) -> Iterable[Candidate]:
        for start, end in self._byline_spans(article):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            names = [t for t in span if t.is_alpha and t.is_title and t.lower_ not in self.not_name_words]
            if names:
                first, last = names[0].i, names[-1].i + 1
                while last < len(doc) and doc[last].text == "-" and last + 1 < len(doc) and not doc[last - 1].whitespace_:
                    last += 2
                yield Candidate(first, last, "byline")

    def _byline_spans(self, article: Article) -> list[tuple[int, int]]:
        if article.byline_spans:
            return list(article.byline_spans)
        return [m.span(1) for m in BYLINE.finditer(article.text[:BYLINE_WINDOW])]

    def _cleaned(self, doc: Doc, candidate: Candidate) -> Candidate | None:
        """Trim quotes, possessives and job titles off a span; extend a name the model cut short."""
        start, end = candidate.start, candidate.end
        roles = list(candidate.roles)
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].text in QUOTES):
            start += 1
        for index in range(start + 1, end):
            token = doc[index]
            spaced_hyphen = token.text in ("-", "–", "—") and (token.whitespace_ or doc[index - 1].whitespace_)
            if (spaced_hyphen or token.like_num or token.lower_ in POSSESSIVE_MARKERS
                    or (token.is_punct and token.text not in ("-", ".", "‐", "'", "’"))):
                end = index  # "Ana Lind - Blue Harbour", "K. Marsh 3-41", "Lowe's Glass Choir"
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in QUOTES
                               or doc[end - 1].lower_ in POSSESSIVE_MARKERS):
            end -= 1
        while start < end:
            size = self._title_at(doc, start, end)
            if not size or size >= end - start:
                break
            words = doc[start:start + size].text
            if words.lower() not in self.honorifics:
                roles.append({"role": words, "of": None, "org": None})
            start += size
        while start < end and doc[start].lower_ in self.not_name_words:
            start += 1
        while end > start and doc[end - 1].lower_ in self.not_name_words:
            end -= 1
        if start >= end:
            return None
        start, end = self._extended(doc, start, end)
        if end - start > self.options.max_name_tokens:
            return None
        return Candidate(start, end, candidate.source, roles)

    def _title_at(self, doc: Doc, start: int, end: int) -> int:
        """Length of the longest honorific or job title at the start of doc[start:end]."""
        for size in range(min(self.longest_title, end - start), 0, -1):
            words = doc[start:start + size].text.lower()
            if words in self.honorifics or words in self.job_titles:
                return size
        return 0

    def _is_name_part(self, doc: Doc, index: int) -> bool:
        token = doc[index]
        return (token.is_alpha and token.is_title and token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON")
                and token.lower_ not in self.not_name_words and token.lower_ not in self.job_titles
                and token.lower_ not in self.honorifics and token.lower_ not in self.name_suffixes)

    def _extended(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """'Yoo' -> 'Yoo In-soo': take hyphenated and adjacent proper-noun parts of the same name."""
        if _in_caps_line(doc.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
            return start, end
        while end < len(doc) and end - start < self.options.max_name_tokens:
            previous = doc[end - 1]
            if (doc[end].text in ("-", "‐") and not previous.whitespace_ and not doc[end].whitespace_
                    and end + 1 < len(doc) and doc[end + 1].is_alpha):
                end += 2
                continue
            token = doc[end]
            if _elided_particle(doc, end - 1):
                end += 2  # token-joined "Sean O 'Brien", "Madame d 'Arcy"
                continue
            if previous.whitespace_ and _elided_particle(doc, end) and self._is_name_part(doc, end - 1):
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
        while start > 2 and end - start < self.options.max_name_tokens and _elided_particle(doc, start - 2):
            start -= 2  # "Brien" of "O 'Brien"
            if start > 0 and self._is_name_part(doc, start - 1) and "\n" not in doc[start - 1].text_with_ws:
                start -= 1
        while start > 1 and end - start < self.options.max_name_tokens:
            hyphen = doc[start - 1]
            if (hyphen.text in ("-", "‐") and not hyphen.whitespace_ and not doc[start - 2].whitespace_
                    and doc[start - 2].is_alpha and doc[start - 2].text[0].isupper()):
                start -= 2
                continue
            break
        while start > 0 and end - start < self.options.max_name_tokens:
            previous = doc[start - 1]
            if (previous.whitespace_ == " " and not doc[start].is_sent_start and self._is_name_part(doc, start - 1)
                    and previous.ent_type_ == "" and "\n" not in previous.text):
                start -= 1
                continue
            break
        return start, end

    def _is_person_like(self, doc: Doc, candidate: Candidate, titles, evidence: "DocEvidence") -> bool:
        span = doc[candidate.start:candidate.end]
        text = span.text
        lower = text.lower()
        if any(s < span.end_char and span.start_char < e for s, e, _ in titles):
            return False
        if lower in evidence.title_texts:
            return False  # "Tiger King" in "Tiger King 2": the work again, not a person
        if lower in self.non_persons or f"the {lower}" in self.non_persons:
            return False
        if lower in evidence.not_people and candidate.source in ("ner", "propagated"):
            return False
        if span[-1].lower_ in self.group_endings:
            return False  # "Hive Labels", "Hanteo Chart"
        if any(t.lower_ in self.never_in_names for t in span):
            return False  # "Tony Award", "Eurovision Song Contest"
        if (candidate.end < len(doc) and doc[candidate.end].is_lower
                and doc[candidate.end].lower_ in self.genre_heads and candidate.source != "byline"):
            return False  # "Soul music", "Euro disco": a style, not a person
        if len(span) == 1 and self.place_endings and lower.endswith(self.place_endings):
            return False
        if len(span) == 1 and span[0].is_sent_start and span[0].pos_ != "PROPN" and candidate.source == "ner":
            return False  # "Granted, ...": a sentence-opening word, not a name
        if any(ch.isdigit() for ch in text) or not any(ch.isupper() for ch in text):
            return False
        if "\n" in text or any(t.is_punct and t.text not in ("-", ".", "'", "’", "‐") for t in span):
            return False
        if candidate.start > 0 and doc[candidate.start - 1].lower_ == "the" and candidate.source != "byline":
            return False  # "the Sugababes": a group, or part of a bigger name
        if candidate.end < len(doc):
            following = doc[candidate.end]
            if following.lower_ in self.name_suffixes:
                return False  # "the Peter Sellers Award"
        if candidate.source == "initials":
            if any(e.label_ in ("GPE", "LOC", "FAC") and e.start <= candidate.start < e.end for e in doc.ents):
                return False
        if (candidate.source == "ner" and len(span) == 1 and candidate.end < len(doc) and doc[candidate.end].like_num
                and not doc[candidate.end].whitespace_ == ""):
            if span[0].lower_ not in {surname.lower() for surname in evidence.surnames_of_full_names}:
                return False  # "Leicestershire 296": a team's score, unless the article names a person so
        if candidate.source == "ner" and _in_caps_line(doc.text, span.start_char, span.end_char):
            return False  # all-caps headlines: kept only where the body confirms the name
        if candidate.source in ("ner", "list") and (_fronts_a_band(doc, span) or _dated_list_item(doc, span)):
            return False  # "Ann Lee and the Lanterns"; "Paper Moon ( 1998 ) , Golden Hour ( 2001 )"
        if candidate.source == "ner" and not self.lexicon.is_given_name(span[0].text) \
                and self._listed_beside_a_title(doc, span, evidence):
            return False  # "Quiet Harbour ( 2019 ) , Paper Moon and Stray Dogs": one list, all works
        if candidate.source in ("ner", "list") and not self._shaped_like_a_full_name(span) \
                and self._listed_with_groups(doc, span, evidence):
            return False  # "Metallica, Vortex Saints and Grey Anvil": the company a name keeps in a list
        if candidate.source in ("ner", "list") and self._made_of_everyday_words(span, evidence) \
                and not self._sentence_shows_a_person(doc, span):
            return False  # "Iron Harvest", "Broken Lantern": a band, a work or a venue, not a person
        return True

    def _shaped_like_a_full_name(self, span: Span) -> bool:
        """Opens with a given name, or has two or more words and ends with a frequent surname."""
        return self.lexicon.is_given_name(span[0].text) or (
            len(span) > 1 and span[-1].is_alpha and self.lexicon.is_frequent_surname(span[-1].text))

    def _listed_with_groups(self, doc: Doc, span: Span, evidence: "DocEvidence") -> bool:
        """The span is an item of a list of three or more capitalized items ("A, B, C and D") and another
        item is a known group: on the band list, shown to be a group in this text, "the X", or "X Band"."""
        sentence = span.sent
        separators = (",", "and", "&")

        def inside_list(token) -> bool:
            return (token.is_title or token.is_upper or token.like_num or token.lower_ in separators
                    or token.lower_ in POSSESSIVE_OR_APOSTROPHE or token.lower_ in ("the", "of", "-", "."))

        start = span.start
        while start > sentence.start and inside_list(doc[start - 1]):
            start -= 1
        end = span.end
        while end < sentence.end and inside_list(doc[end]):
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
        if len(items) < 3:
            return False
        for item in items:
            if item[0].i <= span.start < item[-1].i + 1:
                continue
            text = " ".join(t.text for t in item).lower()
            bare = text[4:] if text.startswith("the ") else text
            if (text in self.non_persons or bare in self.non_persons or bare in evidence.groups
                    or (item[0].lower_ == "the" and len(item) > 1) or item[-1].lower_ in self.group_endings):
                return True
        return False

    @staticmethod
    def _listed_beside_a_title(doc: Doc, span: Span, evidence: "DocEvidence") -> bool:
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

    def _made_of_everyday_words(self, span: Span, evidence: "DocEvidence") -> bool:
        if self.options.common_word_zipf <= 0:
            return False
        words = [t.text for t in span if t.lower_ not in POSSESSIVE_OR_APOSTROPHE]
        if len(words) == 1 and words[0] in evidence.surnames_of_full_names:
            return False  # "Stone" after "Emma Stone": the surname of someone the article names in full
        return all(w.isalpha() for w in words) and self.lexicon.reads_as_common_words(words)

    def _sentence_shows_a_person(self, doc: Doc, span: Span) -> bool:
        """A job title or honorific before the name, or a subject doing what only people do ("died",
        "wrote"), or a subject the sentence goes on to call "he" or "she"."""
        if span.start > 0 and (doc[span.start - 1].lower_ in self.job_titles
                               or doc[span.start - 1].lower_ in self.honorifics):
            return True
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        return root.head.lemma_.lower() in self.human_verbs or self._followed_by_personal_pronoun(doc, root)

    def _trimmed_in_headlines(self, doc: Doc, people: list[Candidate]) -> list[Candidate]:
        """"Maya Thorne Scores Fourth UK No. 1 Album": in a title-case line the model runs names into
        the words after them; keep the longest start that the rest of the article names too."""
        body = [c for c in people if not _in_title_case_line(doc.text, doc[c.start].idx)]
        body_words = {w.lower() for c in body for w in self._words(doc, c)}
        body_names = {" ".join(self._words(doc, c)).lower() for c in body}
        kept = []
        for candidate in people:
            if candidate in body or candidate.source != "ner":
                kept.append(candidate)
                continue
            for end in range(candidate.end, candidate.start, -1):
                piece = Candidate(candidate.start, end, candidate.source, candidate.roles)
                words = [w.lower() for w in self._words(doc, piece)]
                if " ".join(words) in body_names or all(w in body_words for w in words):
                    kept.append(piece)
                    break
        return kept

    @staticmethod
    def _merged_across_particles(doc: Doc, people: list[Candidate]) -> list[Candidate]:
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

    @staticmethod
    def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
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

    def _list_item(self, doc: Doc, start: int) -> int:
        """End of a 1-4 word capitalized name starting at `start`, or 0."""
        if doc[start].pos_ in ("VERB", "ADV", "ADP", "DET", "PRON", "AUX", "SCONJ", "CCONJ", "ADJ"):
            return 0
        end = start
        while end < len(doc) and end - start < 5:
            token = doc[end]
            if token.is_alpha and token.is_title and token.lower_ not in self.not_name_words:
                end += 1
            elif token.text in ("-", "‐") and end > start and not doc[end - 1].whitespace_ \
                    and end + 1 < len(doc) and doc[end + 1].is_alpha and not token.whitespace_:
                end += 2
            elif token.text == "." and end > start and len(doc[end - 1]) == 1:
                end += 1  # an initial: "J. R. R. Tolkien"
            else:
                break
        while end > start and doc[end - 1].is_punct:
            end -= 1
        return end if 0 < end - start <= 4 else 0

    def _name_list_members(self, doc: Doc, people: list[Candidate], titles,
                           evidence: "DocEvidence") -> Iterable[Candidate]:
        """'Paul Dano, Brie Larson and Rebecca Hall': every item of a list that holds a person."""
        known = {(c.start, c.end) for c in people}
        for sentence in doc.sents:
            index = sentence.start
            while index < sentence.end:
                items, cursor, closed = [], index, False
                while cursor < sentence.end and not closed:
                    end = self._list_item(doc, cursor)
                    if not end:
                        break
                    items.append((cursor, end))
                    cursor = end
                    if cursor < sentence.end and doc[cursor].text == ",":
                        cursor += 1
                        if cursor < sentence.end and doc[cursor].lower_ in ("and", "&"):
                            cursor += 1
                            closed = True
                    elif cursor < sentence.end and doc[cursor].lower_ in ("and", "&"):
                        cursor += 1
                        closed = True
                    else:
                        break
                last = self._list_item(doc, cursor) if closed and cursor < sentence.end else 0
                if last:
                    items.append((cursor, last))
                    cursor = last
                elif len(items) < 3:
                    items = []
                if len(items) >= 3 or (len(items) == 2 and any(i in known for i in items)):
                    if any(i in known for i in items) and not any(self._is_other_entity(doc, s, e) for s, e in items) \
                            and not any(_overlaps_title(doc, s, e, titles) for s, e in items):
                        for start, end in items:
                            if (start, end) not in known:
                                candidate = Candidate(start, end, "list")
                                if self._is_person_like(doc, candidate, titles, evidence):
                                    yield candidate
                index = max(cursor, index + 1)

    def _is_other_entity(self, doc: Doc, start: int, end: int) -> bool:
        text = doc[start:end].text.lower()
        if text in self.non_persons:
            return True
        return any(e.label_ in ("GPE", "NORP", "LOC") and e.start < end and start < e.end for e in doc.ents)

    # -- names -------------------------------------------------------------------

    def _canonical_names(self, doc: Doc, people: list[Candidate]) -> dict[int, str]:
        """Each mention's full name: the nearest full mention whose words end (or start) with its words."""
        full = [(c.start, self._words(doc, c)) for c in people if len(self._words(doc, c)) > 1]
        canonical = {}
        for candidate in people:
            words = self._words(doc, candidate)
            best = None
            for position, full_words in full:
                if len(full_words) <= len(words):
                    continue
                lowered, full_lowered = [w.lower() for w in words], [w.lower() for w in full_words]
                if full_lowered[-len(words):] == lowered or full_lowered[:len(words)] == lowered:
                    distance = (0 if position < candidate.start else 1, abs(candidate.start - position))
                    if best is None or distance < best[0]:
                        best = (distance, " ".join(full_words))
            name = best[1] if best else " ".join(words)
            if name.isupper() and len(name) > 3:
                name = name.title()
            canonical[candidate.start] = name.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        return canonical

    @staticmethod
    def _words(doc: Doc, candidate: Candidate) -> list[str]:
        """The name's words, hyphenated parts joined: ['Yoo', 'In-soo']."""
        words: list[str] = []
        glue = False
        for token in doc[candidate.start:candidate.end]:
            if words and (glue or token.text in ("-", "‐")):
                words[-1] += token.text
            else:
                words.append(token.text)
            glue = token.text in ("-", "‐") or not token.whitespace_
        return words

    def _propagated(self, doc: Doc, people: list[Candidate], titles, evidence: "DocEvidence") -> Iterable[Candidate]:
        """Later mentions the model missed: the full name again, or the surname alone."""
        keys = set()
        for candidate in people:
            words = self._words(doc, candidate)
            if len(words) > 1 or candidate.source != "ner":
                keys.add(" ".join(words))
            if len(words) > 1:
                keys.add(" ".join(words[1:]))
                keys.add(words[-1])
                if words[1].islower():
                    keys.add(" ".join([words[1].capitalize(), *words[2:]]))
        text = doc.text
        taken = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in people]
        for key in sorted(keys, key=len, reverse=True):
            if len(key) < self.options.min_surname_chars or key.lower() in self.not_name_words:
                continue
            if key.lower() in self.non_persons or key.lower() in self.job_titles or key.lower() in evidence.not_people:
                continue
            body = r"\s+".join(re.escape(part) for part in key.split())
            for match in re.finditer(rf"(?<![\w'’-])(?i:{body})(?![\w-])", text):
                start, end = match.span()
                found_text = match.group(0)
                caps_line = _in_caps_line(text, start, end)
                if found_text != key and not (caps_line and found_text == key.upper()):
                    continue
                if any(s < end and start < e for s, e in taken) or any(s < end and start < e for s, e, _ in titles):
                    continue
                span = doc.char_span(start, end)
                if span is None or not self._stands_alone(doc, span):
                    continue
                if span[0].is_sent_start and key.lower() in STOP_WORDS:
                    continue
                candidate = Candidate(span.start, span.end, "propagated")
                if self._is_person_like(doc, candidate, titles, evidence):
                    taken.append((start, end))
                    yield candidate

    def _stands_alone(self, doc: Doc, span: Span) -> bool:
        """Not inside a longer capitalized name: 'Holmes' alone, not 'Holmes Place'."""
        possessed = span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE_OR_APOSTROPHE
        for e in ([] if possessed else doc.ents):  # "Östlund's “Triangle of Sadness”": the name ends at the 's
            words = [t for t in e if t.lower_ not in POSSESSIVE_OR_APOSTROPHE]
            if e.label_ in ("ORG", "FAC", "GPE", "WORK_OF_ART", "EVENT") and e.start <= span.start and e.end >= span.end \
                    and len(words) > len(span):
                return False  # "Holmes Place": part of a longer name ("West's" alone is no longer name)
        if span.start > 0:
            before = doc[span.start - 1]
            if (before.is_title and before.is_alpha and before.lower_ not in STOP_WORDS
                    and before.lower_ not in self.honorifics and before.lower_ not in self.job_titles
                    and not before.is_sent_start):
                return False
        if span.end < len(doc):
            after = doc[span.end]
            if after.is_title and after.is_alpha and after.lower_ not in STOP_WORDS:
                return False
        return True

    # -- roles -------------------------------------------------------------------

    def _title_near(self, doc: Doc, token_index: int, titles) -> str | None:
        """The work a role phrase is about: a title in the same sentence, else the latest one before it."""
        sentence = doc[token_index].sent
        position = doc[token_index].idx
        inside = [(s, entity) for s, e, entity in titles if sentence.start_char <= s < sentence.end_char]
        before = [item for item in inside if item[0] < position]
        if before:
            return before[-1][1]
        if inside:
            return inside[0][1]
        earlier = [(s, entity) for s, e, entity in titles if s < sentence.start_char]
        return earlier[-1][1] if earlier else None

    def _add_job_roles(self, doc: Doc, people: list[Candidate], titles) -> None:
        """'Netflix CEO Reed Hastings', 'Blue Valley director Ana Morales', 'X, chief executive of Y'."""
        title_ending = {e: entity for s, e, entity in titles}
        for candidate in people:
            for size in range(self.longest_title, 0, -1):
                start = candidate.start - size
                if start < 0:
                    continue
                words = doc[start:candidate.start]
                if "\n" in words.text or words.text.lower() not in self.job_titles:
                    continue
                job = words.text
                work, org = None, None
                before = start - 1
                if before >= 0 and doc[before].lower_ in POSSESSIVE_MARKERS:
                    before -= 1
                if before >= 0:
                    end_char = doc[before].idx + len(doc[before])
                    work = title_ending.get(end_char)
                    if work is None:
                        org = next((e.text for e in doc.ents if e.end == before + 1 and e.label_ in ("ORG", "GPE")),
                                   None)
                role = self.role_of_job.get(job.lower()) if work else None
                candidate.roles.append({"role": role or job, "of": work, "org": org})
                break
            self._add_apposition_role(doc, candidate)

    def _add_apposition_role(self, doc: Doc, candidate: Candidate) -> None:
        index = candidate.end
        if index >= len(doc) or doc[index].text != ",":
            return
        index += 1
        if index < len(doc) and doc[index].lower_ in ("the", "a", "an"):
            index += 1
        for size in range(self.longest_title, 0, -1):
            words = doc[index:index + size]
            if len(words) != size or words.text.lower() not in self.job_titles:
                continue
            after = index + size
            org = None
            if after < len(doc) and doc[after].lower_ in ("of", "at", "for"):
                org = next((e.text for e in doc.ents if e.start == after + 1 and e.label_ in ("ORG", "GPE")), None)
            if org or words.text.islower():
                candidate.roles.append({"role": words.text, "of": None, "org": org})
            return

    def _add_cue_roles(self, doc: Doc, people: list[Candidate], titles) -> None:
        """'created by A, B and C', 'stars A, B ... in the lead roles', 'directed by A'."""
        by_start = {c.start: c for c in people}
        for match_id, start, end in self.role_cues(doc):
            role = doc.vocab.strings[match_id]
            cursor = end
            members = []
            while cursor in by_start:
                members.append(by_start[cursor])
                cursor = by_start[cursor].end
                while cursor < len(doc) and (doc[cursor].text in (",", "&") or doc[cursor].lower_ == "and"):
                    cursor += 1
            if not members:
                continue
            work = self._title_near(doc, start, titles)
            for member in members:
                entry = {"role": role, "of": work, "org": None}
                if entry not in member.roles:
                    member.roles.append(entry)

    def _add_byline_roles(self, doc: Doc, article: Article, people: list[Candidate]) -> None:
        spans = self._byline_spans(article)
        for candidate in people:
            start_char = doc[candidate.start].idx
            if any(s <= start_char < e for s, e in spans):
                entry = {"role": "author", "of": None, "org": None}
                if entry not in candidate.roles:
                    candidate.roles.append(entry)
