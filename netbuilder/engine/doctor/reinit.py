"""The "reinit_layer" remedy: one layer's tensors in a set of starting weights put back to the
seeded default initialisation a fresh run of the project would start from.

A wrong scale (the loss at initialisation far above the zero-output loss) can only come from
starting weights: the default initialisation gives small outputs. So the remedy edits weights,
not the graph: the other layers keep what they learned, the named layer starts afresh.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import safetensors.torch
import torch
from safetensors.torch import load as load_safetensors

from netbuilder.engine.data.datasets import check_binding
from netbuilder.engine.network.compile import compile_graph, layer_of_parameter
from netbuilder.engine.training.checkpoint import load_weights
from netbuilder.model import GraphError, NetbuilderError, Project
from netbuilder.model.i18n import translate


def reinit_layer(
    project: Project, weights: bytes, layer: str, base_dir: str | Path | None = None
) -> bytes:
    """``weights`` (safetensors bytes that fit ``project``'s network) with every tensor of
    ``layer`` (a layer path: a node id, or ``use.inner`` inside a block use) replaced by the
    one a fresh, seeded run starts from. Raises NetbuilderError when the weights do not fit
    the network or ``layer`` owns no tensor. The RNG state is restored."""
    if project.dataset is None:
        raise NetbuilderError(translate("Doctor", "the project has no dataset; bind one first"))
    info = check_binding(project.dataset, Path(base_dir) if base_dir is not None else None)
    rng = torch.random.get_rng_state()
    try:
        torch.manual_seed(project.training.seed)  # as ``prepare`` seeds a run
        module = compile_graph(project.graph, info, loss=project.training.loss)
    finally:
        torch.random.set_rng_state(rng)
    fresh = {k: v.detach().to("cpu", copy=True) for k, v in module.state_dict().items()}
    load_weights(module, weights)  # raises when the weights do not fit this network
    tensors = load_safetensors(weights)
    names = [k for k in fresh if layer_of_parameter(k, module) == layer]
    if not names:
        raise GraphError(
            translate("Doctor", "{layer} has no weights to re-initialise").format(layer=layer),
            node=layer,
        )
    for name in names:
        tensors[name] = fresh[name].to(tensors[name].dtype).contiguous()
    return safetensors.torch.save(tensors, metadata=_metadata(weights))


def _metadata(data: bytes) -> dict[str, str] | None:
    """The safetensors header's ``__metadata__`` (kept with the weights it describes)."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    meta = header.get("__metadata__")
    return {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else None
