import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "netbuilder").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["package-dir"]["netbuilder.resources"] == "resources"


def test_examples_ship_inside_the_package():
    import importlib.resources

    examples = importlib.resources.files("netbuilder.resources") / "examples"
    names = {p.name for p in examples.iterdir()}
    assert {"digits_mlp.json", "first_network.json", "breast_cancer_classifier.json"} <= names


def test_identity_files_are_package_data():
    """Icons, launcher entry, MIME type and metainfo ship (``netbuilder --install-desktop``)."""
    from fnmatch import fnmatch

    from netbuilder.io.identity import (
        APP_ICON,
        DESKTOP_ENTRY,
        ICON_SIZES,
        METAINFO,
        MIME_ICON,
        MIME_XML,
    )

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = config["package-data"]["netbuilder.resources"]
    wanted = [f"desktop/{n}" for n in (DESKTOP_ENTRY, MIME_XML, METAINFO)]
    for name in (APP_ICON, MIME_ICON):
        wanted += [f"icons/{name}.svg"] + [f"icons/{name}-{s}.png" for s in ICON_SIZES]
    for rel in wanted:
        assert (ROOT / "resources" / rel).is_file(), rel
        assert any(fnmatch(rel, p) for p in patterns), f"{rel} matches no package-data pattern"
