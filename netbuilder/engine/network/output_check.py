"""The network's output against the loss and the dataset's target, for the shape check."""

from __future__ import annotations

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.fixes import Fix
from netbuilder.engine.network.rule_basics import joined
from netbuilder.engine.network.shape_report import ShapeReport
from netbuilder.engine.network.shape_rules import format_shape
from netbuilder.model import Graph
from netbuilder.model.i18n import translate
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
    inside: list[str] = []
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
            inside.append(translate("Shapes", "inside {block}: ").format(block=check.name))
            graph, ins, uses = check.body, check.body.inputs_by_node(), check.report.uses
            nid = str(check.output_id)
            seen = {nid}
            continue
        if layer == squash:
            after = (
                translate("Shapes", "the largest output is still the predicted class")
                if squash == "Softmax"
                else translate("Shapes", "torch.sigmoid of the output gives the probability")
            )
            report.warnings[use or nid] = translate(
                "Shapes",
                "{inside}{squash} before {loss}: the loss applies {function} itself, so outputs "
                "are squashed twice and training slows or stalls; remove {node} ({after})",
            ).format(
                inside=joined(inside, ""),
                squash=squash,
                loss=LOSS_NAMES[loss],
                function=squash.lower(),
                node=nid,
                after=after,
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
    gives = translate("Shapes", "Output gives {shape}").format(shape=format_shape(shape))
    if dtype != "float32":
        report.errors[out_id] = translate(
            "Shapes", "{gives} of {dtype} indices but {loss} needs float values"
        ).format(gives=gives, dtype=dtype, loss=name)
        return
    needs: str
    want: tuple[tuple[int, ...], ...]
    if loss == "cross_entropy":
        if dataset is None or dataset.n_classes < 1:
            if len(shape) == 1:
                return
            needs = translate("Shapes", "{loss} needs [N, classes]").format(loss=name)
            want, width = (), None
        else:
            k = dataset.n_classes
            needs = translate("Shapes", "{loss} over {k} classes needs [N, {k}]").format(
                loss=name, k=k
            )
            want, width = ((k,),), k
    elif loss == "bce_with_logits":
        needs = translate("Shapes", "{loss} needs [N] or [N, 1] (one logit each)").format(loss=name)
        want, width = ((), (1,)), 1
    else:
        if dataset is None:
            return
        target = tuple(dataset.target_shape)
        want = ((), (1,)) if target == () else (target,)
        width = 1 if target == () else (target[0] if len(target) == 1 else None)
        needs = translate("Shapes", "{loss} needs the target's shape {shape}").format(
            loss=name, shape=format_shape(target)
        )
    if shape in want:
        return
    producer = ins[out_id][0][1] if ins.get(out_id) else None
    ptype = graph.nodes[producer].type if producer in graph.nodes else None
    if width is not None and producer is not None and ptype == "Linear" and len(shape) == 1:
        report.errors[out_id] = translate(
            "Shapes", "{gives} but {needs}; set the last Linear's out_features to {width}"
        ).format(gives=gives, needs=needs, width=width)
        report.fixes[out_id] = Fix(
            "set_param",
            translate("Shapes", "Set {node}.{param} to {value}").format(
                node=producer, param="out_features", value=width
            ),
            params={"out_features": width},
            node=producer,
        )
    elif width is not None and len(shape) == 1 and _set_block_width(report, graph, out_id, width):
        return
    elif width is not None and len(shape) == 1:
        report.errors[out_id] = translate(
            "Shapes",
            "{gives} but {needs}; insert a Linear with out_features {width} before the Output",
        ).format(gives=gives, needs=needs, width=width)
        report.fixes[out_id] = Fix(
            "insert",
            translate("Shapes", "Insert Linear ({width} outputs) before {node}").format(
                width=width, node=out_id
            ),
            layer_type="Linear",
            params={"out_features": width},
            before=out_id,
        )
    elif width is not None and len(shape) > 1:
        report.errors[out_id] = translate(
            "Shapes",
            "{gives} but {needs}; insert Flatten and a Linear with out_features {width} "
            "before the Output",
        ).format(gives=gives, needs=needs, width=width)
    else:
        report.errors[out_id] = translate(
            "Shapes", "{gives} but {needs}; change the last layer to match"
        ).format(gives=gives, needs=needs)


def _loss_mismatch(loss: str, dataset: DatasetInfo | None) -> str | None:
    """Why ``loss`` cannot train on ``dataset`` at all, whatever the network's shapes."""
    if dataset is None:
        return None
    name, k = LOSS_NAMES[loss], dataset.n_classes
    if dataset.task == "regression" and loss in ("cross_entropy", "bce_with_logits"):
        return translate(
            "Shapes",
            "The {loss} loss needs class labels, but the targets of {dataset} are numbers "
            "(regression); choose MSE, L1 or Huber as the loss in the Training settings",
        ).format(loss=name, dataset=dataset.name)
    if loss == "bce_with_logits" and k > 2:
        return translate(
            "Shapes",
            "The {loss} loss is for two classes, but {dataset} has {k}; choose "
            "cross-entropy as the loss, with {k} outputs",
        ).format(loss=name, dataset=dataset.name, k=k)
    if loss not in ("cross_entropy", "bce_with_logits") and dataset.task != "regression":
        return translate(
            "Shapes",
            "The {loss} loss is for numeric targets, but {dataset} has {k} classes; "
            "choose cross-entropy as the loss",
        ).format(loss=name, dataset=dataset.name, k=k)
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
    report.errors[out_id] = translate(
        "Shapes",
        "Output gives {shape} but the loss needs {width} values a sample; set {node}'s {arg} "
        "to {width}",
    ).format(shape=format_shape(shape), width=width, node=producer, arg=arg)
    report.fixes[out_id] = Fix(
        "set_param",
        translate("Shapes", "Set {node}.{param} to {value}").format(
            node=producer, param=arg, value=width
        ),
        params={arg: width},
        node=producer,
    )
    return True
