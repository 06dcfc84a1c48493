"""Glue between the window and a training run: one place that starts, follows and ends runs.

It prepares the run on the worker thread, locks the document's edits while it trains (a banner
on the canvas; the palette, the edit actions and the canvas follow the document's lock
themselves), feeds the plots, the gradient overlay and the evaluation view, and hands the
results (weights, history, the checkpoint to resume from) to the document, so Save writes them
together. Its collaborators are passed in by name; it never reaches into the window.

Live updates come in frames. Progress signals only queue their reports; a single-shot frame
timer then applies them (plots' buffers, the progress bar, the overlay, a young-generation
garbage collection when due), redraws one plot and paints, all inside one ``exclusive`` hold
(the trainer parked between two steps, so the GUI's Python runs without fighting for the GIL).
It times the frame, painting included, and waits long enough that frames take at most
``FRAME_BUDGET`` of the time (at most 30 frames a second, at least 2.5).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from netbuilder.engine.training.evaluation import HEADLINE
from netbuilder.model import GraphError, NetbuilderError
from netbuilder.model.results import ProjectResults
from netbuilder.qt.canvas.scene import GraphScene
from netbuilder.qt.canvas.view import GraphView
from netbuilder.qt.collector import hold_collection, release_collection
from netbuilder.qt.doctor_watch import RunWatch
from netbuilder.qt.document import Document
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.issues_panel import IssuesPanel
from netbuilder.qt.theme import ink_on, theme_color
from netbuilder.qt.training.evaluation import SAVED_WEIGHTS, EvaluationView
from netbuilder.qt.training.inside_plots import OFF as INSIDE_OFF
from netbuilder.qt.training.overlay import UPDATE_INTERVAL_S, GradientOverlay
from netbuilder.qt.training.panel import TrainingPanel, error_text
from netbuilder.qt.training.plots import TrainingPlots
from netbuilder.qt.training.worker import (
    TrainingRun,
    exclusive,
    prepare_saved_weights,
    prepare_session,
)

MIN_FRAME_MS = 34  # at most ~30 frames a second
MAX_FRAME_MS = 400  # however dear a frame, the plots still move more than twice a second
FRAME_BUDGET = 0.02  # share of the GUI thread's time that live frames may take
GC_INTERVAL_S = 2.0  # young generations collected on the GUI thread during a run
GC_FULL_EVERY = 15  # collections: a full one every 30 s
PANEL_INTERVAL_S = 0.5  # progress bar and rate label: 2 updates a second
STRIP_PAD = 4  # pixels above and below the overlays' strip over the canvas
LOCK_REASON = QT_TRANSLATE_NOOP(
    "TrainingController", "Training is running: stop it in the Training panel to change the network"
)


class TrainingController(QObject):
    """Owns at most one ``TrainingRun`` of ``document``; emits ``run_ended`` after each.

    ``status`` shows a message in the status bar for some milliseconds; ``show_error`` a
    dialog with a title and a message.
    """

    run_started = Signal()
    run_ended = Signal(object)  # SessionResult, or None after a failure

    def __init__(
        self,
        document: Document,
        *,
        panel: TrainingPanel,
        plots: TrainingPlots,
        evaluation: EvaluationView,
        issues: IssuesPanel,
        scene: GraphScene,
        view: GraphView,
        status: Callable[[str, int], None],
        show_error: Callable[[str, str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.panel = panel
        self.plots = plots
        self.evaluation = evaluation
        self.issues = issues
        self.view = view
        self.status = status
        self.show_error = show_error
        self.overlay = GradientOverlay(scene, view)
        self.watch = RunWatch(document, parent=self)  # the doctor's watch: findings of each run
        self.run: TrainingRun | None = None
        self.last_prepared: Any = None
        # Per-layer statistics ("Inside the network"): sampled as the trainer chooses (None)
        # or never (0): Edit > Preferences > Inside statistics.
        self.inside_every: int | None = None
        self._prepared_for: tuple[Any, ...] | None = None  # what last_prepared was built from
        self.last_result: Any = None
        self.progress_count = 0
        self._gc_count = 0
        self._inbox: list[Any] = []  # progress reports not yet shown
        self._gate: Any = None  # the running trainer's StepGate
        self._due = {"panel": 0.0, "overlay": 0.0, "gc": 0.0}  # time.monotonic() deadlines
        self._last_progress: Any = None
        self._shown_progress: Any = None  # the report the progress bar shows
        self._pending_norms: dict[str, float] | None = None
        self._pending_inside: Any = None  # the newest per-layer samples not yet shown
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._frame)
        # A child of the view, not of its viewport: scrolling moves a viewport's children.
        self.banner = QLabel(
            translate("TrainingController", "Training in progress: the network is locked"), view
        )
        self.banner.setObjectName("trainingBanner")
        banner = theme_color("banner")
        self.banner.setStyleSheet(
            f"background: rgba({banner.red()},{banner.green()},{banner.blue()},215); "
            f"color: {ink_on(banner).name()}; padding: 5px 12px; border-radius: 4px; "
            "font-weight: 600;"
        )
        self.banner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.banner.hide()
        self.panel.start_requested.connect(self.start)
        self.panel.pause_requested.connect(self.pause)
        self.panel.resume_requested.connect(self.resume)
        self.panel.stop_requested.connect(self.stop)
        self.evaluation.evaluate_button.clicked.connect(self.evaluate_now)
        self.evaluation.prepared.connect(self._on_saved_prepared)
        document.project_replaced.connect(self.clear_results)
        document.results_changed.connect(self.show_results)
        self.show_results(document.results)

    # --- state --------------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        return self.run is not None

    # --- control ------------------------------------------------------------------------------

    def start(self) -> bool:
        """Start training the window's project; False when a run is already going or the
        project cannot train (the panel says why: ``start_blocker``)."""
        if self.run is not None or self.panel.blocker is not None:
            return False
        doc = self.document
        project, base = doc.project, doc.base_dir
        self.panel.show_error(None)
        self.overlay.clear()
        self.issues.set_training_issues([])
        self.issues.set_run_problem(None)
        self.watch.begin()
        weights = doc.results.weights if self.panel.continue_training else None
        inside = self.inside_every
        run = TrainingRun(
            lambda: prepare_session(project, base, weights=weights, inside_every=inside),
            parent=self,
        )
        run.ready.connect(self._on_ready)
        run.progress.connect(self._on_progress)
        run.boundary.connect(self.evaluation.show_boundary)
        run.paused.connect(self._on_paused)
        run.resumed.connect(lambda: self.panel.set_state("running"))
        run.finished.connect(self._on_finished)
        run.failed.connect(self._on_failed)
        run.ended.connect(self._on_ended)
        self.run = run
        self.progress_count = 0
        self._inbox, self._last_progress, self._shown_progress = [], None, None
        self.evaluation.cancel_evaluation()  # of the weights before this run: stale
        self.panel.set_state("preparing")
        self.panel.show_message(translate("TrainingController", "Preparing data and network…"))
        self._lock(True)
        self.run_started.emit()
        # Python's cycle collector runs in whichever thread allocates: during a run, mostly
        # the trainer's, where collecting Qt wrappers crashes. The frames collect instead.
        hold_collection()
        run.start()
        return True

    def pause(self) -> None:
        if self.run is not None:
            self.run.pause()
            self.panel.show_message(translate("TrainingController", "Pausing…"))

    def resume(self) -> None:
        if self.run is not None:
            self.run.resume()

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()
            self.panel.show_message(
                translate("TrainingController", "Stopping after the current step…")
            )

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop a run and wait for its thread (closing the window, opening a project)."""
        run = self.run
        if run is None:
            return True
        ok = run.stop_and_wait(timeout_ms)
        if self.run is run:  # the ended signal may still be queued: finish now
            self._on_ended()
        return ok

    def evaluate_now(self) -> Any:
        """Evaluate the last trained weights on the test split (not while training): those of
        the last run, or the opened file's, prepared first (in the task). Returns the task."""
        if self.run is not None:
            return None
        if self.last_prepared is not None and self._prepared_for != self._network_key():
            self.last_prepared = None  # the network or its data changed since: prepare again
        if self.last_prepared is not None:
            return self.evaluation.evaluate(self.last_prepared)  # the view shows the result
        doc = self.document
        weights = doc.results.weights
        if not weights:
            return None
        project, base = doc.project, doc.base_dir
        return self.evaluation.evaluate_saved(lambda: prepare_saved_weights(project, base, weights))

    def _on_saved_prepared(self, prepared: Any) -> None:
        if self.run is None:
            self._keep_prepared(prepared)

    def _keep_prepared(self, prepared: Any) -> None:
        self.last_prepared = prepared
        self._prepared_for = self._network_key() if prepared is not None else None

    def _network_key(self) -> tuple[Any, ...]:
        """What a prepared network was built from: the graph (its structure and parameters, not
        positions) and the bound data. Evaluating after either changed prepares again."""
        doc = self.document
        return (id(doc.graph), doc.graph.revision, doc.project.dataset, id(doc.dataset_info))

    # --- run signals --------------------------------------------------------------------------

    def _on_ready(self, info: Any) -> None:
        doc = self.document
        self.plots.reset(
            info.nodes, doc.graph, HEADLINE.get(info.task, ""), info.total_steps, info.epochs
        )
        if self.inside_every == 0:  # statistics off in the preferences: say so, not "waiting"
            self.plots.inside.reset(doc.graph, INSIDE_OFF, info.total_steps)
        self.plots.show_previous(doc.results.runs)
        info_now = doc.dataset_info
        two = info_now is not None and tuple(info_now.input_shape) == (2,)
        self.evaluation.set_task(info.task, two)
        self._gate = info.gate
        self.plots.live = True
        self.plots.clock.take()
        now = time.monotonic()
        self._due = {"panel": now, "overlay": now + UPDATE_INTERVAL_S, "gc": now + GC_INTERVAL_S}
        self._frame_timer.start(MIN_FRAME_MS)
        self.panel.set_state("running")
        self.panel.show_message(
            translate("TrainingController", "Training on {device}…").format(device=info.device)
        )
        # Preparing may have imported modules (a first run): move their objects out of the
        # young generations now, or the first collection in a frame stalls the trainer (130 ms).
        gc.collect(1)
        with exclusive(None):  # lay out and paint all that, then let the trainer go
            pass
        if self.run is not None:
            self.run.go()

    def _on_progress(self, batch: list[Any]) -> None:
        self.progress_count += 1
        self._inbox.extend(batch)  # shown by the next frame

    def _frame(self) -> None:
        """One live frame (see the module's docstring); schedules the next."""
        if self.run is None:
            return
        outside = self.plots.clock.take()  # plots painted between frames (hover, resizes)
        t0: float | None = None
        try:
            with exclusive(self._gate if self.panel.state == "running" else None):
                t0 = time.perf_counter()  # from here the trainer waits (not while it parks)
                self._frame_body()
        finally:  # even after an error, the next frame comes
            spent = outside + (time.perf_counter() - t0 if t0 is not None else 0.0)
            self.plots.clock.take()  # painted inside the frame: already in ``spent``
            if self.run is not None:  # None: the run ended in the events sent while painting
                wait_ms = 1000 * spent / FRAME_BUDGET
                self._frame_timer.start(int(min(MAX_FRAME_MS, max(MIN_FRAME_MS, wait_ms))))

    def _frame_body(self) -> None:
        """Reports to the plots and bar, overlay and garbage collection when due, one plot."""
        now = time.monotonic()
        self._apply_progress(now)
        if now >= self._due["overlay"]:
            self._due["overlay"] = now + UPDATE_INTERVAL_S
            self._flush_overlay()
        if now >= self._due["gc"]:
            self._due["gc"] = now + GC_INTERVAL_S
            self._gc_count += 1
            gc.collect(2 if self._gc_count % GC_FULL_EVERY == 0 else 1)
        self.plots.draw_next()

    def _apply_progress(self, now: float | None = None) -> None:
        """Hand queued reports to the plots and the overlay, and the newest to the progress
        bar when due (``now`` None: at once, as when the run is over)."""
        batch, self._inbox = self._inbox, []
        if batch:
            self.plots.add_progress(batch)
            self.watch.add(batch)
            self._last_progress = batch[-1]
            for q in reversed(batch):
                if q.grad_norms.size:
                    norms = dict(zip(q.nodes, q.grad_norms[-1].tolist(), strict=True))
                    self._pending_norms = norms
                    break
            inside = [q.inside for q in batch if q.inside is not None]
            self._pending_inside = inside[-1] if inside else self._pending_inside
        p = self._last_progress
        if p is None or p is self._shown_progress:
            return
        if now is None or now >= self._due["panel"]:  # text and bar repaint the panel: 2 Hz
            self._due["panel"] = (now or 0.0) + PANEL_INTERVAL_S
            self._shown_progress = p
            self.panel.show_progress(p)

    def _flush_overlay(self) -> None:
        norms, self._pending_norms = self._pending_norms, None
        inside, self._pending_inside = self._pending_inside, None
        if norms or inside is not None:
            self.issues.set_training_issues(self.overlay.update(norms or None, inside))
            self.place_banner()  # the legend may have just appeared beside it

    def _on_paused(self) -> None:
        self.panel.set_state("paused")
        self.panel.show_message(
            translate(
                "TrainingController", "Paused. Resume to continue, or Stop to keep these weights."
            )
        )

    def _on_finished(self, result: Any) -> None:
        self.last_result = result
        self._apply_progress()  # the last reports, and the bar's final position
        prepared = self.run.prepared if self.run is not None else None
        self._keep_prepared(prepared)
        self.watch.finish(result)  # before the results: the history keeps its findings
        self.document.set_results(result.project_results(self.document.results))
        self.evaluation.show_summary(result.summary)
        if prepared is not None:  # a regression's predicted-vs-true, in a task
            self.evaluation.evaluate(prepared, "test", metrics=False)
        from netbuilder.engine.data.image_stream import skipped_note  # not before the first paint

        skipped = skipped_note(int(result.summary.get("skipped_images") or 0))
        message = localized(result.train.message)
        if skipped:
            message = translate("TrainingController", "{message} {skipped}.").format(
                message=message, skipped=localized(skipped)
            )
        self.panel.show_message(message)
        self.status(message, 8000)

    def _on_failed(self, exc: BaseException) -> None:
        """A problem of the project or its files (a ``NetbuilderError``: unreadable data,
        weights that no longer fit) is said in the Training tab and the Issues list; only an
        unexpected crash still opens a dialog."""
        self.last_result = None
        self._apply_progress()
        self.watch.finish(None)
        message = error_text(exc)
        started = self.progress_count > 0 or self._last_progress is not None
        self.panel.show_message(
            translate("TrainingController", "Training failed.")
            if started
            else translate("TrainingController", "Training could not start.")
        )
        self.panel.show_error(message)
        if isinstance(exc, NetbuilderError | OSError):
            self.issues.set_run_problem(message, exc.node if isinstance(exc, GraphError) else None)
            self.status(
                translate("TrainingController", "Training could not go on: {message}").format(
                    message=message
                ),
                8000,
            )
        else:
            self.show_error(translate("TrainingController", "Training failed"), message)

    def _on_ended(self) -> None:
        run, self.run = self.run, None
        if run is None:
            return
        self._frame_timer.stop()
        self._gate = None
        self._apply_progress()
        self._flush_overlay()
        self.plots.live = False
        self.plots.refresh()
        self.panel.set_state("idle")
        has_weights = self.last_prepared is not None or self.document.results.has_weights
        self.evaluation.evaluate_button.setEnabled(has_weights)
        self._lock(False)
        for signal in (run.ready, run.progress, run.boundary, run.finished, run.failed, run.ended):
            try:
                signal.disconnect()
            except (RuntimeError, TypeError):
                pass
        run.setParent(None)
        del run
        release_collection()
        self.run_ended.emit(self.last_result)

    # --- edit lock ----------------------------------------------------------------------------

    def _lock(self, locked: bool) -> None:
        """Lock the document's edits (the widgets follow it) and show the banner."""
        self.document.set_edit_lock(
            translate("TrainingController", LOCK_REASON) if locked else None
        )
        self.banner.setVisible(locked)
        self.place_banner()
        if locked:
            self.status(
                translate(
                    "TrainingController", "Training: the network is locked until the run ends"
                ),
                5000,
            )

    def clear_results(self) -> None:
        """Another project is open: nothing of the last run's progress or results stays."""
        self.last_prepared = None
        if self.is_running:
            return
        self.panel.reset_progress()
        self.plots.reset(())
        self.plots.show_previous([])  # the faded runs were the other project's
        self.evaluation.clear()
        self.overlay.clear()
        self.place_banner()  # the legend's strip goes with it
        self.issues.set_training_issues([])

    def show_results(self, results: ProjectResults) -> None:
        """What an opened project's results hold (follows ``document.results_changed``): the
        last recorded run's curves (earlier ones faded), its summary and confusion matrix,
        what it was in the progress area, and Evaluate now for its weights. A run's own
        results (the document hears them while the run ends) are shown already."""
        if self.is_running or (not results.runs and not results.has_weights):
            return
        runs = results.runs
        last = runs[-1] if runs else None
        summary = (last or {}).get("summary") or {}
        task = summary.get("task") or (last or {}).get("settings", {}).get("task", "")
        if last is not None:
            self.plots.show_history(last, self.document.graph, HEADLINE.get(task, ""))
            self.plots.show_previous(runs[:-1])
        if task:
            info = self.document.dataset_info
            self.evaluation.set_task(task, info is not None and tuple(info.input_shape) == (2,))
        if summary:
            self.evaluation.show_summary(summary)
        if results.has_weights and not summary:
            self.evaluation.summary.setText(translate("EvaluationView", SAVED_WEIGHTS))
        self.evaluation.evaluate_button.setEnabled(results.has_weights)
        self.panel.show_last_run(last)

    def place_banner(self) -> None:
        """Banner (left) and gradient legend (right) in a strip the view keeps above the
        canvas while either shows, so neither covers a node; stacked where the canvas is too
        narrow for both side by side."""
        legend = self.overlay.legend
        self.banner.adjustSize()
        shown = [w for w in (self.banner, legend) if not w.isHidden()]
        view_width = self.view.contentsRect().width()
        side_by_side = sum(w.width() for w in shown) + 8 * (len(shown) + 1) <= view_width
        heights = [w.height() for w in shown]
        inner = (max(heights) if side_by_side else sum(heights) + 6) if shown else 0
        strip = inner + 2 * STRIP_PAD if shown else 0
        self.view.set_top_strip(strip)
        top = self.view.contentsRect().top() + STRIP_PAD
        left, right = self.view.contentsRect().left() + 8, self.view.contentsRect().right() - 8
        if side_by_side:
            self.banner.move(left, top + (inner - self.banner.height()) // 2)
            legend.move(right - legend.width(), top + (inner - legend.height()) // 2)
        else:
            self.banner.move(left, top)
            below = 0 if self.banner.isHidden() else self.banner.height() + 6
            legend.move(right - legend.width(), top + below)
        for w in shown:
            w.raise_()
