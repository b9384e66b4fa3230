"""Issue 19's graph target: a store of 10,000 articles, loaded from a run's facts, and each of the
README's queries on it under a second.

    python benchmarks/graph_queries.py FACTS.jsonl... [--articles 10000]

FACTS are runs' facts.jsonl files (`make run`'s out/facts.jsonl, whose seed article the README's
questions are about, and a run over real news). Their articles are repeated under new document ids until there are --articles of them, loaded into a new
Oxigraph store (timed, in articles per second, to set beside the extraction rate), and then every
`pipeline query out/graph.oxigraph '...'` of the README is asked of the store (each timed, as
`pipeline query` answers it: the store opened, the query run, every row read).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ids import stable_id  # noqa: E402
from pipeline.store import GraphStore, query_store  # noqa: E402

# The README sections whose `pipeline query` commands are timed.
SECTIONS = ("### Five questions a newsroom asks", "### Asking the graph: `pipeline query`")


def readme_queries(section: str) -> list[str]:
    """The SPARQL of each `pipeline query out/graph.oxigraph '...'` in a README section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(section)
    end = readme.index("\n### ", start + len(section))
    return re.findall(r"pipeline query out/graph\.oxigraph '([^']*)'", readme[start:end])


def replicated(facts: list[Path], articles: int) -> Iterator[dict]:
    """The records of the `facts` files, article by article, repeated under new doc ids up to `articles`."""
    by_doc: dict[str, list[dict]] = {}
    for path in facts:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                by_doc.setdefault(record["doc_id"], []).append(record)
    sources = list(by_doc.values())
    for index in range(articles):
        for record in sources[index % len(sources)]:
            doc_id = f"{record['doc_id']}~{index}"
            copy = {**record, "doc_id": doc_id}
            if "fact_id" in record:
                copy["fact_id"] = stable_id(doc_id, record["fact_id"])
            yield copy


def build_and_ask(facts: list[Path], articles: int, folder: Path) -> tuple[dict, list[tuple[str, float, int]]]:
    """Load the store, then ask it every README query: (load figures, [(query, seconds, rows)])."""
    started = time.perf_counter()
    summary = GraphStore(folder).load_records(replicated(facts, articles))
    load = {"articles": summary.articles, "quads": summary.quads, "seconds": time.perf_counter() - started}
    answers = []
    for section in SECTIONS:
        for sparql in readme_queries(section):
            started = time.perf_counter()
            answer = query_store(folder, sparql)
            rows = len(answer.solutions or answer.triples or []) if answer.boolean is None else 1
            answers.append((sparql, time.perf_counter() - started, rows))
    return load, answers


def print_graph(load: dict, answers: list[tuple[str, float, int]], extraction_rate: float | None = None) -> None:
    rate = load["articles"] / load["seconds"]
    versus = f"; extraction in the same run: {extraction_rate:.1f} articles/s" if extraction_rate else ""
    print(f"\ngraph: {load['articles']:,} articles, {load['quads']:,} quads loaded in {load['seconds']:.1f} s "
          f"({rate:,.0f} articles/s{versus})")
    print("\n| README query | seconds | rows |\n|---|---|---|")
    for sparql, seconds, rows in answers:
        print(f"| `{' '.join(sparql.split())[:90]}` | {seconds:.3f} | {rows} |")
    print(f"slowest query: {max(seconds for _, seconds, _ in answers):.3f} s (target: each under 1 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("facts", type=Path, nargs="+", help="runs' facts.jsonl (the seed's among them, so that the "
                        "README's questions about its people and works have answers)")
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-graph-") as folder:
        load, answers = build_and_ask(args.facts, args.articles, Path(folder) / "store")
        print_graph(load, answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
