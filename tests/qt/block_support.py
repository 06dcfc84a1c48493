"""A small network with a residual part, for the block tests of the window."""

from __future__ import annotations

from netbuilder.model import Graph
from tests.model.test_blocks import residual_net

__all__ = ["residual_net", "snapshot"]


def snapshot(g: Graph) -> dict:
    return {"graph": g.to_dict(), "blocks": g.blocks.to_list()}
