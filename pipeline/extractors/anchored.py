"""A spaCy Matcher that runs only over the stretches of a Doc where its patterns can match.

spaCy's Matcher starts every pattern at every token and tests each set or regex predicate in
Python, so a few dozen patterns cost more than the rules that read their matches. What a token
spec needs of a token (its lowercase form, its text, like_num, is_lower, is_title) is a
property of the word, so it is known once per word. A match is a run of tokens that each
satisfy a spec, and it holds a token that satisfies its pattern's anchor (the most selective
spec every match must use); a pattern of bounded length L lies within L tokens of that anchor.
The matcher therefore runs only on such stretches, and finds the same matches in the same
order (tests/test_anchored.py compares both on articles). A caller that reads the matches as a
set (`in_order=False`) gets them sorted by position instead, and spaCy is asked in each stretch
only about the rules whose needed words are there.
"""
from __future__ import annotations

import math
import re
from typing import Iterator

from spacy.attrs import ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc

_CACHE_LIMIT = 200_000  # words remembered: bounded, so a long run's memory does not grow with it
_QUANTIFIER = re.compile(r"^\{(\d*)(,?)(\d*)\}$")
# spaCy's order of the matches a greedy filter keeps (Matcher.__call__).
_GREEDY_ORDER = {"LONGEST": (lambda m: (m[2] - m[1], -m[1]), True), "FIRST": (lambda m: (m[1], -m[2]), False)}


def _span(op: str | None) -> tuple[int, float]:
    """(fewest, most) tokens a spec with this quantifier takes."""
    if op in (None, "1"):
        return 1, 1
    if op in ("?", "*", "+"):
        return {"?": (0, 1), "*": (0, math.inf), "+": (1, math.inf)}[op]
    found = _QUANTIFIER.match(op)
    if not found:
        raise ValueError(op)
    low, comma, high = found.groups()
    low = int(low or 0)
    return low, (int(high) if high else math.inf if comma else low)


def _word_test(spec: dict) -> tuple[int, tuple[str, object]] | None:
    """(selectivity rank, test on a lexeme) that every token matching `spec` passes; None if unknown.
    A test is ("words", set of forms), ("regex", compiled pattern) or ("flag", lexeme attribute)."""
    for attr in ("LOWER", "TEXT", "ORTH"):
        value = spec.get(attr)
        if isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"}):
            words = {value} if isinstance(value, str) else set(value["IN"])
            words |= {w.lower() for w in words}  # a superset is still a test every match passes
            return 0, ("words", frozenset(words))
        if isinstance(value, dict) and set(value) == {"REGEX"}:
            return 1, ("regex", re.compile(value["REGEX"]))
    for attr, name in (("LIKE_NUM", "like_num"), ("IS_TITLE", "is_title"), ("IS_LOWER", "is_lower")):
        if spec.get(attr) is True:
            return 2, ("flag", name)
    return None


class _WordTests:
    """The patterns' distinct word tests, one bit each, so a word is tested once for all of them: its
    forms looked up in one index of the merged word sets, then the few regexes and flags. The masks say
    which bits let a word be part of a match, which let it anchor one, and what each pattern needs:
    a stretch whose words lack some needed bit of every pattern holds no match, so spaCy is not asked
    (most stretches are a lone anchor-like word, "the" or a number, that no whole pattern follows,
    and each call costs the patterns' Python predicates at every token)."""

    def __init__(self):
        self.bit_of: dict[tuple, int] = {}
        self.tests: list[tuple[str, object]] = []
        self.token_mask = 0  # a token in any match passes one of these tests
        self.anchor_mask = 0  # every match holds a token that passes one of these
        self.needs: list[tuple[str, int]] = []  # per pattern, its rule and the tests of its required specs

    def bit(self, test: tuple[str, object]) -> int:
        kind, payload = test
        key = (kind, payload.pattern if kind == "regex" else payload)
        if key not in self.bit_of:
            self.bit_of[key] = len(self.tests)
            self.tests.append(test)
        return 1 << self.bit_of[key]

    def compile(self) -> None:
        """The word sets merged into one index, and only the least demanding patterns' needs: one that
        needs a superset of another's bits decides nothing."""
        self.by_word: dict[str, int] = {}
        self.others = [(1 << bit, kind, payload) for bit, (kind, payload) in enumerate(self.tests) if kind != "words"]
        for bit, (kind, payload) in enumerate(self.tests):
            if kind == "words":
                for word in payload:
                    self.by_word[word] = self.by_word.get(word, 0) | 1 << bit
        self.rules_for: dict[int, list[str]] = {}
        self.least = [(key, need) for key, need in dict.fromkeys(self.needs)
                      if not any(other != need and other & need == other for rule, other in self.needs if rule == key)]

    def bits(self, lexeme) -> int:
        lower, orth = lexeme.lower_, lexeme.orth_
        found = self.by_word.get(lower, 0) | self.by_word.get(orth, 0)
        for bit, kind, payload in self.others:
            if kind == "regex":
                if payload.search(orth) or (lower != orth and payload.search(lower)):
                    found |= bit
            elif getattr(lexeme, payload):
                found |= bit
        return found

    def may_match(self, found: int) -> bool:
        """Some pattern finds every spec it needs among words with these bits."""
        return any(need & found == need for _, need in self.least)

    def rules_that_may_match(self, found: int) -> list[str]:
        """The rules with a pattern that finds every spec it needs among words with these bits (remembered
        per set of bits: most stretches are one common word, so the same few sets recur)."""
        rules = self.rules_for.get(found)
        if rules is None:
            if len(self.rules_for) >= _CACHE_LIMIT:
                self.rules_for.clear()
            rules = self.rules_for[found] = list(dict.fromkeys(key for key, need in self.least if need & found == need))
        return rules


class AnchoredMatcher:
    """`Matcher` with `add` and `__call__`, run only where some pattern can match."""

    def __init__(self, vocab, in_order: bool = True):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        # in_order=False: one Matcher per rule as well, each asked only where its rule may match
        self.rules: dict[str, Matcher] | None = None if in_order else {}
        self.longest = 0.0  # tokens in the longest possible match
        self.whole_doc = False  # a spec or a filter the analysis does not cover: match the whole Doc
        self.greedy: str | None = None
        self.tests = _WordTests()
        self._codes: dict[int, str] = {}  # per word (ORTH id): _OUTSIDE, _INSIDE or _ANCHOR
        self._bits: dict[int, int] = {}  # per word: the needed specs it may match
        self._compiled = False  # the tests' index, built at first use

    def add(self, key: str, patterns: list[list[dict]], greedy: str | None = None) -> None:
        self.matcher.add(key, patterns, greedy=greedy)
        if self.rules is not None:
            self.rules.setdefault(key, Matcher(self.vocab)).add(key, patterns, greedy=greedy)
        if greedy is not None:
            self.whole_doc |= self.greedy is not None or len(self.matcher) > 1 or greedy not in _GREEDY_ORDER
            self.greedy = greedy
        elif self.greedy is not None:
            self.whole_doc = True
        for pattern in patterns:
            self._analyse(key, pattern)
        self._codes.clear()
        self._bits.clear()
        self._compiled = False

    def _analyse(self, key: str, pattern: list[dict]) -> None:
        anchor, length, needs = None, 0.0, 0
        for spec in pattern:
            op = spec.get("OP")
            test = _word_test(spec)
            if op == "!" or test is None:
                self.whole_doc = True
                return
            try:
                low, high = _span(op)
            except ValueError:  # a quantifier spaCy may add later: nothing is assumed about it
                self.whole_doc = True
                return
            length += high
            self.tests.token_mask |= self.tests.bit(test[1])
            if low >= 1:
                needs |= self.tests.bit(test[1])
            if low >= 1 and (anchor is None or test[0] < anchor[0]):
                anchor = test
        self.tests.needs.append((key, needs))
        if anchor is None:  # every spec optional: any token it may match anchors it
            for spec in pattern:
                self.tests.anchor_mask |= self.tests.bit(_word_test(spec)[1])
        else:
            self.tests.anchor_mask |= self.tests.bit(anchor[1])
        self.longest = max(self.longest, length)

    def __len__(self) -> int:
        return len(self.matcher)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.whole_doc:
            return self.matcher(doc) if self.rules is None else sorted(self.matcher(doc), key=_by_position)
        orths = self._known_words(doc)
        if self.rules is not None:
            return self._by_rule(doc, orths)
        matches = []
        for start, end, found in self._stretches_with_bits(orths):
            if not self.tests.may_match(found):
                continue  # no pattern finds all it needs here: spaCy would find nothing
            matches.extend((key, start + s, start + e) for key, s, e in self.matcher(doc[start:end]))
        if self.greedy is not None:  # the filter kept the same matches in each stretch; spaCy's order over all
            key, reverse = _GREEDY_ORDER[self.greedy]
            matches.sort(key=key, reverse=reverse)
        return matches

    def _stretches_with_bits(self, orths: list[int]) -> Iterator[tuple[int, int, int]]:
        """Each stretch (start, end) with the bits of every spec its words meet."""
        bits_of = self._bits
        for start, end in self._stretches(orths):
            found = 0
            for orth in orths[start:end]:
                found |= bits_of[orth]
            yield start, end, found

    def _by_rule(self, doc: Doc, orths: list[int]) -> list[tuple[int, int, int]]:
        """The matches sorted by position: in each stretch, each rule that may match is asked alone (a
        call costs its patterns' predicates at every token, and a stretch holds one rule's words or two)."""
        matches = []
        for start, end, found in self._stretches_with_bits(orths):
            for rule in self.tests.rules_that_may_match(found):
                matches.extend((key, start + s, start + e) for key, s, e in self.rules[rule](doc[start:end]))
        return sorted(matches, key=_by_position)

    def _stretches(self, orths: list[int]) -> list[tuple[int, int]]:
        """Disjoint token ranges, in order, that hold every match: the runs of tokens some spec may match
        that hold an anchor, cut to `longest` tokens around their anchors. Found in a string of one code
        per token, so the walk over every token is C's (the word answers are known: `_known_words`)."""
        codes = "".join(map(self._codes.__getitem__, orths))
        stretches = []
        for run in _RUN.finditer(codes):
            start, end = run.span()
            anchors, anchor = [], codes.find(_ANCHOR, start, end)
            while anchor >= 0:
                anchors.append(anchor)
                anchor = codes.find(_ANCHOR, anchor + 1, end)
            stretches.extend(_around(anchors, start, end, self.longest))
        return stretches

    def _known_words(self, doc: Doc) -> list[int]:
        """The doc's words (ORTH ids), with each new word's answers learnt (`_learn`)."""
        orths = doc.to_array(ORTH).tolist() if len(doc) else []
        new = set(orths).difference(self._codes)
        if len(self._codes) + len(new) > _CACHE_LIMIT:  # bounded, so a long run's memory does not grow
            self._codes.clear()
            self._bits.clear()
            new = set(orths)
        for orth in new:
            self._learn(orth)
        return orths

    def _learn(self, orth: int) -> None:
        """A word's code (_OUTSIDE: no spec may match it; _INSIDE: one may; _ANCHOR: an anchor may too) and
        the needed specs it may match, as bits."""
        if not self._compiled:
            self.tests.compile()
            self._compiled = True
        tests = self.tests
        bits = tests.bits(self.vocab[orth])
        inside = bits & tests.token_mask != 0
        self._codes[orth] = _OUTSIDE if not inside else _ANCHOR if bits & tests.anchor_mask else _INSIDE
        self._bits[orth] = bits


_OUTSIDE, _INSIDE, _ANCHOR = "0", "1", "2"
_RUN = re.compile(f"[{_INSIDE}{_ANCHOR}]+")  # a run of words some spec may match


def _by_position(match: tuple[int, int, int]) -> tuple[int, int, int]:
    return match[1], match[2], match[0]


def _around(anchors: list[int], start: int, end: int, longest: float) -> list[tuple[int, int]]:
    """The parts of start..end within `longest` - 1 tokens of an anchor, merged where they touch."""
    if not anchors:
        return []
    if math.isinf(longest):
        return [(start, end)]
    reach = int(longest) - 1
    parts: list[list[int]] = []
    for anchor in anchors:
        low, high = max(start, anchor - reach), min(end, anchor + reach + 1)
        if parts and low <= parts[-1][1]:
            parts[-1][1] = max(parts[-1][1], high)
        else:
            parts.append([low, high])
    return [(low, high) for low, high in parts]
