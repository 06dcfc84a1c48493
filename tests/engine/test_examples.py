"""Every bundled example compiles and runs forward on its own data."""

from pathlib import Path

import pytest
import torch

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.network.compile import compile_graph
from netbuilder.io import load_project

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_compiles_and_runs_forward_on_real_data(path):
    loaded = load_project(path)
    assert loaded.warnings == []
    project = loaded.project
    data = load_dataset(project.dataset, path.parent)
    module = compile_graph(project.graph, data.info, loss=project.training.loss)
    x = torch.from_numpy(data.x_train[:16])
    with torch.no_grad():
        out = module(x)
    assert out.shape[0] == x.shape[0]
    assert torch.isfinite(out).all()
    if project.training.loss == "cross_entropy":
        assert out.shape[1] == data.info.n_classes
        loss = torch.nn.functional.cross_entropy(out, torch.from_numpy(data.y_train[:16]))
    elif project.training.loss == "bce_with_logits":
        assert out.reshape(len(x), -1).shape[1] == 1
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            out.reshape(-1), torch.from_numpy(data.y_train[:16]).float()
        )
    else:
        loss = torch.nn.functional.mse_loss(out, torch.from_numpy(data.y_train[:16]))
    assert torch.isfinite(loss)
