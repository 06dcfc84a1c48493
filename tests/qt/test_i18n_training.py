"""The training area in Simplified Chinese: the Training panel's controls, the plots' titles,
axes and legends, the Evaluation tab, Inside the network, the learning-rate range tab, the
canvas tint's legend and the doctor's rows after a short run, with no English left over in
them (only the words the engine still says in English, until its area is translated)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFormLayout, QWidget

from netbuilder.engine.training.baseline import describe as describe_baseline
from netbuilder.io import save_project
from tests.engine.doctor.support import mlp_project
from tests.qt.doctor_support import open_project, train
from tests.qt.i18n_support import TAGS, chinese, english_leftovers, english_words


def _form_label(panel: QWidget, name: str) -> str:
    layout = panel.fields[name].parentWidget().layout()  # type: ignore[attr-defined]
    forms = [layout, *layout.findChildren(QFormLayout)]
    for form in forms:
        if isinstance(form, QFormLayout):
            label = form.labelForField(panel.fields[name])  # type: ignore[attr-defined]
            if label is not None:
                return str(label.text())
    raise AssertionError(f"no form label for {name}")


def _title(plot: object) -> str:
    """The plot's title without the theme's colour span around it."""
    return TAGS.sub("", str(plot.getPlotItem().titleLabel.text))  # type: ignore[attr-defined]


def _axis(plot: object, side: str) -> str:
    return str(plot.getPlotItem().getAxis(side).labelText)  # type: ignore[attr-defined]


def test_training_panel_plots_evaluation_and_inside_read_in_chinese(make_window) -> None:
    with chinese() as language:
        assert language == "zh_CN"
        window = make_window()
        panel = window.training_panel
        assert [b.text() for b in (panel.start_button, panel.pause_button)] == ["开始", "暂停"]
        assert [b.text() for b in (panel.stop_button, panel.check_button)] == ["停止", "检查"]
        assert panel.continue_box.text() == "从训练好的权重继续"
        assert _form_label(panel, "lr") == "学习率"
        assert _form_label(panel, "batch_size") == "批大小"
        assert _form_label(panel, "epochs") == "轮次"
        loss_items = [panel.fields["loss"].itemText(i) for i in range(panel.fields["loss"].count())]
        assert "交叉熵" in loss_items and "均方误差" in loss_items
        assert panel.progress.format() == "尚未训练"
        assert panel.status.text() in ("可以开始训练。", "尚不能训练。")

        plots = window.training_plots
        assert (_title(plots.loss_plot), _axis(plots.loss_plot, "left")) == ("损失", "损失")
        assert _axis(plots.loss_plot, "bottom") == "步"
        assert _title(plots.lr_plot) == "学习率" and _axis(plots.metric_plot, "bottom") == "轮次"
        assert _title(plots.grad_plot) == "每层梯度范数"
        names = [label.text for _sample, label in plots.loss_legend.items]
        assert names == ["训练", "验证"]
        assert plots.log_box.text() == "对数刻度"

        evaluation = window.evaluation_view
        assert evaluation.evaluate_button.text() == "立即评估"
        assert evaluation.summary.text() == "训练网络后可查看它在测试集上的表现。"
        assert evaluation.confusion_title.text().startswith("混淆矩阵")
        assert _title(evaluation.plots.scatter_plot) == "预测值与真实值"
        assert _axis(evaluation.plots.scatter_plot, "left") == "预测值"

        inside = plots.inside
        inside.build()
        assert inside.message.text().startswith("训练网络后可查看网络内部")
        assert _title(inside.plots["wnorm"]) == "权重范数"
        assert _axis(inside.plots["ratio"], "bottom") == "步"
        hist = inside.histograms
        kinds = [hist.kind_box.itemText(i) for i in range(hist.kind_box.count())]
        assert kinds == ["权重", "梯度", "激活值"] and hist.kind == "Weights"

        tabs = window.results_tabs
        assert tabs.tabText(tabs.indexOf(window.doctor.lr_tab)) == "学习率"
        assert window.doctor.lr_view.use_button.text() == "使用此学习率"
        assert window.doctor.action.text() == "检查网络(&N)"

        for widget in (panel, plots, evaluation, inside, window.doctor.lr_view):
            assert english_leftovers(widget) == []
        legend = window.training.overlay.legend
        combo = [legend.combo.itemText(i) for i in range(legend.combo.count())]
        assert combo == ["梯度范数", "激活情况", "更新比"]


@pytest.fixture
def deep_sigmoid(tmp_path: Path) -> Path:
    # As in test_doctor_run_window: 12 short epochs whose watch finds a vanishing gradient.
    project = mlp_project([32] * 6, "Sigmoid", optimizer="sgd", lr=0.1, epochs=12)
    return save_project(tmp_path / "deep_sigmoid.json", project)


def test_a_run_its_doctor_rows_evaluation_and_tint_read_in_chinese(
    make_window, qtbot, deep_sigmoid: Path
) -> None:
    with chinese():
        window = make_window()
        open_project(window, qtbot, deep_sigmoid, arrange=True)
        result = train(window, qtbot)
        assert result is not None
        panel = window.training_panel
        assert panel.pause_button.text() == "暂停"
        assert panel.progress.format() == "轮次 12/12 · 步 132/132 · %p%"

        rows = [i for i in window.issues.issues if i.from_doctor and i.node == "linear_1"]
        vanishing = [i for i in rows if "梯度消失" in i.message]
        assert vanishing, [i.message for i in rows]
        message = vanishing[0].message
        assert message.startswith("诊断（上次训练）：梯度消失")
        assert "\n观察到：占最大层的比例 " in message
        assert "\n含义：" in message and "\n建议：" in message
        button = window.issues.fix_button("linear_1")
        assert button is not None and button.text() == "修复：将 6 个层替换为 ReLU"

        plots = window.training_plots
        assert english_leftovers(plots) == []
        legend = window.training.overlay.legend
        assert legend.isVisibleTo(window) and legend.text().startswith("梯度范数")
        assert "对数刻度" in legend.text() and not english_words(legend.text())
        assert not english_words(legend.toolTip())

        evaluation = window.evaluation_view
        samples = evaluation.samples
        qtbot.waitUntil(lambda: samples.stack.currentWidget() is samples.browser, timeout=60_000)
        summary = window.document.results.runs[-1]["summary"]
        assert "已完成" in evaluation.summary.text() and "测试准确率" in evaluation.summary.text()
        # The baseline's "predicting the training majority class 1" is the engine's words.
        engine_words = set(english_words(describe_baseline(summary["baseline"])))
        assert set(english_words(evaluation.summary.text())) <= engine_words
        headers = [samples.table.horizontalHeaderItem(c).text() for c in range(3)]
        assert headers == ["样本", "真实", "预测"]
        assert samples.ranking.currentText() in ("错得最多", "最不确定")
        leftovers = english_leftovers(evaluation, ignore={evaluation.summary.text()})
        assert leftovers == [], "\n".join(leftovers)
