"""Import timing: a ResNet-50-shaped model, traced, mapped, checked, laid out and saved.

Run: ``python tests/benchmarks/bench_import.py``. Prints ``name: value`` lines:
import_resnet50_s (median of 3 imports after one warm-up: ``import_model`` on the model built
here, bottleneck blocks [3, 4, 6, 3] at ResNet-50's widths, a 3x64x64 input, folded into blocks,
then ``save_project`` with its weights), import_resnet50_flat_s (the same, one node per layer),
import_resnet50_nodes (the top level's node count, Input/Output included) and
import_resnet50_blocks (block definitions). ``bench_canvas.py`` opens ``imported_resnet50()``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import torch
from torch import nn

from netbuilder.engine.importing import import_model
from netbuilder.io import save_project
from netbuilder.model import Project
from tests.fixtures.models.resnet import Bottleneck  # the fixture the round-trip tests import

SHAPE = (3, 64, 64)


class ResNet50(nn.Module):
    def __init__(self, layers: tuple[int, ...] = (3, 4, 6, 3), num_classes: int = 1000) -> None:
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = self._stage(64, layers[0], 1)
        self.layer2 = self._stage(128, layers[1], 2)
        self.layer3 = self._stage(256, layers[2], 2)
        self.layer4 = self._stage(512, layers[3], 2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512 * Bottleneck.expansion, num_classes)

    def _stage(self, planes: int, blocks: int, stride: int) -> nn.Sequential:
        layers = [Bottleneck(self.inplanes, planes, stride)]
        self.inplanes = planes * Bottleneck.expansion
        layers += [Bottleneck(self.inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def imported_resnet50(flat: bool = False) -> Project:
    torch.manual_seed(0)
    return import_model(ResNet50(), SHAPE, name="ResNet50", flat=flat).project


def import_once(model: nn.Module, folder: Path, flat: bool = False) -> tuple[float, Project]:
    started = time.perf_counter()
    imported = import_model(model, SHAPE, name="ResNet50", flat=flat)
    save_project(folder / "resnet50.nbproj", imported.project, weights=imported.weights)
    return time.perf_counter() - started, imported.project


def main() -> None:
    torch.manual_seed(0)
    model = ResNet50()
    with tempfile.TemporaryDirectory() as tmp:
        import_once(model, Path(tmp))  # warm-up: first-call costs of torch.fx and the kernels
        runs = [import_once(model, Path(tmp)) for _ in range(3)]
        flat = [import_once(model, Path(tmp), flat=True)[0] for _ in range(3)]
    project = runs[0][1]
    print(f"import_resnet50_s: {statistics.median(s for s, _ in runs):.2f}")
    print(f"import_resnet50_flat_s: {statistics.median(flat):.2f}")
    print(f"import_resnet50_nodes: {len(project.graph)}")
    print(f"import_resnet50_blocks: {len(project.graph.blocks)}")


if __name__ == "__main__":
    main()
