"""The Issues list in a narrow dock (a 1024x640 window tabs it on the right): the message wraps
instead of being cut to one letter, and a Fix button says "Fix" with its whole label in the
tooltip; wide again, the button says what it does."""

from __future__ import annotations

from netbuilder.qt.app import examples_dir
from netbuilder.qt.issues_panel import COMPACT_BELOW


def test_a_narrow_list_wraps_the_message_and_shortens_the_fix(make_window, qtbot) -> None:
    window = make_window((1024, 640))
    examples = examples_dir()
    assert examples is not None and window.open_example(examples / "digits_mlp.json")
    assert window.data_panel.bind_builtin("digits_images")  # Linear after [N, 1, 8, 8]
    panel = window.issues
    panel.resize(420, 300)
    qtbot.waitUntil(lambda: panel.tree.viewport().width() < COMPACT_BELOW)
    button = panel.fix_button("linear_1")
    assert button is not None
    assert button.text() == "Fix"
    assert button.toolTip().startswith("Fix: Insert Flatten before linear_1")
    tree = panel.tree
    row = tree.visualItemRect(tree.topLevelItem(0))
    line = tree.fontMetrics().height()
    assert row.height() >= 2 * line  # wrapped, not one elided line
    panel.resize(1200, 300)
    qtbot.waitUntil(lambda: panel.tree.viewport().width() >= COMPACT_BELOW)
    assert button.text() == "Fix: Insert Flatten before linear_1"
