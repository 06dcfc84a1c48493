"""The canvas widget: zoom to the cursor, pan (middle mouse or space + drag), rubber-band
selection, a quiet grid, and drops from the palette (a layer type) or of copied nodes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QLineF, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView

from netbuilder.model import NetbuilderError
from netbuilder.qt.canvas.items import NODE_WIDTH
from netbuilder.qt.canvas.keyboard import CANVAS_KEYS_HINT
from netbuilder.qt.canvas.overview import Overview
from netbuilder.qt.canvas.scene import LAYER_MIME, NODES_MIME, GraphScene
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.theme import current_theme

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
#: Fit (opening a project, Auto-arrange, Ctrl+0) zooms out no further: node text must stay
#: readable. A graph too big for the view at this scale is shown from its inputs.
READABLE_ZOOM = 0.8
#: The smallest zoom a project saved as fitted (``view: {"zoom": "fit"}``, an imported model)
#: opens at: a ResNet-50 laid out by blocks shows whole in a 1400x900 window.
OVERVIEW_ZOOM = 0.35
ZOOM_STEP = 1.15
GRID = 20.0
MAJOR_EVERY = 5
#: MIME type of a block dragged from the palette: JSON ``{"source": ..., "name": ...}``.
BLOCK_MIME = "application/x-netbuilder-block"


class GraphView(QGraphicsView):
    #: A palette block dropped here: the drag's data and the new card's top-left (the window
    #: adds the use, copying a library block into the project first).
    block_dropped = Signal(bytes, tuple)

    def __init__(self, scene: GraphScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.graph_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        # The grid is drawn in Python; cached, a repaint of the nodes (the gradient overlay
        # recolours them every second during training) does not redraw it: 8.5 -> 4.8 ms.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPointF | None = None
        self._space = False
        self._grid_pens = self._theme_pens()
        self.overview = Overview(self)  # shown while the graph does not fit in the view
        # Fit was the last thing done to the view (no zoom or pan since): a change of the
        # canvas's size (a run's plots taking room, then giving it back) fits again.
        self._fitted, self._fitted_min = False, MIN_ZOOM

    # --- the overview follows what the view shows -------------------------------------------

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt API
        super().scrollContentsBy(dx, dy)
        self._follow()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        try:
            if self._fitted and self.graph_scene.node_items():
                self.zoom_to_fit(self._fitted_min)
        except RuntimeError:  # torn down (see _follow)
            return
        self._follow()

    def _follow(self) -> None:
        """The overview follows the view, unless the window is being torn down: a scene
        destroyed after its view's children (at exit) scrolls the view from its destructor,
        and an exception escaping this override there crashed the interpreter (SIGSEGV in
        shiboken's error path, seen at every exit after 160 files were opened)."""
        try:
            self.overview.view_changed()
        except RuntimeError:  # the overview's C++ object is already gone
            pass

    def look_at(self, point: QPointF) -> None:
        """Centre the view on ``point`` (scene), as the user asked (the overview)."""
        self._fitted = False
        self.centerOn(point)

    def set_top_strip(self, height: int) -> None:
        """Keep ``height`` pixels above the canvas for overlays (the training banner, the
        gradient legend): drawn there they never cover a node. 0 gives the canvas back."""
        if self.viewportMargins().top() != height:
            self.setViewportMargins(0, height, 0, 0)
            self.overview.view_changed()

    # --- zoom -----------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (clamped to 0.1..4), keeping ``anchor`` (view px) in place."""
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        ratio = factor / self.zoom()
        if math.isclose(ratio, 1.0):
            return
        self._scale_by(ratio, anchor)
        self.overview.view_changed()

    def _scale_by(self, ratio: float, anchor: QPointF | None) -> None:
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(ratio, ratio)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            return
        before = self.mapToScene(anchor.toPoint())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.scale(ratio, ratio)
        after = self.mapToScene(anchor.toPoint())
        delta = after - before
        self.translate(delta.x(), delta.y())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def zoom_in(self) -> None:
        self._fitted = False
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._fitted = False
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self._fitted = False
        self.set_zoom(1.0)

    def zoom_to_fit(self, min_zoom: float = 0.1) -> None:
        """Show the whole graph; with ``min_zoom``, never smaller than that (text stays
        readable) and then start from the graph's left end, where its inputs are."""
        self.graph_scene.update_scene_rect()
        rect = self.graph_scene.items_rect()
        if rect.isNull():
            self.reset_zoom()
            self.centerOn(0, 0)
            return
        self._fitted, self._fitted_min = True, min_zoom
        rect = rect.adjusted(-40, -40, 40, 40)
        view = self.viewport().rect()
        factor = min(view.width() / rect.width(), view.height() / rect.height(), 1.5)
        if factor >= min_zoom:
            self.set_zoom(factor)
            self.centerOn(rect.center())
            return
        self.set_zoom(min_zoom)
        half_width = view.width() / self.zoom() / 2.0
        half_height = view.height() / self.zoom() / 2.0
        # What does not fit is shown from its start: the inputs, top left in a wrapped layout.
        x = rect.center().x() if rect.width() / 2 <= half_width else rect.left() + half_width
        y = rect.center().y() if rect.height() / 2 <= half_height else rect.top() + half_height
        self.centerOn(x, y)

    def zoom_on_open(self, view_state: Mapping[str, Any]) -> None:
        """The zoom a project opens at: whole when it was saved fitted, else readable."""
        fitted = view_state.get("zoom") == "fit"
        self.zoom_to_fit(OVERVIEW_ZOOM if fitted else READABLE_ZOOM)

    def ensure_node_visible(self, node_id: str) -> None:
        """Scroll just enough to show ``node_id``'s card (a layer added off screen)."""
        item = self.graph_scene.node_item(node_id)
        if item is not None:
            self._fitted = False
            self.graph_scene.update_scene_rect()
            self.ensureVisible(item.sceneBoundingRect(), 40, 40)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt API
        """Tab / Shift+Tab walk the nodes (selection follows); past the last (first) node the
        focus moves on to the next panel. While choosing a target for Shift+C, they walk the
        targets."""
        keys = self.graph_scene.keys
        if keys.active:
            return keys.step(1 if next else -1)
        node_id = self.graph_scene.select_next(1 if next else -1)
        if node_id is None:
            return super().focusNextPrevChild(next)
        self.ensure_node_visible(node_id)
        return True

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Tabbing in selects the first node (Shift+Tab: the last) and says the canvas keys."""
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            step = 1 if reason == Qt.FocusReason.TabFocusReason else -1
            node_id = self.graph_scene.select_next(step, first=True)
            if node_id is not None:
                self.ensure_node_visible(node_id)
            self.graph_scene.status_message.emit(translate("KeyboardWiring", CANVAS_KEYS_HINT))

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        steps = event.angleDelta().y() / 120.0
        if steps == 0:
            super().wheelEvent(event)
            return
        self._fitted = False
        self.set_zoom(self.zoom() * ZOOM_STEP**steps, event.position())
        event.accept()

    # --- panning --------------------------------------------------------------------------

    def _panning(self, event) -> bool:
        return event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        )

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self._panning(event):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._fitted = False
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - round(delta.x()))
            v.setValue(v.value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None and self._panning(event):
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        super().mouseReleaseEvent(event)
        event.accept()  # the end of a rubber band on empty canvas is ours too

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # --- drops ----------------------------------------------------------------------------

    def _accepts(self, event) -> bool:
        mime = event.mimeData()
        return any(mime.hasFormat(m) for m in (LAYER_MIME, NODES_MIME, BLOCK_MIME))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        mime = event.mimeData()
        pos = self.mapToScene(event.position().toPoint())
        scene = self.graph_scene
        if mime.hasFormat(LAYER_MIME):
            layer_type = bytes(mime.data(LAYER_MIME).data()).decode("utf-8").strip()
            try:
                node_id = scene.document.add_node(layer_type, drop_position(pos))
            except NetbuilderError as exc:
                scene.status_message.emit(localized(exc))
                event.ignore()
                return
            scene.select_nodes([node_id])
        elif mime.hasFormat(BLOCK_MIME):
            self.block_dropped.emit(bytes(mime.data(BLOCK_MIME).data()), drop_position(pos))
        elif mime.hasFormat(NODES_MIME):
            scene.paste_data(bytes(mime.data(NODES_MIME).data()), pos)
        else:
            event.ignore()
            return
        event.acceptProposedAction()
        self.setFocus()

    # --- background and theme ---------------------------------------------------------------

    @staticmethod
    def _theme_pens() -> tuple[QPen, QPen]:
        major = current_theme().color("canvas_grid")
        minor = QColor(major)
        minor.setAlpha(110)
        return QPen(minor, 0), QPen(major, 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        """The application's theme changed: grid, background and cards painted again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._grid_pens = self._theme_pens()
            self.resetCachedContent()
            self.graph_scene.retheme()
            self.overview.retheme()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        painter.fillRect(rect, current_theme().color("canvas_background"))
        step = GRID
        if self.zoom() < 0.5:
            step *= MAJOR_EVERY  # minor lines would be a grey wash when zoomed out
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        minor: list[QLineF] = []
        major: list[QLineF] = []
        major_step = GRID * MAJOR_EVERY
        x = left
        while x < rect.right():
            line = QLineF(x, rect.top(), x, rect.bottom())
            (major if math.isclose(x % major_step, 0.0, abs_tol=1e-6) else minor).append(line)
            x += step
        y = top
        while y < rect.bottom():
            line = QLineF(rect.left(), y, rect.right(), y)
            (major if math.isclose(y % major_step, 0.0, abs_tol=1e-6) else minor).append(line)
            y += step
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(self._grid_pens[0])
        painter.drawLines(minor)
        painter.setPen(self._grid_pens[1])
        painter.drawLines(major)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


def drop_position(pos: QPointF) -> tuple[float, float]:
    """Top-left for a node dropped at ``pos``: the cursor lands on the card's title."""
    return (round(pos.x() - NODE_WIDTH / 2.0), round(pos.y() - 14.0))
