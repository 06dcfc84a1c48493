"""A tiny formatter for generated code: black/ruff-style line breaking of calls.

Generated files must pass ``ruff format --check`` unchanged, so long calls are split the way
ruff splits them: first the arguments on one indented line, else one argument per line with
a trailing comma (nested brackets split the same way).
"""

from __future__ import annotations

from dataclasses import dataclass

LINE = 88  # ruff's and black's default line length: clean for users without a config


@dataclass
class Brackets:
    """``open`` + items joined by ", " + ``close``; ``open`` carries the callee (``f(``)."""

    open: str
    items: list[str | Brackets]
    close: str


@dataclass
class Chain:
    """``a + b + c``: operands joined by a binary operator (split before the operator)."""

    op: str
    items: list[str]


Expr = str | Brackets | Chain


def flat(expr: Expr) -> str:
    if isinstance(expr, str):
        return expr
    if isinstance(expr, Chain):
        return f" {expr.op} ".join(expr.items)
    return expr.open + ", ".join(flat(i) for i in expr.items) + expr.close


def render(expr: Expr, indent: int, prefix: str = "", suffix: str = "") -> list[str]:
    """Lines for ``prefix + expr + suffix`` at ``indent`` spaces."""
    pad = " " * indent
    line = pad + prefix + flat(expr) + suffix
    if len(line) <= LINE or isinstance(expr, str):
        return [line]
    inner = " " * (indent + 4)
    if isinstance(expr, Chain) or (
        prefix and (len(pad + prefix + expr.open) > LINE or not expr.items)
    ):
        # ruff wraps the right-hand side in parentheses when its opening line cannot fit
        if isinstance(expr, Chain) and len(inner + flat(expr)) > LINE:
            body = [inner + expr.items[0]] + [f"{inner}{expr.op} {i}" for i in expr.items[1:]]
        else:
            body = render(expr, indent + 4)
        return [pad + prefix + "(", *body, pad + ")" + suffix]
    if not expr.items:
        return [line]
    joined = ", ".join(flat(i) for i in expr.items)
    first, last = pad + prefix + expr.open, pad + expr.close + suffix
    if len(inner + joined) <= LINE:
        return [first, inner + joined, last]
    lines = [first]
    for item in expr.items:
        lines += render(item, indent + 4, suffix=",")
    lines.append(last)
    return lines


def parse_call(source: str) -> str | Brackets:
    """``nn.Linear(2, 3, bias=False)`` -> Brackets; anything without a call stays a string.

    Only for the simple literals ``constructors.py`` writes (no brackets inside strings).
    """
    start = source.find("(")
    if start < 0 or not source.endswith(")"):
        return source
    inner = source[start + 1 : -1]
    items: list[str | Brackets] = []
    depth, begin = 0, 0
    for i, ch in enumerate(inner):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[begin:i].strip())
            begin = i + 1
    if inner[begin:].strip():
        items.append(inner[begin:].strip())
    return Brackets(source[: start + 1], items, ")")
