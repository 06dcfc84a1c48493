"""The Evaluation tab's sample browser: the test samples the network gets most wrong or is least
sure of, each with its true and predicted class and their probabilities.

The rankings come from ``engine.explain.samples`` (computed in the evaluation's task);
``prepare_samples`` also runs on that task's thread and turns the rows' images into small
QImages (QImage, unlike QPixmap, may be made off the GUI thread), so filling the table costs the
GUI thread no decoding, even for an image folder streamed from disk. Choosing a row shows the
sample larger with its top probabilities, emits ``sample_chosen`` (its index in the split) and
makes ``chosen_sample()`` answer; ``detail_area`` is the layout where the saliency view goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.explain.sample_source import ChosenSample, RawSample, SampleSource, choose
from netbuilder.engine.explain.samples import SampleReport, SampleRow
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.image_classes import thumbnail, to_qimage
from netbuilder.qt.theme import theme_color
from netbuilder.qt.training.probability_bars import ProbabilityBars

EMPTY = QT_TRANSLATE_NOOP(
    "SamplesBrowser",
    "Evaluate the trained network (train it, or press Evaluate now) to browse the test samples "
    "it gets most wrong and is least sure of.",
)
FINDING = QT_TRANSLATE_NOOP(
    "SamplesBrowser", "Finding the test samples the network gets most wrong…"
)
ICON = 28  # thumbnail side in the table: rows stay short in a low bottom dock
PICTURE = 96  # the chosen sample's picture
PREVIEW_CHARS = 60
RANKING_TEXT = {  # the engine's rankings as the chooser names them
    "most_wrong": QT_TRANSLATE_NOOP("SamplesBrowser", "Most wrong"),
    "least_sure": QT_TRANSLATE_NOOP("SamplesBrowser", "Least sure"),
    "largest_error": QT_TRANSLATE_NOOP("SamplesBrowser", "Largest error"),
    "all": QT_TRANSLATE_NOOP("SamplesBrowser", "All"),
}
EXPLAINED = {
    "most_wrong": QT_TRANSLATE_NOOP("SamplesBrowser", "lowest P(true) first"),
    "least_sure": QT_TRANSLATE_NOOP(
        "SamplesBrowser", "smallest gap between the top two classes first"
    ),
    "largest_error": QT_TRANSLATE_NOOP("SamplesBrowser", "largest absolute error first"),
    "all": QT_TRANSLATE_NOOP("SamplesBrowser", "in the split's order"),
}
CHOOSER_TIP = QT_TRANSLATE_NOOP(
    "SamplesBrowser",
    "Most wrong: the misclassified samples, lowest probability on the true class first.\n"
    "Least sure: every sample, smallest gap between its two most likely classes first.\n"
    "Largest error: a regression's samples, largest absolute error first.\n"
    "All: the split in its own order.",
)
SPLIT_TEXT = {
    "test": QT_TRANSLATE_NOOP("SamplesBrowser", "test"),
    "val": QT_TRANSLATE_NOOP("SamplesBrowser", "validation"),
    "train": QT_TRANSLATE_NOOP("SamplesBrowser", "training"),
}


@dataclass
class ShownSamples:
    """A report ready to show: its rows' thumbnails (image data) and one-line previews."""

    report: SampleReport
    source: SampleSource | None
    thumbnails: dict[int, QImage] = field(default_factory=dict)
    previews: dict[int, str] = field(default_factory=dict)


def prepare_samples(report: SampleReport, source: SampleSource | None) -> ShownSamples:
    """On the task's thread: read each ranked row's raw form once (at most a few hundred)."""
    shown = ShownSamples(report, source)
    if source is None:
        return shown
    indices = {row.index for rows in report.rankings.values() for row in rows}
    for index in sorted(indices):
        raw = source.raw(index)
        image = next((r.image for r in raw if r.image is not None), None)
        if image is not None:
            low, high = float(image.min()), float(image.max())
            shown.thumbnails[index] = to_qimage(image, low, high)
        shown.previews[index] = preview_text(raw)
    return shown


def preview_text(raw: list[RawSample]) -> str:
    """A sample in one short line: its text, ids, or first feature values."""
    parts = []
    for r in raw:
        if r.kind in ("text", "ids"):
            parts.append(r.text)
        elif r.kind == "features":
            parts.append(", ".join(f"{name} {value:.4g}" for name, value in r.values[:4]))
    line = " · ".join(p for p in parts if p)
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"


class SamplesBrowser(QWidget):
    """Ranking chooser, table of samples, and the chosen one in detail."""

    sample_chosen = Signal(int)  # the sample's index in the evaluated split
    cleared = Signal()  # no sample in detail any more (stale weights, a new listing)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplesBrowser")
        self.shown: ShownSamples | None = None
        self.rows: list[SampleRow] = []  # the table's rows, in order
        title = QLabel(translate("SamplesBrowser", "Samples"))
        title.setProperty("role", "heading")
        self.ranking = QComboBox()
        self.ranking.setObjectName("sampleRanking")
        self.ranking.setToolTip(translate("SamplesBrowser", CHOOSER_TIP))
        self.ranking.currentIndexChanged.connect(self._fill_table)
        self.note = QLabel()
        self.note.setObjectName("samplesNote")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("sampleTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setIconSize(QSize(ICON, ICON))
        self.table.setWordWrap(False)  # one line a row, elided: rows stay icon-high
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ICON + 4)
        self.table.itemSelectionChanged.connect(self._on_selection)

        self.picture = QLabel()
        self.picture.setObjectName("samplePicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A text or a feature row: below the bars, the detail's whole width, scrolled.
        self.text = QLabel()
        self.text.setObjectName("sampleText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_scroll = QScrollArea()
        self.text_scroll.setWidgetResizable(True)
        self.text_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.text_scroll.setWidget(self.text)
        self.text_scroll.hide()
        self.caption = QLabel()
        self.caption.setObjectName("sampleCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.bars = ProbabilityBars()
        top = QHBoxLayout()
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.bars, 1, Qt.AlignmentFlag.AlignTop)
        self.detail_area = QVBoxLayout()  # the saliency view goes here
        detail = QVBoxLayout()
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.caption)
        detail.addLayout(top)
        detail.addWidget(self.text_scroll, 1)
        detail.addLayout(self.detail_area)
        detail.addStretch(1)
        self.detail = QWidget()
        self.detail.setObjectName("sampleDetail")
        self.detail.setLayout(detail)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.ranking)
        head.addWidget(self.note, 1)
        listing = QVBoxLayout()
        listing.setContentsMargins(0, 0, 0, 0)
        listing.addLayout(head)
        listing.addWidget(self.table, 1)
        listed = QWidget()
        listed.setLayout(listing)
        full = QHBoxLayout()
        full.setContentsMargins(0, 0, 0, 0)
        full.addWidget(listed, 3)
        full.addWidget(self.detail, 2)
        self.browser = QWidget()
        self.browser.setLayout(full)
        self.empty = QLabel(translate("SamplesBrowser", EMPTY))
        self.empty.setObjectName("samplesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.browser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- filling ------------------------------------------------------------------------------

    def clear(self, message: str = EMPTY) -> None:
        """Nothing to show (stale weights, another project, an evaluation under way);
        ``message``: a source of the "SamplesBrowser" context, or words already translated."""
        self.shown = None
        self.rows = []
        self.table.setRowCount(0)
        self.ranking.blockSignals(True)
        self.ranking.clear()
        self.ranking.blockSignals(False)
        self.empty.setText(translate("SamplesBrowser", message))
        self.stack.setCurrentWidget(self.empty)
        self.cleared.emit()

    def show_samples(self, shown: ShownSamples) -> None:
        report = shown.report
        if not report.rankings:
            self.clear(localized(report.note) if report.note else EMPTY)
            return
        self.shown = shown
        self.ranking.blockSignals(True)
        self.ranking.clear()
        for key in report.rankings:
            label = RANKING_TEXT.get(key)
            self.ranking.addItem(translate("SamplesBrowser", label) if label else key, key)
        wrong = report.rankings.get("most_wrong")
        self.ranking.setCurrentIndex(0 if wrong or wrong is None else 1)  # none wrong: least sure
        self.ranking.blockSignals(False)
        self.stack.setCurrentWidget(self.browser)
        self._fill_table()

    def ranking_key(self) -> str:
        return str(self.ranking.currentData() or "")

    def _fill_table(self) -> None:
        shown = self.shown
        if shown is None:
            return
        report, key = shown.report, self.ranking_key()
        self.cleared.emit()  # the sample in detail may not be listed any more
        self.rows = list(report.rankings.get(key, []))
        regression = report.task == "regression"
        heads = [
            translate("SamplesBrowser", "Sample"),
            translate("SamplesBrowser", "True"),
            translate("SamplesBrowser", "Predicted"),
            translate("SamplesBrowser", "Error")
            if regression
            else translate("SamplesBrowser", "P(true)"),
        ]
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, item in enumerate(self._items(shown, row)):
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        header = self.table.horizontalHeader()
        # Pictures need only their icon's width: the class names get the room. A text or a
        # feature row is the widest thing to read.
        pictures = bool(shown.thumbnails)
        for c in range(4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2 if pictures else 0, QHeaderView.ResizeMode.Stretch)
        self.note.setText(self._note(report, key))
        explained = EXPLAINED.get(key)
        self.note.setToolTip(
            translate("SamplesBrowser", "{ranking}: {explained}").format(
                ranking=self.ranking.currentText(),
                explained=translate("SamplesBrowser", explained) if explained else "",
            )
        )
        if self.rows:
            self.table.selectRow(0)
        else:
            self._show_detail(None)

    def _items(self, shown: ShownSamples, row: SampleRow) -> list[QTableWidgetItem]:
        report = shown.report
        first = QTableWidgetItem(shown.previews.get(row.index) or f"#{row.index}")
        image = shown.thumbnails.get(row.index)
        if image is not None:
            first.setIcon(thumbnail(QPixmap.fromImage(image), ICON))
            first.setText("")
        preview = shown.previews.get(row.index, "")
        split = SPLIT_TEXT.get(report.split)
        first.setToolTip(
            translate("SamplesBrowser", "{split} sample #{index}\n{preview}")
            .format(
                split=translate("SamplesBrowser", split) if split else report.split,
                index=row.index,
                preview=preview,
            )
            .strip()
        )
        if report.task == "regression":
            texts = [_values(row.true_values), _values(row.predicted_values), f"{row.error:.4g}"]
        else:
            p_pred = next((p for c, p in row.top if c == row.predicted), float("nan"))
            texts = [
                report.class_name(row.true),
                f"{report.class_name(row.predicted)} ({p_pred:.0%})",
                f"{row.p_true:.1%}",
            ]
        items = [first] + [QTableWidgetItem(t) for t in texts]
        if row.wrong:
            items[2].setForeground(theme_color("error"))
        return items

    @staticmethod
    def _note(report: SampleReport, key: str) -> str:
        n = report.n_samples
        if key == "most_wrong":
            if not report.n_wrong:
                return translate(
                    "SamplesBrowser", "None of the {n} is misclassified: see Least sure."
                ).format(n=n)
            shown = len(report.rankings.get(key, []))
            if shown < report.n_wrong:
                return translate(
                    "SamplesBrowser", "{wrong} of {n} wrong, the first {shown}"
                ).format(wrong=report.n_wrong, n=n, shown=shown)
            return translate("SamplesBrowser", "{wrong} of {n} wrong").format(
                wrong=report.n_wrong, n=n
            )
        shown = len(report.rankings.get(key, []))
        if shown < n:
            return translate("SamplesBrowser", "{shown} of {n}").format(shown=shown, n=n)
        return translate("SamplesBrowser", "all {n}").format(n=n)

    # --- choosing -----------------------------------------------------------------------------

    def current_row(self) -> SampleRow | None:
        selected = self.table.selectionModel().selectedRows()
        r = selected[0].row() if selected else -1
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def _on_selection(self) -> None:
        row = self.current_row()
        self._show_detail(row)
        if row is not None:
            self.sample_chosen.emit(row.index)

    def chosen_sample(self) -> ChosenSample | None:
        """The selected sample with its input tensors and the trained network (CPU, eval
        mode; copied on the first call), or None when none is selected."""
        row, shown = self.current_row(), self.shown
        if row is None or shown is None or shown.source is None:
            return None
        return choose(shown.source, shown.report, row)

    def _show_detail(self, row: SampleRow | None) -> None:
        shown = self.shown
        if row is None or shown is None:
            self.picture.clear()
            self.text_scroll.hide()
            self.caption.setText("")
            self.bars.set_bars([])
            return
        report = shown.report
        image = shown.thumbnails.get(row.index)
        self.picture.setVisible(image is not None)
        self.text_scroll.setVisible(image is None)
        if image is not None:
            self.picture.setPixmap(thumbnail(QPixmap.fromImage(image), PICTURE))
        else:
            self.text.setText(self._long_text(shown, row.index))
        if report.task == "regression":
            self.caption.setText(
                translate(
                    "SamplesBrowser",
                    "<b>#{index}</b> · true {true} · predicted {predicted} · error {error}",
                ).format(
                    index=row.index,
                    true=escape(_values(row.true_values)),
                    predicted=escape(_values(row.predicted_values)),
                    error=f"{row.error:.4g}",
                )
            )
            self.bars.set_bars([])
            return
        true, pred = report.class_name(row.true), report.class_name(row.predicted)
        error = theme_color("error").name()
        if row.wrong:
            verdict = translate(
                "SamplesBrowser", "<span style='color:{color}'>wrong</span>"
            ).format(color=error)
        else:
            verdict = translate("SamplesBrowser", "right")
        self.caption.setText(
            translate(
                "SamplesBrowser",
                "<b>#{index}</b> · true <b>{true}</b> · predicted <b>{predicted}</b> ({verdict})",
            ).format(index=row.index, true=escape(true), predicted=escape(pred), verdict=verdict)
        )
        bars = []
        for c, p in row.top:
            role = "true" if c == row.true else "wrong" if c == row.predicted else ""
            bars.append((report.class_name(c), p, role))
        if all(c != row.true for c, _ in row.top):  # the true class beyond the top few
            bars.append((report.class_name(row.true), row.p_true, "true"))
        self.bars.set_bars(bars)

    @staticmethod
    def _long_text(shown: ShownSamples, index: int) -> str:
        """A text's or a feature row's whole raw form (read again: previews are cut short)."""
        if shown.source is None:
            return ""
        lines = []
        for r in shown.source.raw(index):
            if r.kind in ("text", "ids"):
                lines.append(r.text)
            else:
                lines.extend(f"{name}: {value:.4g}" for name, value in r.values[:12])
        return "\n".join(lines)


def _values(values: tuple[float, ...]) -> str:
    return ", ".join(f"{v:.4g}" for v in values)


def samples_of(run: Any, split: str, evaluated: Any = None) -> ShownSamples:
    """On a task's thread: the rankings of ``run`` on ``split``, ready to show. A regression's
    evaluation (``evaluated``: a SplitEvaluation) already holds the predictions: ranked as they
    are, without a second forward pass. The samples are an extra beside the metrics: a failure
    here is said in the browser and does not fail the evaluation."""
    from netbuilder.engine.explain.samples import rank_outputs, sample_report

    try:
        if evaluated is not None and evaluated.predicted is not None:
            info = run.dataset.info
            report = rank_outputs(
                evaluated.predicted,
                evaluated.true,
                run.trainer.task,
                split=split,
                class_names=info.class_names,
                target_names=info.target_names,
            )
        else:
            report = sample_report(run, split)
        return prepare_samples(report, SampleSource(run, split))
    except Exception as exc:  # noqa: BLE001 - shown to the user, beside the metrics
        from netbuilder.qt.training.panel import error_text

        note = translate("SamplesBrowser", "The samples could not be listed: {error}").format(
            error=error_text(exc)
        )
        return ShownSamples(SampleReport(str(run.trainer.task), split, note=note), None)
