"""A signal while a command imports torch (every command does, for seconds) ends it with one
line and 128 + the signal, never an interpreter abort ("terminate called after throwing
pybind11::error_already_set", exit -6) or a traceback. ``netbuilder train`` has its own tests
(test_train_signals.py); these aim at the other commands, at random moments of the import."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "digits_mlp.json")
# Announces once main() has its handlers in place and parsed the command, just before torch.
STARTED = """
import sys
import netbuilder.cli as cli
build = cli._build_parser
def announced():
    print("test-started", flush=True)
    return build()
cli._build_parser = announced
sys.exit(cli.main())
"""


def _command(name: str, tmp_path: Path) -> list[str]:
    if name == "export":
        return ["export", EXAMPLE, "-f", "python", "-o", str(tmp_path / "net.py")]
    return ["check", EXAMPLE]


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(12))
def test_a_signal_during_the_import_ends_the_command_with_one_line(tmp_path, trial) -> None:
    rng = random.Random(trial)
    name = rng.choice(["check", "export"])
    signum = rng.choice([signal.SIGINT, signal.SIGTERM])
    proc = subprocess.Popen(
        [sys.executable, "-c", STARTED, *_command(name, tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "test-started"
        try:
            proc.wait(timeout=rng.uniform(0.0, 1.5))  # a random moment of torch's import
        except subprocess.TimeoutExpired:
            pass
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    where = f"trial {trial} ({name}, {signal.Signals(signum).name})"
    assert "terminate called" not in err and "Traceback" not in err, (where, err)
    if proc.returncode in (0, -signum):  # done before the signal, or exiting as it came
        return
    assert proc.returncode == 128 + signum, (where, proc.returncode, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [f"netbuilder {name}: interrupted by {signal.Signals(signum).name}"], where
