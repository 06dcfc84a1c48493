"""The package's shape: import rules that import-linter cannot state."""

from __future__ import annotations

import grimp


def _cycle(graph: grimp.ImportGraph, modules: set[str]) -> list[str] | None:
    """One import cycle among ``modules`` (as a list of modules), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state and (found := visit(imported)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(modules):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycle_in_the_engine_not_even_for_type_checking():
    graph = grimp.build_graph("netbuilder", exclude_type_checking_imports=False)
    engine = {m for m in graph.modules if m.startswith("netbuilder.engine.")}
    assert len(engine) > 20
    cycle = _cycle(graph, engine)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for m in ("p.a", "p.b", "p.c"):
        graph.add_module(m)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    assert _cycle(graph, {"p.a", "p.b", "p.c"}) is None
    graph.add_import(importer="p.c", imported="p.a")
    assert _cycle(graph, {"p.a", "p.b", "p.c"}) == ["p.a", "p.b", "p.c", "p.a"]
