"""Image augmentation: seeded and reproducible, training batches only, bad options refused."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.data.image_sets import write_shapes
from netbuilder.engine.training.augment import Augmenter, augmenter_from, preview
from netbuilder.engine.training.session import prepare
from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import Graph, Project, TrainingSettings
from netbuilder.model.errors import SettingsError
from netbuilder.model.project import DatasetBinding

ALL = {"flip": True, "rotate": 15, "crop": 0.3, "jitter": 0.3}


def images(n: int = 6, c: int = 1, h: int = 12, w: int = 10) -> np.ndarray:
    rng = np.random.default_rng(1)
    return rng.uniform(0, 1, size=(n, c, h, w)).astype(np.float32)


def test_preview_is_reproducible_for_a_seed_and_changes_the_images():
    x = images()
    a, b = preview(x, ALL, seed=3), preview(x, ALL, seed=3)
    assert a.shape == x.shape and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert not np.allclose(a, x, atol=1e-3)
    assert not np.array_equal(a, preview(x, ALL, seed=4))
    assert 0.0 <= a.min() and a.max() <= 1.0


def test_the_draws_depend_only_on_seed_and_step():
    x = torch.from_numpy(images(c=3))
    aug = Augmenter(ALL, seed=7)
    first = aug(x, 5)
    aug(x, 6)  # another step in between does not change step 5's draw
    assert torch.equal(first, aug(x, 5))
    assert torch.equal(first, Augmenter(ALL, seed=7)(x, 5))
    assert not torch.equal(first, aug(x, 6))


def test_flip_alone_mirrors_whole_images_and_nothing_is_an_identity():
    x = torch.from_numpy(images(n=32))
    out = Augmenter({"flip": True}, seed=0)(x, 0)
    flipped = [torch.equal(o, i.flip(-1)) for o, i in zip(out, x, strict=True)]
    kept = [torch.equal(o, i) for o, i in zip(out, x, strict=True)]
    assert all(f or k for f, k in zip(flipped, kept, strict=True))
    assert 0 < sum(flipped) < 32
    assert augmenter_from({"flip": False, "rotate": 0}, 0) is None
    assert augmenter_from(None, 0) is None


def test_brightness_is_a_share_of_the_pixel_range_in_standardised_units():
    x = torch.zeros(64, 2, 4, 4)
    aug = augmenter_from({"jitter": 0.5}, 0, std=np.array([0.1, 0.5]), scaled=True)
    assert aug is not None
    out = aug(x, 0)  # constant images: contrast does nothing, the shift is the brightness
    shifts = out[:, :, 0, 0].abs().amax(dim=0)
    assert shifts[0] <= 0.5 / 0.1 + 1e-5 and shifts[1] <= 0.5 / 0.5 + 1e-5
    assert shifts[0] > 2.0 and shifts[1] > 0.4


class SpyAugment:
    """Counts calls and records which step each batch belonged to."""

    def __init__(self) -> None:
        self.steps: list[int] = []

    def __call__(self, x: torch.Tensor, step: int | None = None) -> torch.Tensor:
        self.steps.append(int(step or 0))
        return x + 100.0  # far from the data: the network sees it in the training loss


class Recorder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.seen_max: list[float] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen_max.append(float(x.max()))
        return self.fc(x.flatten(1))


def test_the_trainer_augments_training_batches_only():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 1, 2, 2)).astype(np.float32)
    y = rng.integers(0, 2, size=40)
    data = SimpleNamespace(x_train=x, y_train=y, x_val=x[:8], y_val=y[:8])
    spy, module = SpyAugment(), Recorder()
    settings = TrainingSettings(batch_size=8, epochs=2, device="cpu", lr=1e-4)
    t = Trainer(module, data, settings, threads=1, augment=spy)  # type: ignore[arg-type]
    module.seen_max.clear()  # the probe's forward
    result = t.run()
    assert result.status == "completed"
    assert spy.steps == list(range(10))  # 5 steps an epoch, each batch once, by step number
    train_calls = [v for v in module.seen_max if v > 50]
    assert len(train_calls) == 10
    module.seen_max.clear()
    t.evaluate("val")
    assert module.seen_max and max(module.seen_max) < 50  # never augmented


@pytest.mark.parametrize(
    ("augment", "field", "words"),
    [
        ({"rotate": 90}, "augment.rotate", "dataset.options.augment.rotate must be a number"),
        ({"crop": 0.8}, "augment.crop", "from 0 to 0.5"),
        ({"jitter": "lots"}, "augment.jitter", "got 'lots'"),
        ({"flip": 1}, "augment.flip", "dataset.options.augment.flip must be true or false"),
        ({"zoom": 2}, "augment.zoom", "augment.zoom is not an augmentation"),
        ([1, 2], "augment", "dataset.options.augment must be an object"),
    ],
)
def test_bad_augment_options_are_refused_naming_the_field(augment, field, words):
    binding = DatasetBinding(source="image_folder", name="shapes", options={"augment": augment})
    with pytest.raises(SettingsError, match=r"dataset\.options\.augment") as err:
        binding.validate()
    assert err.value.field == field and words in str(err.value)


def test_data_memory_mb_is_validated():
    with pytest.raises(SettingsError, match=r"training\.data_memory_mb must be at least 0"):
        TrainingSettings(data_memory_mb=-1).validate()


def test_a_project_with_augment_trains_with_an_augmenter(tmp_path):
    write_shapes(tmp_path / "shapes", per_class=12, size=12)
    g = Graph()
    nodes = [
        g.add_node("Input", {"shape": [1, 12, 12]}).id,
        g.add_node("Flatten").id,
        g.add_node("Linear", {"out_features": 3}).id,
        g.add_node("Output").id,
    ]
    for a, b in itertools.pairwise(nodes):
        g.connect(a, b)
    options = {"size": [12, 12], "channels": "grey", "augment": {"flip": True, "rotate": 10}}
    binding = DatasetBinding(source="image_folder", path="shapes", options=options)
    settings = TrainingSettings(batch_size=8, epochs=1, device="cpu")
    run = prepare(Project(graph=g, dataset=binding, training=settings), tmp_path)
    assert run.trainer.augment is not None and run.trainer.augment.rotate == 10
    assert run.run().train.status == "completed"
