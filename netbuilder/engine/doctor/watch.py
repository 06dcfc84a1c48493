"""The training doctor's watch: what a run's own numbers say went wrong, during or after it.

``watch(record, graph)`` returns ``Finding``s from a ``RunRecord`` (``watch_record``): the loss
rules here (diverging, oscillating, overfitting, plateau; over the epoch history and the
per-step losses) and the per-layer rules of ``watch_layers`` (vanishing or exploding gradients,
dead units, saturated activations, the update ratio). Pure functions of numbers: nothing is
trained or measured here. Every threshold is a named constant, stated in the finding's words;
a healthy run produces no findings.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from netbuilder.engine.doctor.findings import Finding, Remedy
from netbuilder.engine.doctor.watch_layers import gradient_rules, inside_rules
from netbuilder.engine.doctor.watch_record import RunRecord
from netbuilder.model import Graph
from netbuilder.model.i18n import translate

#: The per-step losses are judged as this many equal windows (their means), of two steps at
#: least; a run shorter than MIN_STEPS is judged by its epochs.
LOSS_WINDOWS = 20
MIN_STEPS = 8
#: The loss diverges when a window's mean rises above this many times the loss of the first
#: steps (the loss at initialisation: for cross-entropy, worse than guessing), or when its last
#: window's mean ends this many times above its lowest: noise between batches moves a window
#: mean by far less.
DIVERGE_FACTOR = 3.0
#: The loss where the run started: the median of its first this many steps.
START_STEPS = 3
#: The training loss oscillates when at least OSCILLATE_SHARE of the epoch-to-epoch changes are
#: rises of more than OSCILLATE_RISE of the first epoch's loss (a healthy run's epoch loss mostly
#: falls; near zero it wanders by large shares of itself, not of where it started), over at
#: least OSCILLATE_EPOCHS epochs.
OSCILLATE_RISE = 0.1
OSCILLATE_SHARE = 1 / 3
OSCILLATE_EPOCHS = 6
#: Overfitting: in each of the last OVERFIT_EPOCHS epochs (at least that many after its best)
#: the validation loss was more than OVERFIT_RISE above its best, while the training loss kept
#: falling. (A healthy run's validation loss wanders ~10-20% around its floor from epoch to
#: epoch; three epochs in a row 20% above it is a trend.)
OVERFIT_RISE = 0.2
OVERFIT_EPOCHS = 3
#: Early stopping's patience offered as the overfitting remedy (epochs without a better
#: validation loss before the run stops and keeps its best weights).
EARLY_STOPPING_PATIENCE = 5
#: Dropout's share offered as the overfitting remedy.
DROPOUT_P = 0.5
#: A plateau: over the last PLATEAU_EPOCHS epochs the training loss fell by less than
#: PLATEAU_FALL of itself while still above PLATEAU_SHARE of where the run started (a run that
#: learned ends far below half its first loss; one at its floor is not stuck).
PLATEAU_EPOCHS = 5
PLATEAU_FALL = 0.01
PLATEAU_SHARE = 0.5


def watch(record: RunRecord, graph: Graph | None = None) -> list[Finding]:
    """Every finding of the run, the loss rules first. ``graph``: the trained network (for
    remedies that name where to insert a layer)."""
    found = loss_rules(record, graph)
    if record.non_finite_step is None:  # after a non-finite end, the cause is the finding
        found += gradient_rules(record, graph)
    found += inside_rules(record)
    return found


def loss_rules(record: RunRecord, graph: Graph | None = None) -> list[Finding]:
    lr = float(record.settings.get("lr") or 0.0)
    diverging = _diverging(record, lr)
    if diverging is not None:
        return [diverging]
    found = [f for f in (_oscillating(record, lr), _overfitting(record, graph)) if f]
    plateau = _plateau(record)
    if plateau is not None and not found:
        found.append(plateau)
    return found


def _lower_lr(lr: float, factor: float) -> tuple[Remedy, ...]:
    if lr <= 0:
        return ()
    return (
        Remedy(
            "set_setting",
            translate("Doctor", "Set the learning rate to {lr}").format(lr=f"{lr / factor:.2g}"),
            "lr",
            lr / factor,
        ),
    )


def _windows(record: RunRecord) -> tuple[np.ndarray, np.ndarray] | None:
    losses = record.losses
    if len(losses) < MIN_STEPS:
        return None
    parts = np.array_split(np.arange(len(losses)), min(LOSS_WINDOWS, len(losses) // 2))
    means = np.array([float(np.mean(losses[p])) for p in parts])
    starts = np.array([int(record.loss_steps[p[0]]) for p in parts])
    return starts, means


def _diverging(record: RunRecord, lr: float) -> Finding | None:
    seen: dict[str, float] = {"lr": lr}
    w = _windows(record)
    train = [x for x in record.train_losses() if math.isfinite(x)]
    if record.non_finite_step is not None:
        step = record.non_finite_step
        what = translate(
            "Doctor", "the loss or a gradient became infinite or NaN at step {step}"
        ).format(step=step)
        seen["step"] = step
    elif w is not None:
        starts, means = w
        start = float(np.median(record.losses[:START_STEPS]))
        low = int(np.argmin(means))
        if start > 0 and float(means.max()) > DIVERGE_FACTOR * start:
            step = int(record.loss_steps[np.argmax(record.losses > DIVERGE_FACTOR * start)])
            seen.update(start=start, highest=float(means.max()), since_step=step)
            what = translate(
                "Doctor",
                "from step {step} on the training loss rose above {factor}x where it started "
                "({start}), to a mean of {highest} over {steps} steps or more",
            ).format(
                step=step,
                factor=f"{DIVERGE_FACTOR:g}",
                start=f"{start:.3g}",
                highest=f"{seen['highest']:.3g}",
                steps=len(record.losses) // len(means),
            )
        elif means[-1] > DIVERGE_FACTOR * means[low] and means[-1] > means[0]:
            step = int(starts[min(low + 1, len(starts) - 1)])
            seen.update(lowest=float(means[low]), last=float(means[-1]), since_step=step)
            what = translate(
                "Doctor",
                "from step {step} on the training loss rose to {last}, more than {factor}x its "
                "lowest ({lowest})",
            ).format(
                step=step,
                last=f"{seen['last']:.3g}",
                factor=f"{DIVERGE_FACTOR:g}",
                lowest=f"{seen['lowest']:.3g}",
            )
        else:
            return None
    elif len(train) >= 2 and max(train[1:]) > DIVERGE_FACTOR * train[0] > 0:
        seen.update(first=train[0], highest=max(train[1:]))
        what = translate(
            "Doctor",
            "the epoch training loss rose from {first} to {highest}, more than {factor}x its "
            "first epoch's",
        ).format(
            first=f"{train[0]:.3g}", highest=f"{seen['highest']:.3g}", factor=f"{DIVERGE_FACTOR:g}"
        )
    else:
        return None
    return Finding(
        rule="loss_diverging",
        node=record.non_finite_node,
        seen=seen,
        meaning=translate(
            "Doctor", "{what}: the learning rate {lr} is too high for this network"
        ).format(what=what, lr=f"{lr:g}"),
        advice=translate(
            "Doctor", "lower the learning rate (a tenth), or set gradient clipping (grad_clip)"
        ),
        remedies=_lower_lr(lr, 10),
    )


def _oscillating(record: RunRecord, lr: float) -> Finding | None:
    train = [x for x in record.train_losses() if math.isfinite(x)]
    if len(train) < OSCILLATE_EPOCHS:
        return None
    rises = sum(1 for a, b in itertools.pairwise(train) if b > a + OSCILLATE_RISE * train[0])
    share = rises / (len(train) - 1)
    if share < OSCILLATE_SHARE:
        return None
    return Finding(
        rule="loss_oscillating",
        node=None,
        seen={"rises": rises, "epochs": len(train), "lr": lr},
        meaning=translate(
            "Doctor",
            "the training loss rose by more than {rise} of its first epoch's ({first}) in "
            "{rises} of {epochs} epochs (a share of {share} or more): the steps overshoot, the "
            "learning rate is too high",
        ).format(
            rise=f"{OSCILLATE_RISE:.0%}",
            first=f"{train[0]:.3g}",
            rises=rises,
            epochs=len(train) - 1,
            share=f"{OSCILLATE_SHARE:.0%}",
        ),
        advice=translate("Doctor", "lower the learning rate (a third), or use a larger batch"),
        remedies=_lower_lr(lr, 3),
    )


def _overfitting(record: RunRecord, graph: Graph | None) -> Finding | None:
    val, train = record.val_losses(), record.train_losses()
    finite = [i for i, v in enumerate(val) if math.isfinite(v)]
    if record.early_stopped or len(finite) < OVERFIT_EPOCHS + 1:
        return None
    best = min(finite, key=lambda i: val[i])
    last = finite[-1]
    tail = finite[-OVERFIT_EPOCHS:]
    if last - best < OVERFIT_EPOCHS or any(val[i] <= val[best] * (1 + OVERFIT_RISE) for i in tail):
        return None
    if not (math.isfinite(train[last]) and train[last] < train[best]):
        return None
    epoch = int(record.epochs[best].get("epoch") or best + 1) + 1
    remedies: list[Remedy] = []
    if not int(record.settings.get("early_stopping") or 0):
        remedies.append(
            Remedy(
                "set_setting",
                translate("Doctor", "Enable early stopping (patience {epochs} epochs)").format(
                    epochs=EARLY_STOPPING_PATIENCE
                ),
                "early_stopping",
                EARLY_STOPPING_PATIENCE,
            )
        )
    after = _dropout_place(graph, record.nodes) if graph is not None else None
    if after is not None:
        remedies.append(
            Remedy(
                "insert_after",
                translate("Doctor", "Add Dropout({p}) after {node}").format(
                    p=f"{DROPOUT_P:g}", node=after
                ),
                node=after,
                layer_type="Dropout",
                params={"p": DROPOUT_P},
            )
        )
    return Finding(
        rule="overfitting",
        node=after,
        seen={
            "from_epoch": epoch,
            "best_val_loss": val[best],
            "last_val_loss": val[last],
            "train_loss_at_best": train[best],
            "last_train_loss": train[last],
        },
        meaning=translate(
            "Doctor",
            "from epoch {epoch} on the validation loss rose from {best} to {last} (more than "
            "{rise} above its best in each of the last {epochs} epochs) while the training "
            "loss fell from {train_best} to {train_last}: the network memorises the training "
            "samples",
        ).format(
            epoch=epoch,
            best=f"{val[best]:.3g}",
            last=f"{val[last]:.3g}",
            rise=f"{OVERFIT_RISE:.0%}",
            epochs=OVERFIT_EPOCHS,
            train_best=f"{train[best]:.3g}",
            train_last=f"{train[last]:.3g}",
        ),
        advice=translate(
            "Doctor",
            "enable early stopping, add Dropout, use weight decay, a smaller network or more data",
        ),
        remedies=tuple(remedies),
    )


def _dropout_place(graph: Graph, nodes: tuple[str, ...]) -> str | None:
    """The node feeding the last layer with parameters before the (first) Output: where
    Dropout goes (None when that is an Input or cannot be found)."""
    outputs = [n.id for n in graph if n.type == "Output"]
    current, seen = (outputs[0] if outputs else None), set()
    while current is not None and current not in seen:
        seen.add(current)
        preds = graph.predecessors(current)
        if current in nodes or any(p.startswith(current + ".") for p in nodes):
            if not preds or graph.node(preds[0]).type in ("Input", "Dropout"):
                return None  # nothing to put it after, or it is there already
            return preds[0]
        current = preds[0] if preds else None
    return None


def _plateau(record: RunRecord) -> Finding | None:
    train = [x for x in record.train_losses() if math.isfinite(x)]
    if len(train) < PLATEAU_EPOCHS + 1:
        return None
    start = float(record.losses[0]) if len(record.losses) else train[0]
    before, last = train[-PLATEAU_EPOCHS - 1], train[-1]
    if not (start > 0 and last > PLATEAU_SHARE * start and before - last < PLATEAU_FALL * last):
        return None
    return Finding(
        rule="loss_plateau",
        node=None,
        seen={"start": start, "last": last, "epochs": PLATEAU_EPOCHS},
        meaning=translate(
            "Doctor",
            "the training loss has stayed near {last} for the last {epochs} epochs (it fell "
            "less than {fall}) and is still above {share} of where it started ({start}): "
            "training is stuck",
        ).format(
            last=f"{last:.3g}",
            epochs=PLATEAU_EPOCHS,
            fall=f"{PLATEAU_FALL:.0%}",
            share=f"{PLATEAU_SHARE:.0%}",
            start=f"{start:.3g}",
        ),
        advice=translate(
            "Doctor",
            "run `netbuilder doctor` for a learning-rate range test; the learning rate may "
            "be far too low or too high, or a layer blocks the gradient",
        ),
    )


def finding_from_dict(data: Any) -> Finding | None:
    """A finding stored as ``Finding.to_dict()`` (None when it is not one)."""
    try:
        return Finding.from_dict(data)
    except ValueError:
        return None


def history_findings(history: Any, graph: Graph | None = None) -> list[Finding]:
    """The watch's findings on the newest run of a saved history: the epoch rules recomputed,
    and the per-layer findings the run stored in its summary (``summary["findings"]``)."""
    record = RunRecord.from_history(history)
    if record is None:
        return []
    found = loss_rules(record, graph)
    rules = {f.rule for f in found}
    summary = history["runs"][-1].get("summary")
    stored = summary.get("findings") if isinstance(summary, dict) else None
    for item in stored if isinstance(stored, list) else []:
        finding = finding_from_dict(item)
        if finding is not None and finding.rule not in rules:
            found.append(finding)
    return found
