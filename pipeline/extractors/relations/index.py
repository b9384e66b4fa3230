"""The entities earlier extractors found, laid over the parse: which token belongs to which person, work
or organisation, so the relation rules walk the dependency tree and ask "whose token is this?"."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ...mention import Found, Mention
from ..spans import doc_index

PERSON, TITLE, ORGANIZATION = "person", "title", "organization"
# "The company", "the broadcaster": a speaker that refers back to the organisation last named.
ORGANISATION_NOUNS = {"company", "firm", "group", "broadcaster", "streamer", "studio", "publisher", "label", "club",
                      "government", "department", "ministry", "regulator", "bank", "airline", "carmaker", "maker",
                      "network", "channel", "agency", "charity", "union", "council", "party", "team", "service",
                      "developer", "retailer", "insurer", "lender", "operator", "watchdog", "platform", "startup",
                      "start-up", "business", "organisation", "organization", "association", "federation"}


@dataclass(frozen=True)
class Entity:
    kind: str
    id: str
    span: Span
    mention: Mention

    @property
    def work_type(self) -> str:
        return self.mention.value.get("work_type") or "other"


class EntityIndex:
    """Person, title and organisation mentions as token spans, looked up by token."""

    def __init__(self, doc: Doc, found: Found):
        self.doc = doc
        self.entities: list[Entity] = []
        self._by_token: dict[int, Entity] = {}
        for kind in (PERSON, TITLE, ORGANIZATION):
            for mention in found.get(kind, []):
                entity_id = mention.value.get("entity")
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if not entity_id or span is None or len(span) == 0:
                    continue
                entity = Entity(kind, entity_id, span, mention)
                self.entities.append(entity)
                for token in span:
                    self._by_token.setdefault(token.i, entity)
        self.entities.sort(key=lambda entity: entity.span.start)
        # Sentences found once: spaCy's token.sent walks the sentence on every call, which a text with no
        # full stop turns into a walk over the whole text.
        self.sentences = list(doc.sents)
        self._doc_index = doc_index(doc)  # the token strings and sentence starts the other extractors read
        self._sentence_starts = self._doc_index.sentence_starts

    def words(self, start: int, end: int) -> str:
        """The text of doc[start:end] (start < end), as `Span.text` gives it, without making a Span."""
        return self._doc_index.span_text(start, end)

    def sent(self, token: Token | Span) -> Span:
        """The sentence of a token (or of a span's first token)."""
        return self.sentences[self.sentence_number(token.start if isinstance(token, Span) else token.i)]

    def sentence_number(self, position: int) -> int:
        """Which sentence, counted from 0, holds the token at `position`."""
        return bisect_right(self._sentence_starts, position) - 1

    def previous_sent(self, sentence: Span) -> Span | None:
        return self.sent(self.doc[sentence.start - 1]) if sentence.start > 0 else None

    def at(self, token: Token | None, kind: str | None = None) -> Entity | None:
        if token is None:
            return None
        entity = self._by_token.get(token.i)
        return entity if entity is not None and (kind is None or entity.kind == kind) else None

    def of_kind(self, kind: str) -> Iterator[Entity]:
        return (entity for entity in self.entities if entity.kind == kind)

    def in_span(self, start: int, end: int, kind: str) -> list[Entity]:
        """Entities of a kind whose first token lies in doc[start:end]."""
        return [e for e in self.entities if e.kind == kind and start <= e.span.start < end]

    def before(self, position: int, kind: str, limit: int) -> Entity | None:
        """The last entity of a kind that ends before token `position`, at most `limit` tokens back."""
        best = None
        for entity in self.entities:
            if entity.kind == kind and entity.span.end <= position and position - entity.span.end <= limit:
                best = entity
        return best
