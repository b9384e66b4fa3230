"""Which candidate wins where two overlap, and what one title is across its mentions: one group per
title, whose work type and canonical form come from all its mentions.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ...entities import entity_id
from ...mention import Mention
from .candidates import Candidate
from .lexicon import normalize_key

# Strength of each rule: on overlap the stronger one wins. The trained NER's WORK with a cue beside it
# ("trained") outweighs the base model's WORK_OF_ART and yields to a cue word's, a quote's or the gazetteer's.
STRENGTH = {"quoted": 4, "gazetteer": 3, "cue": 3, "trained": 2, "model": 1}
CONFIDENCE = {"quoted": 0.9, "gazetteer": 0.85, "cue": 0.85, "model": 0.5, "trained": 0.7, "propagated": 0.8}


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The strongest, then longest, then first candidate of each overlapping set.

    The sort is stable, so between equals the order the rules ran in decides.
    """
    ordered = sorted(candidates, key=lambda c: (-STRENGTH[c.rule], -(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for candidate in ordered:
        if not any(c.start < candidate.end and candidate.start < c.end for c in chosen):
            chosen.append(candidate)
        else:  # the same span from a weaker rule may still tell the work type
            for c in chosen:
                if (c.start, c.end) == (candidate.start, candidate.end) and not c.work_type:
                    c.work_type = candidate.work_type
    return chosen


def canonical_form(forms: Counter) -> str:
    """The form written most often; on a tie, the one with more capitals (title case)."""
    return max(forms.items(), key=lambda item: (item[1], sum(ch.isupper() for ch in item[0])))[0]


def title_mentions(text: str, chosen: list[Candidate], min_confidence: float) -> Iterator[Mention]:
    """One mention per chosen span, in text order, each naming its group's title and work type."""
    types: dict[str, Counter] = {}
    forms: dict[str, Counter] = {}
    for c in chosen:
        key = normalize_key(text[c.start:c.end])
        forms.setdefault(key, Counter())[text[c.start:c.end]] += 1
        if c.work_type:
            types.setdefault(key, Counter())[c.work_type] += 1
    mentions = {(c.start, c.end): c for c in chosen}

    for (start, end), c in sorted(mentions.items()):
        key = normalize_key(text[start:end])
        canonical = canonical_form(forms.get(key) or Counter({text[start:end]: 1}))
        work_type = types[key].most_common(1)[0][0] if key in types else "other"
        confidence = CONFIDENCE[c.rule]
        if confidence < min_confidence:
            continue
        extractor = c.detail if c.detail.startswith(("ner:", "rule:", "news_ner:")) else f"rule:{c.detail}"
        yield Mention("title", start, end,
                      {"title": canonical, "work_type": work_type, "entity": entity_id("title", canonical)},
                      confidence, extractor)
