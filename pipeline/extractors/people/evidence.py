"""What a sentence shows about a name: a person acts ("died", "wrote"), owns a life ("X's widow") or is
called "he" or "she" after it. Finds surnames the model missed, and saves names that read as everyday words."""
from __future__ import annotations

import re
from typing import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ..casing import in_caps_line, in_title_case_line
from ..spans import after_possessive, doc_index, text_of
from .document import Candidate, DocEvidence
from .names import stands_alone_as_name
from .rules import PeopleRules

PERSONAL_PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}
GROUP_PRONOUNS = {"they", "their", "them", "themselves"}
# Entity labels a lone surname may not carry (GPE only where the name owns a work or is given an age: towns are
# surnames too).
NOT_A_LONE_PERSON = ("PERSON", "LOC", "NORP", "FAC", "DATE", "WORK_OF_ART", "EVENT")


def lone_names_acting_as_people(rules: PeopleRules, doc: Doc, evidence: DocEvidence) -> Iterable[Candidate]:
    """A surname alone that the model missed ("Varga recorded two solo albums") where the sentence shows
    a person: the subject of a verb only people do ("died", "wrote", "was born"); the owner of a life
    ("X's death", "X ' s widow"); the subject of "is a guitarist" or of "recorded solo albums"; or the
    subject of a sentence that goes on with "he", "she", "his" or "her" (or is followed by a "He ..."
    sentence) and names no other person in between; a name given an age ("Wang, 45,"). Speech verbs ("said")
    are no evidence: companies say things too. A name the text shows to be a group is never taken."""
    min_chars = rules.options.min_surname_chars
    texts = doc_index(doc).texts
    # Only a capitalized word of letters may be a lone surname (_may_be_a_lone_surname's first test, on the
    # strings): every other token is passed over before it is made a Token.
    for index in doc_index(doc).title_words:
        if len(texts[index]) < min_chars:
            continue
        token = doc[index]
        if token.pos_ != "PROPN" or token.ent_type_ in NOT_A_LONE_PERSON:
            continue  # the tests below, cheapest first: none has an effect, so their order is free
        owns_a_life, maker = _what_it_owns(rules, doc, token, evidence.title_starts)
        aged = followed_by_an_age(doc, token)
        if (token.dep_ not in ("nsubj", "nsubjpass") and not owns_a_life and not maker and not aged) \
                or token.ent_type_ in NOT_A_LONE_PERSON or (token.ent_type_ == "GPE" and not (maker or aged)):
            continue
        if not _may_be_a_lone_surname(rules, doc, token, evidence):
            continue
        verb = token.head
        lemma = verb.lemma_.lower()
        human = lemma in rules.human_verbs and not (lemma == "bear" and token.dep_ != "nsubjpass")
        subject = token.dep_ in ("nsubj", "nsubjpass")
        # A surname the model left untagged, that is neither a given name nor an everyday word: "Okafor
        # recorded ..." but not "Harvest recorded ..." or "Max streamed ...". Names the model tags as
        # organisations need stronger evidence (sports teams are named after towns that are surnames too).
        surname = (subject and token.ent_type_ == "" and rules.is_plain_surname(token.text)
                   and not followed_by_group_pronoun(doc, token) and not _predicate_names_a_group(rules, verb))
        if human or owns_a_life or surname or maker or aged or (subject and (followed_by_personal_pronoun(doc, token)
                                                                     or _predicate_names_a_person(rules, verb))):
            yield Candidate(token.i, token.i + 1, "subject")


# ", 45," or ", the 23-year-old ...": an age in apposition, which only people (and horses) are given.
_AGE_AFTER = re.compile(r"\s*,\s+(?:\d{1,3}\s*,|(?:the|a|an)\s+\d{1,3}\s*-\s*year\s*-\s*old\b)")


def followed_by_an_age(doc: Doc, token: Token) -> bool:
    """"Wang, 45, a veteran dissident", "Tavinho, the 23-year-old Brazilian": the name is given an age."""
    end = token.idx + len(token)
    return _AGE_AFTER.match(text_of(doc), end, end + 30) is not None


def _what_it_owns(rules: PeopleRules, doc: Doc, token: Token, title_starts: set[int]) -> tuple[bool, bool]:
    """(owns a life, is the maker of a work) for a token before a possessive: "Varga's death";
    "Okafor's second album", "Okafor ' s Quiet Harbour"."""
    possessive = after_possessive(doc, token.i + 1)
    if possessive is None or possessive >= len(doc):
        return False, False
    owned = next((t for t in doc[possessive:possessive + 3] if t.pos_ == "NOUN"), None)
    owns_a_life = owned is not None and owned.lower_ in rules.personal_nouns
    # A surname owning a work is its maker, even where the model calls the surname a town or a company.
    owns_a_work = (owned is not None and owned.lower_ in rules.work_nouns) or doc[possessive].idx in title_starts
    return owns_a_life, owns_a_work and rules.is_plain_surname(token.text)


def _may_be_a_lone_surname(rules: PeopleRules, doc: Doc, token: Token, evidence: DocEvidence) -> bool:
    """A capitalized proper noun standing alone, on no word list, not after "the" or in a hyphenated word,
    not in a headline line."""
    if not (token.is_alpha and token.is_title and token.pos_ == "PROPN"
            and len(token) >= rules.options.min_surname_chars):
        return False
    lower = token.lower_
    if (lower in STOP_WORDS or lower in rules.not_name_words or lower in rules.job_titles
            or lower in rules.honorifics or lower in rules.non_persons or lower in evidence.groups
            or lower in rules.group_nouns):
        return False
    if token.i > 0 and (doc[token.i - 1].lower_ in ("the", "a", "an") or doc[token.i - 1].text in ("-", "‐")):
        return False
    if token.i + 1 < len(doc) and (doc[token.i + 1].text in ("-", "‐") or doc[token.i + 1].text[0].isdigit()):
        return False  # "Sable-based", and "Sable 3", "Kent 296": a model's version or a team's score
    text = text_of(doc)
    if in_title_case_line(text, token.idx) or in_caps_line(text, token.idx, token.idx + len(token)):
        return False
    return stands_alone_as_name(rules, doc, doc[token.i:token.i + 1])


def _predicate_names_a_group(rules: PeopleRules, verb: Token) -> bool:
    """"Okafor is a label", "Okafor are a trio"."""
    return verb.lemma_ == "be" and any(child.dep_ == "attr" and child.lower_ in rules.group_nouns
                                       for child in verb.children)


def _predicate_names_a_person(rules: PeopleRules, verb: Token) -> bool:
    """"Dorn is a guitarist", "Mendez was the first person to ...", "Varga recorded two solo albums"."""
    for child in verb.children:
        if child.dep_ == "attr" and verb.lemma_ == "be" and (
                child.lemma_.lower() in rules.person_nouns or child.lower_ in rules.job_titles):
            return True
        if child.dep_ in ("dobj", "advmod", "acomp") and (
                child.lower_ in rules.person_modifiers
                or any(c.dep_ in ("amod", "compound") and c.lower_ in rules.person_modifiers for c in child.children)):
            return True
    return False


def followed_by_personal_pronoun(doc: Doc, token: Token) -> bool:
    """The sentence goes on with "he", "she", "his", "her" before naming another person, or the next
    sentence opens "He ..." / "Her ..." after one whose subject the token is."""
    sentence_start, sentence_end = doc_index(doc).sentence_bounds(token.i)
    for other in doc[token.i + 1:sentence_end]:
        if other.ent_type_ == "PERSON":
            return False  # someone else may be who "he" is
        if other.lower_ in PERSONAL_PRONOUNS:
            return True
    after = sentence_end
    return (after < len(doc) and doc[after].lower_ in PERSONAL_PRONOUNS and doc[after].is_title
            and doc[sentence_start:sentence_end].root == token.head)


def followed_by_group_pronoun(doc: Doc, token: Token) -> bool:
    """"Okafor toured ... their", or a next sentence opening "They ...": maybe a band, not one person."""
    sentence_end = doc_index(doc).sentence_bounds(token.i)[1]
    if any(other.lower_ in GROUP_PRONOUNS for other in doc[token.i + 1:sentence_end]):
        return True
    return sentence_end < len(doc) and doc[sentence_end].lower_ in GROUP_PRONOUNS


def sentence_shows_a_person(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """A job title or honorific before the name, or a subject doing what only people do ("died",
    "wrote"), or a subject the sentence goes on to call "he" or "she"."""
    if span.start > 0 and (doc[span.start - 1].lower_ in rules.job_titles
                           or doc[span.start - 1].lower_ in rules.honorifics):
        return True
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return root.head.lemma_.lower() in rules.human_verbs or followed_by_personal_pronoun(doc, root)
