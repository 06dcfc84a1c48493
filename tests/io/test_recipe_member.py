"""recipe.json: written with the weights, read back as it was, damaged -> skipped with a warning."""

from __future__ import annotations

import zipfile

from netbuilder.io import load_project, save_project
from netbuilder.model import Project
from netbuilder.model.results import ProjectResults

RECIPE = {
    "version": 1,
    "inputs": [{"name": "x", "kind": "features", "shape": [2]}],
    "task": "binary",
}


def test_recipe_roundtrips_beside_the_weights(tmp_path):
    path = tmp_path / "p.nbproj"
    results = ProjectResults(weights=b"w", recipe=RECIPE)
    save_project(path, Project(), **results.members())
    with zipfile.ZipFile(path) as zf:
        assert "recipe.json" in zf.namelist()
    loaded = load_project(path)
    assert loaded.recipe == RECIPE and loaded.results.recipe == RECIPE
    assert loaded.warnings == []


def test_damaged_recipe_is_skipped_with_a_warning_and_the_weights_still_open(tmp_path):
    path = tmp_path / "p.nbproj"
    save_project(path, Project(), weights=b"w", recipe=RECIPE)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["recipe.json"] = b"{not json"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    loaded = load_project(path)
    assert loaded.recipe is None and loaded.weights == b"w"
    assert any(w.startswith("recipe.json: ignored") for w in loaded.warnings)


def test_a_json_project_cannot_hold_a_recipe(tmp_path):
    import pytest

    from netbuilder.io import ProjectFileError

    with pytest.raises(ProjectFileError, match="recipe"):
        save_project(tmp_path / "p.json", Project(), recipe=RECIPE)
