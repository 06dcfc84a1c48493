"""Keep a run's last finite state exactly when its loss or gradients go non-finite.

The trainer reads per-step values back only ~30 times a second, so a NaN is seen up to a flush
late. Rather than copying the weights every 0.25 s (which kept weights up to 0.25 s old), the
guard stops a non-finite update from being applied at all:

- ``host`` (CPU): one fused kernel (GradScaler's) checks the loss and every gradient and sets
  one flag, read with one ``.item()`` (no device wait on the CPU; ~6 us a step for a 6-tensor
  MLP, against ~15 us for per-gradient norms and one read each), and the step that went
  non-finite is never applied. Per-layer norms are taken only for that step (to name it).
- ``found_inf`` (CUDA with a fused optimizer): the same fused kernel checks the loss and every
  gradient each step into a sticky on-device flag, handed to the fused optimizer as
  ``found_inf`` (the GradScaler mechanism): every update after the first non-finite value is
  skipped on the device, with no host sync; the flush finds the flag and the run ends.
- ``snapshot`` (MPS, RMSprop on a GPU: no fused kernel takes ``found_inf``): the same check and
  flag, but nothing skips the updates: the weights are copied at every finite flush and put
  back; up to one flush interval is lost.

Off the host the step is still exact: after its check each step adds the sticky flag to an
on-device count (``flagged``: the steps since the last flush that ran with the flag set), which
the telemetry's flush reads in its one transfer and zeroes; the first non-finite step is the
``flagged``-th from the end of the flush. Two small kernels a step (the check, one add), no
host read; gradient norms are sampled every k-th step on every device, and name the layer off
the host only when the failed step was a sampled one (or by its non-finite output).

After a non-finite end the trainer rewinds its counters and a per-step schedule to the last
finite step, so a checkpoint taken then resumes from exactly that state. Buffers (BatchNorm's
running statistics) change in the forward pass, before any check: in ``host`` mode they are
copied before each forward (a few small tensors) and put back exactly; in ``found_inf`` mode
they go back to their copy from the last finite flush.
"""

from __future__ import annotations

import math
from typing import Any

import torch

# Checkpoint metadata key: the run ended on a non-finite value at this (finite) state, so it
# may be resumed with another learning rate (the usual cure), unlike an ordinary checkpoint.
AFTER_NON_FINITE = "after_non_finite"


class FiniteGuard:
    """Decides, per step, whether an update may be applied; remembers what to rewind."""

    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        device: torch.device,
        weights: list[torch.Tensor],
        buffers: list[torch.Tensor] | None = None,
        *,
        grads_checked: bool = True,
        params: list[torch.Tensor] | None = None,
    ) -> None:
        self.optimizer = optimizer
        self._params = list(params or [])  # whose gradients ``host`` mode checks
        # Without gradient norms (telemetry off) a non-finite gradient with a finite loss gets
        # through; a copy from the last finite flush is then the fallback.
        self.grads_checked = grads_checked
        self.restored_snapshot = False
        self._buffers = list(buffers or [])
        self._buffer_copy: list[torch.Tensor] = []
        # Adam's and AdamW's fused kernels skip a flagged step and leave their state as it
        # was; fused SGD creates its momentum buffers empty and then skips the kernel, so a
        # first step skipped there would leave garbage: the snapshot mode serves it instead.
        fused = bool(optimizer.defaults.get("fused"))
        exact_skip = isinstance(optimizer, (torch.optim.Adam, torch.optim.AdamW))
        if device.type == "cpu":
            self.mode = "host"
        elif fused and exact_skip:
            self.mode = "found_inf"
        else:
            self.mode = "snapshot"
        self._weights = weights
        self._snapshot: list[torch.Tensor] | None = None
        self._found: torch.Tensor | None = None  # off the host: the sticky device flag
        self.flagged: torch.Tensor | None = None  # off the host: steps run with the flag set
        self._one: torch.Tensor | None = None
        self._flag: torch.Tensor | None = None  # host mode's flag (never seen by the optimizer)
        self._sched_state: tuple[int, dict[str, Any], list[float]] | None = None
        self.set_mode(self.mode)

    def set_mode(self, mode: str) -> None:
        """Choose the mechanism (tests use it to run ``found_inf`` on the CPU)."""
        self.mode = mode
        self._snapshot = None
        self._found = self.flagged = None
        self._buffer_copy = [b.detach().clone() for b in self._buffers]
        if hasattr(self.optimizer, "found_inf"):
            del self.optimizer.found_inf
        if mode == "snapshot" or not self.grads_checked:
            self._snapshot = [t.detach().clone() for t in self._weights]
        device = self._weights[0].device if self._weights else torch.device("cpu")
        self._flag = torch.zeros((), dtype=torch.float32, device=device)
        self._one = torch.ones((), dtype=torch.float32, device=device)
        if mode != "host":
            self._found = torch.zeros((), dtype=torch.float32, device=device)
            self.flagged = torch.zeros((), dtype=torch.float32, device=device)
            self._fused = _fused_check_works(device)
        if mode == "found_inf" and self.grads_checked:
            self.optimizer.found_inf = self._found  # type: ignore[attr-defined]

    def before_forward(self) -> None:
        """Keep the buffers as they are before this step's forward pass (``host`` mode)."""
        if self._buffers and self.mode == "host":
            torch._foreach_copy_(self._buffer_copy, self._buffers)

    @property
    def exact(self) -> bool:
        """Whether the weights left after a non-finite end are those of the last finite step."""
        return self.mode != "snapshot" and not self.restored_snapshot

    def allows(self, loss: torch.Tensor) -> bool:
        """Whether this step's update may be applied (always True off the host: the device
        flag does the skipping there, or the snapshot the undoing)."""
        if self.mode == "host":
            if not self.grads_checked or not self._params:
                return math.isfinite(loss.item())
            grads = [p.grad for p in self._params if p.grad is not None]
            checked = [loss.detach(), *grads]
            flag, one = self._flag, self._one
            assert flag is not None and one is not None  # set_mode made them
            if all(t.dtype == flag.dtype and t.device == flag.device for t in checked):
                torch._amp_foreach_non_finite_check_and_unscale_(checked, flag, one)
                if flag.item() == 0.0:
                    return True
                flag.zero_()
                return False
            return math.isfinite(loss.item()) and all(bool(torch.isfinite(g).all()) for g in grads)
        found, flagged, one = self._found, self.flagged, self._one
        assert found is not None and flagged is not None and one is not None  # set_mode
        checked = [loss.detach()]
        if self.grads_checked:
            checked += [p.grad for p in self._params if p.grad is not None]
        # One fused kernel (GradScaler's) per dtype sets the sticky flag to 1.0 on a non-finite
        # value; it multiplies each by 1.0 on the way, which changes nothing. On a GPU a step
        # of a small model is launch-bound: per-gradient checks or norms cost a launch each.
        by_dtype: dict[torch.dtype, list[torch.Tensor]] = {}
        for t in checked:
            by_dtype.setdefault(t.dtype, []).append(t)
        for group in by_dtype.values():
            if not group[0].is_floating_point():
                continue
            if self._fused:
                torch._amp_foreach_non_finite_check_and_unscale_(group, found, one)
            else:  # no fused kernel on this device (MPS before torch 2.8): a sum per tensor
                sums = torch.stack([t.sum(dtype=torch.float32) for t in group])
                found.copy_(torch.maximum(found, (~torch.isfinite(sums)).any().float()))
        flagged.add_(found)
        return True

    def finite_flush(self, step: int, scheduler: Any) -> None:
        """Everything up to ``step`` was finite: remember it."""
        if self._snapshot is not None:
            # Unchecked gradients may have made the weights non-finite while the losses so far
            # were finite: such weights are no fallback.
            if self.grads_checked or _finite(self._weights):
                torch._foreach_copy_(self._snapshot, self._weights)
        elif self._buffers and self.mode == "found_inf":
            torch._foreach_copy_(self._buffer_copy, self._buffers)
        if scheduler is not None:
            lrs = [float(g["lr"]) for g in self.optimizer.param_groups]
            self._sched_state = (step, scheduler.state_dict(), lrs)

    def rewind(self, last_finite_step: int, scheduler: Any) -> None:
        """Put back what the skipped steps changed: the weights (snapshot mode) and a
        per-step schedule, replayed from the last finite flush to ``last_finite_step``."""
        if self._snapshot is not None and (self.mode == "snapshot" or not _finite(self._weights)):
            torch._foreach_copy_(self._weights, self._snapshot)
            self.restored_snapshot = True
        elif self._buffers:
            torch._foreach_copy_(self._buffers, self._buffer_copy)
        if self._found is not None and self.flagged is not None:
            self._found.zero_()
            self.flagged.zero_()
        if scheduler is None or self._sched_state is None:
            return
        step, state, lrs = self._sched_state
        scheduler.load_state_dict(state)
        for group, lr in zip(self.optimizer.param_groups, lrs, strict=True):
            group["lr"] = lr
        for _ in range(max(0, last_finite_step - step)):
            scheduler.step()


def _finite(tensors: list[torch.Tensor]) -> bool:
    floats = [t for t in tensors if t.is_floating_point()]
    return not floats or bool(torch.stack([torch.isfinite(t).all() for t in floats]).all())


def saved_lr(meta: dict[str, Any]) -> float | None:
    """The learning rate a checkpoint was made with, when it records one."""
    settings = meta.get("settings")
    lr = settings.get("lr") if isinstance(settings, dict) else None
    if isinstance(lr, bool) or not isinstance(lr, (int, float)):
        return None
    return float(lr) if math.isfinite(lr) and lr > 0 else None


def scale_learning_rate(optimizer: torch.optim.Optimizer, scheduler: Any, factor: float) -> None:
    """Multiply every learning rate a restored optimizer and schedule hold by ``factor``."""
    for group in optimizer.param_groups:
        for key in ("lr", "initial_lr", "max_lr", "min_lr"):
            if isinstance(group.get(key), (int, float)):
                group[key] = group[key] * factor
    if scheduler is None:
        return
    for attr in ("base_lrs", "_last_lr"):
        values = getattr(scheduler, attr, None)
        if isinstance(values, list):
            setattr(scheduler, attr, [v * factor for v in values])


def _fused_check_works(device: torch.device) -> bool:
    """Whether GradScaler's fused non-finite check runs on ``device`` (on MPS it arrived only
    in torch 2.8; the project allows older ones). Tried once per mode on a 1-element tensor."""
    try:
        found = torch.zeros((), dtype=torch.float32, device=device)
        probe = [torch.ones(1, dtype=torch.float32, device=device)]
        one = torch.ones((), dtype=torch.float32, device=device)
        torch._amp_foreach_non_finite_check_and_unscale_(probe, found, one)
    except (RuntimeError, NotImplementedError):
        return False
    return True
