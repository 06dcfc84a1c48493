"""Why an import failed, readable: the summary, then each problem on its own lines (what, where,
what to do), selectable so it can be copied into an issue or a search."""

from __future__ import annotations

import html
import re

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from netbuilder.qt.i18n import translate

# "layer1.0: aten.sin at unsupported.py:14 `y = torch.sin(x)`: netbuilder has no layer ..."
_PROBLEM = re.compile(r"^(?P<where>[^:]+): (?P<what>\S+)(?: at (?P<line>.+?))?: (?P<why>.+)$")


class ImportReport(QDialog):
    def __init__(self, summary: str, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ImportReport", "Cannot import the model"))
        self.setObjectName("importReport")
        self.summary = summary
        self.problems = list(problems)
        heading = QLabel(summary)
        heading.setObjectName("importReportSummary")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600")
        self.details = QTextBrowser()
        self.details.setObjectName("importReportDetails")
        self.details.setHtml(_as_html(self.problems))
        self.details.setVisible(bool(self.problems))
        footer = QLabel(
            translate("ImportReport", "Nothing was imported; the open project is unchanged.")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(footer)
        layout.addWidget(buttons)
        self.resize(640, 360 if self.problems else 160)

    def text(self) -> str:
        """The report as plain text (the summary, then one line per problem)."""
        return "\n".join([self.summary, *self.problems])


def _as_html(problems: list[str]) -> str:
    items = []
    for problem in problems:
        m = _PROBLEM.match(problem)
        if m is None:
            items.append(f"<p>{html.escape(problem)}</p>")
            continue
        where = html.escape(m["where"])
        what, why = html.escape(m["what"]), html.escape(m["why"])
        if m["line"]:
            text = translate(
                "ImportReport", "<b>{what}</b> in {where}<br>at <code>{line}</code><br>{why}"
            ).format(what=what, where=where, line=html.escape(m["line"]), why=why)
        else:
            text = translate("ImportReport", "<b>{what}</b> in {where}<br>{why}").format(
                what=what, where=where, why=why
            )
        items.append(f"<p>{text}</p>")
    return "".join(items)
