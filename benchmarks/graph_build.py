"""Graph build throughput: fact records -> Oxigraph store, in triples per second.

    python benchmarks/graph_build.py [--records 10000] [--articles 2225]

1. 10,000 synthetic fact records (people, titles, numeric claims, relations).
2. A BBC-size corpus (2,225 articles, the size of the BBC News dataset) made
   from the project's own articles: they are run through the pipeline once,
   and their facts are replicated under new document ids.
Prints quads per second and store size on disk, and the extraction rate of
the same run for comparison: the graph must not be the slow stage.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import load_settings  # noqa: E402
from pipeline.ids import fact_id, stable_id  # noqa: E402
from pipeline.run import run_pipeline  # noqa: E402
from pipeline.store import GraphStore  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from throughput import source_texts  # noqa: E402

SENTENCE = {"start": 0, "end": 80, "text": "A synthetic sentence that stands in for the evidence of a fact."}


def synthetic_records(count: int):
    """Articles of 20 records each: 6 people, 4 titles, 4 numbers, 5 relations, a document."""
    made = 0
    article = 0
    while made < count:
        doc = f"synthetic-{article}"
        yield {"fact_id": fact_id(doc, "document", 0, 0, None), "doc_id": doc, "kind": "document", "source": "x",
               "line": None, "headline": f"Headline {article}", "authors": [], "date": "2022-02-07",
               "date_source": "metadata", "url": None, "chars": 2000}
        made += 1
        for i in range(19):
            start = i * 10
            if i < 6:
                name = f"Person {(article * 3 + i) % 5000}"
                value = {"name": name, "entity": f"person/person-{(article * 3 + i) % 5000}", "roles": []}
                kind = "person"
            elif i < 10:
                value = {"title": f"Work {(article + i) % 2000}", "work_type": "film",
                         "entity": f"title/work-{(article + i) % 2000}"}
                kind = "title"
            elif i < 14:
                value = {"value": i, "unit": "episode", "quantity": "count", "qualifier": "exact",
                         "about": None, "change": None}
                kind = "numeric_claim"
            else:
                kind = "relation"
            base = {"doc_id": doc, "start": start, "end": start + 5, "text": "xxxxx", "sentence": SENTENCE,
                    "confidence": 0.9, "extractor": "synthetic"}
            if kind == "relation":
                subject = f"person/person-{(article * 3 + i - 14) % 5000}"
                obj = f"title/work-{(article + i) % 2000}"
                yield {**base, "kind": kind, "fact_id": fact_id(doc, kind, start, start + 5, [subject, obj]),
                       "subject": subject, "predicate": "cast_in", "object": obj, "object_type": "entity"}
            else:
                yield {**base, "kind": kind, "fact_id": fact_id(doc, kind, start, start + 5, value), "value": value}
            made += 1
            if made >= count:
                return
        article += 1


def folder_size(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def load(records, folder: Path) -> tuple[int, int, float, float]:
    store = GraphStore(folder)
    summary = store.load_records(records)
    return summary.articles, summary.quads, summary.seconds, folder_size(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=2225)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        articles, quads, seconds, size = load(synthetic_records(args.records), work / "synthetic")
        print(f"synthetic: {args.records} records, {articles} articles -> {quads} quads in {seconds:.2f} s "
              f"({quads / seconds:,.0f} quads/s, {articles / seconds:,.0f} articles/s), store {size:.1f} MB")

        corpus = work / "own.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for index, text in enumerate(source_texts()):
                out.write(json.dumps({"id": f"own-{index}", "text": text, "date": "2022-02-07"}) + "\n")
        summary = run_pipeline(load_settings(ROOT / "configs" / "default.toml", overrides={"graph.enabled": False}),
                               inputs=[str(corpus)], output_dir=work / "run")
        extraction_rate = summary.documents / summary.seconds
        records_by_doc: dict[str, list[dict]] = {}
        for line in (work / "run" / "facts.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records_by_doc.setdefault(record["doc_id"], []).append(record)
        sources = list(records_by_doc.values())

        def replicated():
            for index in range(args.articles):
                for record in sources[index % len(sources)]:
                    yield {**record, "doc_id": f"bbc-size-{index}",
                           "fact_id": stable_id(f"bbc-size-{index}", record["fact_id"])}

        articles, quads, seconds, size = load(replicated(), work / "bbc-size")
        print(f"BBC-size: {articles} articles (from {len(sources)} own articles) -> {quads} quads in "
              f"{seconds:.2f} s ({quads / seconds:,.0f} quads/s, {articles / seconds:,.0f} articles/s), "
              f"store {size:.1f} MB")
        print(f"extraction on the same machine: {extraction_rate:.1f} articles/s "
              f"-> graph build is {articles / seconds / extraction_rate:,.0f}x faster per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
