"""The extractors as spaCy components: `nlp.add_pipe("news_people")`, `doc.spans`, `Span._`, `doc._.facts`.

Each factory wraps one registered extractor (`extractors/registry.py`) with the options of its
`Options` dataclass as its spaCy config, so a pipeline saved with `nlp.to_disk` keeps them and
`spacy.load` builds the same rules again (factories are found through the `spacy_factories`
entry point of this package). Relative rule-file options resolve against `config_dir`, by default
the installed package's `configs/` folder, as in a run.

Per document, each component runs its extractor on the Doc with the mentions of the components
before it (as `executors.Extraction` does with the configured order), keeps them in
`doc._.news_mentions` (plain lists, so a Doc still serializes), and writes them as spans to
`doc.spans[name]`. `doc._.facts` turns every mention into the records `pipeline run` writes
(`facts.fact_records`), for the doc id in `doc._.doc_id`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from inspect import Parameter, Signature
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .article import Article
from .config import PROJECT_CONFIG_DIR, build_section
from .errors import ConfigError
from .extractors import ExtractorContext, registry
from .extractors.base import components_read
from .facts import fact_records
from .ingest import apply_header, parse_iso_date
from .mention import MENTION_KINDS, RELATION, Mention
from .nlp import TRAINED_NER, add_trained_ner, split_typographic_possessives

# The named components, in the order `configs/default.toml` runs their extractors.
NAMED_COMPONENTS = {"news_titles": "titles", "news_people": "people", "news_organizations": "organizations",
                    "news_dates": "dates", "news_numbers": "numbers", "news_relations": "relations"}
# What a span's value is called on `Span._`, by fact kind (`span._.value` holds it for every kind).
VALUE_EXTENSIONS = {"date": "timex", "numeric_claim": "quantity", RELATION: "relation"}
ENTITY_KINDS = ("person", "title", "organization")


def component_name(extractor: str) -> str:
    """The factory of a registered extractor: its named one, else `news_extractor`."""
    return next((name for name, wrapped in NAMED_COMPONENTS.items() if wrapped == extractor), "news_extractor")


# --- Doc and Span extensions -------------------------------------------------------------------

def _mention_of(span: Span) -> list | None:
    """The mention a component's span stands for (its index is the span's id), else None."""
    mentions = span.doc._.news_mentions
    if not mentions or not span.id_.isdigit() or int(span.id_) >= len(mentions):
        return None
    return mentions[int(span.id_)]


def _span_getter(field: int, kinds: tuple[str, ...] | None = None):
    def get(span: Span):
        mention = _mention_of(span)
        if mention is None or (kinds is not None and mention[0] not in kinds):
            return None
        return mention[field]
    return get


def _entity_id(span: Span) -> str | None:
    value = _span_getter(3, ENTITY_KINDS)(span)
    return value.get("entity") if isinstance(value, dict) else None


def _facts(doc: Doc) -> list[dict]:
    return fact_records(doc_article(doc), doc, doc_mentions(doc))


def register_extensions() -> None:
    """`doc._.doc_id` (default "doc"), `doc._.date` and `doc._.title` (metadata, like a JSONL line's),
    `doc._.facts` (the records); on spans `value`, `fact_kind`, `confidence`, `extractor`, `timex`,
    `quantity`, `relation` and `entity_id`. Safe to call again."""
    for name, default in (("doc_id", "doc"), ("date", None), ("title", None), ("article", None),
                          ("news_mentions", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", getter=_facts)
    getters = {"fact_kind": _span_getter(0), "value": _span_getter(3), "confidence": _span_getter(4),
               "extractor": _span_getter(5), "entity_id": _entity_id}
    getters.update({extension: _span_getter(3, (kind,)) for kind, extension in VALUE_EXTENSIONS.items()})
    for name, getter in getters.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


register_extensions()


# --- what the components share -----------------------------------------------------------------

def set_article(doc: Doc, article: Article) -> Doc:
    """Give the components the Article ingest read (a run's metadata: HTML date, byline, source), kept
    as plain values so that the Doc still serializes."""
    doc._.article = {**dataclasses.asdict(article), "date": article.date.isoformat() if article.date else None}
    doc._.doc_id = article.doc_id
    return doc


def doc_article(doc: Doc, anchor: dt.date | None = None) -> Article:
    """The Article the components read: the one a run set (`set_article`), else the one a run would
    read for this text: `doc._.date` (else `anchor`) and `doc._.title` as a JSONL line's metadata, then
    the header rules of ingest (date line, headline, byline)."""
    if doc._.article is not None:
        fields = dict(doc._.article)
        fields["date"] = parse_iso_date(fields["date"]) if fields["date"] else None
        fields["headline_span"] = tuple(fields["headline_span"]) if fields["headline_span"] else None
        fields["byline_spans"] = [tuple(span) for span in fields["byline_spans"]]
        return Article(**fields)
    doc_id = str(doc._.doc_id)
    article = Article(doc_id=doc_id, text=doc.text, source=doc_id)
    date = doc._.date if doc._.date not in (None, "") else anchor
    if date is not None:
        parsed = parse_iso_date(date)
        if parsed is None:
            raise ValueError(f"doc._.date must be an ISO date (YYYY-MM-DD) or a datetime.date, got {date!r}")
        article.date, article.date_source = parsed, "metadata"
    if isinstance(doc._.title, str) and doc._.title.strip():
        article.headline = doc._.title.strip()
    apply_header(article)
    return article


def doc_mentions(doc: Doc) -> list[Mention]:
    """Every mention the components found, by kind in MENTION_KINDS order, then in the order found
    (the order `executors.Extraction` hands them to the facts stage)."""
    stored = [Mention(kind, start, end, value, confidence, extractor)
              for kind, start, end, value, confidence, extractor in (doc._.news_mentions or [])]
    return [mention for kind in MENTION_KINDS for mention in stored if mention.kind == kind]


class ExtractorComponent:
    """One registered extractor as a spaCy component."""

    def __init__(self, nlp: Language, name: str, extractor: str, options: dict, config_dir: str = "",
                 anchor: str = ""):
        if extractor not in registry.get_all():
            raise ConfigError(f"{name}: '{extractor}' is not a registered extractor "
                              f"(known: {', '.join(sorted(registry.get_all()))})")
        self.name, self.extractor_name = name, extractor
        cls = registry.get(extractor)
        self.options = build_section(cls.Options, dict(options), f"component {name}")
        self.anchor = parse_iso_date(anchor) if anchor else None
        if anchor and self.anchor is None:
            raise ConfigError(f"component {name}: anchor must be an ISO date (YYYY-MM-DD), got {anchor!r}")
        # The run's tokenizer rule ("Time‘s" splits like "Time’s"), so a stock model added to gives the same
        # tokens as the model a run loads; it changes nothing a second time.
        split_typographic_possessives(nlp)
        context = ExtractorContext(nlp=nlp, config_dir=Path(config_dir) if config_dir else PROJECT_CONFIG_DIR)
        self.extractor = cls(context, self.options)
        self.reads_trained_ner = TRAINED_NER in components_read(cls, self.options)

    def __call__(self, doc: Doc) -> Doc:
        if self.reads_trained_ner and TRAINED_NER not in doc.spans:
            raise ConfigError(f"component {self.name} reads the trained NER (doc.spans['{TRAINED_NER}']), which "
                              f"no component before it wrote: add it first with nlp.add_pipe('trained_ner_spans', "
                              f"name='{TRAINED_NER}', config={{'path': 'models/news_ner'}}), or switch the "
                              "options that read it off (pipeline.load() does this from the config)")
        found: dict[str, list[Mention]] = {kind: [] for kind in MENTION_KINDS}
        for mention in doc_mentions(doc):
            found[mention.kind].append(mention)
        mentions = doc._.news_mentions if doc._.news_mentions is not None else []
        spans = []
        for mention in self.extractor(doc, doc_article(doc, self.anchor), found):
            found[mention.kind].append(mention)
            span = doc.char_span(mention.start, mention.end, label=mention.kind, alignment_mode="expand",
                                 span_id=str(len(mentions)))
            mentions.append([mention.kind, mention.start, mention.end, mention.value,
                             mention.confidence, mention.extractor])
            if span is not None:
                spans.append(span)
        doc._.news_mentions = mentions
        doc.spans[self.name] = spans
        return doc


def component_config(spec, config_dir: Path) -> tuple[str, str, dict]:
    """The factory, name and config of the component that runs a configured extractor (`ExtractorSpec`)."""
    factory = component_name(spec.name)
    options = dataclasses.asdict(spec.options)
    if factory == "news_extractor":  # named after its extractor ("news_ner" is the trained NER's)
        return factory, f"news_extractor_{spec.name}", {"extractor": spec.name, "options": options,
                                                        "config_dir": str(config_dir.resolve())}
    return factory, factory, {**options, "config_dir": str(config_dir.resolve())}


def add_components(nlp: Language, settings) -> Language:
    """The trained NER when an extractor reads it, then one component per extractor of `settings`
    (`config.Settings`), in `[extractors] order`: the pipeline `pipeline.load()` returns."""
    if any(TRAINED_NER in components_read(spec.cls, spec.options) for spec in settings.extractors) \
            and TRAINED_NER not in nlp.pipe_names:
        add_trained_ner(nlp, settings.trained_ner_path)
    for spec in settings.extractors:
        factory, name, config = component_config(spec, settings.config_dir)
        nlp.add_pipe(factory, name=name, config=config)
    return nlp


def build_components(nlp: Language, settings) -> list[tuple[str, ExtractorComponent]]:
    """(extractor name, component) per configured extractor, the components `add_components` adds, not
    added: for a caller that parses first and then runs them itself on one article at a time (a run:
    `set_article`, each component, `doc_mentions`)."""
    return [(spec.name, ExtractorComponent(nlp, component_config(spec, settings.config_dir)[1], spec.name,
                                           dataclasses.asdict(spec.options), str(settings.config_dir.resolve())))
            for spec in settings.extractors]


# --- factories ---------------------------------------------------------------------------------

def _factory(extractor: str, with_anchor: bool):
    """A factory whose config is the extractor's options, one key each (spaCy validates them against
    the signature), plus `config_dir` and, for dates, `anchor`."""
    options_cls = registry.get(extractor).Options
    hints = typing.get_type_hints(options_cls)
    defaults = {field.name: getattr(options_cls(), field.name) for field in dataclasses.fields(options_cls)}
    extra = {"config_dir": ""} | ({"anchor": ""} if with_anchor else {})

    def make(nlp: Language, name: str, **config) -> ExtractorComponent:
        config_dir, anchor = config.pop("config_dir", ""), config.pop("anchor", "")
        return ExtractorComponent(nlp, name, extractor, config, config_dir, anchor)

    parameters = [Parameter("nlp", Parameter.POSITIONAL_OR_KEYWORD, annotation=Language),
                  Parameter("name", Parameter.POSITIONAL_OR_KEYWORD, annotation=str)]
    parameters += [Parameter(key, Parameter.KEYWORD_ONLY, default=value, annotation=hints.get(key, str))
                   for key, value in {**defaults, **extra}.items()]
    make.__signature__ = Signature(parameters, return_annotation=ExtractorComponent)
    return make, {**defaults, **extra}


def _register(name: str, extractor: str, with_anchor: bool = False):
    make, default_config = _factory(extractor, with_anchor)
    make.__name__ = make.__qualname__ = f"make_{name}"
    return Language.factory(name, default_config=default_config, retokenizes=False)(make)


make_news_titles = _register("news_titles", "titles")
make_news_people = _register("news_people", "people")
make_news_organizations = _register("news_organizations", "organizations")
make_news_dates = _register("news_dates", "dates", with_anchor=True)
make_news_numbers = _register("news_numbers", "numbers")
make_news_relations = _register("news_relations", "relations")


@Language.factory("news_extractor", default_config={"extractor": "ner", "options": {}, "config_dir": ""})
def make_news_extractor(nlp: Language, name: str, extractor: str, options: dict, config_dir: str) -> ExtractorComponent:
    """Any registered extractor by name (`ner`, `trained_ner`, or one from another package)."""
    return ExtractorComponent(nlp, name, extractor, options, config_dir)
