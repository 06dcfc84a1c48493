"""The Data tab on an image-folder project: it names what the data is, and shows its images."""

from __future__ import annotations

from netbuilder.qt.app import examples_dir


def test_the_shapes_example_says_it_is_a_generated_image_set(make_window):
    window = make_window()
    assert window.open_example(examples_dir() / "shapes_cnn.json")
    panel = window.data_panel
    assert panel.description.text().startswith("Generated image set 'shapes'")
    assert panel.combo.currentText() == "shapes (images)"
    info = window.document.dataset_info
    assert info is not None and tuple(info.input_shape) == (1, 28, 28)
