"""A spaCy Matcher that runs only over the stretches of a Doc where its patterns can match.

spaCy's Matcher starts every pattern at every token and tests each set or regex predicate in
Python, so a few dozen patterns cost more than the rules that read their matches. What a token
spec needs of a token (its lowercase form, its text, like_num, is_lower, is_title) is a
property of the word, so it is known once per word. A match is a run of tokens that each
satisfy a spec, and it holds a token that satisfies its pattern's anchor (the most selective
spec every match must use); a pattern of bounded length L lies within L tokens of that anchor.
The matcher therefore runs only on such stretches, and finds the same matches in the same
order (tests/test_anchored.py compares both on articles).
"""
from __future__ import annotations

import math
import re

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


class _AnyTest:
    """Whether a lexeme passes any of a list of word tests, with the word sets merged into one set:
    a word is looked up once instead of once per pattern spec (the date patterns have over a hundred)."""

    def __init__(self, tests: list[tuple[str, object]]):
        self.words = frozenset().union(*(payload for kind, payload in tests if kind == "words"))
        self.regexes = list({payload.pattern: payload for kind, payload in tests if kind == "regex"}.values())
        self.flags = list(dict.fromkeys(payload for kind, payload in tests if kind == "flag"))

    def __call__(self, lexeme) -> bool:
        lower, orth = lexeme.lower_, lexeme.orth_
        if lower in self.words or orth in self.words:
            return True
        if any(regex.search(orth) or regex.search(lower) for regex in self.regexes):
            return True
        return any(getattr(lexeme, name) for name in self.flags)


class _NeededWords:
    """The words each pattern needs: one bit per distinct required spec test, a word's bits for the
    tests it passes, and each pattern's bits. A stretch whose words lack some bit of every pattern
    holds no match, so spaCy is not asked: most stretches are a lone anchor-like word ("the", a
    number) that no whole pattern follows, and each call costs as much as its patterns' predicates."""

    def __init__(self):
        self.bit_of: dict[tuple, int] = {}
        self.tests: list[tuple[str, object]] = []
        self.needs: list[int] = []  # per pattern, the bits of its required specs

    def add_pattern(self, required: list[tuple[str, object]]) -> None:
        mask = 0
        for kind, payload in required:
            key = (kind, payload.pattern if kind == "regex" else payload)
            if key not in self.bit_of:
                self.bit_of[key] = len(self.tests)
                self.tests.append((kind, payload))
            mask |= 1 << self.bit_of[key]
        self.needs.append(mask)

    def compile(self) -> None:
        """Word sets merged into one index (a word's bits in one look-up), and only the least
        demanding patterns kept: a pattern that needs a superset of another's bits decides nothing."""
        self.by_word: dict[str, int] = {}
        self.others = [(1 << bit, kind, payload) for bit, (kind, payload) in enumerate(self.tests) if kind != "words"]
        for bit, (kind, payload) in enumerate(self.tests):
            if kind == "words":
                for word in payload:
                    self.by_word[word] = self.by_word.get(word, 0) | 1 << bit
        needs = set(self.needs)
        self.least = [need for need in needs if not any(other != need and other & need == other for other in needs)]

    def bits(self, lexeme) -> int:
        lower, orth = lexeme.lower_, lexeme.orth_
        found = self.by_word.get(lower, 0) | self.by_word.get(orth, 0)
        for bit, kind, payload in self.others:
            if kind == "regex":
                if payload.search(orth) or payload.search(lower):
                    found |= bit
            elif getattr(lexeme, payload):
                found |= bit
        return found

    def may_match(self, found: int) -> bool:
        """Some pattern finds every spec it needs among words with these bits."""
        return any(need & found == need for need in self.least)


class AnchoredMatcher:
    """`Matcher` with `add` and `__call__`, run only where some pattern can match."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.token_tests: list[tuple[str, object]] = []  # a token in any match passes one of these
        self.anchor_tests: list[tuple[str, object]] = []  # every match holds a token that passes one of these
        self.longest = 0.0  # tokens in the longest possible match
        self.whole_doc = False  # a spec or a filter the analysis does not cover: match the whole Doc
        self.greedy: str | None = None
        self.needed = _NeededWords()
        self._words: dict[int, tuple[bool, bool, int]] = {}
        self._tests: tuple[_AnyTest, _AnyTest] | None = None  # (token test, anchor test), built at first use

    def add(self, key: str, patterns: list[list[dict]], greedy: str | None = None) -> None:
        self.matcher.add(key, patterns, greedy=greedy)
        if greedy is not None:
            self.whole_doc |= self.greedy is not None or len(self.matcher) > 1 or greedy not in _GREEDY_ORDER
            self.greedy = greedy
        elif self.greedy is not None:
            self.whole_doc = True
        for pattern in patterns:
            self._analyse(pattern)
        self._words.clear()
        self._tests = None

    def _analyse(self, pattern: list[dict]) -> None:
        anchor, length, required = None, 0.0, []
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
            self.token_tests.append(test[1])
            if low >= 1:
                required.append(test[1])
            if low >= 1 and (anchor is None or test[0] < anchor[0]):
                anchor = test
        self.needed.add_pattern(required)
        if anchor is None:  # every spec optional: any token it may match anchors it
            self.anchor_tests.extend(_word_test(spec)[1] for spec in pattern)
        else:
            self.anchor_tests.append(anchor[1])
        self.longest = max(self.longest, length)

    def __len__(self) -> int:
        return len(self.matcher)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.whole_doc:
            return self.matcher(doc)
        known = self._words
        words = [known.get(orth) or self._word(orth) for orth in (doc.to_array(ORTH).tolist() if len(doc) else ())]
        matches = []
        for start, end in self._stretches(words):
            found = 0
            for word in words[start:end]:
                found |= word[2]
            if not self.needed.may_match(found):
                continue  # no pattern finds all it needs here: spaCy would find nothing
            matches.extend((key, start + s, start + e) for key, s, e in self.matcher(doc[start:end]))
        if self.greedy is not None:  # the filter kept the same matches in each stretch; spaCy's order over all
            key, reverse = _GREEDY_ORDER[self.greedy]
            matches.sort(key=key, reverse=reverse)
        return matches

    def _stretches(self, words: list[tuple[bool, bool, int]]) -> list[tuple[int, int]]:
        """Disjoint token ranges, in order, that hold every match: the runs of tokens some spec may match
        that hold an anchor, cut to `longest` tokens around their anchors."""
        stretches, index = [], 0
        while index < len(words):
            if not words[index][0]:
                index += 1
                continue
            run_end = index
            while run_end < len(words) and words[run_end][0]:
                run_end += 1
            anchors = [i for i in range(index, run_end) if words[i][1]]
            stretches.extend(_around(anchors, index, run_end, self.longest))
            index = run_end
        return stretches

    def _word(self, orth: int) -> tuple[bool, bool, int]:
        """(a spec may match the word, an anchor may, the needed specs it may match), once per word."""
        answer = self._words.get(orth)
        if answer is None:
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            if self._tests is None:
                self._tests = _AnyTest(self.token_tests), _AnyTest(self.anchor_tests)
                self.needed.compile()
            lexeme = self.vocab[orth]
            answer = (self._tests[0](lexeme), self._tests[1](lexeme), self.needed.bits(lexeme))
            self._words[orth] = answer
        return answer


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
