"""The layer catalogue, as data.

The palette, the inspector, validation, the file format and code generation all read this one
table. Builders (type -> ``nn.Module``) live in ``netbuilder.engine.network.builders`` under the
same type names. Parameters use PyTorch's names; sizes that follow from the incoming tensor
(``in_features``, ``in_channels``, ``num_features``, ``input_size``) are never parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netbuilder.model.errors import ParamError, UnknownLayerTypeError

#: ``LayerSpec.inputs`` value for merge layers that take two or more inputs.
VARIADIC = -1

PARAM_KINDS = ("int", "float", "bool", "choice", "tuple")


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str  # one of PARAM_KINDS
    default: Any
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    length: int | None = None  # tuples: exact length, or None for any length >= 1
    allow_minus_one: bool = False  # tuples: -1 allowed once (Reshape)
    key: bool = False  # shown on the node in the canvas

    def coerce(self, value: Any, *, layer: str = "", node: str | None = None) -> Any:
        """Return ``value`` as this parameter's type, or raise ParamError saying what is wrong."""
        where = f"{layer}.{self.name}" if layer else self.name

        def fail(msg: str) -> ParamError:
            return ParamError(f"{where}: {msg}", node=node, field=self.name)

        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            raise fail(f"expected true or false, got {value!r}")
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise fail(f"expected a whole number, got {value!r}")
            self._check_bounds(value, fail)
            return value
        if self.kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(f"expected a number, got {value!r}")
            try:
                value = float(value)
            except OverflowError:
                raise fail(f"{value} is too large") from None
            if not math.isfinite(value):
                raise fail(f"expected a finite number, got {value!r}")
            self._check_bounds(value, fail)
            return value
        if self.kind == "choice":
            if value not in self.choices:
                raise fail(f"expected one of {', '.join(self.choices)}; got {value!r}")
            return value
        if self.kind == "tuple":
            if not isinstance(value, (list, tuple)) or not value:
                raise fail(f"expected a list of whole numbers, got {value!r}")
            if self.length is not None and len(value) != self.length:
                raise fail(f"expected {self.length} numbers, got {len(value)}")
            out = []
            for item in value:
                if isinstance(item, bool) or not isinstance(item, int):
                    raise fail(f"expected whole numbers, got {item!r}")
                if item == -1 and self.allow_minus_one:
                    out.append(item)
                    continue
                self._check_bounds(item, fail)
                out.append(item)
            if out.count(-1) > 1:
                raise fail("at most one -1 (inferred size) is allowed")
            return tuple(out)
        raise fail(f"unknown parameter kind {self.kind!r}")  # pragma: no cover

    def _check_bounds(self, value: float, fail: Callable[[str], ParamError]) -> None:
        if self.minimum is not None and value < self.minimum:
            raise fail(f"{value} is below the minimum {_fmt(self.minimum)}")
        if self.maximum is not None and value > self.maximum:
            raise fail(f"{value} is above the maximum {_fmt(self.maximum)}")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass(frozen=True)
class LayerSpec:
    type: str
    display_name: str
    category: str
    doc: str
    inputs: int = 1  # fixed number of input ports, or VARIADIC (two or more)
    params: tuple[ParamSpec, ...] = field(default=())

    @property
    def variadic(self) -> bool:
        return self.inputs == VARIADIC

    @property
    def min_inputs(self) -> int:
        return 2 if self.variadic else self.inputs

    def param(self, name: str) -> ParamSpec:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def validate_params(
        self, params: dict[str, Any] | None, *, node: str | None = None
    ) -> dict[str, Any]:
        """Full, coerced parameter dict: defaults filled in, unknown names refused."""
        params = dict(params or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(params) - known)
        if unknown:
            hint = f"; {self.type} takes {', '.join(sorted(known))}" if known else ""
            raise ParamError(
                f"{self.type} has no parameter {unknown[0]!r}{hint}", node=node, field=unknown[0]
            )
        out: dict[str, Any] = {}
        for p in self.params:
            value = params.get(p.name, p.default)
            out[p.name] = p.coerce(value, layer=self.type, node=node)
        return out


# --- helpers to keep the table short --------------------------------------------------------


def _int(
    name: str,
    default: int,
    help: str,
    minimum: float | None = 1,
    maximum: float | None = 1_000_000,
    key: bool = False,
) -> ParamSpec:
    return ParamSpec(name, "int", default, help, minimum, maximum, key=key)


def _float(
    name: str,
    default: float,
    help: str,
    minimum: float | None = None,
    maximum: float | None = None,
    key: bool = False,
) -> ParamSpec:
    return ParamSpec(name, "float", default, help, minimum, maximum, key=key)


def _bool(name: str, default: bool, help: str) -> ParamSpec:
    return ParamSpec(name, "bool", default, help)


def _choice(
    name: str, default: str, choices: Iterable[str], help: str, key: bool = False
) -> ParamSpec:
    return ParamSpec(name, "choice", default, help, choices=tuple(choices), key=key)


def _tuple(
    name: str,
    default: Sequence[int],
    help: str,
    length: int | None = None,
    minimum: float | None = 1,
    allow_minus_one: bool = False,
    key: bool = False,
) -> ParamSpec:
    return ParamSpec(
        name,
        "tuple",
        tuple(default),
        help,
        minimum,
        1_000_000,
        length=length,
        allow_minus_one=allow_minus_one,
        key=key,
    )


_BIAS = _bool("bias", True, "Learn an additive bias")
_KERNEL = _int("kernel_size", 3, "Size of the sliding window", maximum=1024, key=True)
_STRIDE = _int("stride", 1, "Step between windows", maximum=1024)
_PADDING = _int("padding", 0, "Zeros added on each side", minimum=0, maximum=1024)
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
        "Dropout",
        "Dropout",
        "Regularization",
        "Randomly zeroes elements with probability p during training",
        params=(_float("p", 0.5, "Probability of zeroing an element", 0.0, 0.99, key=True),),
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
        "Element-wise product of two or more tensors of the same shape (gating)",
        inputs=VARIADIC,
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
