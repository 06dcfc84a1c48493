"""The network's output against the loss and the dataset's target, for the shape check."""

from __future__ import annotations

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.fixes import Fix
from netbuilder.engine.network.shape_report import ShapeReport
from netbuilder.engine.network.shape_rules import format_shape
from netbuilder.model import Graph
from netbuilder.model.project import LOSS_SPECS

__all__ = ["LOSS_NAMES", "check_output", "check_squashed_logits"]

LOSS_NAMES = {loss: spec.name for loss, spec in LOSS_SPECS.items()}


# Losses that apply their own squashing, and the layer that would do it twice before them.
_SQUASHED_BY = {"cross_entropy": "Softmax", "bce_with_logits": "Sigmoid"}
_PASS_THROUGH = {"Identity", "Dropout", "Flatten", "Reshape"}


def check_squashed_logits(
    report: ShapeReport,
    graph: Graph,
    out_id: str,
    ins: dict[str, list[tuple[int, str]]],
    loss: str,
) -> None:
    """Warn about a Softmax before cross-entropy (a Sigmoid before binary cross-entropy):
    the loss squashes the logits itself, so they would be squashed twice; it trains, slowly."""
    squash = _SQUASHED_BY.get(loss)
    if squash is None:
        return
    nid = out_id
    seen = {nid}
    use: str | None = None  # the top-level use the walk went into, if any
    inside = ""
    uses = report.uses
    while True:
        sources = ins.get(nid, [])
        if len(sources) != 1:
            return
        nid = sources[0][1]
        if nid in seen:  # pragma: no cover - the graph is acyclic
            return
        seen.add(nid)
        layer = graph.node(nid).type
        if layer == "Block" and nid in uses and uses[nid].output_id is not None:
            # the use's result is its body's: walk on from the BlockOutput inside
            check = uses[nid]
            use = use or nid
            inside += f"inside {check.name}: "
            graph, ins, uses = check.body, check.body.inputs_by_node(), check.report.uses
            nid = str(check.output_id)
            seen = {nid}
            continue
        if layer == squash:
            after = (
                "the largest output is still the predicted class"
                if squash == "Softmax"
                else "torch.sigmoid of the output gives the probability"
            )
            report.warnings[use or nid] = (
                f"{inside}{squash} before {LOSS_NAMES[loss]}: the loss applies "
                f"{squash.lower()} itself, so outputs are squashed twice and training slows or "
                f"stalls; remove {nid} ({after})"
            )
            return
        if layer not in _PASS_THROUGH:
            return


def check_output(
    report: ShapeReport,
    graph: Graph,
    out_id: str,
    ins: dict[str, list[tuple[int, str]]],
    dataset: DatasetInfo | None,
    loss: str,
) -> None:
    shape, dtype = report.shapes[out_id], report.dtypes[out_id]
    name = LOSS_NAMES[loss]
    mismatch = _loss_mismatch(loss, dataset)
    if mismatch:
        report.errors[out_id] = mismatch
        return
    gives = f"Output gives {format_shape(shape)}"
    if dtype != "float32":
        report.errors[out_id] = f"{gives} of {dtype} indices but {name} needs float values"
        return
    want: tuple[tuple[int, ...], ...]
    if loss == "cross_entropy":
        if dataset is None or dataset.n_classes < 1:
            if len(shape) == 1:
                return
            want, needs, width = (), f"{name} needs [N, classes]", None
        else:
            k = dataset.n_classes
            want, needs, width = ((k,),), f"{name} over {k} classes needs [N, {k}]", k
    elif loss == "bce_with_logits":
        want, needs, width = ((), (1,)), f"{name} needs [N] or [N, 1] (one logit each)", 1
    else:
        if dataset is None:
            return
        target = tuple(dataset.target_shape)
        want = ((), (1,)) if target == () else (target,)
        width = 1 if target == () else (target[0] if len(target) == 1 else None)
        needs = f"{name} needs the target's shape {format_shape(target)}"
    if shape in want:
        return
    producer = ins[out_id][0][1] if ins.get(out_id) else None
    ptype = graph.nodes[producer].type if producer in graph.nodes else None
    if width is not None and producer is not None and ptype == "Linear" and len(shape) == 1:
        report.errors[out_id] = (
            f"{gives} but {needs}; set the last Linear's out_features to {width}"
        )
        report.fixes[out_id] = Fix(
            "set_param",
            f"Set {producer}.out_features to {width}",
            params={"out_features": width},
            node=producer,
        )
    elif width is not None and len(shape) == 1 and _set_block_width(report, graph, out_id, width):
        return
    elif width is not None and len(shape) == 1:
        report.errors[out_id] = (
            f"{gives} but {needs}; insert a Linear with out_features {width} before the Output"
        )
        report.fixes[out_id] = Fix(
            "insert",
            f"Insert Linear ({width} outputs) before {out_id}",
            layer_type="Linear",
            params={"out_features": width},
            before=out_id,
        )
    elif width is not None and len(shape) > 1:
        report.errors[out_id] = (
            f"{gives} but {needs}; insert Flatten and a Linear with out_features {width} "
            "before the Output"
        )
    else:
        report.errors[out_id] = f"{gives} but {needs}; change the last layer to match"


def _loss_mismatch(loss: str, dataset: DatasetInfo | None) -> str | None:
    """Why ``loss`` cannot train on ``dataset`` at all, whatever the network's shapes."""
    if dataset is None:
        return None
    name, k = LOSS_NAMES[loss], dataset.n_classes
    if dataset.task == "regression" and loss in ("cross_entropy", "bce_with_logits"):
        return (
            f"The {name} loss needs class labels, but the targets of {dataset.name} are "
            "numbers (regression); choose MSE, L1 or Huber as the loss in the Training settings"
        )
    if loss == "bce_with_logits" and k > 2:
        return (
            f"The {name} loss is for two classes, but {dataset.name} has {k}; choose "
            f"cross-entropy as the loss, with {k} outputs"
        )
    if loss not in ("cross_entropy", "bce_with_logits") and dataset.task != "regression":
        return (
            f"The {name} loss is for numeric targets, but {dataset.name} has {k} classes; "
            "choose cross-entropy as the loss"
        )
    return None


def _set_block_width(report: ShapeReport, graph: Graph, out_id: str, width: int) -> bool:
    """The Output is fed by a block use whose last layer is a Linear with its out_features set
    by an argument: the error and fix set that argument on the use (True), else False."""
    ins = graph.inputs_by_node()
    producer = ins[out_id][0][1]
    check = report.uses.get(producer)
    definition = graph.blocks.get(check.name) if check is not None else None
    if check is None or definition is None or check.output_id is None:
        return False
    last = check.body.inputs_by_node().get(check.output_id, [])
    if not last or check.body.nodes[last[0][1]].type != "Linear":
        return False
    target = (last[0][1], "out_features")
    arg = next((p.name for p in definition.params if target in p.targets), None)
    if arg is None:
        return False
    shape = report.shapes[out_id]
    report.errors[out_id] = (
        f"Output gives {format_shape(shape)} but the loss needs {width} values a sample; set "
        f"{producer}'s {arg} to {width}"
    )
    report.fixes[out_id] = Fix(
        "set_param", f"Set {producer}.{arg} to {width}", params={arg: width}, node=producer
    )
    return True
