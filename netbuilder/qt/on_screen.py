"""Drawing dear widgets only once they are on screen.

The window opens with several panels behind other tabs (the Data tab, the training plots):
building or filling them then cost a quarter of the start-up. Widgets that defer such work ask
``on_screen`` and call ``when_seen`` from their ``event()``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QWidget

# Events after which a widget may have come on screen; after a Paint the work is done just
# after it, not while painting.
SEEN_AFTER = (QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Paint)


def on_screen(widget: QWidget) -> bool:
    """Shown, in an exposed window, and not out of its sight. A dock behind another's tab is
    not hidden but moved out of the window; while a window is being shown (not yet exposed),
    its docks are not yet where they will be."""
    if not widget.isVisible():
        return False
    handle = widget.window().windowHandle()
    return handle is not None and handle.isExposed() and not widget.visibleRegion().isEmpty()


def when_seen(widget: QWidget, event: QEvent, work: Callable[[], None]) -> None:
    """Run ``work`` if ``event`` (being delivered to ``widget``) may have brought it on screen."""
    if event.type() in SEEN_AFTER and on_screen(widget):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, work)
        else:
            work()
