import subprocess
import sys

import pytest

from netbuilder.model import CATALOGUE, CATEGORIES, DatasetBinding, SettingsError, TrainingSettings

REQUIRED = """Input Output Linear Conv1d Conv2d ConvTranspose2d MaxPool2d AvgPool2d
AdaptiveAvgPool2d Flatten Reshape Dropout BatchNorm1d BatchNorm2d LayerNorm Embedding LSTM GRU ReLU
LeakyReLU GELU SiLU Sigmoid Tanh Softmax Identity Add Concat Multiply MultiheadSelfAttention
TransformerEncoderLayer""".split()


def test_catalogue_has_every_required_type_with_docs_and_valid_defaults():
    assert set(REQUIRED) <= set(CATALOGUE)
    for spec in CATALOGUE.values():
        assert spec.category in CATEGORIES
        assert spec.doc and spec.display_name
        assert spec.validate_params({}) == spec.defaults() or spec.type in (
            "Input",
            "Reshape",
            "AdaptiveAvgPool2d",
        )
        for p in spec.params:
            assert p.help, f"{spec.type}.{p.name} has no help"
        names = {p.name for p in spec.params}
        assert not names & {"in_features", "in_channels", "num_features", "input_size"}


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("lr", 0.0, "greater than 0"),
        ("lr", -1.0, "greater than 0"),
        ("batch_size", 0, "at least 1"),
        ("optimizer", "adagrad", "one of"),
        ("epochs", 2.5, "whole number"),
    ],
)
def test_training_settings_refuse_bad_values_naming_the_field(field, value, words):
    with pytest.raises(SettingsError, match=words) as exc:
        TrainingSettings.from_dict({field: value})
    assert exc.value.field == field
    assert f"training.{field}" in str(exc.value)


def test_settings_and_binding_round_trip():
    s = TrainingSettings(optimizer="sgd", momentum=0.9, nesterov=True, lr=0.1)
    assert TrainingSettings.from_dict(s.to_dict()) == s
    b = DatasetBinding(source="inline", inline={"x": [[1.0]], "y": [[0.0]]})
    assert DatasetBinding.from_dict(b.to_dict()) == b
    with pytest.raises(SettingsError, match="leave data to train on"):
        DatasetBinding(name="digits", val_fraction=0.5, test_fraction=0.5).validate()


def test_model_imports_neither_torch_nor_qt():
    code = (
        "import sys, netbuilder.model, netbuilder.io; "
        "bad = [m for m in ('torch', 'PySide6', 'pyqtgraph') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
