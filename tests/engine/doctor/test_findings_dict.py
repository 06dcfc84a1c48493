"""``Finding.from_dict``: a saved history's findings read back, remedies included; missing keys
take defaults; a malformed one is a ``ValueError`` that says what is wrong."""

from __future__ import annotations

import pytest

from netbuilder.engine.doctor.findings import Finding, Remedy
from netbuilder.engine.doctor.watch import finding_from_dict


def test_a_finding_round_trips_with_its_remedies() -> None:
    finding = Finding(
        "loss_diverging",
        None,
        {"lr": 10.0},
        "too fast",
        "slower",
        (
            Remedy("set_setting", "Set the learning rate to 1", "lr", 1.0),
            Remedy(
                "insert_after", "Add Dropout", node="act_1", layer_type="Dropout", params={"p": 0.2}
            ),
        ),
    )
    assert Finding.from_dict(finding.to_dict()) == finding


def test_missing_keys_take_defaults() -> None:
    finding = Finding.from_dict({"rule": "loss_plateau", "remedies": [{"kind": "x"}]})
    assert finding == Finding("loss_plateau", None, {}, "", "", (Remedy("x", "x"),))


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (42, "a finding is a mapping"),
        ({"node": "linear_1"}, "has no rule"),
        ({"rule": "r", "node": 3}, "is not a layer name"),
        ({"rule": "r", "seen": [1]}, "seen is not a mapping"),
        ({"rule": "r", "remedies": "lower it"}, "remedies is not a list"),
        ({"rule": "r", "remedies": [{"label": "?"}]}, "a remedy has no kind"),
        ({"rule": "r", "remedies": [{"kind": "set_setting", "value": 1}]}, "names no setting"),
        ({"rule": "r", "remedies": [{"kind": "k", "params": 1}]}, "params is not a mapping"),
        ({"rule": "r", "remedies": [{"kind": "k", "value": [1]}]}, "not a number or text"),
    ],
)
def test_a_malformed_finding_says_what_is_wrong(data: object, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        Finding.from_dict(data)
    assert finding_from_dict(data) is None  # the CLI's reader skips it
