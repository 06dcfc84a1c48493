"""The bundled examples, and which of them this build can run.

An example may use what another branch brings (a layer type, a parameter, a dataset option):
tests over every example skip it, with the reason, until that lands, and then run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netbuilder.engine.data.datasets import FILE_OPTIONS
from netbuilder.model import CATALOGUE

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "resources" / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.json"))
NEEDS = "needs i13data+i13net"


def missing_support(path: Path) -> str | None:
    """Why this build cannot run the example (a layer type, parameter or option it lacks)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for node in doc["graph"]["nodes"]:
        spec = CATALOGUE.get(node["type"])
        if spec is None:
            return f"{NEEDS} (no {node['type']} layer)"
        unknown = set(node.get("params", {})) - {p.name for p in spec.params}
        if unknown:
            return f"{NEEDS} ({node['type']} has no parameter {min(unknown)!r})"
    dataset = doc.get("dataset") or {}
    allowed = FILE_OPTIONS.get(dataset.get("source", ""), ())
    unknown = set(dataset.get("options", {})) - set(allowed) if allowed else set()
    if unknown:
        return f"{NEEDS} (no dataset option {min(unknown)!r})"
    return None


def supported_examples() -> list[Path]:
    """The examples this build can load, train and export."""
    return [p for p in EXAMPLES if missing_support(p) is None]


def example_params() -> list:
    """Every example as a pytest parameter, skipped with its reason when unsupported."""
    out = []
    for path in EXAMPLES:
        reason = missing_support(path)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out


def example(stem: str) -> Path:
    """An example by name; skips the calling test when this build cannot run it."""
    path = EXAMPLES_DIR / f"{stem}.json"
    reason = missing_support(path)
    if reason:
        pytest.skip(reason)
    return path
