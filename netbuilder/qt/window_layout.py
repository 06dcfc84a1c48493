"""Where the window's docks go, so the canvas stays the main thing at any window size.

Measured at 1024x640 before this: the palette (210 px) and the right-hand tabs (329 px: the
Data panel's minimum) beside the canvas, and the Issues dock (190 px: the Evaluation tab's
minimum, tabbed with it) under it, left a 473x333 canvas, 24% of the window. So:

- A window smaller than ``COMPACT_SIZE`` opens with every panel in one column of tabs on the
  right (Layers first, titles on its outer edge) and nothing under the canvas: 58% of a
  1024x640 window is canvas.
  A wider one keeps the palette on the left and Issues / Training results under the canvas,
  at ``BOTTOM_FIRST`` px.
- A run shows its plots: the bottom dock grows to at most ``BOTTOM_SHARE`` of the window (the
  column, when compact, to ``COLUMN_SHARE`` of its width). When the run ends the canvas gets
  its room back: the bottom dock keeps ``AFTER_RUN_SHARE``, the compact column goes back to
  its width and shows the Training tab.
- A saved window geometry larger than the screen it opens on (another monitor, a lower
  resolution) is fitted into the screen's available area.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget

if TYPE_CHECKING:
    from netbuilder.qt.main_window import MainWindow

COMPACT_SIZE = QSize(1200, 760)  # below either, the first launch puts all panels in a column
BOTTOM_FIRST = 130  # the Issues dock on a wide first launch
RESULTS_HEIGHT = 450  # the plots dock grows to this when a run starts (two rows of plots)
# ... but never past this share of the window: the canvas stays the main thing. A restored
# layout whose bottom docks are taller is reined in to it too.
BOTTOM_SHARE = 0.4
AFTER_RUN_SHARE = 0.3  # ... and keeps this share once the run is over
COLUMN_SHARE = 0.5  # the compact column's width while a run shows its plots
FRAME = QSize(16, 40)  # room for a window frame and title bar, which come on top of the size


def available_room(window: QWidget) -> QRect | None:
    """The available geometry of the screen ``window`` is on (or the primary one)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def fit_size(size: QSize, window: QWidget) -> QSize:
    """``size``, made smaller where the screen's available area (less a frame) is."""
    room = available_room(window)
    if room is None:
        return size
    return QSize(
        min(size.width(), room.width() - FRAME.width()),
        min(size.height(), room.height() - FRAME.height()),
    )


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` (a restored geometry) into its screen's available area."""
    room = available_room(window)
    if room is None:
        return
    size = fit_size(window.size(), window)
    if size != window.size():
        window.resize(size)
    x = min(max(window.x(), room.left()), room.right() + 1 - size.width() - FRAME.width())
    y = min(max(window.y(), room.top()), room.bottom() + 1 - size.height() - FRAME.height())
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, room.left()), max(y, room.top()))


def is_compact(window: QWidget) -> bool:
    return window.width() < COMPACT_SIZE.width() or window.height() < COMPACT_SIZE.height()


class DockLayout(QObject):
    """The docks of ``window``: their first arrangement and their size around a run."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._before_run: tuple[QDockWidget, Qt.Orientation, int] | None = None
        window.training.run_started.connect(self.run_started)
        window.training.run_ended.connect(self.run_ended)

    def _bottom(self) -> list[QDockWidget]:
        return [self.window.issues_dock, self.window.results_dock]

    def _column(self) -> list[QDockWidget]:
        w = self.window
        return [w.inspector_dock, w.data_dock, w.training_dock, w.try_dock]

    def first_launch(self) -> None:
        """The arrangement of a window without a saved layout (called once it is laid out)."""
        w = self.window
        if is_compact(w):
            # Layers first in the tab row: what a new user needs on an empty canvas.
            order = [w.palette_dock, *self._column(), *self._bottom()]
            w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.palette_dock)
            for first, second in pairwise(order):
                w.tabifyDockWidget(first, second)
            w.palette_dock.raise_()
            # Six titles in a row over a 370 px column were elided to "L…", "In…": on the
            # column's outer edge they read whole.
            w.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.East)
            w.resizeDocks([w.inspector_dock], [1], Qt.Orientation.Horizontal)  # its minimum
            layout = w.layout()
            if layout is not None:  # the new minimum size now (a resize at once kept 489 px)
                layout.activate()
        else:
            # Tabbed, not side by side: the plots need the width, and two bottom docks in a
            # row would make the window refuse to shrink below their minimum widths. (Done
            # before the first layout, Qt left a stale second tab bar over the palette.)
            w.tabifyDockWidget(w.issues_dock, w.results_dock)
            w.issues_dock.raise_()
            w.resizeDocks([w.issues_dock], [BOTTOM_FIRST], Qt.Orientation.Vertical)

    def bottom_limit(self) -> int:
        """The most the bottom docks may take of the window's height (``BOTTOM_SHARE``)."""
        return int(self.window.height() * BOTTOM_SHARE)

    def run_started(self) -> None:
        """Show what a run produces (the settings tab and the plots) with room to read them,
        remembering the dock's size to give the canvas back when the run ends."""
        w = self.window
        dock = w.results_dock
        # The size of its tab group now, read from the tab shown (one behind keeps a stale one).
        group = [dock, *w.tabifiedDockWidgets(dock)]
        shown = next((d for d in group if not d.visibleRegion().isEmpty()), dock)
        w.training_dock.raise_()
        dock.raise_()
        w.results_tabs.setCurrentIndex(0)  # the plots
        if dock.isFloating():
            return
        if w.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            orientation, now = Qt.Orientation.Vertical, shown.height()
            wanted = min(RESULTS_HEIGHT, self.bottom_limit())
        else:
            orientation, now = Qt.Orientation.Horizontal, shown.width()
            wanted = int(w.width() * COLUMN_SHARE)
        if self._before_run is None:
            self._before_run = (dock, orientation, now)
        if now < wanted:
            w.resizeDocks([dock], [wanted], orientation)

    def run_ended(self, _result: object = None) -> None:
        """The run is over: the canvas gets its room back. Under the canvas the plots stay
        shown at ``AFTER_RUN_SHARE`` (or the size before the run, if larger); in the compact
        column, which goes back to its width, the Training tab is shown (its summary reads
        whole there, the plots would be cut) with the plots one tab away."""
        before, self._before_run = self._before_run, None
        if before is None:
            return
        dock, orientation, size = before
        if dock.isFloating() or not dock.isVisible():
            return
        w = self.window
        if orientation == Qt.Orientation.Vertical:
            size = max(size, int(w.height() * AFTER_RUN_SHARE))
            if dock.height() > size:
                w.resizeDocks([dock], [size], orientation)
        else:
            if dock.width() > size:
                w.resizeDocks([dock], [size], orientation)
            w.training_dock.raise_()
