"""What cannot be mapped is never imported wrong: one report, each operation with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch import nn

from netbuilder.engine.importing import (
    ImportFailure,
    SourceError,
    call_layers,
    import_model,
    leaf_layers,
    load_model,
)

MODELS = Path(__file__).parents[2] / "fixtures" / "models"
UNSUPPORTED = MODELS / "unsupported.py"


def test_every_unmappable_operation_is_listed_with_its_module_and_line():
    model = load_model(f"{UNSUPPORTED}:Odd")
    with pytest.raises(ImportFailure) as caught:
        import_model(model, (4,), name="Odd")
    problems = caught.value.problems
    assert [p.operation for p in problems] == ["torch.sin", "tensor.cumsum()", "nn.Linear"]
    assert problems[0].line == "unsupported.py:14 `y = torch.sin(self.fc(x))`"
    assert problems[1].line.startswith("unsupported.py:15 ")
    assert problems[2].module == "fc" and "called more than once" in problems[2].reason
    report = caught.value.report().splitlines()
    summary = "Odd cannot be imported: 3 operations netbuilder cannot map (nothing was written)"
    assert report[0] == summary
    assert len(report) == 4 and all(line.startswith("  - ") for line in report[1:])


def test_data_dependent_control_flow_names_the_line():
    with pytest.raises(ImportFailure, match=r"unsupported.py:24 `if x.sum\(\) > 0:`.*control"):
        import_model(load_model(f"{UNSUPPORTED}:Branchy"), (4,), name="Branchy")


def test_unreadable_sources_raise_source_errors_naming_the_problem(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        load_model(f"{tmp_path / 'missing.py'}:Net")
    with pytest.raises(SourceError, match="has no 'Nope'"):
        load_model(f"{UNSUPPORTED}:Nope")
    with pytest.raises(SourceError, match=r"returned int, not a torch\.nn\.Module"):
        load_model(f"{UNSUPPORTED}:not_a_model")
    with pytest.raises(SourceError, match=r"failed to build the model: TypeError"):
        load_model(f"{MODELS / 'vgg.py'}:SmallVGG", {"colours": 3})
    broken = tmp_path / "broken.py"
    broken.write_text("import torch\ndef f(:\n")
    with pytest.raises(SourceError, match="syntax error at line 2"):
        load_model(f"{broken}:f")
    with pytest.raises(SourceError, match="cannot import no_such_package_xyz"):
        load_model("no_such_package_xyz.models:Net")
    model = load_model("torch.nn:Linear", {"in_features": 3, "out_features": 2})
    assert isinstance(model, nn.Linear)


class _Gated(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1, groups=2)
        self.act = nn.ReLU6()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x) + self.act(x) + x * 0.5 + x.permute(0, 2, 3, 1)


def test_new_catalogue_types_are_used_only_when_the_catalogue_has_them(monkeypatch):
    """ReLU6, Scale, Permute and conv groups come from other branches (checked with
    ``is_known`` at run time): while absent, each is refused with a reason of its own."""
    monkeypatch.setattr(leaf_layers, "is_known", lambda t: t not in {"ReLU6", "Conv2d"})
    monkeypatch.setattr(call_layers, "is_known", lambda t: t not in {"Scale", "Permute"})
    with pytest.raises(ImportFailure) as caught:
        import_model(_Gated(), (4, 4, 4), name="Gated")
    reasons = [p.reason for p in caught.value.problems]
    assert len(reasons) == 4  # the adds after them are not reported again
    assert "groups=2" in reasons[0] and "no ReLU6 layer" in reasons[1]
    assert "Scale" in reasons[2] and "Permute" in reasons[3]


def test_a_swap_of_two_dimensions_is_a_transpose_without_the_permute_layer(monkeypatch):
    monkeypatch.setattr(call_layers, "is_known", lambda t: t != "Permute")

    class Swap(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(5, 3)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.fc(x.permute(0, 2, 1))

    imported = import_model(Swap(), (5, 4), name="Swap")
    node = imported.project.graph.nodes["transpose"]
    assert node.type == "Transpose" and (node.params["dim0"], node.params["dim1"]) == (1, 2)
    assert imported.max_difference <= 1e-6


def test_a_tensor_used_twice_by_one_call_is_refused(monkeypatch):
    monkeypatch.setattr(call_layers, "is_known", lambda t: t != "Scale")

    class Twice(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(3, 3)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y = torch.nn.functional.dropout(self.fc(x), 0.3, training=False)
            return torch.cat([y, y], 1) + torch.cat([y + y, x], 1)

    with pytest.raises(ImportFailure) as caught:
        import_model(Twice(), (3,), name="Twice")
    reasons = [p.reason for p in caught.value.problems]
    assert len(reasons) == 2
    assert "enters Concat twice" in reasons[0] and "Scale" in reasons[1]
