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
