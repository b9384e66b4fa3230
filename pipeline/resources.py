"""Where the shipped configs/ and models/ folders are, in a checkout and in an installed wheel alike.

The repository keeps them at its root (configs/, models/). The package reaches them through
pipeline/_data/, which holds two links in a checkout (`configs -> ../../configs`,
`models -> ../../models`) and, in a wheel, the folders themselves as package data
(pyproject.toml, [tool.setuptools.package-data]). Following the link gives the repository's
folder, so paths in messages name the files a developer edits; nothing is ever downloaded.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "_data"


def shipped_folder(name: str) -> Path:
    """pipeline/_data/NAME, links followed: the repository's NAME/ in a checkout, the package's copy
    when installed. A checkout whose links were written as plain files (git's core.symlinks off)
    falls back to the repository's folder beside the package."""
    folder = DATA_DIR / name
    return folder.resolve() if folder.is_dir() else PACKAGE_DIR.parent / name


CONFIGS_DIR = shipped_folder("configs")
MODELS_DIR = shipped_folder("models")
DEFAULT_CONFIG_PATH = CONFIGS_DIR / "default.toml"
