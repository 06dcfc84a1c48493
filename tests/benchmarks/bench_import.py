"""Import benchmark: a ResNet-50-shaped model (bottleneck blocks 3/4/6/3, narrow widths) through
``netbuilder import`` (trace + map + blocks + check + layout).

Run: python tests/benchmarks/bench_import.py
Prints ``import_resnet50_s: X``, ``import_resnet50_flat_s: X`` (one node per layer), and
``resnet50_top_level_cards: N`` (Input/Output included) with ``resnet50_blocks: N``.
"""

from __future__ import annotations

import sys
import time

import torch
from torch import nn

from netbuilder.engine.importing import import_model
from netbuilder.model import Project

SHAPE = (3, 32, 32)


class Bottleneck(nn.Module):
    """1x1 -> 3x3 -> 1x1 with expansion 4 and a projected shortcut where the size changes."""

    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1) -> None:
        super().__init__()
        width = planes * self.expansion
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, width, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.downsample: nn.Module | None = None
        if stride != 1 or inplanes != width:
            self.downsample = nn.Sequential(
                nn.Conv2d(inplanes, width, 1, stride=stride, bias=False), nn.BatchNorm2d(width)
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class ResNet50(nn.Module):
    """torchvision's ResNet-50 layout (53 convolutions, 16 blocks) at 1/8 of its widths."""

    def __init__(self, num_classes: int = 10, base: int = 8) -> None:
        super().__init__()
        self.inplanes = base
        self.conv1 = nn.Conv2d(3, base, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(base)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = self._stage(base, 3, 1)
        self.layer2 = self._stage(base * 2, 4, 2)
        self.layer3 = self._stage(base * 4, 6, 2)
        self.layer4 = self._stage(base * 8, 3, 2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(self.inplanes, num_classes)

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


def main() -> int:
    torch.set_num_threads(1)
    imported_resnet50()  # warm-up: torch.fx and the catalogue load once
    t0 = time.perf_counter()
    project = imported_resnet50()
    print(f"import_resnet50_s: {time.perf_counter() - t0:.2f}")
    t0 = time.perf_counter()
    imported_resnet50(flat=True)
    print(f"import_resnet50_flat_s: {time.perf_counter() - t0:.2f}")
    print(f"resnet50_top_level_cards: {len(project.graph)}")
    print(f"resnet50_blocks: {len(project.graph.blocks)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
