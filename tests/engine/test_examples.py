"""Every bundled example compiles and runs forward on its own data."""

import pytest
import torch

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.network.compile import compile_graph
from netbuilder.io import load_project
from tests.examples_support import example_params


@pytest.mark.parametrize("path", example_params())
def test_example_compiles_and_runs_forward_on_real_data(path):
    loaded = load_project(path)
    assert loaded.warnings == []
    project = loaded.project
    data = load_dataset(project.dataset, path.parent)
    module = compile_graph(project.graph, data.info, loss=project.training.loss)
    # Several dataset inputs come as a tuple of arrays, one per Input node (spec 13.1).
    arrays = data.x_train if isinstance(data.x_train, tuple) else (data.x_train,)
    xs = [torch.from_numpy(a[:16]) for a in arrays]
    with torch.no_grad():
        out = module(*xs)
    assert out.shape[0] == xs[0].shape[0]
    assert torch.isfinite(out).all()
    if project.training.loss == "cross_entropy":
        assert out.shape[1] == data.info.n_classes
        loss = torch.nn.functional.cross_entropy(out, torch.from_numpy(data.y_train[:16]))
    elif project.training.loss == "bce_with_logits":
        assert out.reshape(len(out), -1).shape[1] == 1
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            out.reshape(-1), torch.from_numpy(data.y_train[:16]).float()
        )
    else:
        loss = torch.nn.functional.mse_loss(out, torch.from_numpy(data.y_train[:16]))
    assert torch.isfinite(loss)
