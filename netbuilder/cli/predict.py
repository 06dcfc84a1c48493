"""``netbuilder predict FILE INPUT... [--json] [--top K]``: try a trained project on one sample.

INPUT is, per input of the network (in the order of its saved recipe): an image path, a quoted
sentence, an id, or comma-separated numbers; or ``name=value`` pairs naming inputs or columns
(``user_id=u12 item_id=i7``, ``sepal_length=5.1 ...``). A one-input features network also takes
its numbers as separate arguments, and a one-input text network the words of an unquoted
sentence. The preprocessing is the training run's (``recipe.json``).

Exit codes: 0 predicted, 1 the project cannot predict (no weights, no recipe, weights that do
not fit) or an INPUT is wrong (the message names it), 2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.data.recipe import InputRecipe, Recipe
    from netbuilder.engine.training.predict import Prediction

_BAR = 24  # characters of the widest probability bar


class InputError(NetbuilderError):
    """An INPUT argument that does not fit the network's inputs."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "predict",
        help="predict one sample with a trained project (top classes or values)",
        description="Run a trained project on one sample, preprocessed exactly as in training. "
        "INPUT: an image path, a quoted sentence, an id, comma-separated numbers, or name=value "
        "pairs (input or column names). Exit 0 when predicted, 1 when the project cannot "
        "predict or an INPUT is wrong, 2 when the project file cannot be read.",
    )
    p.add_argument("file", help="trained project (.nbproj with weights)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="the sample (see above)")
    p.add_argument("--top", type=int, default=5, help="classes to show (default 5)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace) -> int:
    from netbuilder.engine.training.predict import Predictor
    from netbuilder.io import load_project

    path = Path(args.file)
    if args.top < 1:
        return _fail(args, f"--top must be at least 1; got {args.top}", 2)
    try:
        loaded = load_project(path)
    except NetbuilderError as exc:
        return _fail(args, str(exc), 2)
    try:
        predictor = Predictor.from_project(loaded)
    except NetbuilderError as exc:
        return _fail(args, f"{path.name}: {exc}", 1)
    try:
        raw = sample_of(predictor.recipe, args.inputs)
        prediction = predictor.predict(raw, top=args.top)
    except NetbuilderError as exc:
        return _fail(args, f"{path.name}: {exc}", 1)
    except RuntimeError as exc:  # torch: the sample does not fit the network (one line)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _fail(args, f"{path.name}: the network cannot run on this sample ({reason})", 1)
    if args.json:
        print(json.dumps({"event": "prediction", "file": str(path), **prediction.to_dict()}))
    else:
        print(format_prediction(prediction))
    return 0


def sample_of(recipe: Recipe, arguments: list[str]) -> dict[str, Any]:
    """The command line's INPUTs as a mapping input name -> raw value for ``Recipe.encode``."""
    known = {n for i in recipe.inputs for n in (i.name, *_column_names(i))}
    named = [a for a in arguments if _is_pair(a, known)]
    if named and len(named) != len(arguments):
        loose = next(a for a in arguments if not _is_pair(a, known))
        raise InputError(f"INPUT {loose!r}: give every INPUT as name=value, or none")
    if named:
        return _from_pairs(recipe, dict(a.split("=", 1) for a in named))
    items = recipe.inputs
    if len(items) == 1 and items[0].kind == "features" and len(arguments) > 1:
        return {items[0].name: _numbers(items[0], ",".join(arguments))}
    if len(items) == 1 and items[0].kind == "text" and len(arguments) > 1:
        return {items[0].name: " ".join(arguments)}  # the shell split an unquoted sentence
    if len(arguments) != len(items):
        names = ", ".join(f"{i.name} ({i.kind})" for i in items)
        raise InputError(f"the network takes {len(items)} input(s): {names}; got {len(arguments)}")
    return {item.name: _value(item, text) for item, text in zip(items, arguments, strict=True)}


def _is_pair(argument: str, known: set[str]) -> bool:
    """``name=value`` where name is an input or column (a sentence may hold '=' too)."""
    name, sep, _ = argument.partition("=")
    if not sep or Path(argument).exists():
        return False
    return name in known or (name.isidentifier() and len(known) > 1)


def _from_pairs(recipe: Recipe, pairs: dict[str, str]) -> dict[str, Any]:
    """Pairs naming inputs (``user=u12``) or columns (``user_id=u12``, ``sepal_length=5.1``)."""
    out: dict[str, Any] = {}
    columns: dict[str, dict[str, str]] = {}
    for key, text in pairs.items():
        item = next((i for i in recipe.inputs if i.name == key), None)
        if item is not None:
            out[item.name] = _value(item, text)
            continue
        owner = next((i for i in recipe.inputs if key in _column_names(i)), None)
        if owner is None:
            known = sorted({n for i in recipe.inputs for n in (i.name, *_column_names(i))})
            raise InputError(
                f"INPUT {key}=...: no input or column named {key!r} (known: {', '.join(known)})"
            )
        if owner.kind == "features":
            columns.setdefault(owner.name, {})[key] = text
        else:
            out[owner.name] = _value(owner, text)
    for name, values in columns.items():
        if name in out:
            raise InputError(f"input '{name}' is given both whole and by column")
        out[name] = values
    missing = [i.name for i in recipe.inputs if i.name not in out]
    if missing:
        item = recipe.input(missing[0])
        wanted = ", ".join(_column_names(item)) or item.name
        raise InputError(f"missing input '{item.name}' (give {wanted})")
    return out


def _column_names(item: InputRecipe) -> list[str]:
    """Names a user types: one-hot columns ``colour=red`` by their source column."""
    names: list[str] = []
    for column in item.columns:
        base = column.partition("=")[0] if "=" in column else column
        if base not in names:
            names.append(base)
    return names


def _value(item: InputRecipe, text: str) -> Any:
    if item.kind == "features":
        return _numbers(item, text)
    if item.kind == "image":
        path = Path(text).expanduser()
        if not path.is_file():
            raise InputError(f"input '{item.name}': no image file {text!r}")
        return path.resolve()  # relative to where the command runs, not to the project
    return text


def _numbers(item: InputRecipe, text: str) -> list[float]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    try:
        return [float(p) for p in parts]
    except ValueError:
        names = f" ({', '.join(item.columns)})" if item.columns else ""
        raise InputError(
            f"input '{item.name}' takes comma-separated numbers{names}; got {text!r}"
        ) from None


def format_prediction(prediction: Prediction) -> str:
    """Classes with probability bars, most likely first, or the predicted values."""
    if prediction.task == "regression":
        return "\n".join(f"{name}: {value:.6g}" for name, value in prediction.values)
    width = max(len(name) for name, _ in prediction.classes)
    lines = []
    for name, p in prediction.classes:
        bar = "#" * round(p * _BAR)
        lines.append(f"{name:<{width}}  {p * 100:6.2f}%  {bar}")
    return "\n".join(lines)


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    if args.json:
        print(json.dumps({"event": "error", "error": message, "exit_code": code}), flush=True)
    print(f"netbuilder predict: {message}", file=sys.stderr)
    return code
