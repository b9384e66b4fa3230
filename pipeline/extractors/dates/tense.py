"""The tense of the clause a date sits in: whether a bare "Tuesday" or "March" lies before or
after the publication date (what is planned or scheduled lies ahead: "planned a rally on
Saturday", "effective Feb. 1")."""
from __future__ import annotations

from spacy.tokens import Span

from .cues import DateCues


def clause_tense(span: Span, cues: DateCues) -> str | None:
    """'past' or 'future' when the clause governing the span says so, else None."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in cues.schedule_words:
        return "future"  # "effective Feb. 1", "payable Dec. 15": a schedule, whatever the verb's tense
    verb = span.root
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ in cues.future_auxiliaries for aux in auxiliaries):
        return "future"
    if before in ("until", "till") and verb.lemma_.lower() in cues.deferral_verbs:
        return "future"  # "postponed the vote until Tuesday": a deadline moved ahead of the telling
    if is_planned(span, verb, auxiliaries, cues):
        return "future"
    if any(aux.tag_ == "VBD" for aux in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries):
        return "past"
    if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxiliaries) \
            and is_present_intent(verb.head, cues.future_intent_verbs):
        return "future"  # "is scheduled to meet Tuesday", "is to resume trading Tuesday"
    preceding = " ".join(token.lower_ for token in span.doc[max(0, span.start - 3):span.start])
    if any(preceding == opener or preceding.endswith(" " + opener) for opener in cues.future_openers):
        return "future"
    return None


def is_planned(span: Span, verb, auxiliaries: list, cues: DateCues) -> bool:
    """What is planned lies ahead of the planning, whatever the tense it is reported in:
    "planned a rally on Saturday", "has called a press briefing Thursday", "were planning to
    drive there Monday" (but not "had planned": a plan overtaken). A date before a past verb
    ("On Friday, they planned ...") dates the planning itself."""
    planner = verb.head if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxiliaries) else \
        (verb if span.start > verb.i or verb.tag_ in ("VBZ", "VBP") else None)
    return planner is not None and planner.lemma_ in cues.plan_verbs and not is_pluperfect(planner) \
        and not (planner.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in planner.children))


def is_pluperfect(verb) -> bool:
    """'had planned', 'had been scheduled'."""
    return any(child.dep_ in ("aux", "auxpass") and child.lower_ in ("had", "'d") for child in verb.children)


def is_present_intent(verb, intent_verbs) -> bool:
    """'is scheduled', 'plans', 'is to': an intention stated now (not 'had been scheduled')."""
    # "had been due to ...": an adjective takes its tense from the copula it complements
    carrier = verb.head if verb.dep_ == "acomp" and verb.head.lemma_ == "be" else verb
    auxiliaries = [child for child in carrier.children if child.dep_ in ("aux", "auxpass")]
    if carrier.tag_ == "VBD" or any(aux.tag_ in ("VBD", "MD") for aux in auxiliaries):
        return False
    return verb.lemma_ in intent_verbs or (verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP"))
