"""What a numeric claim is about: the phrase naming what is measured, and whose it is.

`value.about` = {"text", "start", "end", "entity"}. The phrase comes from the dependency parse:
the noun the number counts or measures, climbed to the clause it belongs to and that clause's
subject ("The series consist of 12 episodes" -> "The series"), the noun a prepositional phrase
hangs on ("a fine of 8.2 million"), the person an age is of ("Marsh, 54,"). The entity is the
person, work or organisation that phrase names or points back to: a mention inside it or in
apposition ("Ferrante's previous film, Night Ferry"), a possessor ("Kiprop's winning time"), a
definite reference to a kind of work or organisation named before ("the second season", "the
company"), or a pronoun ("she", "its"). Word lists: configs/patterns/numbers_about.toml.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..config import read_toml_file
from ..errors import ConfigError
from ..mention import Found
from ..normalize.quantities import Quantity
from .noun_chunks import noun_chunks
from .spans import after_possessive, doc_index, is_possessive, surname_aliases, text_of

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
ENTITY_KINDS = ("title", "person", "organization")
# How far back a pronoun looks for the name it stands for: this sentence and the three before
# (quotes split into many).
PRONOUN_SENTENCES = 4


@dataclass(frozen=True)
class AboutLexicon:
    work_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    person_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    change_nouns: frozenset[str]
    price_nouns: frozenset[str]
    rank_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    company_measures: frozenset[str]


def load_about_lexicon(path: Path, where: str) -> AboutLexicon:
    """The word lists; a missing file, table or list is one ConfigError naming `where` and the file."""
    data = read_toml_file(path, "word list", where)
    try:
        return _lexicon_from(data)
    except (KeyError, TypeError) as error:
        raise ConfigError(f"{where}: {path} lacks the list {error} (see configs/patterns/numbers_about.toml)") \
            from None


def _lexicon_from(data: dict) -> AboutLexicon:
    references, pronouns, phrases = data["references"], data["pronouns"], data["phrases"]
    return AboutLexicon(
        work_nouns=frozenset(references["work_nouns"]),
        organization_nouns=frozenset(references["organization_nouns"]),
        person_nouns=frozenset(references["person_nouns"]),
        person_pronouns=frozenset(pronouns["person"]),
        thing_pronouns=frozenset(pronouns["thing"]),
        group_pronouns=frozenset(pronouns["group"]),
        change_nouns=frozenset(phrases["change_nouns"]),
        price_nouns=frozenset(phrases["price_nouns"]),
        rank_nouns=frozenset(phrases["rank_nouns"]),
        measure_nouns=frozenset(references["measure_nouns"]),
        company_measures=frozenset(references["company_measures"]),
    )


@dataclass(frozen=True)
class Named:
    """A mention with an entity id, as the about links see it."""
    kind: str
    start: int
    end: int
    entity: str
    token: Token  # the mention's root token, for its role in the parse
    subject: bool  # a clause's subject, or the opening of its line ("All of Us are Dead, as per ..., has")
    possessor: bool  # followed by a possessive marker: "Kiprop's"


# How many names back a reference looks at most: articles are short, and a long text must stay linear.
LOOKBACK = 200


class Referents:
    """The named people, works and organisations of one document, in text order, and how a phrase
    points at one of them."""

    def __init__(self, doc: Doc, found: Found, lexicon: AboutLexicon):
        self.doc = doc
        self.lexicon = lexicon
        text = text_of(doc)
        full_names = surname_aliases(found.get("person", []))
        named = []
        for kind in ENTITY_KINDS:
            for mention in found.get(kind, []):
                entity = mention.value.get("entity") if isinstance(mention.value, dict) else None
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if not entity or span is None or not len(span):
                    continue
                line_start = text.rfind("\n", 0, mention.start) + 1
                root = span.root  # "The animated comedy W, which ..., fell": W stands for the subject
                subject = any(t.dep_ in SUBJECT_DEPS for t in span) \
                    or (root.dep_ in ("appos", "compound") and root.head.dep_ in SUBJECT_DEPS) \
                    or not text[line_start:mention.start].strip(" '\"\u2018\u201c")
                named.append(Named(kind, mention.start, mention.end, full_names.get(entity, entity), span.root,
                                   subject, after_possessive(doc, span.end) is not None))
        self.named = sorted(named, key=lambda n: (n.start, n.end))
        self.starts = [n.start for n in self.named]
        self.sentence_starts = doc_index(doc).sentence_starts

    def sentence_start(self, index: int, sentences: int) -> int:
        """The character where the sentence `sentences - 1` before token `index`'s own starts."""
        own = bisect_right(self.sentence_starts, index) - 1
        return self.doc[self.sentence_starts[max(0, own - (sentences - 1))]].idx

    def _back_from(self, char: int, since: int = 0):
        """The names that end before `char` and start at or after `since`, nearest first."""
        index = bisect_left(self.starts, char)
        for named in reversed(self.named[max(0, index - LOOKBACK):index]):
            if named.start < since:
                return
            if named.end <= char:
                yield named

    def inside(self, span: Span) -> Named | None:
        """The name a phrase holds: not a possessor when there is another ("Ferrante's previous film,
        Night Ferry"), and the possessor when there is not ("Kiprop's winning time")."""
        index = bisect_left(self.starts, span.end_char)
        within = [n for n in self.named[max(0, index - LOOKBACK):index] if span.start_char < n.end]
        owned = [n for n in within if not n.possessor]
        return (owned or within or [None])[0]

    def before(self, char: int, kinds: tuple[str, ...], since: int = 0, first: bool = False) -> Named | None:
        """The name of one of `kinds` last (or `first`) mentioned before `char`, and not before `since`."""
        found = [n for n in self._back_from(char, since) if n.kind in kinds]
        return (found[-1] if first else found[0]) if found else None

    def line_subject(self, number: Token) -> Named | None:
        """The name that opens the number's line, before its first verb, where the parse gave no subject
        on that line ("Kwame Mensah scored three goals" run on from the headline into one parse)."""
        line_start = text_of(self.doc).rfind("\n", 0, number.idx) + 1
        names = list(self._back_from(number.idx, line_start))[::-1]
        line = self.doc.char_span(line_start, number.idx, alignment_mode="expand")
        if line is None or not names:
            return None
        first = names[0]
        verbs = [t for t in line if t.pos_ in ("VERB", "AUX") and not any(n.start <= t.idx < n.end for n in names)]
        return first if verbs and first.end <= verbs[0].idx else None

    def person_before(self, char: int, since: int) -> Named | None:
        return self.last_subject(char, ("person",), since)

    def last_subject(self, char: int, kinds: tuple[str, ...], since: int) -> Named | None:
        """What a pronoun or a definite reference stands for: the last name of `kinds` in its own
        sentence, else the last one named as the subject of a clause, else the last one named since
        `since` (a subject is the likelier antecedent than a name in passing: "figures from Barb")."""
        sentence = self.doc.char_span(char, char + 1, alignment_mode="expand")
        sentence_start = self.sentence_start(sentence.start, 1) if sentence is not None else char
        last = None
        for named in self._back_from(char):
            if named.kind not in kinds:
                continue
            if named.start >= sentence_start or named.subject:
                return named
            if last is None and named.start >= since:
                last = named
        return last

    def refers_to(self, span: Span, counted: bool = False) -> Named | None:
        """The name a phrase stands for: one it holds, else what its pronoun or head noun points back to."""
        held = self.inside(span)
        if held is not None:
            return held
        head = span.root
        word = head.lower_
        since = self.sentence_start(head.i, PRONOUN_SENTENCES)
        lexicon = self.lexicon
        possessives = [t.lower_ for t in span if t.dep_ == "poss"]
        pronoun = word if head.pos_ == "PRON" else next(
            (p for p in possessives if p in lexicon.person_pronouns | lexicon.thing_pronouns), None)
        if pronoun is not None:
            if pronoun in lexicon.person_pronouns:
                return self.person_before(span.start_char, since)
            if pronoun in lexicon.thing_pronouns:
                return self.last_subject(span.start_char, ("title", "organization"), since)
            if pronoun in lexicon.group_pronouns:
                return self.before(span.start_char, ("organization",), since)
            return None
        if word in lexicon.person_nouns and head.dep_ in SUBJECT_DEPS and _is_definite(span):
            return self.person_before(span.start_char, since)  # "The 27-year-old, running ..."
        if word in lexicon.company_measures | lexicon.measure_nouns and _is_bare(span):
            # "Revenue rose 16%", "62% of sales were on PC": the company (or work) the article is about
            kinds = ("organization",) if word in lexicon.company_measures else ("title", "organization")
            return self.last_subject(span.start_char, kinds, 0)
        if not (_is_definite(span) or counted):
            return None  # "a series": some series; but "a third series" is one more of the work named
        for child in head.children:  # "This achievement for the series": the series
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "to") and span.start <= child.i < span.end:
                objects = [o for o in child.children if o.dep_ == "pobj" and o.i < span.end]
                if objects and objects[0].pos_ in ("NOUN", "PRON"):
                    named = self.refers_to(self.doc[objects[0].left_edge.i:objects[0].i + 1])
                    if named is not None:
                        return named
        if word in lexicon.work_nouns:
            return self.before(span.start_char, ("title",))
        if word in lexicon.organization_nouns:  # "the company": the one the article has as a subject
            return self.last_subject(span.start_char, ("organization",), 0)
        if word in lexicon.person_nouns:
            return self.person_before(span.start_char, since)
        return None


def _is_bare(span: Span) -> bool:
    """No determiner, and no phrase that says whose ("Revenue for the quarter", not "Sales of books")."""
    head = span.root
    return not any(c.dep_ in ("det", "poss") for c in head.children) and \
        all(c.lower_ in ("for", "in") for c in head.children if c.dep_ == "prep")


def _is_definite(span: Span) -> bool:
    first = span[0]
    return first.lower_ in ("the", "this", "that", "these", "those") or first.dep_ == "poss" \
        or first.tag_ == "PRP$"


# ------------------------------------------------------------ the phrase: from the number up the parse
def about(token: Token, quantity: Quantity, doc: Doc, referents: Referents, phrases: dict,
          headline: tuple[int, int] | None) -> dict | None:
    """`value.about` of the claim whose number is `token`, or None when the parse names nothing."""
    lexicon = referents.lexicon
    ranked = _ranked(token, quantity, lexicon)
    if ranked is not None:  # "a second, paid expansion": one more of the work named before
        named = referents.refers_to(_with_apposition(_phrase(ranked, phrases), referents), counted=True)
        shown = _outside_claim(_phrase(ranked, phrases), ranked, quantity)
        if named is not None and shown is not None:
            return _about_value(shown, named)
    target = about_token(token, quantity, lexicon)
    named = None
    if target is not None:
        phrase = _phrase(target, phrases)
        shown = _outside_claim(phrase, target, quantity)
        if shown is not None or quantity.quantity in ("age", "ordinal", "rank"):
            named = referents.refers_to(_with_apposition(phrase, referents), quantity.quantity == "ordinal")
            if named is None and quantity.quantity == "age":
                named = referents.person_before(quantity.start, referents.sentence_start(token.i, PRONOUN_SENTENCES))
        if shown is not None and named is None and _is_object(target):
            subject = clause_subject(target, token)
            if subject is not None:  # "Carrow reported a pre-tax loss of £31.4m": Carrow's loss
                named = referents.refers_to(_with_apposition(_phrase(subject, phrases), referents))
    else:
        shown = None
    if named is None and headline is not None and headline[0] <= quantity.start < headline[1]:
        # a headline's parse is poor ("Carrow Foods To Close Two Factories"): its first name is its topic
        named = referents.before(headline[1], ENTITY_KINDS, since=headline[0], first=True)
    elif target is None:
        named = referents.line_subject(token)
    if shown is not None:
        return _about_value(shown, named)
    if named is None:
        return None
    return _about_value(doc.char_span(named.start, named.end, alignment_mode="expand"), named)


def _is_object(token: Token) -> bool:
    """An object of its clause's verb, whose subject may own it: "reported a loss", "compared with a profit"."""
    return token.dep_ in ("dobj", "attr", "oprd", "appos") \
        or (token.dep_ == "pobj" and token.head.lower_ in ("with", "of"))


def _about_value(span: Span, named: Named | None) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char,
            "entity": named.entity if named is not None else None}


def _phrase(target: Token, phrases: dict) -> Span:
    """The target's noun chunk or entity on the target's line, with the determiner an entity span leaves
    out ("The 27-year-old")."""
    phrase = phrases.get(target.i, target.doc[target.i:target.i + 1])
    on_line = [t for t in phrase if "\n" not in text_of(phrase.doc)[min(t.idx, target.idx):max(t.idx, target.idx)]]
    if len(on_line) < len(phrase):  # a chunk run from the headline into the first line: the target's line only
        phrase = phrase.doc[on_line[0].i:on_line[-1].i + 1]
    before = phrase.start - 1
    if before >= 0 and phrase.doc[before].dep_ == "det" and phrase.start <= phrase.doc[before].head.i < phrase.end:
        return phrase.doc[before:phrase.end]
    return phrase


def _outside_claim(phrase: Span, target: Token, quantity: Quantity) -> Span | None:
    """The phrase, or its words after the claim when the claim is inside it ("The six-part series"
    -> "series"); None when nothing of it is outside the claim."""
    if phrase.end_char <= quantity.start or quantity.end <= phrase.start_char:
        return phrase
    after = [t for t in phrase if t.idx >= quantity.end and t.i <= target.i]
    if after and after[-1].i == target.i:
        return phrase.doc[after[0].i:target.i + 1]
    if target.dep_ in SUBJECT_DEPS and target.pos_ in ("NOUN", "PROPN"):
        return phrase.doc[target.i:target.i + 1]  # "More than 120 MPs have signed": the MPs themselves
    if target.dep_ in SUBJECT_DEPS and target.pos_ == "ADJ":
        return phrase.doc[target.left_edge.i:target.i + 1]  # "The 27-year-old, running ...": who is meant
    return None


def _with_apposition(span: Span, referents: Referents) -> Span:
    """The phrase with a name standing in apposition to it or as its object of "of"/"to", on its line:
    "the war drama Ashes at Verdun", "the second season of The Lantern Keepers"."""
    doc = span.doc
    line_end = text_of(doc).find("\n", span.end_char)
    line_end = len(text_of(doc)) if line_end < 0 else line_end
    end = span.end
    for child in span.root.children:
        if child.i >= span.end and child.right_edge.idx < line_end and \
                (child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("of", "to", "for", "by"))):
            end = max(end, child.right_edge.i + 1)
    following = referents.before(min(line_end, span.end_char + 60), ENTITY_KINDS, since=span.end_char, first=True)
    if following is not None and not text_of(doc)[span.end_char:following.start].strip(" ,"):
        end = max(end, following.token.i + 1)  # "the war drama Ashes at Verdun": a name right after
    return doc[span.start:end]


def _ranked(token: Token, quantity: Quantity, lexicon: AboutLexicon) -> Token | None:
    """The noun an ordinal ranks, when it is a thing of its own ("the second season", "her second
    marathon"), not a place in a ranking ("second place") or the predicate of a clause ("the first woman to")."""
    if quantity.quantity != "ordinal":
        return None
    noun = _counted_head(token)
    if noun.i == token.i or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ in ("attr", "oprd") \
            or noun.lemma_.lower() in lexicon.rank_nouns:
        return None
    return noun


def _counted_head(token: Token) -> Token:
    """From the number to the phrase it heads: "12" -> "episodes", "200" -> "cent"."""
    node = token
    for _ in range(3):
        if node.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and node.head.i != node.i \
                and node.head.pos_ in ("NOUN", "PROPN", "NUM", "SYM", "ADJ") and node.head.i > node.i:
            node = node.head
        else:
            break
    return node


def about_token(token: Token, quantity: Quantity, lexicon: AboutLexicon) -> Token | None:
    """Climb from the number to what it is about: an age's person, the noun a prepositional phrase
    hangs on, or the subject of the clause it belongs to."""
    target = _climb(token, quantity, lexicon)
    if target is not None and target.pos_ == "NUM":
        return _partitive(target) or target  # "one of the contracts, worth £96m": the contracts
    return target


def _partitive(node: Token) -> Token | None:
    """'62% of sales', 'one of the contracts': the object of "of"."""
    objects = [o for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
               if o.dep_ == "pobj"]
    return objects[0] if objects else None


def _climb(token: Token, quantity: Quantity, lexicon: AboutLexicon) -> Token | None:
    node = _counted_head(token)
    if quantity.quantity == "age":
        return _aged(token, node)
    changed = [o for c in node.children if c.dep_ == "prep" and c.lower_ == "in" for o in c.children
               if o.dep_ == "pobj"]
    if node.lemma_.lower() in lexicon.change_nouns and changed:
        return changed[0]  # "a 23% rise in the cost of potatoes": the cost
    if node.dep_ in SUBJECT_DEPS:
        partitive = _partitive(node)
        if partitive is not None:
            return partitive  # "62% of sales were on PC"
        return node if node.i != token.i and node.pos_ in ("NOUN", "PROPN") else None
    if quantity.quantity == "ordinal" and node.pos_ == "PROPN" and node.i != token.i:
        return node  # "the 71st British Academy Television Awards": the named thing ranked
    if node.dep_ == "appos" and node.head.pos_ in ("NOUN", "PROPN"):
        return node.head  # "Astrid, a 70-year-old painter"; "Hoppers, the UK's third-best-selling crisp"
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return None
        if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head  # "three contracts worth £240m": the contracts
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.dep_ not in SUBJECT_DEPS and head.lower_ in ("of", "for") \
                and head.head.lemma_.lower() not in lexicon.price_nouns:
            # "a fine of 8.2 million": the noun the phrase belongs to, if it is not the clause
            return head.head
        if head.pos_ in ("VERB", "AUX") and node.dep_ == "npadvmod" and head.dep_ == "advcl" \
                and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in head.children):
            node = head  # "four months after Squid Game had topped it": the main clause is what was timed
            continue
        if head.pos_ in ("VERB", "AUX"):
            subjects = _subjects(head, token)
            if subjects and subjects[0].lower_ in ("it", "this", "that") and head.lemma_ == "be" \
                    and node.dep_ == "attr" and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in node.children):
                return node  # "It was Mensah's first hat-trick": the hat-trick, Mensah's
            if subjects and subjects[0].tag_ in ("WDT", "WP") and head.dep_ == "relcl":
                return head.head  # "The series, which cost $30m": the series
            if subjects:
                return subjects[0]
            if head.dep_ in ("conj", "xcomp", "advcl", "relcl", "ccomp", "acl", "pcomp"):
                if head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN"):
                    return head.head
                node = head
                continue
            return None
        node = head
    return None


def clause_subject(node: Token, number: Token) -> Token | None:
    """The subject, on the number's line, of the clause a phrase belongs to."""
    for head in node.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            subjects = _subjects(head, number)
            if subjects:
                return subjects[0] if subjects[0].tag_ not in ("WDT", "WP") else None
            if head.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "prep"):
                return None
    return None


def _subjects(verb: Token, number: Token) -> list[Token]:
    """The verb's subjects on the number's line, nearest first: a headline run into the first
    sentence gives the parse two subjects for one verb. "each", "both" and "all" are no subject
    of their own ("W and V each won three awards"); the line's first name stands in for them."""
    text = text_of(verb.doc)
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != number.i
                and c.lower_ not in ("each", "both", "all")]
    same_line = [s for s in subjects if "\n" not in text[min(s.idx, number.idx):max(s.idx, number.idx)]]
    return sorted(same_line, key=lambda s: abs(s.i - verb.i))


def _aged(number: Token, node: Token) -> Token | None:
    """An age's person: "Marsh, 54," (the name before the commas), "a 47-year-old former head teacher"
    (the noun, then what it describes), "The 22-year-old Russian"."""
    doc = number.doc
    if number.i >= 2 and doc[number.i - 1].text == "," and node.i == number.i:
        name = doc[number.i - 2]
        return name if not is_possessive(name) else None
    if node.dep_ == "appos" or (node.dep_ == "attr" and node.head.pos_ in ("AUX", "VERB")):
        if node.dep_ == "appos":
            return node.head
        subjects = [c for c in node.head.children if c.dep_ in SUBJECT_DEPS]
        return subjects[0] if subjects else node
    return node if node.i != number.i else None


def phrases_by_token(doc: Doc, entities: tuple[Span, ...] | None = None) -> dict[int, Span]:
    """Each token's phrase: its noun chunk, else its entity (`entities`: doc.ents, when the caller has them).
    Built once per document, because spaCy rebuilds the noun chunks on every access."""
    phrases: dict[int, Span] = {}
    for span in [*noun_chunks(doc), *(doc.ents if entities is None else entities)]:
        for index in range(span.start, span.end):
            phrases.setdefault(index, span)
    return phrases

