"""Readers for .txt/.md, .jsonl and .html inputs -> a stream of Article or Reject.

Nothing here raises for a bad article: it becomes a `Reject` naming the file
and line, and the stream goes on. Only a path that does not exist stops the
run before it starts (`InputNotFoundError`).
"""
from __future__ import annotations

import datetime as dt
import glob
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .article import Article, Reject
from .config import InputSettings
from .errors import InputNotFoundError
from .jsonl import decode_text, json_lines

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

# Header conventions of scraped news pages: a date line ("date 2022-02-07",
# "Published: 2022-02-07") and a byline ("By Jane Doe", "Written By\nJane Doe").
HEADER_LINES = 15
DATE_LINE = re.compile(
    r"^\s*(?:(?:date|published|posted|updated)\s*:?\s*)?(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
BYLINE = re.compile(r"^\s*(?:[Ww]ritten [Bb]y|WRITTEN BY|By|BY)\b:?[ \t]*(?P<rest>.*?)\s*$")
NAME = re.compile(r"^[A-Z][\w.'\-]*(?:\s+(?:[A-Z][\w.'\-]*|van|von|de|der|da|del|di|le|la|bin|al))*$")
MAX_HEADLINE_CHARS = 250


@dataclass(frozen=True)
class InputFile:
    path: Path
    root: Path  # doc ids of text files are paths relative to this

    @property
    def relative_id(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name


def expand_inputs(paths: Iterable[str]) -> list[InputFile]:
    """Files, folders (searched recursively) and globs -> supported files, sorted."""
    files: list[InputFile] = []
    for raw in paths:
        raw = str(raw)
        if glob.has_magic(raw):
            matches = sorted(Path(p) for p in glob.glob(raw, recursive=True))
            matches = [p for p in matches if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
            if not matches:
                raise InputNotFoundError(f"{raw}: the pattern matches no .txt, .md, .jsonl or .html file")
            root = _glob_root(raw)
            files.extend(InputFile(p, root) for p in matches)
        else:
            path = Path(raw)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
                if not found:
                    raise InputNotFoundError(f"{raw}: the folder holds no .txt, .md, .jsonl or .html file")
                files.extend(InputFile(p, path) for p in found)
            elif path.is_file():
                files.append(InputFile(path, path.parent))
            else:
                raise InputNotFoundError(f"{raw}: input path not found")
    unique, seen = [], set()
    for item in files:
        key = item.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _glob_root(pattern: str) -> Path:
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def read_articles(files: Iterable[InputFile], settings: InputSettings) -> Iterator[Article | Reject]:
    """Every article of `files` in order, or the Reject saying why an input is none.

    Doc ids are unique within one call: an article whose id an earlier article already has is
    rejected, naming both sources, never merged with it (the graph keys articles by doc id)."""
    first_use: dict[str, str] = {}  # doc id -> where the article that holds it came from
    for result in _read_all(files, settings):
        if isinstance(result, Article):
            where = result.source if result.line is None else f"{result.source}:{result.line}"
            if result.doc_id in first_use:
                yield Reject(result.source, result.line,
                             f"doc id '{result.doc_id}' is already used by {first_use[result.doc_id]}; "
                             "ids must be unique within a run (rename the file or give the line its own id)",
                             result.doc_id)
                continue
            first_use[result.doc_id] = where
        yield result


def _read_all(files: Iterable[InputFile], settings: InputSettings) -> Iterator[Article | Reject]:
    for item in files:
        suffix = item.path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(item, settings)
        elif suffix in HTML_SUFFIXES:
            yield _checked(_guarded(item, None, _read_html, item), settings)
        elif suffix in TEXT_SUFFIXES:
            yield _checked(_guarded(item, None, _read_text, item), settings)
        else:
            yield Reject(str(item.path), None, f"unsupported file type '{suffix}' (use .txt, .md, .jsonl or .html)")


def _guarded(item: InputFile, line: int | None, read, *args) -> Article | Reject:
    """`read(*args)`, or a Reject naming the input (and line) when it raises: one input the
    readers did not foresee (a page that breaks the HTML extractor) must not stop the run."""
    try:
        return read(*args)
    except Exception as error:  # any failure here is this input's, and is reported as such
        return Reject(str(item.path), line, f"cannot read: {type(error).__name__}: {error}")


def count_articles(files: Iterable[InputFile]) -> int:
    """A cheap upper bound for a progress bar: one per text file, lines of JSONL."""
    total = 0
    for item in files:
        if item.path.suffix.lower() in JSONL_SUFFIXES:
            with item.path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def article_record(article: Article) -> dict:
    """An article as one JSONL line of `pipeline ingest`, readable again as input."""
    return {"id": article.doc_id, "text": article.text,
            "date": article.date.isoformat() if article.date else None,
            "title": article.headline, "url": article.url, "author": article.authors}


def _checked(result: Article | Reject, settings: InputSettings) -> Article | Reject:
    if isinstance(result, Reject):
        return result
    if not result.text.strip():
        return Reject(result.source, result.line, "empty article: no text", result.doc_id)
    if len(result.text) > settings.max_chars:
        return Reject(result.source, result.line,
                      f"article is {len(result.text):,} characters, over input.max_chars = "
                      f"{settings.max_chars:,}; split it or raise the limit", result.doc_id)
    return result


def _read_file_text(item: InputFile) -> str | Reject:
    """The whole file as text, or a Reject when it cannot be read or is not UTF-8 text."""
    source = str(item.path)
    try:
        data = item.path.read_bytes()
    except OSError as error:
        return Reject(source, None, f"cannot read: {error.strerror}")
    text, problem = decode_text(data)
    return Reject(source, None, problem) if problem else text


def _read_text(item: InputFile) -> Article | Reject:
    text = _read_file_text(item)
    if isinstance(text, Reject):
        return text
    article = Article(doc_id=item.relative_id, text=text, source=str(item.path))
    apply_header(article)
    return article


def _read_jsonl(item: InputFile, settings: InputSettings) -> Iterator[Article | Reject]:
    source = str(item.path)
    empty = True
    try:
        for line in json_lines(item.path):
            empty = False
            if line.error is not None:
                yield Reject(source, line.number, line.error)
            else:
                yield _checked(_guarded(item, line.number, _article_from_record, line.value, item, line.number,
                                        settings.jsonl_fields), settings)
    except OSError as error:
        yield Reject(source, None, f"cannot read: {error.strerror}")
        return
    if empty:
        yield Reject(source, None, "empty file: no JSON lines")


def _article_from_record(record, item: InputFile, number: int, names: dict) -> Article | Reject:
    source = str(item.path)
    if not isinstance(record, dict):
        return Reject(source, number, f"expected a JSON object per line, got {type(record).__name__}")
    text = record.get(names["text"])
    doc_id = record.get(names["id"])
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{item.relative_id}#{number}"
    if text is None:
        return Reject(source, number, f"no '{names['text']}' field (input.jsonl_fields.text)", doc_id)
    if not isinstance(text, str):
        return Reject(source, number, f"'{names['text']}' must be a string, got {type(text).__name__}", doc_id)
    article = Article(doc_id=doc_id, text=text, source=source, line=number)
    raw_date = record.get(names["date"])
    if raw_date not in (None, ""):
        parsed = parse_iso_date(raw_date)
        if parsed is None:
            return Reject(source, number, f"'{names['date']}' is not an ISO date (YYYY-MM-DD): {raw_date!r}", doc_id)
        article.date, article.date_source = parsed, "metadata"
    title = record.get(names["title"])
    if isinstance(title, str) and title.strip():
        article.headline = title.strip()
    url = record.get(names["url"])
    if isinstance(url, str) and url.strip():
        article.url = url.strip()
    authors = record.get(names["author"])
    if isinstance(authors, str) and authors.strip():
        article.authors = [authors.strip()]
    elif isinstance(authors, list):
        article.authors = [str(a).strip() for a in authors if str(a).strip()]
    apply_header(article)
    return article


def _read_html(item: InputFile) -> Article | Reject:
    import trafilatura  # imported here: only HTML inputs pay for it

    source = str(item.path)
    html = _read_file_text(item)
    if isinstance(html, Reject):
        return html
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            favor_precision=True)
    if extracted is None:
        return Reject(source, None, "no article text found in the HTML page")
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = (meta.get("text") or "").strip()
    headline = (meta.get("title") or "").strip() or None
    # The headline leads the text, as in the plain-text articles, so that
    # people named in it are found and offsets cover what a reader sees.
    text = f"{headline}\n\n{body}\n" if headline else f"{body}\n"
    article = Article(doc_id=item.relative_id, text=text, source=source, url=meta.get("url") or None)
    if headline:
        article.headline, article.headline_span = headline, (0, len(headline))
    published = parse_iso_date(meta.get("date")) if meta.get("date") else None
    if published:
        article.date, article.date_source = published, "html"
    author = meta.get("author")
    if author:
        article.authors = [name.strip() for name in re.split(r";|\band\b", author) if name.strip()]
    apply_header(article)
    return article


def parse_iso_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _lines(text: str, limit: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) of the first `limit` non-blank lines, offsets without surrounding spaces."""
    position = 0
    seen = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = position + (len(raw) - len(raw.lstrip()))
            yield start, start + len(stripped), stripped
            seen += 1
            if seen >= limit:
                return
        position += len(raw)


def apply_header(article: Article) -> None:
    """Fill publication date, headline and byline from the article's first lines.

    Metadata already set (JSONL fields, HTML metadata) wins over the header.
    """
    lines = list(_lines(article.text, HEADER_LINES))
    date_line = None
    for index, (start, end, line) in enumerate(lines[:3]):
        match = DATE_LINE.match(line)
        if match:
            date_line = index
            if article.date is None:
                parsed = parse_iso_date(match.group(1))
                if parsed:
                    article.date, article.date_source = parsed, "header"
            break

    if article.headline_span is None:
        candidates = [(i, line) for i, line in enumerate(lines) if i != date_line]
        if candidates:
            index, (start, end, line) = candidates[0]
            if article.headline and article.headline.strip() == line:
                article.headline_span = (start, end)
            elif article.headline is None and _looks_like_headline(line, lines, index):
                article.headline, article.headline_span = line, (start, end)

    if not article.byline_spans:
        for index, (start, end, line) in enumerate(lines):
            match = BYLINE.match(line)
            if not match:
                continue
            rest = match.group("rest")
            if len(rest) > 60:  # a sentence that starts with "By", not a byline
                continue
            if rest:
                name_start = start + match.start("rest")
                name = rest
            elif index + 1 < len(lines):
                name_start, _, name = lines[index + 1]
            else:
                continue
            name = re.split(r"\s*[|,]\s*|\s+(?:and|for|in)\s+", name)[0].strip()
            if NAME.match(name) and 1 <= len(name.split()) <= 5 and len(name) <= 60:
                article.byline_spans.append((name_start, name_start + len(name)))
                if name not in article.authors:
                    article.authors.append(name)
                break


def _looks_like_headline(line: str, lines: list, index: int) -> bool:
    """A short first line that does not read like a sentence of body text."""
    if len(line) > MAX_HEADLINE_CHARS or index > 2:
        return False
    if BYLINE.match(line):
        return False
    # A headline is followed by more text; a one-line article has no headline.
    return index + 1 < len(lines) and not (line.endswith(".") and len(line.split()) > 25)
