"""The layer catalogue, as data.

The palette, the inspector, validation, the file format and code generation all read this one
table. Builders (type -> ``nn.Module``) live in ``netbuilder.engine.network.builders`` under the
same type names. Parameters use PyTorch's names; sizes that follow from the incoming tensor
(``in_features``, ``in_channels``, ``num_features``, ``input_size``) are never parameters.
"""

from __future__ import annotations

from netbuilder.model.errors import UnknownLayerTypeError
from netbuilder.model.layer_spec import (
    MAX_TEXT,
    PARAM_KINDS,
    VARIADIC,
    LayerSpec,
    ParamSpec,
    _bool,
    _choice,
    _float,
    _int,
    _text,
    _tuple,
)

__all__ = [
    "CATALOGUE",
    "CATEGORIES",
    "MAX_TEXT",
    "PARAM_KINDS",
    "VARIADIC",
    "LayerSpec",
    "ParamSpec",
    "get_spec",
    "is_known",
]

_BIAS = _bool("bias", True, "Learn an additive bias")
_KERNEL = _int("kernel_size", 3, "Size of the sliding window", maximum=1024, key=True)
_STRIDE = _int("stride", 1, "Step between windows", maximum=1024)
_PADDING = _int("padding", 0, "Zeros added on each side", minimum=0, maximum=1024)
_GROUPS = _int(
    "groups",
    1,
    "Independent channel groups; input and output channels must divide by it "
    "(groups = channels: depthwise)",
    maximum=65536,
)
_EPS = _float("eps", 1e-5, "Added to the variance for numerical stability", 1e-12, 1.0)


def _pool(kind: str, doc: str) -> LayerSpec:
    return LayerSpec(
        kind,
        kind,
        "Pooling",
        doc,
        params=(
            _int("kernel_size", 2, "Size of the pooling window", maximum=1024, key=True),
            _int("stride", 0, "Step between windows (0: same as kernel_size)", 0, 1024),
            _int("padding", 0, "Zeros added on each side", 0, 1024),
        ),
    )


def _activation(kind: str, doc: str, *params: ParamSpec) -> LayerSpec:
    return LayerSpec(kind, kind, "Activation", doc, params=tuple(params))


_SPECS: tuple[LayerSpec, ...] = (
    LayerSpec(
        "Input",
        "Input",
        "Input/Output",
        "Where data enters the network; its shape comes from the bound dataset",
        inputs=0,
        params=(
            _tuple("shape", (2,), "Shape of one sample, without the batch dimension", key=True),
            _choice("dtype", "float32", ("float32", "int64"), "int64 for token indices"),
            _text(
                "data",
                "",
                "The dataset input this node reads (empty: the dataset's only input)",
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Output",
        "Output",
        "Input/Output",
        "The network's prediction; the loss compares it with the target",
    ),
    LayerSpec(
        "Linear",
        "Linear (Dense)",
        "Linear",
        "Fully connected layer: y = xW^T + b over the last dimension",
        params=(_int("out_features", 64, "Number of output units", key=True), _BIAS),
    ),
    LayerSpec(
        "Conv1d",
        "Conv1d",
        "Convolution",
        "1-D convolution over [N, C, L] sequences",
        params=(
            _int("out_channels", 16, "Number of filters", key=True),
            _KERNEL,
            _STRIDE,
            _PADDING,
            _int("dilation", 1, "Spacing between kernel elements", maximum=1024),
            _GROUPS,
            _BIAS,
        ),
    ),
    LayerSpec(
        "Conv2d",
        "Conv2d",
        "Convolution",
        "2-D convolution over [N, C, H, W] images",
        params=(
            _int("out_channels", 16, "Number of filters", key=True),
            _KERNEL,
            _STRIDE,
            _PADDING,
            _int("dilation", 1, "Spacing between kernel elements", maximum=1024),
            _GROUPS,
            _BIAS,
        ),
    ),
    LayerSpec(
        "ConvTranspose2d",
        "ConvTranspose2d",
        "Convolution",
        "Transposed 2-D convolution (learned upsampling) over [N, C, H, W]",
        params=(
            _int("out_channels", 16, "Number of filters", key=True),
            _KERNEL,
            _STRIDE,
            _PADDING,
            _int("output_padding", 0, "Extra size added to one side of the output", 0, 1024),
            _BIAS,
        ),
    ),
    _pool("MaxPool2d", "Maximum over sliding windows of [N, C, H, W]"),
    _pool("AvgPool2d", "Average over sliding windows of [N, C, H, W]"),
    LayerSpec(
        "AdaptiveAvgPool2d",
        "AdaptiveAvgPool2d",
        "Pooling",
        "Average-pools [N, C, H, W] to a fixed output size",
        params=(_tuple("output_size", (1, 1), "Output height and width", length=2, key=True),),
    ),
    LayerSpec(
        "Mean",
        "Mean",
        "Pooling",
        "Averages over the given dimensions; (2, 3) of [N, C, H, W] averages each channel",
        params=(
            _tuple("dims", (1,), "Dimensions to average (1: the first after the batch)", key=True),
            _bool("keepdim", False, "Keep the averaged dimensions with size 1"),
        ),
    ),
    LayerSpec(
        "Flatten",
        "Flatten",
        "Reshape",
        "Flattens all dimensions from start_dim on into one",
        params=(_int("start_dim", 1, "First dimension to flatten (1 keeps the batch)", 1, 16),),
    ),
    LayerSpec(
        "Reshape",
        "Reshape",
        "Reshape",
        "Reshapes each sample (batch dimension kept); one size may be -1",
        params=(_tuple("shape", (-1,), "New shape of one sample", allow_minus_one=True, key=True),),
    ),
    LayerSpec(
        "Pad",
        "Pad",
        "Reshape",
        "Adds a constant border: (before, after) pairs for the last dimensions, last first",
        params=(
            _tuple(
                "padding",
                (1, 1),
                "Pairs (before, after), last dimension first: (left, right, top, bottom)",
                minimum=0,
                key=True,
            ),
            _float("value", 0.0, "Value of the added elements", -1e6, 1e6),
        ),
    ),
    LayerSpec(
        "Upsample",
        "Upsample",
        "Reshape",
        "Enlarges [N, C, L] or [N, C, H, W] by scale_factor, repeating or interpolating values",
        params=(
            _float("scale_factor", 2.0, "Size multiplier (below 1 shrinks)", 0.05, 64.0, key=True),
            _choice(
                "mode",
                "nearest",
                ("nearest", "bilinear"),
                "Repeat the nearest value, or interpolate ([N, C, H, W] only)",
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Dropout",
        "Dropout",
        "Regularization",
        "Randomly zeroes elements with probability p during training",
        params=(_float("p", 0.5, "Probability of zeroing an element", 0.0, 0.99, key=True),),
    ),
    LayerSpec(
        "StochasticDepth",
        "StochasticDepth",
        "Regularization",
        "While training, drops a residual branch for a whole sample with probability p "
        "(the rest scaled by 1 / (1 - p)); passes everything at evaluation",
        params=(
            _float("p", 0.1, "Probability of dropping a sample's branch", 0.0, 0.99, key=True),
        ),
    ),
    LayerSpec(
        "BatchNorm1d",
        "BatchNorm1d",
        "Normalization",
        "Normalises each feature over the batch ([N, C] or [N, C, L])",
        params=(_EPS, _float("momentum", 0.1, "Running statistics update rate", 0.0, 1.0)),
    ),
    LayerSpec(
        "BatchNorm2d",
        "BatchNorm2d",
        "Normalization",
        "Normalises each channel of [N, C, H, W] over the batch",
        params=(_EPS, _float("momentum", 0.1, "Running statistics update rate", 0.0, 1.0)),
    ),
    LayerSpec(
        "LayerNorm",
        "LayerNorm",
        "Normalization",
        "Normalises each sample over its last dimension",
        params=(_EPS, _bool("elementwise_affine", True, "Learn a scale and shift")),
    ),
    LayerSpec(
        "Embedding",
        "Embedding",
        "Embedding",
        "Looks up a learned vector for each integer index",
        params=(
            _int("num_embeddings", 1000, "Vocabulary size (indices 0..n-1)", key=True),
            _int("embedding_dim", 32, "Size of each vector", key=True),
            _bool(
                "padding_idx_zero",
                False,
                "Index 0 is padding: its vector stays zero and is never trained",
            ),
        ),
    ),
    LayerSpec(
        "SequencePool",
        "SequencePool",
        "Embedding",
        "Pools [N, L, D] over the sequence to [N, D], ignoring padding: input 0 is the "
        "sequence, input 1 the token ids [N, L] whose 0s are padding",
        inputs=2,
        params=(
            _choice(
                "mode",
                "mean",
                ("mean", "max", "last"),
                "Mean or maximum over the real tokens, or the last real token",
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Transpose",
        "Transpose",
        "Reshape",
        "Swaps two dimensions: [N, L, D] -> [N, D, L] makes the features channels ([N, C, L])",
        params=(
            ParamSpec("dim0", "int", 1, "First dimension (1: the first after the batch)", 1, 16),
            ParamSpec("dim1", "int", 2, "Second dimension", 1, 16),
        ),
    ),
    LayerSpec(
        "Permute",
        "Permute",
        "Reshape",
        "Reorders the dimensions after the batch: dims (2, 1) turns [N, L, D] into [N, D, L]",
        params=(
            _tuple(
                "dims", (2, 1), "New order of the dimensions after the batch (1, 2, ...)", key=True
            ),
        ),
    ),
    LayerSpec(
        "Chunk",
        "Chunk",
        "Reshape",
        "Cuts dim into chunks equal pieces (the last may be smaller) and passes on piece index, "
        "as torch.chunk(x, chunks, dim)[index]; one Chunk node per piece used",
        params=(
            _int("chunks", 2, "Number of pieces to cut dim into", 2, 4096, key=True),
            _int("index", 0, "Which piece to pass on (0: the first)", 0, 4095, key=True),
            _int("dim", 1, "Dimension to cut (1: the first after the batch)", 1, 16),
        ),
    ),
    *(
        LayerSpec(
            kind,
            kind,
            "Recurrent",
            f"{kind} over [N, L, features] sequences (batch first)",
            params=(
                _int("hidden_size", 64, "Size of the hidden state", key=True),
                _int("num_layers", 1, "Stacked recurrent layers", 1, 16),
                _bool("bidirectional", False, "Run forwards and backwards"),
                _choice(
                    "output",
                    "sequence",
                    ("sequence", "last"),
                    "Return every step [N, L, H] or only the last one [N, H]",
                    key=True,
                ),
            ),
        )
        for kind in ("LSTM", "GRU")
    ),
    LayerSpec(
        "MultiheadSelfAttention",
        "Self-attention",
        "Attention",
        "Each position of [N, L, D] attends to every position (batch first); embed_dim is D, "
        "which num_heads must divide",
        params=(
            _int(
                "num_heads", 4, "Parallel attention heads (must divide D)", maximum=1024, key=True
            ),
            _float("dropout", 0.0, "Dropout on the attention weights in training", 0.0, 0.99),
        ),
    ),
    LayerSpec(
        "TransformerEncoderLayer",
        "Transformer layer",
        "Attention",
        "Self-attention and a feed-forward block, each with a residual connection and "
        "LayerNorm, over [N, L, D] (batch first); nhead must divide D",
        params=(
            _int("nhead", 4, "Parallel attention heads (must divide D)", maximum=1024, key=True),
            _int("dim_feedforward", 256, "Width of the feed-forward block", key=True),
            _float("dropout", 0.1, "Dropout in training", 0.0, 0.99),
            _choice("activation", "relu", ("relu", "gelu"), "Feed-forward activation"),
            _bool("norm_first", False, "LayerNorm before attention and feed-forward (pre-norm)"),
        ),
    ),
    _activation("ReLU", "max(0, x)"),
    _activation(
        "LeakyReLU",
        "x for x > 0, negative_slope * x otherwise",
        _float("negative_slope", 0.01, "Slope for negative inputs", 0.0, 1.0),
    ),
    _activation(
        "GELU",
        "Gaussian error linear unit",
        _choice("approximate", "none", ("none", "tanh"), "Exact or tanh approximation"),
    ),
    _activation("SiLU", "x * sigmoid(x) (swish)"),
    _activation("ReLU6", "min(max(0, x), 6)"),
    _activation("Hardswish", "x * ReLU6(x + 3) / 6, a cheap swish (MobileNetV3)"),
    _activation("Hardsigmoid", "ReLU6(x + 3) / 6, a cheap sigmoid"),
    _activation("Sigmoid", "1 / (1 + exp(-x))"),
    _activation("Tanh", "Hyperbolic tangent"),
    _activation(
        "Softmax",
        "Exponentials normalised to sum to 1 along dim (not before cross-entropy: it applies one)",
        ParamSpec("dim", "int", -1, "Dimension to normalise", -16, 16),
    ),
    LayerSpec("Identity", "Identity", "Reshape", "Passes its input through unchanged"),
    LayerSpec(
        "Add",
        "Add",
        "Merge",
        "Element-wise sum of two or more tensors of the same shape (skip connections)",
        inputs=VARIADIC,
    ),
    LayerSpec(
        "Multiply",
        "Multiply",
        "Merge",
        "Element-wise product of two or more tensors (gating); a size-1 dimension stretches, so "
        "[N, C, 1, 1] scales each channel of [N, C, H, W]",
        inputs=VARIADIC,
    ),
    LayerSpec(
        "Scale",
        "Scale",
        "Merge",
        "Multiplies every element by a constant factor",
        params=(_float("factor", 1.0, "The constant to multiply by", -1e6, 1e6, key=True),),
    ),
    LayerSpec(
        "Concat",
        "Concat",
        "Merge",
        "Joins two or more tensors along dim; the other dimensions must match",
        inputs=VARIADIC,
        params=(
            ParamSpec("dim", "int", 1, "Dimension to join along (1: features/channels)", 1, 16),
        ),
    ),
)

CATALOGUE: dict[str, LayerSpec] = {spec.type: spec for spec in _SPECS}

#: Category names in palette order.
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(spec.category for spec in _SPECS))


def get_spec(layer_type: str, *, node: str | None = None) -> LayerSpec:
    try:
        return CATALOGUE[layer_type]
    except KeyError:
        raise UnknownLayerTypeError(f"Unknown layer type {layer_type!r}", node=node) from None


def is_known(layer_type: str) -> bool:
    return layer_type in CATALOGUE
