"""SOURCE -> ``nn.Module``: ``path/to/models.py:Name`` or ``package.module:builder``.

The file is executed once, here, to build the model; nothing of it is stored in the project.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from torch import nn

from netbuilder.engine.importing.errors import SourceError


def parse_kwargs(text: str | None) -> dict[str, Any]:
    """``--kwargs`` as a dict of keyword arguments (a JSON object)."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"--kwargs is not valid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(value, dict):
        raise SourceError("--kwargs must be a JSON object such as '{\"num_classes\": 10}'")
    return value


def split_source(source: str) -> tuple[str, str]:
    """(file or module, attribute path) of SOURCE."""
    where, sep, name = source.rpartition(":")
    if not sep or not where or not name:
        raise SourceError(
            f"SOURCE {source!r} must be FILE.py:Name or package.module:name "
            "(a class or a function that returns the model)"
        )
    return where, name


def load_model(source: str, kwargs: dict[str, Any] | None = None) -> nn.Module:
    """Build the model SOURCE names, calling it with ``kwargs``."""
    where, name = split_source(source)
    module = _load_file(Path(where)) if _is_file(where) else _load_module(where)
    target: Any = module
    for part in name.split("."):
        if not hasattr(target, part):
            raise SourceError(f"{where} has no {name!r}")
        target = getattr(target, part)
    if not callable(target):
        raise SourceError(f"{where}:{name} is not a class or a function")
    try:
        model = target(**(kwargs or {}))
    except Exception as exc:  # noqa: BLE001 - the user's code may raise anything
        raise SourceError(f"{where}:{name} failed to build the model: {_one_line(exc)}") from None
    if not isinstance(model, nn.Module):
        raise SourceError(f"{where}:{name} returned {type(model).__name__}, not a torch.nn.Module")
    return model


def _is_file(where: str) -> bool:
    return where.endswith(".py") or "/" in where or "\\" in where


def _load_file(path: Path) -> Any:
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    name = f"_netbuilder_import_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SourceError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    folder = str(path.resolve().parent)
    sys.path.insert(0, folder)  # sibling imports of the file
    sys.modules[name] = module  # dataclasses and pickling-free typing look themselves up
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001 - the user's file may raise anything
        sys.modules.pop(name, None)
        raise SourceError(f"{path}: {_one_line(exc)}") from None
    finally:
        if sys.path and sys.path[0] == folder:
            sys.path.pop(0)
    return module


def _load_module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - ImportError, or anything the module raises
        raise SourceError(f"cannot import {name}: {_one_line(exc)}") from None


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError):
        return f"syntax error at line {exc.lineno}: {exc.msg}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
