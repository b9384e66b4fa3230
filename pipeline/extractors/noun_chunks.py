"""spaCy's English noun chunk rule (spacy/lang/en/syntax_iterators.py) read from the token arrays: the same
chunks as `doc.noun_chunks`, which walks every token as a Python Token where only nouns and pronouns can
end a chunk (tests/test_numbers.py compares both on articles)."""
from __future__ import annotations

from spacy.attrs import DEP, POS
from spacy.lang.en import syntax_iterators as english_syntax
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span

NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(doc: Doc) -> list[Span]:
    """`list(doc.noun_chunks)`, found from the POS and DEP arrays: spaCy's rule walks every token as a Python
    Token, where only nouns and pronouns can end a chunk. Another language's rule is spaCy's own."""
    if doc.noun_chunks_iterator is not english_syntax.noun_chunks or not doc.has_annotation("DEP"):
        return list(doc.noun_chunks)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in NP_DEPS}
    conj, np_label = strings.add("conj"), strings.add("NP")
    tags, deps = doc.to_array(POS).tolist(), doc.to_array(DEP).tolist()
    chunks, prev_end = [], -1
    for i in [i for i, tag in enumerate(tags) if tag in (NOUN, PROPN, PRON)]:
        word = doc[i]
        left = word.left_edge.i
        if left <= prev_end:
            continue  # no chunk inside the one before
        if deps[i] in np_deps:
            prev_end = i
            chunks.append(Span(doc, left, i + 1, label=np_label))
        elif deps[i] == conj:
            head = word.head
            while head.dep == conj and head.head.i < head.i:
                head = head.head
            if head.dep in np_deps:  # coordinated to a noun phrase: one too
                prev_end = i
                chunks.append(Span(doc, left, i + 1, label=np_label))
    return chunks
