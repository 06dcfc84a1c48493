"""What the canvas and panels show of a shape report, per node."""

from __future__ import annotations

from netbuilder.engine.network.shape_rules import format_shape
from netbuilder.engine.network.shapes import ShapeReport
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate


class ReportView:
    """Per-node display text of a ShapeReport: ``shapes[id]`` ("[N, 64]"), ``errors[id]`` and
    ``notes[id]``, a quiet (card text, full text) for what is pending or only information."""

    def __init__(self, report: ShapeReport) -> None:
        self.shapes = {nid: format_shape(shape) for nid, shape in report.shapes.items()}
        self.errors = {nid: localized(message) for nid, message in report.errors.items()}
        self.notes: dict[str, tuple[str, str]] = {}
        for short, found in (
            (QT_TRANSLATE_NOOP("ReportView", "no dataset yet"), report.notes),
            (QT_TRANSLATE_NOOP("ReportView", "waits for a dataset"), report.awaiting_data),
            (QT_TRANSLATE_NOOP("ReportView", "not connected yet"), report.unconnected),
        ):
            card = translate("ReportView", short)
            self.notes.update((nid, (card, localized(text))) for nid, text in found.items())


def body_view(report: ShapeReport, use_id: str | None) -> ReportView:
    """What to show on an open block's body: the shapes and errors its layers had inside the
    use ``use_id`` (``report.inner``: inner id -> shape, or an error message), or nothing."""
    view = ReportView(ShapeReport())
    inner = report.inner.get(use_id, {}) if use_id is not None else {}
    for node_id, found in inner.items():
        if isinstance(found, str):
            view.errors[node_id] = localized(found)
        elif found is not None:
            view.shapes[node_id] = format_shape(found)
    return view
