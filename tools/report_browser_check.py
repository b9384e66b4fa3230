"""The evaluation report in a real browser: headless Chromium renders it, screenshots are saved,
and every document page's article text, as the browser's DOM holds it, must equal the gold text.

    apt-get install -y chromium                      # Debian's package; once
    pipeline eval tests/gold/project.jsonl tests/gold/seed.jsonl \\
        --relations tests/gold/relations.jsonl --report out/eval
    .venv/bin/python tools/report_browser_check.py out/eval tests/gold/project.jsonl tests/gold/seed.jsonl \\
        --screenshots out/screens [--document proj-001]

Writes index.png (the index page) and document-<id>.png (one document page) into the screenshot
folder, then loads each gold document's page with `chromium --dump-dom` and compares the text of
its article element with the gold document's text (report_text.page_articles reads the DOM, as the
test suite reads the written pages: tests/test_report.py). Last, it clicks a column header of the
first document table and checks the rows come back in that column's order. Exit 0 when every page matches, 1 with
each difference named, 2 when Chromium or the report is missing. Needs nothing but the Chromium
binary: no driver, no network (the report is static files).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.gold import read_gold
from pipeline.report_text import page_articles

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser(given: str | None) -> str:
    for name in ([given] if given else BROWSERS):
        found = shutil.which(name)
        if found:
            return found
    sys.exit(f"no Chromium found (tried {', '.join([given] if given else BROWSERS)}): "
             "install Debian's package with `apt-get install -y chromium`, or pass --browser PATH")


def chromium(browser: str, *arguments: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """One headless run. --no-sandbox: Chromium refuses to start as root (containers, CI) without it.
    A throwaway profile per run, so runs neither share state nor leave it behind."""
    with tempfile.TemporaryDirectory(prefix="report-check-") as profile:
        return subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-extensions", "--mute-audio", f"--user-data-dir={profile}", *arguments],
            capture_output=True, text=True, timeout=timeout, check=False)


def screenshot(browser: str, page: Path, target: Path, size: str) -> Path:
    result = chromium(browser, f"--screenshot={target}", f"--window-size={size}", page.resolve().as_uri())
    if not target.exists():
        sys.exit(f"Chromium wrote no screenshot of {page}: {result.stderr.strip()[-500:]}")
    return target


def rendered_articles(browser: str, page: Path) -> list[tuple[dict, str]]:
    """The page's article elements as the browser's DOM holds them after loading (scripts run)."""
    result = chromium(browser, "--dump-dom", page.resolve().as_uri())
    if result.returncode != 0 or "<html" not in result.stdout:
        raise RuntimeError(f"Chromium could not load {page}: {result.stderr.strip()[-500:]}")
    return page_articles(result.stdout)


def _number(cell: str) -> float | None:
    text = re.sub(r"<[^>]+>", "", cell).strip()
    try:
        return float(text)
    except ValueError:
        return None  # a dash: undefined, sorted last


def check_sorting(browser: str, report: Path, column: int, screenshots: Path, size: str) -> str | None:
    """Click the header of `column` in the first document table and read the order back from the
    DOM: the figures must come out ascending, dashes last. A copy of the index with one line of
    script added does the click (screenshot: index-sorted.png); it is removed afterwards."""
    index = report / "index.html"
    probe = report / ".sort-check.html"
    click = (f'<script>document.querySelector("table.sortable").tHead.rows[0].cells[{column}].click();</script>')
    probe.write_text(index.read_text(encoding="utf-8").replace("</body>", click + "</body>"), encoding="utf-8")
    try:
        result = chromium(browser, "--dump-dom", probe.resolve().as_uri())
        print(f"screenshot: {screenshot(browser, probe, screenshots / 'index-sorted.png', size)}")
    finally:
        probe.unlink()
    table = result.stdout.split('class="sortable"', 1)[-1].split("</table>", 1)[0]
    if 'aria-sort="ascending"' not in table:
        return f"sorting: clicking header {column} marked no column as sorted"
    body = table.split("<tbody>", 1)[-1]
    figures = [_number(re.findall(r"<td[^>]*>(.*?)</td>", row)[column])
               for row in re.findall(r"<tr>(.*?)</tr>", body)]
    defined = [figure for figure in figures if figure is not None]
    if defined != sorted(defined) or figures[:len(defined)] != defined:
        return f"sorting: column {column} is not ascending after a click: {figures}"
    return None


def check_pages(browser: str, report: Path, gold_paths: list[Path]) -> tuple[int, list[str]]:
    """Every gold document's page: found by its article's data attributes, text equal to the gold's."""
    rendered = {}
    for page in sorted((report / "docs").rglob("*.html")):
        for attributes, text in rendered_articles(browser, page):
            rendered[(attributes.get("data-gold-set"), attributes.get("data-doc-id"))] = (page, text)
    checked, problems = 0, []
    for path in gold_paths:
        gold_set = read_gold(path)
        for document in gold_set.documents:
            found = rendered.get((gold_set.name, document.doc_id))
            checked += 1
            if found is None:
                problems.append(f"{gold_set.name} {document.doc_id}: no page with its article in {report}")
            elif found[1] != document.text:
                page, text = found
                at = next((i for i, (a, b) in enumerate(zip(text, document.text)) if a != b),
                          min(len(text), len(document.text)))
                problems.append(f"{page}: article text differs from the gold text at character {at}: "
                                f"{text[at:at + 30]!r} vs {document.text[at:at + 30]!r}")
    return checked, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="a report folder written by `pipeline eval --report`")
    parser.add_argument("gold", type=Path, nargs="+", help="the gold files the report was made from")
    parser.add_argument("--screenshots", type=Path, required=True, help="folder for the PNG screenshots")
    parser.add_argument("--document", help="doc id of the document page to screenshot (default: the first)")
    parser.add_argument("--index-size", default="1400,1600", help="window size of the index screenshot")
    parser.add_argument("--document-size", default="1400,2200", help="window size of the document screenshot")
    parser.add_argument("--sort-column", type=int, default=4,
                        help="the document table's column clicked in the sorting check (default 4: missed)")
    parser.add_argument("--browser", help="the Chromium binary (default: the first of chromium, chromium-browser, "
                                          "google-chrome on PATH)")
    args = parser.parse_args(argv)

    index = args.report / "index.html"
    if not index.exists():
        print(f"{index} does not exist: write the report first with `pipeline eval ... --report {args.report}`",
              file=sys.stderr)
        return 2
    browser = find_browser(args.browser)
    pages = sorted((args.report / "docs").rglob("*.html"))
    wanted = [page for page in pages if page.stem == args.document] if args.document else pages[:1]
    if not wanted:
        print(f"no document page named {args.document} under {args.report / 'docs'}", file=sys.stderr)
        return 2
    args.screenshots.mkdir(parents=True, exist_ok=True)
    shots = [screenshot(browser, index, args.screenshots / "index.png", args.index_size),
             screenshot(browser, wanted[0], args.screenshots / f"document-{wanted[0].stem}.png", args.document_size)]
    for shot in shots:
        print(f"screenshot: {shot}")

    checked, problems = check_pages(browser, args.report, args.gold)
    sorting = check_sorting(browser, args.report, args.sort_column, args.screenshots, args.index_size)
    if sorting:
        problems.append(sorting)
    else:
        print(f"the document table sorts by column {args.sort_column} on a click")
    for problem in problems:
        print(problem, file=sys.stderr)
    mismatched = sum(not problem.startswith("sorting") for problem in problems)
    print(f"{checked - mismatched} of {checked} document pages: article text in the browser's DOM equals "
          "the gold text")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
