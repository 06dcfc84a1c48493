"""A training script for ``torchrun``: the project's training with DistributedDataParallel.

The export is a folder with ``train.py`` (model class inlined from the Python export, loss,
optimizer, schedule, seed) and ``data.npz`` (the project's splits with preprocessing already
applied), or a ``.py`` with a ``.npz`` of the same name beside it. The script runs unchanged as
``torchrun --nproc_per_node=N train.py`` on CPUs (Gloo) or GPUs (NCCL), on one or more nodes.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.engine.export.codegen import (
    check_class_name,
    class_source,
    clean_text,
    default_class_name,
    describe_io,
    input_params,
)
from netbuilder.engine.export.common import (
    ExportError,
    ExportModel,
    ExportResult,
    atomic_dir,
    atomic_file,
    check_target,
    prepare_model,
    split_project,
)
from netbuilder.engine.export.constructors import literal
from netbuilder.engine.export.layout import parse_call, render
from netbuilder.engine.export.streamed_data import streamed_export_problem
from netbuilder.engine.training.metrics import adapt_targets
from netbuilder.engine.training.session import network_inputs, prepare
from netbuilder.engine.training.setup import PER_STEP_SCHEDULES, make_loss, make_optimizer
from netbuilder.model import NetbuilderError, TrainingSettings
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

__all__ = ["export_torchrun", "training_source"]

SCRIPT = "train.py"
DATA = "data.npz"
WEIGHTS = "weights.safetensors"


def export_torchrun(
    project: Any,
    path: str | Path,
    *,
    base_dir: str | Path | None = None,
    class_name: str | None = None,
) -> ExportResult:
    """Write the training script and its data: a folder, or ``path`` ending in ``.py``."""
    path = Path(path)
    if path.suffix == ".py":
        check_target(path)
    else:
        check_target(path, directory=True)
    # It trains afresh from the data: the data's shapes, not those saved with old weights.
    model = prepare_model(project, base_dir=base_dir, with_weights=False, saved_recipe=False)
    arrays = training_arrays(project, model)
    if path.suffix == ".py":
        data = path.with_suffix(".npz")
        source = training_source(model, data.name, class_name)
        with atomic_file(data) as tmp_data:
            _save_npz(tmp_data, arrays)
            with atomic_file(path) as tmp:
                tmp.write_text(source, encoding="utf-8")
        return ExportResult(path, "torchrun", model.notes, [path, data])
    source = training_source(model, DATA, class_name)
    with atomic_dir(path, frozenset({SCRIPT, DATA, WEIGHTS, "__pycache__"})) as tmp_dir:
        _save_npz(tmp_dir / DATA, arrays)
        (tmp_dir / SCRIPT).write_text(source, encoding="utf-8")
    return ExportResult(path, "torchrun", model.notes, [path / SCRIPT, path / DATA])


def _save_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    buffer = io.BytesIO()
    # numpy's stub lets **arrays match its allow_pickle: bool keyword; the names are X, y...
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    path.write_bytes(buffer.getvalue())


def training_arrays(project: Any, model: ExportModel) -> dict[str, np.ndarray]:
    """The splits as the trainer sees them: standardised inputs, targets in the loss's form."""
    gm = model.module
    if len(gm.output_ids) != 1:
        raise ExportError(
            translate(
                "Export",
                "a training script needs exactly one Output node; this graph has {count}",
            ).format(count=len(gm.output_ids))
        )
    proj, _, folder = split_project(project)
    base = model.base_dir if model.base_dir is not None else folder
    try:
        with torch.random.fork_rng(devices=[]):
            run = prepare(proj, base, device="cpu", telemetry=False, threads=1)
    except NetbuilderError as exc:
        node = getattr(exc, "node", None)
        raise ExportError(
            translate(
                "Export",
                "the project cannot be trained as it is: {exc}",
            ).format(exc=message_of(exc)),
            node=node,
        ) from None
    data, task, out_shape = run.dataset, run.trainer.task, tuple(gm.output_shapes[0])
    problem = streamed_export_problem(data, proj.training.data_memory_mb)
    if problem is not None:
        raise ExportError(problem)
    arrays: dict[str, np.ndarray] = {}
    keys = input_keys(model)
    for split in ("train", "val", "test"):
        x, y = data.split(split)
        for key, array in zip(keys, network_inputs(x, data.info, run.input_data), strict=True):
            arrays[f"{key}_{split}"] = np.ascontiguousarray(array)
        arrays[f"y_{split}"] = _targets(np.asarray(y), task, out_shape)
    if data.mean is not None and data.std is not None:
        arrays["mean"], arrays["std"] = np.asarray(data.mean), np.asarray(data.std)
    return arrays


def input_keys(model: ExportModel) -> list[str]:
    """Names of the inputs' arrays in the data file (``<key>_train``...): ``x`` for one input,
    ``x_<name>`` for each of several, in ``forward``'s order."""
    names = input_params(model)
    return ["x"] if len(names) == 1 else [f"x_{name}" for name in names]


def _targets(y: np.ndarray, task: str, out_shape: tuple[int, ...]) -> np.ndarray:
    """Targets in the dtype and shape the loss takes (``metrics.adapt_targets``)."""
    if len(y) == 0:  # an empty split: keep the dtype and per-sample shape the loss expects
        if task == "classification":
            return np.zeros((0,), dtype=np.int64)
        return np.zeros((0, *out_shape), dtype=np.float32)
    return adapt_targets(torch.as_tensor(y), task, out_shape).numpy()


# --- source --------------------------------------------------------------------------------------


def _object_source(obj: Any, default: Any, head: str, first: list[str]) -> str:
    """``head(first..., key=value)`` for the public attributes where ``obj`` and ``default``
    differ (optimizer ``defaults`` or a loss module's settings)."""
    have = obj.defaults if hasattr(obj, "defaults") else _public(obj)
    base = default.defaults if hasattr(default, "defaults") else _public(default)
    args = list(first)
    for key, value in have.items():
        if key in base and value != base[key]:
            args.append(f"{key}={literal(value)}")
    return f"{head}({', '.join(args)})"


def _public(module: nn.Module) -> dict[str, Any]:
    return {k: v for k, v in vars(module).items() if not k.startswith("_") and k != "training"}


def loss_source(settings: TrainingSettings) -> str:
    loss = make_loss(settings.loss)
    return _object_source(loss, type(loss)(), f"nn.{type(loss).__name__}", [])


def optimizer_source(settings: TrainingSettings) -> str:
    dummy = [nn.Parameter(torch.zeros(1))]
    opt = make_optimizer(settings, dummy)
    cls = type(opt)
    # Every concrete optimizer takes lr (the Optimizer base class takes a defaults dict instead).
    base = cls(dummy, lr=opt.defaults["lr"])  # type: ignore[call-arg]
    head = f"torch.optim.{cls.__name__}"
    return _object_source(opt, base, head, ["parameters", f"lr={literal(opt.defaults['lr'])}"])


def scheduler_source(settings: TrainingSettings) -> tuple[str, str]:
    """(constructor source, when it steps: "step", "epoch", "plateau" or "never").

    Mirrors ``training_setup.make_scheduler``; tests check the two agree.
    """
    name, s = settings.schedule, "torch.optim.lr_scheduler"
    total = "epochs * steps_per_epoch"
    if name == "step":
        src = f"{s}.StepLR(optimizer, step_size={settings.step_size}, gamma={settings.gamma!r})"
    elif name == "cosine":
        src = f"{s}.CosineAnnealingLR(optimizer, T_max=max(1, {total}))"
    elif name == "onecycle":
        cycle = settings.optimizer in ("adam", "adamw") or settings.momentum > 0
        src = (
            f"{s}.OneCycleLR(optimizer, max_lr={float(settings.lr)!r}, "
            f"total_steps=max(1, {total}), cycle_momentum={cycle})"
        )
    elif name == "plateau":
        src = f'{s}.ReduceLROnPlateau(optimizer, mode="min", factor={settings.gamma!r}, patience=2)'
    else:
        return "None", "never"
    when = "step" if name in PER_STEP_SCHEDULES else "plateau" if name == "plateau" else "epoch"
    return src, when


def _function(signature: str, doc: str, expr: str) -> list[str]:
    return [signature, f'    """{doc}"""', *render(parse_call(expr), 4, prefix="return ")]


def training_source(model: ExportModel, data_file: str, class_name: str | None = None) -> str:
    """The whole ``train.py``: deterministic text, ruff-clean."""
    name = check_class_name(class_name or default_class_name(model.project.name))
    s = model.project.training
    title = clean_text(model.project.name)[:60] or "the network"
    sched, when = scheduler_source(s)
    io_lines = "\n".join(describe_io(model))
    parts = [
        _HEADER.replace("@TITLE@", title).replace("@IO@", io_lines),
        _IMPORTS,
        f'DATA = Path(__file__).with_name("{data_file}")',
        f'WEIGHTS = Path(__file__).with_name("{WEIGHTS}")',
        "# The inputs' arrays in the data file (<input>_train, ...), in forward's order",
        f"INPUTS = {json.dumps(input_keys(model))}",
        f"EPOCHS = {s.epochs}",
        f"BATCH_SIZE = {s.batch_size}  # across all processes together",
        f"SEED = {s.seed}",
        f"GRAD_CLIP = {float(s.grad_clip)!r}  # max gradient norm; 0 = off",
        f"EARLY_STOPPING = {s.early_stopping}  # patience in epochs; 0 = off",
        f'SCHEDULE_STEPS = "{when}"  # when the lr schedule steps: step, epoch, plateau, never',
        "\n",
        class_source(model, name),
        "",
        "\n".join(_function("def make_loss() -> nn.Module:", "The loss.", loss_source(s))),
        "\n",
        "\n".join(
            _function(
                "def make_optimizer(parameters) -> torch.optim.Optimizer:",
                "The optimizer.",
                optimizer_source(s),
            )
        ),
        "\n",
        "\n".join(
            _function(
                "def make_scheduler(\n    optimizer, steps_per_epoch: int, epochs: int\n"
                ") -> torch.optim.lr_scheduler.LRScheduler | None:",
                "The learning-rate schedule, or None.",
                sched,
            )
        ),
        _BODY.replace("@CLASS@", name),
    ]
    return "\n".join(parts)


_HEADER = '''"""Train @TITLE@ with DistributedDataParallel (exported from netbuilder).

Run on one machine with N processes (one per GPU; CPU processes when there is no GPU):

    torchrun --standalone --nproc_per_node=N train.py [--epochs E]

or on several machines (the same command on each, with its own --node-rank):

    torchrun --nnodes=2 --node-rank=R --nproc_per_node=N \\\\
        --master-addr=HOST --master-port=29500 train.py

The data file beside this script holds the project's train/val/test splits with
preprocessing already applied (the same inputs and targets netbuilder trains on).
Process 0 logs each epoch's losses and writes weights.safetensors at the end
(keys as in netbuilder, e.g. linear_1.weight).

@IO@
"""
'''

_IMPORTS = """import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from safetensors.torch import save_file
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset
"""

_BODY = '''

def inputs_of(splits: dict, split: str) -> list[torch.Tensor]:
    """The network's inputs of one split, in forward's order."""
    return [splits[f"{name}_{split}"] for name in INPUTS]


def evaluate(model, loss_fn, x, y, device, rank: int, world_size: int) -> float | None:
    """Mean loss over all of (x, y) (x: a list of inputs); each process takes every
    world_size-th sample."""
    if len(y) == 0:
        return None
    total = torch.zeros(2, dtype=torch.float64, device=device)
    model.eval()
    with torch.no_grad():
        xs, ys = [t[rank::world_size] for t in x], y[rank::world_size]
        for i in range(0, len(ys), 4096):
            xb = [t[i : i + 4096].to(device) for t in xs]
            yb = ys[i : i + 4096].to(device)
            total[0] += loss_fn(model(*xb), yb).double() * len(yb)
            total[1] += len(yb)
    model.train()
    dist.all_reduce(total)
    return (total[0] / total[1]).item()


def main() -> None:
    parser = argparse.ArgumentParser(description="Train with DistributedDataParallel.")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--data", default=str(DATA), help="the .npz of splits")
    parser.add_argument("--out", default=str(WEIGHTS), help="where to save the weights")
    args = parser.parse_args()

    dist.init_process_group(backend="nccl" if torch.cuda.is_available() else "gloo")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if torch.cuda.is_available():
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")

    with np.load(args.data, allow_pickle=False) as data:
        splits = {name: torch.from_numpy(data[name]) for name in data.files}
    train_set = TensorDataset(*inputs_of(splits, "train"), splits["y_train"])
    sampler = DistributedSampler(train_set, world_size, rank, shuffle=True, seed=SEED)
    batch_size = max(1, BATCH_SIZE // world_size)
    loader = DataLoader(train_set, batch_size=batch_size, sampler=sampler)

    torch.manual_seed(SEED)  # the same initial weights as netbuilder, on every process
    model = @CLASS@().to(device)
    device_ids = [local_rank] if device.type == "cuda" else None
    ddp_model = DistributedDataParallel(model, device_ids=device_ids)
    torch.manual_seed(SEED + rank)  # different dropout masks on each process
    loss_fn = make_loss()
    optimizer = make_optimizer(ddp_model.parameters())
    scheduler = make_scheduler(optimizer, len(loader), args.epochs)

    best_loss, best_state, bad_epochs = math.inf, None, 0
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        ddp_model.train()
        total = torch.zeros(2, dtype=torch.float64, device=device)
        for *xb, yb in loader:
            xb, yb = [t.to(device) for t in xb], yb.to(device)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(ddp_model(*xb), yb)
            loss.backward()
            if GRAD_CLIP > 0:
                nn.utils.clip_grad_norm_(ddp_model.parameters(), GRAD_CLIP)
            optimizer.step()
            if SCHEDULE_STEPS == "step":
                scheduler.step()
            total[0] += loss.detach().double()
            total[1] += 1
        dist.all_reduce(total)
        train_loss = (total[0] / total[1]).item()
        val_x, val_y = inputs_of(splits, "val"), splits["y_val"]
        val_loss = evaluate(model, loss_fn, val_x, val_y, device, rank, world_size)
        lr = optimizer.param_groups[0]["lr"]
        if SCHEDULE_STEPS == "epoch":
            scheduler.step()
        elif SCHEDULE_STEPS == "plateau":
            scheduler.step(train_loss if val_loss is None else val_loss)
        if rank == 0:
            val = "-" if val_loss is None else f"{val_loss:.6f}"
            print(
                f"epoch {epoch + 1}/{args.epochs} train_loss {train_loss:.6f} "
                f"val_loss {val} lr {lr:.4g}",
                flush=True,
            )
        if EARLY_STOPPING > 0 and val_loss is not None:
            if val_loss < best_loss:
                best_loss, bad_epochs = val_loss, 0
                state = model.state_dict()
                best_state = {k: v.detach().clone() for k, v in state.items()}
            else:
                bad_epochs += 1
                if bad_epochs >= EARLY_STOPPING:
                    model.load_state_dict(best_state)
                    if rank == 0:
                        print(f"early stopping after epoch {epoch + 1}", flush=True)
                    break

    test_x, test_y = inputs_of(splits, "test"), splits["y_test"]
    test_loss = evaluate(model, loss_fn, test_x, test_y, device, rank, world_size)
    if rank == 0:
        if test_loss is not None:
            print(f"test_loss {test_loss:.6f}", flush=True)
        state = model.state_dict()
        weights = {k: v.detach().cpu().contiguous() for k, v in state.items()}
        save_file(weights, args.out)
        print(f"saved {args.out}", flush=True)
    # Teardown in this order. The barrier: no process leaves the group while another still
    # uses it (process 1 used to leave while process 0 was saving). Then the group goes while
    # the interpreter is fully alive.
    dist.barrier()
    del ddp_model
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
    # Exit without the interpreter's teardown: DDP keeps references to the process group, so
    # Gloo's worker threads outlive destroy_process_group, and one still releasing the last
    # collective's tensors needs the GIL while Python shuts down; Python ends such a thread
    # with pthread_exit, which aborts a C++ thread ("terminate called without an active
    # exception", pytorch/pytorch#179291). Everything is saved and flushed by now.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
'''
