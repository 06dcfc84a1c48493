"""The Qt-free training loop.

``Trainer.run()`` trains on the calling thread; ``pause()``, ``resume()`` and ``stop()`` may be
called from any other thread and are honoured between steps. Data lives on the device; batches
are index slices of a seeded ``randperm``. Per-step values stay on the device and reach the
callback in batches (``Progress``, at most ``report_hz`` times a second), so a step never waits
for the device. A non-finite loss or gradient stops the run, names where it happened and keeps
the weights of the last finite step (``FiniteGuard``); an out-of-memory error stops it too,
naming the batch size and the model's size, and keeps the weights of the last completed step.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.engine.training import checkpoint as _ckpt
from netbuilder.engine.training.augment import Augmenter
from netbuilder.engine.training.batches import streamed_splits
from netbuilder.engine.training.evaluation import Evaluation
from netbuilder.engine.training.finite_guard import (
    AFTER_NON_FINITE,
    FiniteGuard,
    saved_lr,
    scale_learning_rate,
)
from netbuilder.engine.training.inside import InsideHistory, LayerSampler
from netbuilder.engine.training.memory_errors import is_out_of_memory, out_of_memory_message
from netbuilder.engine.training.metrics import adapt_targets, evaluate, evaluate_outputs
from netbuilder.engine.training.setup import (
    PER_STEP_SCHEDULES,
    choose_threads,
    loss_task,
    make_loss,
    make_optimizer,
    make_scheduler,
    probe,
    resolve_device,
)
from netbuilder.engine.training.state import TrainParts, TrainState
from netbuilder.engine.training.step_gate import StepGate
from netbuilder.engine.training.step_helpers import as_inputs, clip_gradients, truncate
from netbuilder.engine.training.telemetry import (
    EpochResult,
    FlushedValues,
    GradTelemetry,
    NonFinite,
    Progress,
    first_non_finite,
    first_non_finite_output,
    group_parameters,
)
from netbuilder.engine.training.thread_measure import measure_threads
from netbuilder.model.i18n import translate
from netbuilder.model.project import TrainingSettings

ProgressCallback = Callable[[Progress], None]
RATE_SMOOTHING_S = 1.0  # time constant of the steps/s that progress reports carry


@dataclass
class TrainResult:
    """How a run ended. ``status``: completed, stopped, early_stopped, non_finite or
    out_of_memory."""

    status: str
    message: str
    history: list[EpochResult]
    steps: int
    epochs_completed: int
    seconds: float
    steps_per_s: float
    device: str
    threads: int
    train_loss: float | None = None
    val_loss: float | None = None
    val_metrics: dict[str, Any] = field(default_factory=dict)
    non_finite: NonFinite | None = None


class Trainer:
    """Trains ``module`` on ``data`` (x_train, y_train, x_val, y_val[, x_test, y_test])."""

    def __init__(
        self,
        module: nn.Module,
        data: Any,
        settings: TrainingSettings,
        *,
        task: str | None = None,
        n_classes: int | None = None,
        device: torch.device | str | None = None,
        node_params: dict[str, Sequence[str]] | None = None,
        telemetry: bool = True,
        threads: int | None = None,
        report_hz: float = 30.0,
        augment: Augmenter | None = None,
        workers: int | None = None,
        inside_every: int | None = None,
    ) -> None:
        self.settings = settings
        self.device = (
            torch.device(device) if device is not None else resolve_device(settings.device)
        )
        self.module = module.to(self.device)
        self.task = task or loss_task(settings.loss)
        self.loss_fn = make_loss(settings.loss)
        self._report_interval = 1.0 / max(1e-3, report_hz)
        self.augment = augment  # training batches only; evaluation sees the data as it is

        # Image splits above the memory budget stream from disk; the trainer keeps their
        # targets and a first batch (for the probes) on the device.
        self._stream = streamed_splits(data, self.device, workers)
        self._in_run = False
        x_train = self._inputs("train", data.x_train, int(settings.batch_size))
        macs, out = probe(self.module, tuple(t[:1] for t in x_train))
        out_shape = tuple(out.shape[1:])
        self._splits: dict[str, tuple[tuple[torch.Tensor, ...], torch.Tensor]] = {}
        for split in ("train", "val", "test"):
            x, y = getattr(data, f"x_{split}", None), getattr(data, f"y_{split}", None)
            if x is None or y is None or len(y) == 0:
                continue
            targets = adapt_targets(torch.as_tensor(np.asarray(y)), self.task, out_shape)
            inputs = x_train if split == "train" else self._inputs(split, x, 1)
            self._splits[split] = (inputs, targets.to(self.device))
        info = getattr(data, "info", None)
        if n_classes is None:
            n_classes = int(getattr(info, "n_classes", 0) or 0)
            if self.task == "classification":
                n_classes = max(n_classes, int(out_shape[-1]) if out_shape else 0)
        self.n_classes = n_classes

        self.n_train = int(self._splits["train"][1].shape[0])
        self.batch_size = min(int(settings.batch_size), self.n_train)
        self.steps_per_epoch = math.ceil(self.n_train / self.batch_size)
        self.total_steps = self.steps_per_epoch * settings.epochs
        self.threads = threads or choose_threads(macs, self.batch_size, self.device)
        self._threads_settled = threads is not None or self.threads == 1

        self.nodes, self.params, param_node = group_parameters(self.module, node_params)
        self.telemetry = GradTelemetry(self.nodes, self.params, param_node, enabled=telemetry)
        # Per-layer statistics, sampled every ``inside_every`` steps (None: chosen by
        # measurement, about 1% of the run's time; 0: none).
        if self.telemetry.enabled and inside_every != 0:
            self.telemetry.sampler = LayerSampler(
                self.module, self.nodes, self.params, param_node, every=inside_every
            )
        self.inside_history = InsideHistory()  # bounded, for drawing over time
        self.optimizer = make_optimizer(settings, self.params)
        self.scheduler = make_scheduler(settings, self.optimizer, self.steps_per_epoch)
        self.generator = torch.Generator().manual_seed(int(settings.seed))

        self.state = TrainState()  # position and history: all of it goes into a checkpoint
        self.can_resume = True
        self.non_finite: NonFinite | None = None

        self._stop = False
        self._running = threading.Event()
        self._running.set()
        self.paused_event = threading.Event()  # set while the loop is blocked in pause
        self.gate = StepGate()  # a GUI thread can have the GIL to itself between two steps
        self._weights = list(self.module.state_dict().values())
        self.guard = FiniteGuard(
            self.optimizer,
            self.device,
            self._weights,
            list(self.module.buffers()),
            grads_checked=self.telemetry.enabled,
            params=list(self.params),
        )
        self.oom_message = ""
        self._paused_s = 0.0
        self._rate = 0.0  # steps/s, smoothed (see _emit)
        self._epoch_t0 = time.perf_counter()

    # --- control, from any thread ------------------------------------------------------------

    def _inputs(self, split: str, x: Any, n: int) -> tuple[torch.Tensor, ...]:
        stream = self._stream.get(split)  # streamed: its first n images, for the probes
        return (stream.sample(n),) if stream is not None else as_inputs(x, self.device)

    @property
    def streamed(self) -> bool:
        """Whether the training images stream from disk (above training.data_memory_mb)."""
        return "train" in self._stream

    @property
    def skipped_images(self) -> int:
        """Streamed image files met so far that could not be decoded (read as blanks)."""
        return sum(stream.skipped for stream in self._stream.values())

    def pause(self) -> None:
        """Block the loop before its next step until ``resume()`` or ``stop()``."""
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self) -> None:
        """End the run before its next step; the weights trained so far are kept."""
        self._stop = True
        self._running.set()
        self.gate.release()

    @property
    def step(self) -> int:
        """Optimizer steps done (this run and any it continues)."""
        return self.state.step

    @property
    def epoch(self) -> int:
        """Epochs completed."""
        return self.state.epoch

    @property
    def history(self) -> list[EpochResult]:
        return self.state.history

    @property
    def has_val(self) -> bool:
        return "val" in self._splits

    def has_split(self, split: str) -> bool:
        return split in self._splits

    # --- running ------------------------------------------------------------------------------

    def run(
        self, callback: ProgressCallback | None = None, *, max_steps: int | None = None
    ) -> TrainResult:
        """Train until the epochs are done, ``stop()``, early stopping or a non-finite value.

        ``max_steps`` ends this call after that many optimizer steps (a later ``run()``
        continues where it stopped). The intra-op thread count is set for this thread only
        while training, and restored afterwards.
        """
        previous = torch.get_num_threads()
        if not self._threads_settled:
            inputs, y = self._splits["train"]
            try:  # the first forward and backward pass: where memory runs out first
                self.threads = measure_threads(
                    self.module, self.loss_fn, self.params, inputs, y, self.batch_size, self.threads
                )
            except (RuntimeError, MemoryError) as exc:
                if not is_out_of_memory(exc):
                    raise
                torch.set_num_threads(previous)
                return self._result(self._out_of_memory(exc), 0.0, 0)
            self._threads_settled = True
        torch.set_num_threads(self.threads)
        self._in_run = True
        try:
            return self._run(callback, max_steps)
        finally:
            self._in_run = False
            self.telemetry.end_sample()  # no hook outlives an error in a sampled step
            for stream in self._stream.values():  # no worker outlives a stop or an error
                stream.close()
            torch.set_num_threads(previous)
            self._stop = False
            self.paused_event.clear()

    def _run(self, callback: ProgressCallback | None, max_steps: int | None) -> TrainResult:
        st, tel, clock = self.state, self.telemetry, time.perf_counter
        limit = st.step + max_steps if max_steps is not None else None
        self._callback = callback
        tel.discard()
        tel.begin(st.step + 1)
        tel.flagged = self.guard.flagged  # off the host: read back in the flush
        t_start = clock()
        self._paused_s = 0.0
        self._rate = 0.0
        self._last_report = (t_start, st.step, 0.0)
        start_step = st.step
        self.guard.finite_flush(st.step, self._per_step_scheduler)
        self.module.train()
        try:
            status = self._loop(limit, t_start + self._report_interval)
        except (RuntimeError, MemoryError) as exc:
            if not is_out_of_memory(exc):
                raise
            status = self._out_of_memory(exc)
        if status is None or (status in ("stopped", "out_of_memory") and len(tel)):
            if not self._report():
                status = "non_finite"
        return self._result(status or "completed", clock() - t_start, st.step - start_step)

    @property
    def _per_step_scheduler(self) -> Any:
        return self.scheduler if self.settings.schedule in PER_STEP_SCHEDULES else None

    def _out_of_memory(self, exc: BaseException) -> str:
        """Free what the failed step held. The failure comes before the step's update (in the
        forward or backward pass, or while the optimizer allocates its state), so the weights
        and the position are those of the last completed step."""
        for p in self.params:
            p.grad = None
        self.telemetry.discard()  # the failed step's values (and a few before it) go unplotted
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        size = sum(p.numel() for p in self.params)
        self.oom_message = out_of_memory_message(exc, self.batch_size, size, self.device)
        return "out_of_memory"

    def _loop(self, limit: int | None, next_flush: float) -> str | None:
        s = self.settings
        module, opt, loss_fn, tel = self.module, self.optimizer, self.loss_fn, self.telemetry
        inputs, y = self._splits["train"]
        bs, spe = self.batch_size, self.steps_per_epoch
        feed_from = self._stream.get("train")
        full = bs >= self.n_train and feed_from is None
        per_step_sched = self.scheduler if s.schedule in PER_STEP_SCHEDULES else None
        clip = float(s.grad_clip)
        params, gate, st = self.params, self.gate, self.state
        running, clock, interval = self._running, time.perf_counter, self._report_interval
        allows, augment = self.guard.allows, self.augment
        sampler = tel.sampler
        # Buffers change in the forward pass: kept per step only where there are some.
        keep_buffers = self.guard.before_forward if self.guard.mode == "host" else None
        keep_buffers = keep_buffers if any(True for _ in module.buffers()) else None
        status: str | None = None
        while st.epoch < s.epochs and status is None:
            if st.perm is None and not full:
                st.perm = torch.randperm(self.n_train, generator=self.generator).to(self.device)
            perm = st.perm  # None: every step takes the whole training set
            b, step = st.batch, st.step
            feed = None
            if feed_from is not None and perm is not None:
                feed = feed_from.batches(perm.cpu().numpy(), bs, b)
            if b == 0:
                self._epoch_t0 = clock()
            while b < spe:
                if not running.is_set():
                    st.batch, st.step = b, step
                    self._wait_while_paused()
                if self._stop or (limit is not None and step >= limit):
                    status = "stopped"
                    break
                if gate.requested:
                    gate.park()
                # Sampled per-layer statistics (steps 1, 1 + k, ...): decided at the step's
                # start, where the sampler's budget times the steps.
                sampled = sampler is not None and sampler.due(step)
                if perm is None:
                    xb, yb = inputs, y
                else:
                    idx = perm[b * bs : b * bs + bs]
                    xb = (next(feed),) if feed is not None else tuple([t[idx] for t in inputs])
                    yb = y[idx]
                if augment is not None:
                    xb = (augment(xb[0], step), *xb[1:])
                opt.zero_grad(set_to_none=True)
                if keep_buffers is not None:
                    keep_buffers()
                if sampled:
                    sampler.start()  # type: ignore[union-attr]  # sampled: a sampler
                loss = loss_fn(module(*xb), yb)
                loss.backward()
                norms = tel.record(loss, step)  # gradient norms on its sampled steps
                if not allows(loss):  # never applied (host check): the last finite state stays
                    tel.end_sample(failed_step=step)
                    st.batch, st.step = b + 1, step + 1
                    self._report()
                    status = "non_finite"
                    break
                if clip > 0:
                    clip_gradients(params, norms, clip)
                if sampled:
                    sampler.before_update()  # type: ignore[union-attr]
                opt.step()
                if sampled:
                    sampler.after_update(step + 1)  # type: ignore[union-attr]
                if per_step_sched is not None:
                    per_step_sched.step()
                b += 1
                step += 1
                st.batch, st.step = b, step
                if clock() >= next_flush:
                    if not self._report():
                        status = "non_finite"
                        break
                    next_flush = clock() + interval
            if feed is not None:
                feed.close()
            if status is None:
                status = self._end_epoch()
        return status

    def _wait_while_paused(self) -> None:
        self._report()
        t0 = time.perf_counter()
        self.paused_event.set()
        self._running.wait()
        self.paused_event.clear()
        self._paused_s += time.perf_counter() - t0

    def _collect(self) -> FlushedValues | None:
        """Read back the buffered values; None (after rewinding to the last finite step) if
        non-finite."""
        values = self.telemetry.flush()
        row, node, loss_finite = first_non_finite(values, self.nodes)
        st = self.state
        finite = values.losses[: row if row >= 0 else None]
        if finite.size:
            st.epoch_loss_sum += float(finite.sum())
            st.epoch_loss_count += int(finite.size)
        if row < 0:
            self.guard.finite_flush(st.step, self._per_step_scheduler)
            return values
        # Steps ``row`` and later (the flush never spans an epoch's end) were never applied
        # (or, in snapshot mode, are undone): the position goes back to the last finite step.
        skipped = len(values.losses) - row
        st.step -= skipped
        st.batch -= skipped
        self.guard.rewind(st.step, self._per_step_scheduler)
        detail = ""
        culprit = first_non_finite_output(self.module, self._splits["train"][0])
        if culprit is not None:
            node = culprit
            detail = translate("Training", "its output is non-finite on the training data")
        self.non_finite = NonFinite(
            step=int(values.steps[row]),
            epoch=st.epoch + 1,
            node=node,
            loss_finite=loss_finite,
            detail=detail,
        )
        self.can_resume = self.guard.exact
        self._emit(truncate(values, row), None)
        return None

    def _report(self, epoch_result: EpochResult | None = None) -> bool:
        values = self._collect()
        if values is None:
            return False
        self._emit(values, epoch_result)
        return True

    def _emit(self, values: FlushedValues, epoch_result: EpochResult | None) -> None:
        now = time.perf_counter()
        t_prev, step_prev, paused_prev = self._last_report
        active = (now - t_prev) - (self._paused_s - paused_prev)
        if active > 0 and self.state.step > step_prev:
            # Smoothed over about a second: one slow interval (the machine busy elsewhere for
            # a moment) must not make the shown rate and ETA jump.
            recent = (self.state.step - step_prev) / active
            keep = math.exp(-active / RATE_SMOOTHING_S) if self._rate > 0 else 0.0
            self._rate = keep * self._rate + (1 - keep) * recent
            self.gate.step_s = 1.0 / self._rate
        rate = self._rate
        self._last_report = (now, self.state.step, self._paused_s)
        if values.inside is not None:
            t0 = time.thread_time()
            self.inside_history.add(values.inside)
            if self.telemetry.sampler is not None:  # part of the samples' cost
                self.telemetry.sampler.budget.charge(time.thread_time() - t0)
        if self._callback is None:
            return
        self._callback(
            Progress(
                epoch=min(self.state.epoch + 1, self.settings.epochs),
                epochs=self.settings.epochs,
                step=self.state.step,
                total_steps=self.total_steps,
                **values.series(),
                nodes=self.nodes,
                weight_norms=dict(zip(self.nodes, values.weight_norms.tolist(), strict=True)),
                lr=float(self.optimizer.param_groups[0]["lr"]),
                steps_per_s=rate,
                epoch_result=epoch_result,
                inside=values.inside,
            )
        )

    def _end_epoch(self) -> str | None:
        values = self._collect()
        if values is None:
            return "non_finite"
        s = self.settings
        count = max(1, self.state.epoch_loss_count)
        train_loss = self.state.epoch_loss_sum / count
        val = self.evaluate("val") if self.has_val else None
        val_loss = val.loss if val is not None else None
        lr = float(self.optimizer.param_groups[0]["lr"])
        sched = self.scheduler
        if isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau):
            sched.step(val_loss if val_loss is not None else train_loss)
        elif sched is not None and s.schedule == "step":
            sched.step()
        status = None
        if s.early_stopping > 0 and val_loss is not None:
            if val_loss < self.state.best_val:
                self.state.best_val, self.state.bad_epochs = val_loss, 0
                if self.state.best_state is None:
                    self.state.best_state = [t.detach().clone() for t in self._weights]
                else:
                    torch._foreach_copy_(self.state.best_state, self._weights)
            else:
                self.state.bad_epochs += 1
                if self.state.bad_epochs >= s.early_stopping:
                    status = "early_stopped"
        self.state.epoch += 1
        result = EpochResult(
            epoch=self.state.epoch,
            train_loss=train_loss,
            val_loss=val_loss,
            val_metrics=val.metrics if val is not None else {},
            lr=lr,
            step=self.state.step,
            seconds=time.perf_counter() - self._epoch_t0,
        )
        self.state.record(result)  # keeps confusion only on last/best
        self.state.batch, self.state.perm = 0, None
        self.state.epoch_loss_sum, self.state.epoch_loss_count = 0.0, 0
        self._emit(values, result)
        if status == "early_stopped" and self.state.best_state is not None:
            torch._foreach_copy_(self._weights, self.state.best_state)
        return status

    def evaluate(self, split: str = "val") -> Evaluation:
        """Loss and metrics on ``split`` (train, val or test) with the current weights."""
        inputs, targets = self._splits[split]
        stream = self._stream.get(split)
        if stream is not None:  # after training, nothing else would join its workers
            out = stream.predict(self.module, close=not self._in_run)
            return evaluate_outputs(out, targets, self.task, self.loss_fn, n_classes=self.n_classes)
        return evaluate(
            self.module, inputs, targets, self.task, self.loss_fn, n_classes=self.n_classes
        )

    def _result(self, status: str, seconds: float, steps_run: int) -> TrainResult:
        active = max(1e-9, seconds - self._paused_s)
        last = self.state.history[-1] if self.state.history else None
        val_loss = last.val_loss if last else None
        val_metrics = last.val_metrics if last else {}
        if status == "early_stopped" and self.state.best_state is not None:
            best = min(
                self.state.history,
                key=lambda h: h.val_loss if h.val_loss is not None else math.inf,
            )
            val_loss, val_metrics = best.val_loss, best.val_metrics
        train_loss = last.train_loss if last else None
        if self.state.epoch_loss_count:
            train_loss = self.state.epoch_loss_sum / self.state.epoch_loss_count
        nf = self.non_finite if status == "non_finite" else None
        epoch, step = self.state.epoch, self.state.step
        messages = {
            "completed": translate("Training", "Trained {epoch} epochs ({step} steps)."),
            "stopped": translate("Training", "Stopped after {step} steps (epoch {next})."),
            "early_stopped": translate(
                "Training",
                "Early stopping after epoch {epoch}: validation loss did not improve for "
                "{patience} epochs; best weights restored.",
            ),
        }
        message: str = self.oom_message if status == "out_of_memory" else ""
        if status in messages:
            message = messages[status].format(
                epoch=epoch, step=step, next=epoch + 1, patience=self.settings.early_stopping
            )
        elif status != "out_of_memory":
            message = nf.message() if nf else status
        return TrainResult(
            status=status,
            message=message,
            history=list(self.state.history),
            steps=self.state.step,
            epochs_completed=self.state.epoch,
            seconds=seconds,
            steps_per_s=steps_run / active,
            device=str(self.device),
            threads=self.threads,
            train_loss=train_loss,
            val_loss=val_loss,
            val_metrics=val_metrics,
            non_finite=nf,
        )

    # --- checkpoints --------------------------------------------------------------------------

    def checkpoint(self) -> tuple[bytes, dict[str, Any]]:
        """Everything needed to continue exactly: safetensors bytes and a JSON-ready dict."""
        if not self.can_resume:
            raise _ckpt.CheckpointError(
                translate(
                    "Training",
                    "this run ended on a non-finite value and cannot be resumed",
                )
            )
        data, meta = _ckpt.save_checkpoint(self._parts(), self.state)
        if self.non_finite is not None:
            meta[AFTER_NON_FINITE] = True  # may be resumed with a lower learning rate
        return data, meta

    def load_checkpoint(self, data: bytes, meta: dict[str, Any]) -> None:
        old_lr = saved_lr(meta) if meta.get(AFTER_NON_FINITE) is True else None
        if old_lr is not None:  # resuming after a non-finite end, with another lr
            meta = {**meta, "settings": {**meta["settings"], "lr": self.settings.lr}}
        self.state = _ckpt.load_checkpoint(self._parts(), data, meta)
        if old_lr is not None and old_lr != self.settings.lr:
            scale_learning_rate(self.optimizer, self.scheduler, self.settings.lr / old_lr)
        self.telemetry.begin(self.state.step + 1)
        self.guard.set_mode(self.guard.mode)  # its snapshot, if any, of the loaded weights

    def _parts(self) -> TrainParts:
        return TrainParts(
            module=self.module,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
            generator=self.generator,
            settings=self.settings,
            n_train=self.n_train,
            batch_size=self.batch_size,
            device=self.device,
        )
