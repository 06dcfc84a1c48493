"""Images from a folder: folder and CSV import, size/fit/channels options, bad input, and the
generated shapes set."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from netbuilder.engine.data import image_sets
from netbuilder.engine.data.datasets import DataError, dataset_info, load_dataset
from netbuilder.engine.data.image_sets import generated_folder, write_shapes
from netbuilder.engine.data.images import ImageOptions, read_images
from netbuilder.model.errors import SettingsError
from netbuilder.model.project import DatasetBinding


def save(path: Path, pixels: np.ndarray, fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels).save(path, format=fmt)
    return path


def grey(value: int, size: tuple[int, int] = (10, 12)) -> np.ndarray:
    return np.full(size, value, dtype=np.uint8)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two classes in four formats: cats are dark grey, dogs are red (colour)."""
    root = tmp_path / "pets"
    save(root / "cat" / "a.png", grey(40))
    save(root / "cat" / "b.jpg", grey(40))
    save(root / "cat" / "c.bmp", grey(40))
    red = np.zeros((8, 16, 3), dtype=np.uint8)
    red[..., 0] = 200
    save(root / "dog" / "a.png", red)
    save(root / "dog" / "b.gif", red)
    save(root / "dog" / "c.png", red)
    (root / "dog" / "notes.txt").write_text("not an image")
    return root


def test_a_folder_of_class_folders_gives_nchw_float32_and_sorted_classes(folder):
    table = read_images(folder, ImageOptions(size=(6, 7), channels="rgb"))
    assert table.x.shape == (6, 3, 6, 7) and table.x.dtype == np.float32
    assert table.targets.class_names == ("cat", "dog")
    assert table.targets.y.tolist() == [0, 0, 0, 1, 1, 1]
    assert 0.0 <= table.x.min() and table.x.max() <= 1.0  # scaled to [0, 1]
    cat, dog = table.x[0], table.x[3]
    assert np.allclose(cat, 40 / 255, atol=0.02)  # grey read as rgb: three equal channels
    assert dog[0].mean() == pytest.approx(200 / 255, abs=0.02) and dog[1:].max() < 0.02
    assert table.extra["skipped"] == 0 and table.extra["ignored_files"] == 1


def test_grey_gives_one_channel_and_scale_false_keeps_0_255(folder):
    table = read_images(folder, ImageOptions(size=(4, 4), channels="grey", scale=False))
    assert table.x.shape == (6, 1, 4, 4)
    assert table.x[0].mean() == pytest.approx(40, abs=2)
    assert table.x[3].mean() == pytest.approx(0.299 * 200, abs=2)  # ITU-R 601 luma of red


def test_resize_stretches_and_center_crop_keeps_the_middle(tmp_path):
    # 20 wide, 10 high: black left quarter, white middle half, black right quarter.
    pixels = np.zeros((10, 20), dtype=np.uint8)
    pixels[:, 5:15] = 255
    save(tmp_path / "a" / "x.png", pixels)
    save(tmp_path / "b" / "x.png", pixels)
    resized = read_images(tmp_path, ImageOptions(size=(10, 10), fit="resize", channels="grey"))
    cropped = read_images(tmp_path, ImageOptions(size=(10, 10), fit="center-crop", channels="grey"))
    assert resized.x.shape == cropped.x.shape == (2, 1, 10, 10)
    assert resized.x[0, 0, :, 0].max() < 0.05  # the black edge survives a stretch
    assert cropped.x[0].min() > 0.95  # the crop is the white middle only


def test_a_csv_of_path_label_reads_paths_relative_to_it(tmp_path):
    save(tmp_path / "img" / "one.png", grey(10))
    save(tmp_path / "img" / "two.png", grey(250))
    save(tmp_path / "img" / "three.png", grey(250))
    listing = tmp_path / "lists" / "labels.csv"
    listing.parent.mkdir()
    listing.write_text(
        "label,path\nlow,../img/one.png\nhigh,../img/two.png\n\nhigh,../img/three.png\n"
    )
    table = read_images(listing, ImageOptions(size=(5, 5), channels="grey"))
    assert table.targets.class_names == ("high", "low")
    assert table.targets.y.tolist() == [1, 0, 0]
    assert table.x[0].max() < 0.05 and table.x[1].min() > 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("path,label,weight\na.png,x,1\n", "labels.csv line 1: unknown column 'weight'"),
        ("path\na.png\n", "labels.csv line 1: no column 'label'"),
        (
            "path,label\na.png,x\nmissing.png,y\n",
            "labels.csv line 3: image file not found: missing.png",
        ),
        ("path,label\na.png,x\na.png\n", "labels.csv line 3: 1 values, expected 2"),
        ("path,label\na.png,\n", "labels.csv line 2: the label is empty"),
    ],
)
def test_bad_csv_is_refused_naming_the_row_or_column(tmp_path, text, expected):
    save(tmp_path / "a.png", grey(1))
    (tmp_path / "labels.csv").write_text(text)
    with pytest.raises(DataError) as caught:
        read_images(tmp_path / "labels.csv", ImageOptions())
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_an_empty_class_folder_is_refused_by_name(folder):
    (folder / "empty").mkdir()
    with pytest.raises(DataError, match=r"class folder .*empty holds no images"):
        read_images(folder, ImageOptions())


def test_a_folder_without_class_folders_is_refused(tmp_path):
    save(tmp_path / "a.png", grey(1))
    with pytest.raises(DataError, match=r"has no class sub-folders \(it holds 1 images directly\)"):
        read_images(tmp_path, ImageOptions())
    with pytest.raises(DataError, match="image folder not found"):
        read_images(tmp_path / "nowhere", ImageOptions())


def test_undecodable_truncated_and_bomb_images_are_skipped_and_named(folder, monkeypatch):
    (folder / "cat" / "garbage.png").write_bytes(b"not a png at all")
    noise = np.random.default_rng(0).integers(0, 255, (30, 30), dtype=np.uint8)
    for name in ("d_truncated.png", "d_truncated.jpg"):
        cut = save(folder / "dog" / name, noise)
        cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    save(folder / "dog" / "e_bomb.png", grey(0, (100, 100)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 100x100 > 2x the limit: a "bomb"
    table = read_images(folder, ImageOptions(size=(4, 4)))
    assert len(table.x) == 6 and table.targets.class_counts == (3, 3)
    assert table.extra["skipped"] == 4
    named = table.extra["skipped_files"]
    assert named[0] == "cat/garbage.png (not an image Pillow can read)"
    assert named[1].startswith("dog/d_truncated.jpg (image file is truncated")
    assert named[2] == "dog/d_truncated.png (image file is truncated)"
    assert named[3] == "dog/e_bomb.png (too many pixels: a decompression bomb?)"


def test_images_after_a_skipped_file_keep_their_own_pixels_and_labels(tmp_path):
    # A bad file early on used to shift every later image up a row and leave the last row
    # uninitialised memory (rows were written compactly, then indexed by original position).
    for label, base in (("a", 0), ("b", 100)):
        for i in range(3):
            save(tmp_path / label / f"{i}.png", grey(base + 50 * i, (4, 4)))
    (tmp_path / "a" / "0.png").write_bytes(b"junk")
    table = read_images(tmp_path, ImageOptions(size=(4, 4), channels="grey", scale=False))
    assert table.x[:, 0, 0, 0].tolist() == [50, 100, 100, 150, 200]
    assert table.targets.y.tolist() == [0, 0, 1, 1, 1]


def test_many_files_decode_on_threads_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr("netbuilder.engine.data.images._CHUNK", 4)
    monkeypatch.setattr("netbuilder.engine.data.images.MIN_CORES", 1)  # threads here too
    values = list(range(0, 250, 10))
    for i, v in enumerate(values):
        save(tmp_path / ("a" if i % 2 else "b") / f"{i:03d}.png", grey(v, (3, 3)))
    (tmp_path / "a" / "005.png").write_bytes(b"")
    table = read_images(tmp_path, ImageOptions(size=(3, 3), channels="grey", scale=False))
    expected = [v for i, v in enumerate(values) if i % 2 and i != 5]
    expected += [v for i, v in enumerate(values) if not i % 2]
    assert table.x[:, 0, 0, 0].tolist() == expected
    assert table.extra["skipped_files"] == ["a/005.png (not an image Pillow can read)"]


def test_only_the_first_few_skipped_files_are_named(folder):
    for i in range(7):
        (folder / "cat" / f"bad{i}.png").write_bytes(b"")
    table = read_images(folder, ImageOptions(size=(4, 4)))
    assert table.extra["skipped"] == 7 and len(table.extra["skipped_files"]) == 5


def test_a_class_whose_every_image_is_bad_is_refused(tmp_path):
    save(tmp_path / "good" / "a.png", grey(1))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.png").write_bytes(b"\x89PNG broken")
    with pytest.raises(DataError, match=r"class 'bad' of .* has no image that could be decoded"):
        read_images(tmp_path, ImageOptions())


def test_the_memory_budget_is_checked_before_decoding(folder, monkeypatch):
    monkeypatch.setattr("netbuilder.engine.data.images.MAX_DATASET_BYTES", 1000)
    with pytest.raises(DataError, match=r"6 images at 3x32x32 need 72.0 KiB .* the limit is"):
        read_images(folder, ImageOptions())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"options": {"size": [0, 28]}}, "dataset.options.size must be [height, width]"),
        ({"options": {"size": 28}}, "dataset.options.size must be [height, width]"),
        ({"options": {"fit": "crop"}}, "dataset.options.fit must be one of resize, center-crop"),
        ({"options": {"channels": "cmyk"}}, "dataset.options.channels must be one of grey, rgb"),
        ({"options": {"scale": "yes"}}, "dataset.options.scale must be true or false"),
        ({"options": {"colour": 1}}, "dataset.options.colour is not an option of image_folder"),
        ({"path": ""}, "an image_folder dataset needs either dataset.path"),
        ({"name": "shapes"}, "an image_folder dataset needs either dataset.path"),
    ],
)
def test_binding_options_are_validated(change, expected):
    data = {"source": "image_folder", "path": "photos", "options": {}, **change}
    with pytest.raises(SettingsError) as caught:
        DatasetBinding.from_dict(data)
    assert str(caught.value).startswith(expected)


def test_a_binding_to_a_folder_loads_split_and_standardised_per_channel(folder):
    binding = DatasetBinding(
        source="image_folder",
        path="pets",
        options={"size": [8, 8], "channels": "rgb"},
        val_fraction=0.34,
        test_fraction=0.0,
    )
    data = load_dataset(binding, folder.parent)
    assert data.info.input_shape == (3, 8, 8) and data.info.is_image
    assert data.info.class_names == ("cat", "dog") and data.sizes == (4, 2, 0)
    assert data.mean is not None and data.mean.shape == (3, 1, 1)
    assert dataset_info(binding, folder.parent).extra["skipped"] == 0


def test_generated_shapes_are_deterministic_and_cached(tmp_path, monkeypatch):
    write_shapes(tmp_path / "a", per_class=4, seed=3)
    write_shapes(tmp_path / "b", per_class=4, seed=3)
    write_shapes(tmp_path / "c", per_class=4, seed=4)
    names = sorted(
        p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*.png")
    )
    assert len(names) == 12 and names[0] == "circle/circle_0000.png"
    a, b, c = (
        read_images(tmp_path / k, ImageOptions(size=(28, 28), channels="grey")) for k in "abc"
    )
    assert np.array_equal(a.x, b.x) and not np.array_equal(a.x, c.x)
    assert a.targets.class_names == ("circle", "square", "triangle")

    monkeypatch.setenv("NETBUILDER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setitem(
        image_sets.GENERATED_SETS, "shapes", ("shapes-test", lambda p: write_shapes(p, per_class=2))
    )
    folder = generated_folder("shapes")
    assert folder == tmp_path / "data" / "datasets" / "shapes-test"
    assert len(list(folder.rglob("*.png"))) == 6
    assert [p.name for p in folder.parent.iterdir()] == ["shapes-test"]  # no staging left behind
    with pytest.raises(DataError, match="'blobs' is not a generated image set"):
        generated_folder("blobs")


def test_the_info_cache_sees_an_image_added_to_a_class_folder(folder):
    binding = DatasetBinding(source="image_folder", path="pets", options={"size": [4, 4]})
    assert dataset_info(binding, folder.parent).n_samples == 6
    save(folder / "cat" / "z_new.png", grey(90))
    assert dataset_info(binding, folder.parent).class_counts == (4, 3)


def test_progress_hears_fractions_up_to_one_and_can_cancel(folder):
    heard: list[float] = []
    read_images(folder, ImageOptions(size=(4, 4)), progress=heard.append)
    assert heard[0] == 0.0 and heard[-1] == 1.0

    def cancel(_fraction: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        read_images(folder, ImageOptions(size=(4, 4)), progress=cancel)
