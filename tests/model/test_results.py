"""ProjectResults: what a file's results hold, shaped as readers expect."""

from __future__ import annotations

from netbuilder.model.results import ProjectResults


def test_runs_of_another_shape_are_left_out_not_passed_on():
    history = {
        "runs": [
            {"epochs": 5, "summary": [1], "settings": "x"},  # epochs not a list
            3,  # not a run
            {"epochs": [1, {"epoch": 1, "train_loss": 0.5}], "summary": {"task": "regression"}},
        ]
    }
    runs = ProjectResults(history=history).runs
    assert runs == [
        {"epochs": []},
        {"epochs": [{"epoch": 1, "train_loss": 0.5}], "summary": {"task": "regression"}},
    ]


def test_no_history_or_an_old_list_history_has_no_runs():
    assert ProjectResults().runs == []
    assert ProjectResults(history=[{"epoch": 1}]).runs == []
    assert ProjectResults(history={"runs": "many"}).runs == []
