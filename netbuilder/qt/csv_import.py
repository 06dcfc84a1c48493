"""The CSV import row of the Data panel: the target column and "Use this file", and for a CSV
with text-like or id-like columns the table of column roles and input groups.

``start(path)`` reads the header and a sample of rows (not the file: that is the task's job);
``options()`` is the binding's options, or RolesError naming what cannot work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.qt.csv_columns import MAX_ROWS, CsvColumnsTable
from netbuilder.qt.csv_roles import binding_options, guess_roles, has_special_columns, read_sample
from netbuilder.qt.data_sources import read_csv_header
from netbuilder.qt.i18n import translate


class CsvImport(QWidget):
    """What a CSV import asks before the file is read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target_label = QLabel(translate("CsvImport", "Target column"))
        self.target_combo = QComboBox()
        self.target_combo.setObjectName("targetCombo")
        self.use_button = QPushButton(translate("CsvImport", "Use this file"))
        self.use_button.setObjectName("useCsvButton")
        self.columns = CsvColumnsTable()
        self.columns_hint = QLabel(
            translate(
                "CsvImport",
                "Some columns look like text or ids. Set each column's role; columns with the "
                "same input group feed one Input node.",
            )
        )
        self.columns_hint.setWordWrap(True)
        self.columns_hint.setProperty("role", "help")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.target_label)
        row.addWidget(self.target_combo, 1)
        row.addStretch(0)
        row.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.columns_hint)
        layout.addWidget(self.columns)
        layout.addLayout(row)
        self.columns.hide()
        self.columns_hint.hide()

    @property
    def uses_roles(self) -> bool:
        """Whether the column table (not the target combo) says how the file is read."""
        return not self.columns.isHidden()

    def start(self, path: Path) -> None:
        """Ask about ``path``: the table of roles when text or ids were guessed, else a target.
        Raises OSError or DataError when the header cannot be read."""
        names, header = read_csv_header(path)
        self.target_combo.clear()
        for i, name in enumerate(names):
            self.target_combo.addItem(name, name if header else i)
        self.target_combo.setCurrentIndex(len(names) - 1)
        roles = []
        if header and len(names) <= MAX_ROWS:  # text and id columns are named in the options
            _, rows = read_sample(path)
            roles = guess_roles(names, rows)
        special = has_special_columns(roles)
        if special:
            self.columns.set_roles(roles)
        self.columns.setVisible(special)
        self.columns_hint.setVisible(special)
        self.target_label.setVisible(not special)
        self.target_combo.setVisible(not special)

    def options(self) -> dict[str, Any]:
        """The binding's options; RolesError names a role that cannot work."""
        if self.uses_roles:
            return binding_options(self.columns.roles())
        return {"target": self.target_combo.currentData()}
