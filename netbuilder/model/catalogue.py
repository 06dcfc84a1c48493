"""The layer catalogue, as data.

The palette, the inspector, validation, the file format and code generation all read this one
table. Builders (type -> ``nn.Module``) live in ``netbuilder.engine.network.builders`` under the
same type names. Parameters use PyTorch's names; sizes that follow from the incoming tensor
(``in_features``, ``in_channels``, ``num_features``, ``input_size``) are never parameters.
"""

from __future__ import annotations

from netbuilder.model.errors import UnknownLayerTypeError
from netbuilder.model.i18n import QT_TRANSLATE_NOOP
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

_BIAS = _bool("bias", True, QT_TRANSLATE_NOOP("Catalogue", "Learn an additive bias"))
_KERNEL = _int(
    "kernel_size",
    3,
    QT_TRANSLATE_NOOP("Catalogue", "Size of the sliding window"),
    maximum=1024,
    key=True,
)
_STRIDE = _int("stride", 1, QT_TRANSLATE_NOOP("Catalogue", "Step between windows"), maximum=1024)
_PADDING = _int(
    "padding",
    0,
    QT_TRANSLATE_NOOP("Catalogue", "Zeros added on each side"),
    minimum=0,
    maximum=1024,
)
_GROUPS = _int(
    "groups",
    1,
    QT_TRANSLATE_NOOP(
        "Catalogue",
        "Independent channel groups; input and output channels must divide by it "
        "(groups = channels: depthwise)",
    ),
    maximum=65536,
)
_EPS = _float(
    "eps",
    1e-5,
    QT_TRANSLATE_NOOP("Catalogue", "Added to the variance for numerical stability"),
    1e-12,
    1.0,
)


def _pool(kind: str, name: str, doc: str) -> LayerSpec:
    return LayerSpec(
        kind,
        name,
        QT_TRANSLATE_NOOP("Catalogue", "Pooling"),
        doc,
        params=(
            _int(
                "kernel_size",
                2,
                QT_TRANSLATE_NOOP("Catalogue", "Size of the pooling window"),
                maximum=1024,
                key=True,
            ),
            _int(
                "stride",
                0,
                QT_TRANSLATE_NOOP("Catalogue", "Step between windows (0: same as kernel_size)"),
                0,
                1024,
            ),
            _int("padding", 0, QT_TRANSLATE_NOOP("Catalogue", "Zeros added on each side"), 0, 1024),
        ),
    )


def _activation(kind: str, name: str, doc: str, *params: ParamSpec) -> LayerSpec:
    return LayerSpec(
        kind, name, QT_TRANSLATE_NOOP("Catalogue", "Activation"), doc, params=tuple(params)
    )


def _recurrent(kind: str, name: str, doc: str) -> LayerSpec:
    return LayerSpec(
        kind,
        name,
        QT_TRANSLATE_NOOP("Catalogue", "Recurrent"),
        doc,
        params=(
            _int(
                "hidden_size",
                64,
                QT_TRANSLATE_NOOP("Catalogue", "Size of the hidden state"),
                key=True,
            ),
            _int(
                "num_layers", 1, QT_TRANSLATE_NOOP("Catalogue", "Stacked recurrent layers"), 1, 16
            ),
            _bool(
                "bidirectional", False, QT_TRANSLATE_NOOP("Catalogue", "Run forwards and backwards")
            ),
            _choice(
                "output",
                "sequence",
                ("sequence", "last"),
                QT_TRANSLATE_NOOP(
                    "Catalogue", "Return every step [N, L, H] or only the last one [N, H]"
                ),
                key=True,
            ),
        ),
    )


_SPECS: tuple[LayerSpec, ...] = (
    LayerSpec(
        "Input",
        QT_TRANSLATE_NOOP("Catalogue", "Input"),
        QT_TRANSLATE_NOOP("Catalogue", "Input/Output"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Where data enters the network; its shape comes from the bound dataset"
        ),
        inputs=0,
        params=(
            _tuple(
                "shape",
                (2,),
                QT_TRANSLATE_NOOP("Catalogue", "Shape of one sample, without the batch dimension"),
                key=True,
            ),
            _choice(
                "dtype",
                "float32",
                ("float32", "int64"),
                QT_TRANSLATE_NOOP("Catalogue", "int64 for token indices"),
            ),
            _text(
                "data",
                "",
                QT_TRANSLATE_NOOP(
                    "Catalogue",
                    "The dataset input this node reads (empty: the dataset's only input)",
                ),
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Output",
        QT_TRANSLATE_NOOP("Catalogue", "Output"),
        QT_TRANSLATE_NOOP("Catalogue", "Input/Output"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "The network's prediction; the loss compares it with the target"
        ),
    ),
    LayerSpec(
        "Linear",
        QT_TRANSLATE_NOOP("Catalogue", "Linear (Dense)"),
        QT_TRANSLATE_NOOP("Catalogue", "Linear"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Fully connected layer: y = xW^T + b over the last dimension"
        ),
        params=(
            _int(
                "out_features",
                64,
                QT_TRANSLATE_NOOP("Catalogue", "Number of output units"),
                key=True,
            ),
            _BIAS,
        ),
    ),
    LayerSpec(
        "Conv1d",
        QT_TRANSLATE_NOOP("Catalogue", "Conv1d"),
        QT_TRANSLATE_NOOP("Catalogue", "Convolution"),
        QT_TRANSLATE_NOOP("Catalogue", "1-D convolution over [N, C, L] sequences"),
        params=(
            _int("out_channels", 16, QT_TRANSLATE_NOOP("Catalogue", "Number of filters"), key=True),
            _KERNEL,
            _STRIDE,
            _PADDING,
            _int(
                "dilation",
                1,
                QT_TRANSLATE_NOOP("Catalogue", "Spacing between kernel elements"),
                maximum=1024,
            ),
            _GROUPS,
            _BIAS,
        ),
    ),
    LayerSpec(
        "Conv2d",
        QT_TRANSLATE_NOOP("Catalogue", "Conv2d"),
        QT_TRANSLATE_NOOP("Catalogue", "Convolution"),
        QT_TRANSLATE_NOOP("Catalogue", "2-D convolution over [N, C, H, W] images"),
        params=(
            _int("out_channels", 16, QT_TRANSLATE_NOOP("Catalogue", "Number of filters"), key=True),
            _KERNEL,
            _STRIDE,
            _PADDING,
            _int(
                "dilation",
                1,
                QT_TRANSLATE_NOOP("Catalogue", "Spacing between kernel elements"),
                maximum=1024,
            ),
            _GROUPS,
            _BIAS,
        ),
    ),
    LayerSpec(
        "ConvTranspose2d",
        QT_TRANSLATE_NOOP("Catalogue", "ConvTranspose2d"),
        QT_TRANSLATE_NOOP("Catalogue", "Convolution"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Transposed 2-D convolution (learned upsampling) over [N, C, H, W]"
        ),
        params=(
            _int("out_channels", 16, QT_TRANSLATE_NOOP("Catalogue", "Number of filters"), key=True),
            _KERNEL,
            _STRIDE,
            _PADDING,
            _int(
                "output_padding",
                0,
                QT_TRANSLATE_NOOP("Catalogue", "Extra size added to one side of the output"),
                0,
                1024,
            ),
            _BIAS,
        ),
    ),
    _pool(
        "MaxPool2d",
        QT_TRANSLATE_NOOP("Catalogue", "MaxPool2d"),
        QT_TRANSLATE_NOOP("Catalogue", "Maximum over sliding windows of [N, C, H, W]"),
    ),
    _pool(
        "AvgPool2d",
        QT_TRANSLATE_NOOP("Catalogue", "AvgPool2d"),
        QT_TRANSLATE_NOOP("Catalogue", "Average over sliding windows of [N, C, H, W]"),
    ),
    LayerSpec(
        "AdaptiveAvgPool2d",
        QT_TRANSLATE_NOOP("Catalogue", "AdaptiveAvgPool2d"),
        QT_TRANSLATE_NOOP("Catalogue", "Pooling"),
        QT_TRANSLATE_NOOP("Catalogue", "Average-pools [N, C, H, W] to a fixed output size"),
        params=(
            _tuple(
                "output_size",
                (1, 1),
                QT_TRANSLATE_NOOP("Catalogue", "Output height and width"),
                length=2,
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Mean",
        QT_TRANSLATE_NOOP("Catalogue", "Mean"),
        QT_TRANSLATE_NOOP("Catalogue", "Pooling"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Averages over the given dimensions; (2, 3) of [N, C, H, W] averages each channel",
        ),
        params=(
            _tuple(
                "dims",
                (1,),
                QT_TRANSLATE_NOOP(
                    "Catalogue", "Dimensions to average (1: the first after the batch)"
                ),
                key=True,
            ),
            _bool(
                "keepdim",
                False,
                QT_TRANSLATE_NOOP("Catalogue", "Keep the averaged dimensions with size 1"),
            ),
        ),
    ),
    LayerSpec(
        "Flatten",
        QT_TRANSLATE_NOOP("Catalogue", "Flatten"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP("Catalogue", "Flattens all dimensions from start_dim on into one"),
        params=(
            _int(
                "start_dim",
                1,
                QT_TRANSLATE_NOOP("Catalogue", "First dimension to flatten (1 keeps the batch)"),
                1,
                16,
            ),
        ),
    ),
    LayerSpec(
        "Reshape",
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Reshapes each sample (batch dimension kept); one size may be -1"
        ),
        params=(
            _tuple(
                "shape",
                (-1,),
                QT_TRANSLATE_NOOP("Catalogue", "New shape of one sample"),
                allow_minus_one=True,
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Pad",
        QT_TRANSLATE_NOOP("Catalogue", "Pad"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Adds a constant border: (before, after) pairs for the last dimensions, last first",
        ),
        params=(
            _tuple(
                "padding",
                (1, 1),
                QT_TRANSLATE_NOOP(
                    "Catalogue",
                    "Pairs (before, after), last dimension first: (left, right, top, bottom)",
                ),
                minimum=0,
                key=True,
            ),
            _float(
                "value",
                0.0,
                QT_TRANSLATE_NOOP("Catalogue", "Value of the added elements"),
                -1e6,
                1e6,
            ),
        ),
    ),
    LayerSpec(
        "Upsample",
        QT_TRANSLATE_NOOP("Catalogue", "Upsample"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Enlarges [N, C, L] or [N, C, H, W] by scale_factor, repeating or interpolating values",
        ),
        params=(
            _float(
                "scale_factor",
                2.0,
                QT_TRANSLATE_NOOP("Catalogue", "Size multiplier (below 1 shrinks)"),
                0.05,
                64.0,
                key=True,
            ),
            _choice(
                "mode",
                "nearest",
                ("nearest", "bilinear"),
                QT_TRANSLATE_NOOP(
                    "Catalogue", "Repeat the nearest value, or interpolate ([N, C, H, W] only)"
                ),
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Dropout",
        QT_TRANSLATE_NOOP("Catalogue", "Dropout"),
        QT_TRANSLATE_NOOP("Catalogue", "Regularization"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Randomly zeroes elements with probability p during training"
        ),
        params=(
            _float(
                "p",
                0.5,
                QT_TRANSLATE_NOOP("Catalogue", "Probability of zeroing an element"),
                0.0,
                0.99,
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "StochasticDepth",
        QT_TRANSLATE_NOOP("Catalogue", "StochasticDepth"),
        QT_TRANSLATE_NOOP("Catalogue", "Regularization"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "While training, drops a residual branch for a whole sample with probability p "
            "(the rest scaled by 1 / (1 - p)); passes everything at evaluation",
        ),
        params=(
            _float(
                "p",
                0.1,
                QT_TRANSLATE_NOOP("Catalogue", "Probability of dropping a sample's branch"),
                0.0,
                0.99,
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "BatchNorm1d",
        QT_TRANSLATE_NOOP("Catalogue", "BatchNorm1d"),
        QT_TRANSLATE_NOOP("Catalogue", "Normalization"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Normalises each feature over the batch ([N, C] or [N, C, L])"
        ),
        params=(
            _EPS,
            _float(
                "momentum",
                0.1,
                QT_TRANSLATE_NOOP("Catalogue", "Running statistics update rate"),
                0.0,
                1.0,
            ),
        ),
    ),
    LayerSpec(
        "BatchNorm2d",
        QT_TRANSLATE_NOOP("Catalogue", "BatchNorm2d"),
        QT_TRANSLATE_NOOP("Catalogue", "Normalization"),
        QT_TRANSLATE_NOOP("Catalogue", "Normalises each channel of [N, C, H, W] over the batch"),
        params=(
            _EPS,
            _float(
                "momentum",
                0.1,
                QT_TRANSLATE_NOOP("Catalogue", "Running statistics update rate"),
                0.0,
                1.0,
            ),
        ),
    ),
    LayerSpec(
        "LayerNorm",
        QT_TRANSLATE_NOOP("Catalogue", "LayerNorm"),
        QT_TRANSLATE_NOOP("Catalogue", "Normalization"),
        QT_TRANSLATE_NOOP("Catalogue", "Normalises each sample over its last dimension"),
        params=(
            _EPS,
            _bool(
                "elementwise_affine",
                True,
                QT_TRANSLATE_NOOP("Catalogue", "Learn a scale and shift"),
            ),
        ),
    ),
    LayerSpec(
        "Embedding",
        QT_TRANSLATE_NOOP("Catalogue", "Embedding"),
        QT_TRANSLATE_NOOP("Catalogue", "Embedding"),
        QT_TRANSLATE_NOOP("Catalogue", "Looks up a learned vector for each integer index"),
        params=(
            _int(
                "num_embeddings",
                1000,
                QT_TRANSLATE_NOOP("Catalogue", "Vocabulary size (indices 0..n-1)"),
                key=True,
            ),
            _int(
                "embedding_dim", 32, QT_TRANSLATE_NOOP("Catalogue", "Size of each vector"), key=True
            ),
            _bool(
                "padding_idx_zero",
                False,
                QT_TRANSLATE_NOOP(
                    "Catalogue", "Index 0 is padding: its vector stays zero and is never trained"
                ),
            ),
        ),
    ),
    LayerSpec(
        "SequencePool",
        QT_TRANSLATE_NOOP("Catalogue", "SequencePool"),
        QT_TRANSLATE_NOOP("Catalogue", "Embedding"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Pools [N, L, D] over the sequence to [N, D], ignoring padding: input 0 is the "
            "sequence, input 1 the token ids [N, L] whose 0s are padding",
        ),
        inputs=2,
        params=(
            _choice(
                "mode",
                "mean",
                ("mean", "max", "last"),
                QT_TRANSLATE_NOOP(
                    "Catalogue", "Mean or maximum over the real tokens, or the last real token"
                ),
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Transpose",
        QT_TRANSLATE_NOOP("Catalogue", "Transpose"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Swaps two dimensions: [N, L, D] -> [N, D, L] makes the features channels ([N, C, L])",
        ),
        params=(
            ParamSpec(
                "dim0",
                "int",
                1,
                QT_TRANSLATE_NOOP("Catalogue", "First dimension (1: the first after the batch)"),
                1,
                16,
            ),
            ParamSpec("dim1", "int", 2, QT_TRANSLATE_NOOP("Catalogue", "Second dimension"), 1, 16),
        ),
    ),
    LayerSpec(
        "Permute",
        QT_TRANSLATE_NOOP("Catalogue", "Permute"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Reorders the dimensions after the batch: dims (2, 1) turns [N, L, D] into [N, D, L]",
        ),
        params=(
            _tuple(
                "dims",
                (2, 1),
                QT_TRANSLATE_NOOP(
                    "Catalogue", "New order of the dimensions after the batch (1, 2, ...)"
                ),
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Chunk",
        QT_TRANSLATE_NOOP("Catalogue", "Chunk"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Cuts dim into chunks equal pieces (the last may be smaller) and passes on piece "
            "index, as torch.chunk(x, chunks, dim)[index]; one Chunk node per piece used",
        ),
        params=(
            _int(
                "chunks",
                2,
                QT_TRANSLATE_NOOP("Catalogue", "Number of pieces to cut dim into"),
                2,
                4096,
                key=True,
            ),
            _int(
                "index",
                0,
                QT_TRANSLATE_NOOP("Catalogue", "Which piece to pass on (0: the first)"),
                0,
                4095,
                key=True,
            ),
            _int(
                "dim",
                1,
                QT_TRANSLATE_NOOP("Catalogue", "Dimension to cut (1: the first after the batch)"),
                1,
                16,
            ),
        ),
    ),
    _recurrent(
        "LSTM",
        QT_TRANSLATE_NOOP("Catalogue", "LSTM"),
        QT_TRANSLATE_NOOP("Catalogue", "LSTM over [N, L, features] sequences (batch first)"),
    ),
    _recurrent(
        "GRU",
        QT_TRANSLATE_NOOP("Catalogue", "GRU"),
        QT_TRANSLATE_NOOP("Catalogue", "GRU over [N, L, features] sequences (batch first)"),
    ),
    LayerSpec(
        "MultiheadSelfAttention",
        QT_TRANSLATE_NOOP("Catalogue", "Self-attention"),
        QT_TRANSLATE_NOOP("Catalogue", "Attention"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Each position of [N, L, D] attends to every position (batch first); embed_dim is D, "
            "which num_heads must divide",
        ),
        params=(
            _int(
                "num_heads",
                4,
                QT_TRANSLATE_NOOP("Catalogue", "Parallel attention heads (must divide D)"),
                maximum=1024,
                key=True,
            ),
            _float(
                "dropout",
                0.0,
                QT_TRANSLATE_NOOP("Catalogue", "Dropout on the attention weights in training"),
                0.0,
                0.99,
            ),
        ),
    ),
    LayerSpec(
        "TransformerEncoderLayer",
        QT_TRANSLATE_NOOP("Catalogue", "Transformer layer"),
        QT_TRANSLATE_NOOP("Catalogue", "Attention"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Self-attention and a feed-forward block, each with a residual connection and "
            "LayerNorm, over [N, L, D] (batch first); nhead must divide D",
        ),
        params=(
            _int(
                "nhead",
                4,
                QT_TRANSLATE_NOOP("Catalogue", "Parallel attention heads (must divide D)"),
                maximum=1024,
                key=True,
            ),
            _int(
                "dim_feedforward",
                256,
                QT_TRANSLATE_NOOP("Catalogue", "Width of the feed-forward block"),
                key=True,
            ),
            _float(
                "dropout", 0.1, QT_TRANSLATE_NOOP("Catalogue", "Dropout in training"), 0.0, 0.99
            ),
            _choice(
                "activation",
                "relu",
                ("relu", "gelu"),
                QT_TRANSLATE_NOOP("Catalogue", "Feed-forward activation"),
            ),
            _bool(
                "norm_first",
                False,
                QT_TRANSLATE_NOOP(
                    "Catalogue", "LayerNorm before attention and feed-forward (pre-norm)"
                ),
            ),
        ),
    ),
    _activation(
        "ReLU", QT_TRANSLATE_NOOP("Catalogue", "ReLU"), QT_TRANSLATE_NOOP("Catalogue", "max(0, x)")
    ),
    _activation(
        "LeakyReLU",
        QT_TRANSLATE_NOOP("Catalogue", "LeakyReLU"),
        QT_TRANSLATE_NOOP("Catalogue", "x for x > 0, negative_slope * x otherwise"),
        _float(
            "negative_slope",
            0.01,
            QT_TRANSLATE_NOOP("Catalogue", "Slope for negative inputs"),
            0.0,
            1.0,
        ),
    ),
    _activation(
        "GELU",
        QT_TRANSLATE_NOOP("Catalogue", "GELU"),
        QT_TRANSLATE_NOOP("Catalogue", "Gaussian error linear unit"),
        _choice(
            "approximate",
            "none",
            ("none", "tanh"),
            QT_TRANSLATE_NOOP("Catalogue", "Exact or tanh approximation"),
        ),
    ),
    _activation(
        "SiLU",
        QT_TRANSLATE_NOOP("Catalogue", "SiLU"),
        QT_TRANSLATE_NOOP("Catalogue", "x * sigmoid(x) (swish)"),
    ),
    _activation(
        "ReLU6",
        QT_TRANSLATE_NOOP("Catalogue", "ReLU6"),
        QT_TRANSLATE_NOOP("Catalogue", "min(max(0, x), 6)"),
    ),
    _activation(
        "Hardswish",
        QT_TRANSLATE_NOOP("Catalogue", "Hardswish"),
        QT_TRANSLATE_NOOP("Catalogue", "x * ReLU6(x + 3) / 6, a cheap swish (MobileNetV3)"),
    ),
    _activation(
        "Hardsigmoid",
        QT_TRANSLATE_NOOP("Catalogue", "Hardsigmoid"),
        QT_TRANSLATE_NOOP("Catalogue", "ReLU6(x + 3) / 6, a cheap sigmoid"),
    ),
    _activation(
        "Sigmoid",
        QT_TRANSLATE_NOOP("Catalogue", "Sigmoid"),
        QT_TRANSLATE_NOOP("Catalogue", "1 / (1 + exp(-x))"),
    ),
    _activation(
        "Tanh",
        QT_TRANSLATE_NOOP("Catalogue", "Tanh"),
        QT_TRANSLATE_NOOP("Catalogue", "Hyperbolic tangent"),
    ),
    _activation(
        "Softmax",
        QT_TRANSLATE_NOOP("Catalogue", "Softmax"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Exponentials normalised to sum to 1 along dim (not before cross-entropy: it "
            "applies one)",
        ),
        ParamSpec(
            "dim", "int", -1, QT_TRANSLATE_NOOP("Catalogue", "Dimension to normalise"), -16, 16
        ),
    ),
    LayerSpec(
        "Identity",
        QT_TRANSLATE_NOOP("Catalogue", "Identity"),
        QT_TRANSLATE_NOOP("Catalogue", "Reshape"),
        QT_TRANSLATE_NOOP("Catalogue", "Passes its input through unchanged"),
    ),
    LayerSpec(
        "Add",
        QT_TRANSLATE_NOOP("Catalogue", "Add"),
        QT_TRANSLATE_NOOP("Catalogue", "Merge"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Element-wise sum of two or more tensors of the same shape (skip connections)",
        ),
        inputs=VARIADIC,
    ),
    LayerSpec(
        "Multiply",
        QT_TRANSLATE_NOOP("Catalogue", "Multiply"),
        QT_TRANSLATE_NOOP("Catalogue", "Merge"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Element-wise product of two or more tensors (gating); a size-1 dimension "
            "stretches, so [N, C, 1, 1] scales each channel of [N, C, H, W]",
        ),
        inputs=VARIADIC,
    ),
    LayerSpec(
        "Scale",
        QT_TRANSLATE_NOOP("Catalogue", "Scale"),
        QT_TRANSLATE_NOOP("Catalogue", "Merge"),
        QT_TRANSLATE_NOOP("Catalogue", "Multiplies every element by a constant factor"),
        params=(
            _float(
                "factor",
                1.0,
                QT_TRANSLATE_NOOP("Catalogue", "The constant to multiply by"),
                -1e6,
                1e6,
                key=True,
            ),
        ),
    ),
    LayerSpec(
        "Concat",
        QT_TRANSLATE_NOOP("Catalogue", "Concat"),
        QT_TRANSLATE_NOOP("Catalogue", "Merge"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "Joins two or more tensors along dim; the other dimensions must match"
        ),
        inputs=VARIADIC,
        params=(
            ParamSpec(
                "dim",
                "int",
                1,
                QT_TRANSLATE_NOOP("Catalogue", "Dimension to join along (1: features/channels)"),
                1,
                16,
            ),
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
