"""`netbuilder check` and `netbuilder train --epochs 1` over a corpus of hostile files (issue 12,
acceptance): exit 0, 1 or 2, one line on stderr for a failure, never a traceback, and peak memory
under 2 GB. The default run takes a 10-case sample in-process; the whole corpus (160 files, 320
commands) runs in one child process that reports its own peak memory (``-m slow``)."""

from __future__ import annotations

import dataclasses
import json
import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz import corpus as corpus_module
from tests.fuzz.corpus import SAMPLE, shared_corpus
from tests.fuzz.driver import problems, run_case

GB = 10**9
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return shared_corpus(lambda: tmp_path_factory.mktemp("hostile"))


def test_the_corpus_is_large_and_deterministic(corpus, tmp_path):
    folder, cases = corpus
    assert len(cases) >= 100
    assert set(SAMPLE) <= {c.name for c in cases}
    rng = random.Random(corpus_module.SEED)  # the cheap groups again, in build_corpus's order
    again = corpus_module._project_cases(tmp_path)
    again += corpus_module._npz_cases(tmp_path, rng) + corpus_module._csv_cases(tmp_path, rng)
    assert [c.name for c in again] == [c.name for c in cases[: len(again)]]
    for case in again:  # zip timestamps aside, the same bytes
        for name in {case.file, *_data_file(tmp_path / case.file)}:
            ours, theirs = (tmp_path / name), (folder / name)
            if not ours.is_file() or ours.is_symlink() or "/" in name:
                continue  # /dev/zero, FIFOs and missing files are the corpus, not its bytes
            assert ours.stat().st_size == theirs.stat().st_size, name
            if not name.endswith(".npz"):
                assert ours.read_bytes() == theirs.read_bytes(), name


def _data_file(project: Path) -> list[str]:
    try:
        return [json.loads(project.read_text())["dataset"]["path"]]
    except (ValueError, KeyError, TypeError, RecursionError):
        return []


def test_a_sample_of_hostile_files_gets_one_line_each(corpus):
    folder, cases = corpus
    chosen = [c for c in cases if c.name in SAMPLE]
    outcomes = [o for case in chosen for o in run_case(folder, case)]
    found = {f"{o['case']} {o['argv'][0]}": problems(o) for o in outcomes}
    assert {k: v for k, v in found.items() if v} == {}
    said = {(o["case"], o["argv"][0]): o["stderr"].strip() for o in outcomes}
    assert "declares shape (100000000000, 2) float64 = 1.5 TiB" in said["npz_huge_shape", "train"]
    assert "is a FIFO (named pipe), not a regular file" in said["special_data_fifo_npz", "train"]
    assert said["nbproj_checkpoint_epoch_negative", "train"].endswith(
        "checkpoint.json: epoch: -1000 is not a valid epoch (0 to 2)"
    )
    assert "data/perm is not an order" in said["nbproj_ckpt_perm_floats_as_ints", "check"]
    assert "weights.safetensors: damaged" in said["nbproj_weights_header_2_63", "check"]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 < 2 * GB


@pytest.mark.slow
def test_every_hostile_file_in_one_child(corpus, tmp_path):
    folder, cases = corpus
    listing = tmp_path / "cases.json"
    listing.write_text(json.dumps([dataclasses.asdict(c) for c in cases]))
    results = tmp_path / "results.json"
    subprocess.run(
        [sys.executable, "-m", "tests.fuzz.driver", str(folder), str(listing), str(results)],
        cwd=ROOT,
        check=True,
        timeout=900,
    )
    report = json.loads(results.read_text())
    outcomes = report["outcomes"]
    assert len(outcomes) == 2 * len(cases)
    found = {f"{o['case']} {o['argv'][0]}": problems(o) for o in outcomes}
    assert {k: v for k, v in found.items() if v} == {}
    assert report["peak_rss"] < 2 * GB
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 < 2 * GB
    codes = {o["code"] for o in outcomes}
    assert codes == {0, 1, 2}  # the corpus reaches every outcome, valid files included
