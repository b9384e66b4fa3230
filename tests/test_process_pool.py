"""`model.n_process` > 1: worker processes that parse and extract (pipeline/process_pool.py) write the
same bytes as one process, fail with one line, and never outlive a killed run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DEFAULT_CONFIG, ROOT
from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.executors import ARTICLES_PER_WORKER, processes_for
from pipeline.run import run_pipeline

ARTICLES = sorted((ROOT / "tests" / "gold" / "articles").glob("*.txt"))


def project_articles(path: Path, copies: int = 1) -> Path:
    """The project's own news texts as JSONL, `copies` times over with new ids."""
    lines = [json.dumps({"id": f"{article.stem}-{copy}", "text": article.read_text(encoding="utf-8"),
                         "date": "2022-02-07"}) for copy in range(copies) for article in ARTICLES]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def run(tmp_path: Path, name: str, source: Path, **overrides):
    settings = load_settings(DEFAULT_CONFIG, overrides={"graph.enabled": False, **overrides})
    summary = run_pipeline(settings, inputs=[str(source)], output_dir=tmp_path / name)
    return summary, json.loads((tmp_path / name / "run.json").read_text(encoding="utf-8"))


def test_auto_starts_no_more_workers_than_the_run_has_work_for(monkeypatch):
    monkeypatch.setattr("pipeline.executors.machine_n_process", lambda: 4)
    assert processes_for(0, 1) == 1  # the seed: the model loads in this process
    assert processes_for(0, 2 * ARTICLES_PER_WORKER) == 2
    assert processes_for(0, 100 * ARTICLES_PER_WORKER) == 4
    assert processes_for(0, None) == 4
    assert processes_for(3, 1) == 3  # a number the user set is taken as it is


@pytest.mark.slow
def test_two_workers_write_the_bytes_of_one_process(tmp_path):
    source = project_articles(tmp_path / "in.jsonl")
    one, one_manifest = run(tmp_path, "one", source, **{"model.n_process": 1, "model.batch_size": 2})
    two, two_manifest = run(tmp_path, "two", source, **{"model.n_process": 2, "model.batch_size": 2})
    for name in ("facts.jsonl", "rejects.jsonl", "state.jsonl"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    assert two.documents == one.documents == len(ARTICLES)
    assert two_manifest["timings"]["executor"] == {"kind": "local", "n_process": 2, "processes": 2}
    assert two_manifest["model"] == one_manifest["model"]
    # The workers' extractor seconds come back with their records.
    assert set(two_manifest["timings"]["extractor_seconds"]) == set(one_manifest["timings"]["extractor_seconds"])
    assert sum(two_manifest["timings"]["extractor_seconds"].values()) > 0


def test_a_worker_without_the_model_fails_the_run_with_the_models_message(tmp_path):
    source = project_articles(tmp_path / "in.jsonl")
    settings = load_settings(DEFAULT_CONFIG, overrides={"model.n_process": 2, "model.name": "no_such_model_xyz"})
    with pytest.raises(PipelineError, match="spaCy model 'no_such_model_xyz' is not installed"):
        run_pipeline(settings, inputs=[str(source)], output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def checkpoint_items(staging: Path) -> int:
    try:
        return json.loads((staging / "checkpoint.json").read_text())["items"]
    except (OSError, ValueError):
        return 0


def children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_leave_when_the_run_is_killed_outright(tmp_path):
    source = project_articles(tmp_path / "in.jsonl", copies=8)
    config = tmp_path / "two.toml"
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8").replace("n_process = 0", "n_process = 2"),
                      encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(config), "--input", str(source),
                                "--output", str(tmp_path / "out"), "--quiet"], cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None and checkpoint_items(tmp_path / ".out.staging") == 0:
        time.sleep(0.1)
    workers = {pid for pid in children(process.pid) if alive(pid)}
    assert process.poll() is None and len(workers) >= 2, "the run should be parsing with two workers"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers)
