"""The doctor's learning-rate range test: loss against a rising learning rate (log x), the
suggested rate marked, and a button that makes it the project's rate (one undo step)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from netbuilder.engine.doctor.findings import LrRange
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.on_screen import when_seen
from netbuilder.qt.theme import theme_color, theme_notifier
from netbuilder.qt.training.plotkit import make_plot

EMPTY = QT_TRANSLATE_NOOP(
    "LrRangeView",
    "Check the network (Training ▸ Check the Network, or the button beside Start) to run a "
    "learning-rate range test: the loss while the rate rises from 1e-7 to 10.",
)


class LrRangeView(QWidget):
    """The curve of the last check; ``use_rate_requested(lr)`` when the button is clicked."""

    use_rate_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lrRangeView")
        self.suggested: float | None = None
        self._plot: Any = None  # the plot, its curve and marker: built on first use (``build``)
        self._curve: Any = None
        self._marker: Any = None
        self.summary = QLabel(translate("LrRangeView", EMPTY))
        self.summary.setObjectName("lrRangeSummary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "help")
        self.use_button = QPushButton(translate("LrRangeView", "Use this rate"))
        self.use_button.setObjectName("useSuggestedRate")
        self.use_button.setToolTip(
            translate("LrRangeView", "Set the training learning rate to the suggestion (undoable)")
        )
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._on_use)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.addLayout(row)

    # --- the plot, built on first use ---------------------------------------------------------

    @property
    def built(self) -> bool:
        return self._plot is not None

    @property
    def plot(self) -> Any:
        self.build()
        return self._plot

    @property
    def curve(self) -> Any:
        self.build()
        return self._curve

    @property
    def marker(self) -> Any:
        self.build()
        return self._marker

    def event(self, event: QEvent) -> bool:
        if self._plot is None:
            when_seen(self, event, self.build)
        return super().event(event)

    def build(self) -> None:
        """The pyqtgraph plot (~30 ms), made when the tab is first seen or a range is drawn:
        the window opens with this tab hidden, and its start-up skips it."""
        if self._plot is not None:
            return
        plot = make_plot(
            QT_TRANSLATE_NOOP("Plots", "Learning-rate range test"),
            QT_TRANSLATE_NOOP("Plots", "loss"),
            QT_TRANSLATE_NOOP("Plots", "learning rate"),
        )
        plot.setObjectName("lrRangePlot")
        plot.getPlotItem().setLogMode(x=True, y=False)
        plot.getPlotItem().setDownsampling(auto=False)
        curve = plot.plot([], [], pen=pg.mkPen(theme_color("selection"), width=1.5))
        marker = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen(theme_color("error"), width=1, style=Qt.PenStyle.DashLine),
            label=translate("LrRangeView", "suggested"),
            labelOpts={"position": 0.9, "color": theme_color("error").name()},
        )
        marker.hide()
        plot.addItem(marker)
        self._plot, self._curve, self._marker = plot, curve, marker
        self._layout.addWidget(plot, 1)
        theme_notifier().changed.connect(self._recolor)

    def _recolor(self, _theme: object = None) -> None:
        """The curve and the suggestion's marker in the new theme's colours."""
        self._curve.setPen(pg.mkPen(theme_color("selection"), width=1.5))
        self._marker.setPen(pg.mkPen(theme_color("error"), width=1, style=Qt.PenStyle.DashLine))
        self._marker.label.setColor(theme_color("error"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Modest: the results tabs' hint sets the bottom docks' first height (a plot's own
        hint took 64 px from the canvas of a first launch)."""
        return QSize(360, 120)

    def heightForWidth(self, _width: int) -> int:  # noqa: N802 - Qt override
        """None (-1): the scroll area sized the view to its wrapped label's height-for-width,
        which counts the plot's 480 px hint, and the plot ran past the dock's bottom."""
        return -1

    def show_range(self, lr_range: LrRange | None, current: float | None = None) -> None:
        """Draw ``lr_range`` (None: the check went stale or was never run)."""
        if lr_range is None or not lr_range.lrs:
            if self.built:  # (else it is empty)
                self.curve.setData([], [])
                self.marker.hide()
            self.suggested = None
            self.use_button.setEnabled(False)
            self.summary.setText(
                translate("LrRangeView", EMPTY)
                if lr_range is None
                else translate("LrRangeView", "The range test stopped at once.")
            )
            return
        lrs = np.asarray(lr_range.lrs, dtype=np.float64)
        losses = np.asarray(lr_range.losses, dtype=np.float64)
        self.curve.setData(lrs, losses)
        self.suggested = lr_range.suggested
        finite = losses[np.isfinite(losses)]
        if finite.size:  # the last points climb steeply: keep the fall readable
            top = min(float(finite.max()), 2.0 * float(finite[: max(1, finite.size // 4)].mean()))
            self.plot.getPlotItem().setYRange(float(finite.min()), top, padding=0.05)
        self.plot.getPlotItem().setXRange(math.log10(lrs[0]), math.log10(lrs[-1]), padding=0.02)
        if self.suggested is None:
            self.marker.hide()
            self.use_button.setEnabled(False)
            if current is None:
                text = translate(
                    "LrRangeView",
                    "The loss never fell clearly as the rate rose: no rate to suggest. "
                    "See the Issues list for what the doctor found.",
                )
            else:
                text = translate(
                    "LrRangeView",
                    "The loss never fell clearly as the rate rose: no rate to suggest (now "
                    "{current}). See the Issues list for what the doctor found.",
                ).format(current=f"{current:g}")
            self.summary.setText(text)
            return
        self.marker.setValue(math.log10(self.suggested))
        self.marker.show()
        self.use_button.setEnabled(True)
        rate = f"{self.suggested:.2g}"
        self.use_button.setText(
            translate("LrRangeView", "Use this rate ({rate})").format(rate=rate)
        )
        if current is None:
            text = translate(
                "LrRangeView",
                "Suggested learning rate: {rate}, a tenth of the rate at the lowest loss, where "
                "the loss still falls fast.",
            ).format(rate=rate)
        else:
            text = translate(
                "LrRangeView",
                "Suggested learning rate: {rate} (now {current}), a tenth of the rate at the "
                "lowest loss, where the loss still falls fast.",
            ).format(rate=rate, current=f"{current:g}")
        self.summary.setText(text)

    def _on_use(self) -> None:
        if self.suggested is not None:
            self.use_rate_requested.emit(self.suggested)
