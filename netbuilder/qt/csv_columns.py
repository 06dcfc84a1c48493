"""A compact table of a CSV's columns for its import: a role each (feature, text, id, target,
ignore), the input group it feeds, and for text its level and maximum length.

Shown by the Data panel when a CSV has text-like or id-like columns (``csv_roles.guess_roles``);
``roles()`` reads the rows back for ``csv_roles.binding_options``. A column's level and length
are editable only while its role is text; its group starts as the default (the column's name
for text and ids, "features" for the others) and follows the role until the user renames it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from netbuilder.qt.csv_roles import ROLES, TEXT_LEVELS, ColumnRole
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate

MAX_ROWS = 200  # a wider CSV (784 pixel columns) imports with the target combo alone
COLUMN, ROLE, GROUP, LEVEL, LENGTH = range(5)
HEADERS = (
    QT_TRANSLATE_NOOP("CsvColumnsTable", "Column"),
    QT_TRANSLATE_NOOP("CsvColumnsTable", "Role"),
    QT_TRANSLATE_NOOP("CsvColumnsTable", "Input"),
    QT_TRANSLATE_NOOP("CsvColumnsTable", "Level"),
    QT_TRANSLATE_NOOP("CsvColumnsTable", "Length"),
)
ROLE_LABELS = {
    "feature": QT_TRANSLATE_NOOP("CsvColumnsTable", "feature"),
    "text": QT_TRANSLATE_NOOP("CsvColumnsTable", "text"),
    "id": QT_TRANSLATE_NOOP("CsvColumnsTable", "id"),
    "target": QT_TRANSLATE_NOOP("CsvColumnsTable", "target"),
    "ignore": QT_TRANSLATE_NOOP("CsvColumnsTable", "ignore"),
}
LEVEL_LABELS = {
    "word": QT_TRANSLATE_NOOP("CsvColumnsTable", "word"),
    "char": QT_TRANSLATE_NOOP("CsvColumnsTable", "char"),
}
ROLE_TIPS = {
    "feature": QT_TRANSLATE_NOOP("CsvColumnsTable", "A number, or categories (one-hot encoded)"),
    "text": QT_TRANSLATE_NOOP(
        "CsvColumnsTable", "Words or characters, turned into token indices for an Embedding"
    ),
    "id": QT_TRANSLATE_NOOP(
        "CsvColumnsTable", "An identifier (user, item), turned into an index for an Embedding"
    ),
    "target": QT_TRANSLATE_NOOP("CsvColumnsTable", "The column to predict"),
    "ignore": QT_TRANSLATE_NOOP("CsvColumnsTable", "Not used"),
}


class CsvColumnsTable(QTableWidget):
    """``set_roles(roles)`` fills it; ``roles()`` reads it back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("csvColumns")
        self.setHorizontalHeaderLabels([translate("CsvColumnsTable", h) for h in HEADERS])
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        # The column's name is read first: it keeps its width; the group name gives way.
        for column in (COLUMN, ROLE, LEVEL, LENGTH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GROUP, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        length_tip = translate(
            "CsvColumnsTable",
            "Max length: tokens kept per text (longer ones are cut, shorter ones padded)",
        )
        length_header = self.horizontalHeaderItem(LENGTH)
        if length_header is not None:
            length_header.setToolTip(length_tip)
        self.setToolTip(
            translate(
                "CsvColumnsTable",
                "How each column is used. Columns with the same input group feed one Input node "
                "(name the groups to build a network with several inputs); a text or id column "
                "is an input of its own.",
            )
        )

    def set_roles(self, roles: list[ColumnRole]) -> None:
        self.setRowCount(0)
        self.setRowCount(len(roles))
        for row, item in enumerate(roles):
            name = QTableWidgetItem(item.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, COLUMN, name)
            role = QComboBox()
            for choice in ROLES:
                role.addItem(translate("CsvColumnsTable", ROLE_LABELS[choice]), choice)
                role.setItemData(
                    role.count() - 1,
                    translate("CsvColumnsTable", ROLE_TIPS[choice]),
                    Qt.ItemDataRole.ToolTipRole,
                )
            role.setCurrentIndex(ROLES.index(item.role))
            role.currentIndexChanged.connect(lambda _i, r=row: self._role_changed(r))
            self.setCellWidget(row, ROLE, role)
            group = QTableWidgetItem(item.group)
            group.setToolTip(
                translate("CsvColumnsTable", "Columns with the same group name feed one Input node")
            )
            self.setItem(row, GROUP, group)
            level = QComboBox()
            for choice in TEXT_LEVELS:
                level.addItem(translate("CsvColumnsTable", LEVEL_LABELS[choice]), choice)
            level.setCurrentIndex(TEXT_LEVELS.index(item.level))
            self.setCellWidget(row, LEVEL, level)
            length = QSpinBox()
            length.setRange(1, 4096)
            length.setValue(item.max_length)
            length.setToolTip(
                translate(
                    "CsvColumnsTable",
                    "Tokens kept per text (longer texts are cut, shorter ones padded)",
                )
            )
            self.setCellWidget(row, LENGTH, length)
            self._role_changed(row)
        self.resizeRowsToContents()
        # As tall as its rows (up to 8), down to 2 rows when the window is short: it scrolls.
        chrome = self.horizontalHeader().height() + 2 * self.frameWidth()
        heights = [self.rowHeight(r) for r in range(min(len(roles), 8))]
        self.setMinimumHeight(chrome + sum(heights[:2]))
        self.setMaximumHeight(chrome + sum(heights))

    def role_combo(self, row: int) -> QComboBox:
        widget = self.cellWidget(row, ROLE)
        assert isinstance(widget, QComboBox)
        return widget

    def _level(self, row: int) -> QComboBox:
        widget = self.cellWidget(row, LEVEL)
        assert isinstance(widget, QComboBox)
        return widget

    def _length(self, row: int) -> QSpinBox:
        widget = self.cellWidget(row, LENGTH)
        assert isinstance(widget, QSpinBox)
        return widget

    def _role_changed(self, row: int) -> None:
        role = self.role_combo(row).currentData()
        text = role == "text"
        self._level(row).setEnabled(text)
        self._length(row).setEnabled(text)
        group, name = self.item(row, GROUP), self.item(row, COLUMN)
        if group is not None and name is not None:
            used = role in ("feature", "text", "id")
            default = ColumnRole(name.text(), str(role)).input_group if used else ""
            if group.text() in ("", group.data(Qt.ItemDataRole.UserRole)):  # not the user's
                group.setText(default)
            group.setData(Qt.ItemDataRole.UserRole, default)
            flags = Qt.ItemFlag.ItemIsEnabled | (
                Qt.ItemFlag.ItemIsEditable if used else Qt.ItemFlag.NoItemFlags
            )
            group.setFlags(flags)
        if role == "target":  # one target: the one before becomes a feature
            for other in range(self.rowCount()):
                combo = self.role_combo(other)
                if other != row and combo.currentData() == "target":
                    combo.setCurrentIndex(ROLES.index("feature"))

    def roles(self) -> list[ColumnRole]:
        out = []
        for row in range(self.rowCount()):
            name = self.item(row, COLUMN)
            group = self.item(row, GROUP)
            if name is None or self.cellWidget(row, ROLE) is None:
                continue
            out.append(
                ColumnRole(
                    name=name.text(),
                    role=str(self.role_combo(row).currentData()),
                    group=group.text() if group is not None else "",
                    level=str(self._level(row).currentData()),
                    max_length=self._length(row).value(),
                )
            )
        return out
