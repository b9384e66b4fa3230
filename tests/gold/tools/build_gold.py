#!/usr/bin/env python3
"""Build the project's gold sets from the hand-annotated articles in tests/gold/articles/.

Each set is built from its own folder and scored separately (SETS below):
  articles/*.txt         -> project.jsonl  (entertainment, business, politics, sport)
  articles/genres/*.txt  -> genres.jsonl   (business, technology, politics, sport:
                                            the precision gate beyond entertainment)

Each article file holds a small header, a line `---`, then the text with every
fact marked inline as `[span text]{tags}`:

  {p}                 person
  {t}                 title
  {d=2025-03-11}      date with its TIMEX3 value; the TIMEX3 type follows from the
                      value (P... DURATION, ...T20:00 TIME, else DATE) unless
                      given: {d=P1W/SET}. {d} alone: a date with no value.
  {n=12}              numeric claim with its value; a range {n=7..9}
  {d=P7D n=7}         both (counted time is a date and a numeric claim)

The markup is removed and offsets are computed on the clean text, so
`text[start:end] == entity["text"]` holds by construction. The annotations
themselves are decided by hand per ../shared/ANNOTATION.md; this script only
does the arithmetic. Run from the project root:

  .venv/bin/python tests/gold/tools/build_gold.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent.parent
ARTICLES = GOLD_DIR / "articles"
OUTPUT = GOLD_DIR / "project.jsonl"
# gold set name -> (folder of its articles, output file, corpus field)
SETS = {
    "project": (ARTICLES, OUTPUT, "project"),
    "genres": (ARTICLES / "genres", GOLD_DIR / "genres.jsonl", "project-genres"),
}
MARK = re.compile(r"\[([^\[\]]+)\]\{([^{}]*)\}")
KINDS = ["person", "title", "date", "numeric_claim"]


def number(text: str, where: str):
    try:
        value = float(text)
    except ValueError:
        sys.exit(f"{where}: numeric value {text!r} is not a number")
    return int(value) if value.is_integer() and "." not in text else value


def timex_type(value: str) -> str:
    if value.startswith("P") and not value.endswith("_REF"):  # PRESENT_REF, PAST_REF are dates
        return "DURATION"
    if re.search(r"T(\d|MO|AF|EV|NI|DT)", value):
        return "TIME"
    return "DATE"


def entities_for(span: str, tags: str, where: str) -> list[dict]:
    found = []
    for tag in tags.split():
        kind, _, raw = tag.partition("=")
        if kind == "p":
            found.append({"type": "person"})
        elif kind == "t":
            found.append({"type": "title"})
        elif kind == "d":
            entity = {"type": "date"}
            if raw:
                value, _, explicit_type = raw.partition("/")
                entity.update(value=value, timex_type=explicit_type or timex_type(value))
            found.append(entity)
        elif kind == "n":
            if not raw:
                sys.exit(f"{where}: numeric claim {span!r} needs a value")
            low, sep, high = raw.partition("..")
            value = [number(low, where), number(high, where)] if sep else number(raw, where)
            found.append({"type": "numeric_claim", "value": value})
        else:
            sys.exit(f"{where}: unknown tag {tag!r} on {span!r}")
    return found


def parse_article(path: Path, corpus: str = "project") -> dict:
    raw = path.read_text(encoding="utf-8")
    header, separator, body = raw.partition("\n---\n")
    if not separator:
        sys.exit(f"{path}: no '---' line between header and text")
    meta = dict(line.split(":", 1) for line in header.splitlines() if line.strip())
    meta = {key.strip(): value.strip() for key, value in meta.items()}
    body = body.rstrip("\n")
    text, entities, cursor, line = [], [], 0, 1
    length = 0
    for match in MARK.finditer(body):
        before = body[cursor:match.start()]
        text.append(before)
        length += len(before)
        span = match.group(1)
        where = f"{path}:{body.count(chr(10), 0, match.start()) + 1}"
        for entity in entities_for(span, match.group(2), where):
            entities.append({**entity, "start": length, "end": length + len(span), "text": span})
        text.append(span)
        length += len(span)
        cursor = match.end()
    text.append(body[cursor:])
    clean = "".join(text)
    for leftover in ("]{", "[["):
        if leftover in clean:
            sys.exit(f"{path}: unparsed markup near {clean[clean.index(leftover) - 30:][:60]!r}")
    ordered = [{"type": e["type"], "start": e["start"], "end": e["end"], "text": e["text"],
                **({"value": e["value"]} if "value" in e else {}),
                **({"timex_type": e["timex_type"]} if "timex_type" in e else {})}
               for e in sorted(entities, key=lambda e: (e["start"], e["end"], KINDS.index(e["type"])))]
    doc_date = meta.get("doc_date")
    return {"doc_id": meta["doc_id"], "corpus": corpus, "split": "dev",
            "doc_date": None if doc_date in (None, "", "none") else doc_date,
            "genre": meta.get("genre"), "text": clean, "annotated_types": KINDS, "entities": ordered}


def build_set(name: str) -> list[dict]:
    """The documents of one gold set, from the articles of its folder (not its subfolders)."""
    folder, _, corpus = SETS[name]
    return [parse_article(path, corpus) for path in sorted(folder.glob("*.txt"))]


def main() -> int:
    seen: dict[str, str] = {}
    for name, (_, output, _) in SETS.items():
        documents = build_set(name)
        for document in documents:
            if document["doc_id"] in seen:
                sys.exit(f"doc_id {document['doc_id']} is in both {seen[document['doc_id']]} and {name}")
            seen[document["doc_id"]] = name
        with output.open("w", encoding="utf-8") as out:
            for document in documents:
                out.write(json.dumps(document, ensure_ascii=False) + "\n")
        words = sum(len(d["text"].split()) for d in documents)
        counts = {kind: sum(e["type"] == kind for d in documents for e in d["entities"]) for kind in KINDS}
        print(f"{output}: {len(documents)} documents, {words} words, {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
