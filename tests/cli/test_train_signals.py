"""SIGINT and SIGTERM on ``netbuilder train`` in a real process: during start-up, during
training and during the save. Always one line on stderr, exit 130/143, no traceback, and a run
that had started is saved with its history."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from netbuilder.io import load_project

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
DIGITS = str(EXAMPLES / "digits_mlp.json")
MAIN = "import sys; from netbuilder.cli import main; sys.exit(main())"
# The same, with a save that announces itself on stdout and takes a moment, so a test can
# aim a signal at it without sleeping.
SLOW_SAVE = """
import json, sys, time
import netbuilder.io as io
original, pause = io.save_project, float(sys.argv.pop(1))
def save_project(*args, **kwargs):
    print(json.dumps({"event": "test-saving"}), flush=True)
    time.sleep(pause)
    return original(*args, **kwargs)
io.save_project = save_project
from netbuilder.cli import main
sys.exit(main())
"""
# Announces, from inside main() once its handlers are in place, that it is starting; main()
# then imports torch and loads the project.
STARTED = """
import json, sys
import netbuilder.cli as cli
build = cli._build_parser
def announced():
    print(json.dumps({"event": "test-started"}), flush=True)
    return build()
cli._build_parser = announced
sys.exit(cli.main())
"""
# Lines that say training has begun: the first is "progress", or "epoch" when an epoch ends
# before the first report (progress lines then wait a second after each epoch line).
TRAINING = ("progress", "epoch")
WAIT = 120  # seconds; every wait ends on a line or an exit long before this
_WATCHDOGS: dict[int, threading.Timer] = {}


def start(out: Path, *extra: str, code: str = MAIN, epochs: int = 100_000) -> subprocess.Popen:
    cmd = [sys.executable, "-c", code, *extra, "train", DIGITS, "--json", "--out", str(out)]
    cmd += ["--epochs", str(epochs)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    # A line that never comes must fail the test, not hang it: the process is killed after
    # WAIT seconds, which ends the read in wait_for.
    watchdog = threading.Timer(WAIT, proc.kill)
    watchdog.daemon = True
    watchdog.start()
    _WATCHDOGS[proc.pid] = watchdog
    return proc


def wait_for(proc: subprocess.Popen, *events: str) -> dict:
    """Read JSON lines until one whose event is one of ``events``."""
    assert proc.stdout is not None
    for line in proc.stdout:
        doc = json.loads(line)
        if doc["event"] in events:
            return doc
    raise AssertionError(f"the process ended before a {' or '.join(events)} line")


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=WAIT)
    finally:
        _WATCHDOGS.pop(proc.pid).cancel()
    return proc.returncode, out, err


def assert_one_line(err: str, signum: int) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("netbuilder train: ")
    assert signal.Signals(signum).name in lines[0]


def assert_saved_with_history(out: Path) -> None:
    loaded = load_project(out)
    assert loaded.weights
    runs = loaded.history["runs"]
    assert len(runs) == 1 and runs[0]["summary"]["status"] == "stopped"
    assert loaded.checkpoint_meta is not None and loaded.checkpoint_meta["step"] > 0


def test_sigterm_during_training_saves_and_exits_143(tmp_path):
    out = tmp_path / "t.nbproj"
    proc = start(out)
    wait_for(proc, *TRAINING)
    proc.send_signal(signal.SIGTERM)
    code, stdout, err = finish(proc)
    assert code == 143
    assert_one_line(err, signal.SIGTERM)
    assert json.loads(stdout.splitlines()[-1])["status"] == "stopped"
    assert_saved_with_history(out)


@pytest.mark.slow
def test_sigint_during_training_saves_and_exits_130(tmp_path):
    out = tmp_path / "t.nbproj"
    proc = start(out)
    wait_for(proc, "epoch")
    proc.send_signal(signal.SIGINT)
    code, _, err = finish(proc)
    assert code == 130
    assert_one_line(err, signal.SIGINT)
    assert f"saved {out}" in err
    assert_saved_with_history(out)


@pytest.mark.slow
def test_two_ctrl_c_during_the_save_wait_for_it(tmp_path):
    out = tmp_path / "t.nbproj"
    proc = start(out, "0.5", code=SLOW_SAVE, epochs=1)
    wait_for(proc, "test-saving")
    proc.send_signal(signal.SIGINT)
    proc.send_signal(signal.SIGINT)
    code, _, err = finish(proc)
    assert code == 130
    assert_one_line(err, signal.SIGINT)
    loaded = load_project(out)  # the finished run is kept
    assert loaded.history["runs"][0]["summary"]["status"] == "completed"


@pytest.mark.slow
def test_sigint_during_start_up_prints_one_line(tmp_path):
    out = tmp_path / "t.nbproj"
    proc = start(out, code=STARTED)
    wait_for(proc, "test-started")
    proc.send_signal(signal.SIGINT)  # while torch is imported and the project loaded
    code, _, err = finish(proc)
    assert code == 130
    assert_one_line(err, signal.SIGINT)
    assert not out.exists()


def _random_trial(tmp_path: Path, trial: int) -> None:
    rng = random.Random(trial)
    out = tmp_path / f"t{trial}.nbproj"
    signum = rng.choice([signal.SIGINT, signal.SIGTERM])
    stage = rng.choice(["start-up", "training", "save"])
    if stage == "save":
        proc = start(out, str(rng.uniform(0, 0.3)), code=SLOW_SAVE, epochs=1)
        wait_for(proc, "test-saving")
    elif stage == "training":
        proc = start(out)
        wait_for(proc, *TRAINING)
    else:
        proc = start(out, code=STARTED)
        wait_for(proc, "test-started")
    if stage != "training":
        try:
            proc.wait(timeout=rng.uniform(0, 2.0))  # a random moment of start-up or save
        except subprocess.TimeoutExpired:
            pass
    proc.send_signal(signum)
    code, _, err = finish(proc)
    where = f"trial {trial} ({stage}, {signal.Signals(signum).name})"
    if code in (0, -signum):
        # The work was done before the signal came (0), or it came while the interpreter
        # was exiting after main() returned (killed by the signal, silently).
        assert stage != "training" and err == "", (where, code, err)
        assert out.exists(), where
    else:
        assert code == 128 + signum, (where, code, err)
        assert_one_line(err, signum)
    if stage != "start-up" or out.exists():
        assert load_project(out).history["runs"], where


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(30))
def test_random_signals_never_print_a_traceback_or_lose_a_started_run(tmp_path, trial):
    # 30 trials, one test each: a random stage (start-up, training, save), signal and moment.
    _random_trial(tmp_path, trial)


def test_a_signal_swallowed_during_start_up_still_ends_the_command_before_training():
    """Raised inside code that swallows every exception (as some import-time code does), the
    start-up signal was lost and the run trained on forever (1 start-up SIGTERM in ~10)."""
    import os

    from netbuilder.cli import signals

    previous = signals.install()
    try:
        try:
            os.kill(os.getpid(), signal.SIGTERM)  # handled at once, on this thread
        except BaseException:  # noqa: BLE001 - the library that swallows it
            pass
        stopped = []
        with pytest.raises(signals.Interrupted) as info:
            with signals.stopping_with(lambda: stopped.append(True)):
                pytest.fail("the run must not start")
        assert info.value.exit_code == 143 and not stopped
    finally:
        signals.restore(previous)
