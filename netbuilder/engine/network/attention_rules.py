"""Shape rules for the attention layers (registered into ``shape_rules.RULES``).

Both take a sequence [N, L, D] and give [N, L, D]; D (``embed_dim``, read from the input) must
be divisible by the number of heads, since each head attends over D / heads features.
"""

from __future__ import annotations

from typing import Any

from netbuilder.engine.network.rule_basics import (
    FLOAT,
    LayerResult,
    Rule,
    Shape,
    ShapeProblem,
    format_shape,
    need_floats,
)
from netbuilder.model.i18n import translate

__all__ = ["ATTENTION_RULES"]


def _sequence(layer: str, heads_name: str, p: dict[str, Any], s: Shape) -> int:
    """D of the sequence [N, L, D], once the rank and the heads fit."""
    if len(s) != 2:
        fix = (
            translate("Shapes", "insert Embedding (token ids) or Reshape to [L, D] before it")
            if len(s) < 2
            else translate("Shapes", "insert Reshape or Flatten to make [L, D] before it")
        )
        raise ShapeProblem(
            translate(
                "Shapes", "{layer} needs a sequence [N, L, D] but receives {shape}; {fix}"
            ).format(layer=layer, shape=format_shape(s), fix=fix)
        )
    d, heads = s[1], p[heads_name]
    if d % heads:
        near = sorted((h for h in range(1, d + 1) if d % h == 0), key=lambda h: abs(h - heads))
        fits = sorted(near[:3])
        raise ShapeProblem(
            translate(
                "Shapes",
                "{layer}: embed_dim {d} (the input's last dimension) is not divisible by "
                "{heads_name} {heads}; use {heads_name} {fits}, or make D a multiple of {heads}",
            ).format(
                layer=layer, d=d, heads_name=heads_name, heads=heads, fits=", ".join(map(str, fits))
            )
        )
    return d


def _self_attention(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    need_floats("MultiheadSelfAttention", dtypes)
    d = _sequence("MultiheadSelfAttention", "num_heads", p, shapes[0])
    # in_proj (query, key, value) 3D x D + 3D, out_proj D x D + D
    return shapes[0], FLOAT, 4 * d * d + 4 * d


def _encoder_layer(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    need_floats("TransformerEncoderLayer", dtypes)
    d = _sequence("TransformerEncoderLayer", "nhead", p, shapes[0])
    ff = p["dim_feedforward"]
    attention = 4 * d * d + 4 * d
    feed_forward = d * ff + ff + ff * d + d
    norms = 2 * 2 * d
    return shapes[0], FLOAT, attention + feed_forward + norms


ATTENTION_RULES: dict[str, Rule] = {
    "MultiheadSelfAttention": _self_attention,
    "TransformerEncoderLayer": _encoder_layer,
}
