"""The package a user installs (README, Install as a package): a wheel built with `python -m build`,
installed into a fresh venv outside the repository, finds its default config, schemas, rule files and
trained NER inside the package and writes, from a folder that is not the repository, the same
facts.jsonl as the repository's own run, byte for byte.

The slow test builds the wheel from a copy of the working tree (a build writes build/ and egg-info
beside its sources), installs it with its dependencies pinned by requirements.lock, and runs the seed
article twice: with the packaged default config, and with the config `pipeline init-config` writes.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline import resources

SEED_GLOB = "seeds/*.txt"  # relative, as configs/default.toml names it: both runs record the same source


@pytest.mark.parametrize("name", ["configs", "models"])
def test_a_checkout_reads_the_repository_folders(name):
    assert resources.shipped_folder(name) == ROOT / name
    assert resources.DEFAULT_CONFIG_PATH == ROOT / "configs" / "default.toml"


def test_an_installed_package_reads_its_own_data(tmp_path, monkeypatch):
    """In a wheel, pipeline/_data/configs is the folder itself, not a link."""
    (tmp_path / "configs").mkdir()
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    assert resources.shipped_folder("configs") == tmp_path / "configs"


def test_a_checkout_without_links_falls_back_to_the_repository(tmp_path, monkeypatch):
    """git with core.symlinks off writes each link as a small file naming its target."""
    (tmp_path / "configs").write_text("../../configs", encoding="utf-8")
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    assert resources.shipped_folder("configs") == ROOT / "configs"


def _source_copy(destination: Path) -> Path:
    """The working tree's files that git would keep (tracked, or new and not ignored), links as links."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if not source.exists() and not source.is_symlink():  # deleted in the working tree
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    return destination


def _clean_env() -> dict:
    """The environment without this test run's venv or import path: the installed package only."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(command: list, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=_clean_env(), capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the built wheel and its pinned dependencies; its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = _source_copy(tmp / "source")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", tmp / "dist", "."], cwd=source)
    wheels = sorted((tmp / "dist").glob("*.whl"))
    assert len(wheels) == 1, wheels
    _run([sys.executable, "-m", "venv", tmp / "venv"], cwd=tmp)
    bin_dir = tmp / "venv" / "bin"
    _run([bin_dir / "python", "-m", "pip", "install", "--quiet", "-c", ROOT / "requirements.lock", wheels[0]],
         cwd=tmp)
    return bin_dir


@pytest.fixture(scope="module")
def repository_facts(tmp_path_factory) -> bytes:
    """facts.jsonl of `pipeline run configs/default.toml` in the repository, as `make run` runs it."""
    out = tmp_path_factory.mktemp("repository") / "out"
    _run([sys.executable, "-m", "pipeline", "run", "configs/default.toml", "--output", out], cwd=ROOT)
    facts = (out / "facts.jsonl").read_bytes()
    assert facts.count(b'"kind":"person"') > 1, "the repository run found no facts to compare"
    return facts


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working folder outside the repository holding only the seed articles."""
    (tmp_path / "seeds").mkdir()
    for article in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy2(article, tmp_path / "seeds" / article.name)
    return tmp_path


@pytest.mark.slow
def test_the_installed_package_carries_its_configs_and_model(installed, elsewhere):
    shown = _run([installed / "python", "-c", "import pipeline.resources as r; "
                  "print(r.DEFAULT_CONFIG_PATH); print(r.MODELS_DIR / 'news_ner')"], cwd=elsewhere).stdout.split()
    site_packages = installed.parent / "lib"
    for path in map(Path, shown):
        assert site_packages in path.parents and ROOT not in path.parents, f"{path}: not the installed package's"
        assert path.exists(), f"{path}: not in the wheel (pyproject.toml, [tool.setuptools.package-data])"


@pytest.mark.slow
def test_the_packaged_default_config_writes_the_repository_facts(installed, elsewhere, repository_facts):
    default = _run([installed / "python", "-c", "import pipeline.config as c; print(c.DEFAULT_CONFIG_PATH)"],
                   cwd=elsewhere).stdout.strip()
    _run([installed / "pipeline", "run", default, "--output", "out"], cwd=elsewhere)
    assert (elsewhere / "out" / "facts.jsonl").read_bytes() == repository_facts


@pytest.mark.slow
def test_a_starter_config_writes_the_repository_facts(installed, elsewhere, repository_facts):
    """What the README tells a user: `pipeline init-config`, then run it on their articles."""
    _run([installed / "pipeline", "init-config", "pipeline.toml"], cwd=elsewhere)
    _run([installed / "pipeline", "run", "pipeline.toml", "--input", SEED_GLOB, "--output", "out"],
         cwd=elsewhere)
    assert (elsewhere / "out" / "facts.jsonl").read_bytes() == repository_facts
