"""Hostile or damaged archives are refused before they can do harm, and quickly."""

from __future__ import annotations

import json
import time
import warnings
import zipfile

import pytest

from netbuilder.io import (
    ProjectFileError,
    container,
    load_project,
    project_file,
    project_to_dict,
    save_project,
)


def _zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name), data)
    return path


def _refused(path) -> str:
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    return str(info.value)


@pytest.fixture
def doc_bytes(project) -> bytes:
    return json.dumps(project_to_dict(project)).encode()


@pytest.mark.parametrize(
    "name, why",
    [
        ("../x", "climbs out"),
        ("weights/../../etc/passwd", "climbs out"),
        ("/etc/passwd", "absolute path"),
        ("C:/Windows/x", "absolute path"),
        ("a\\b.json", "backslash"),
    ],
)
def test_unsafe_member_names_are_refused(tmp_path, doc_bytes, name, why):
    path = _zip(tmp_path / "evil.nbproj", [("project.json", doc_bytes), (name, b"x")])
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist()[1] == name  # the archive really holds the hostile name
    message = _refused(path)
    assert why in message and repr(name) in message


def test_duplicate_member_names_are_refused(tmp_path, doc_bytes):
    path = tmp_path / "dup.nbproj"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate
        _zip(path, [("project.json", doc_bytes), ("project.json", b'{"format": "evil"}')])
    assert "appears more than once" in _refused(path)


def test_compression_bomb_is_refused_quickly(tmp_path, monkeypatch):
    path = tmp_path / "bomb.nbproj"
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("project.json", "w") as f:
            for _ in range(40):  # 40 MiB of zeros -> about 40 KiB compressed
                f.write(chunk)
    assert path.stat().st_size < 200_000
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a) or real_open(self, *a, **k)
    )
    start = time.perf_counter()
    message = _refused(path)
    elapsed = time.perf_counter() - start
    assert "zip bomb" in message and "project.json" in message
    assert opened == []  # refused from the index: nothing was decompressed
    assert elapsed < 1.0


def test_member_over_its_cap_is_refused(tmp_path, doc_bytes, monkeypatch):
    monkeypatch.setitem(project_file._WANTED, "project.json", 100)
    path = _zip(tmp_path / "big.nbproj", [("project.json", doc_bytes)])
    assert "the limit is 100 bytes" in _refused(path)


def test_total_uncompressed_cap_skips_the_optional_member(tmp_path, doc_bytes, monkeypatch):
    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", len(doc_bytes) + 10)
    path = _zip(tmp_path / "t.nbproj", [("project.json", doc_bytes), ("history.json", b"[1]" * 10)])
    loaded = load_project(path)
    assert loaded.history is None
    assert any(
        w.startswith("history.json: skipped") and "uncompressed; the limit" in w
        for w in loaded.warnings
    )


def test_total_uncompressed_cap_refuses_when_the_project_alone_is_over(
    tmp_path, doc_bytes, monkeypatch
):
    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", len(doc_bytes) - 1)
    path = _zip(tmp_path / "t.nbproj", [("project.json", doc_bytes)])
    assert "uncompressed; the limit" in _refused(path)


def test_too_many_members(tmp_path, doc_bytes):
    members = [("project.json", doc_bytes)] + [(f"extra{i}.txt", b"") for i in range(40)]
    assert "at most 32" in _refused(_zip(tmp_path / "many.nbproj", members))


def test_huge_member_count_is_refused_from_the_end_record(tmp_path, doc_bytes, monkeypatch):
    path = _zip(tmp_path / "many.nbproj", [("project.json", doc_bytes)])
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 10 : end + 12] = (60_000).to_bytes(2, "little")  # claims 60,000 members
    path.write_bytes(bytes(data))
    monkeypatch.setattr(zipfile, "ZipFile", None)  # refused before zipfile parses anything
    assert "60000 members" in _refused(path)


def test_corrupted_optional_member_is_skipped_and_named(tmp_path, project):
    path = tmp_path / "crc.nbproj"
    save_project(path, project, weights=b"abcdefgh" * 64)
    data = bytearray(path.read_bytes())
    at = data.index(b"abcdefgh")  # stored uncompressed: flip one byte of the weights
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    loaded = load_project(path)
    assert loaded.weights is None and loaded.project.graph.nodes
    assert any(
        w.startswith("weights.safetensors: skipped (damaged member") for w in loaded.warnings
    )


def test_corrupted_project_member_is_refused(tmp_path, doc_bytes):
    path = tmp_path / "crc.nbproj"
    path.write_bytes(container.build_archive([("project.json", doc_bytes, False)]))
    data = bytearray(path.read_bytes())
    data[data.index(b'"format"')] ^= 0xFF  # stored: flip one byte of the document
    path.write_bytes(bytes(data))
    message = _refused(path)
    assert "project.json" in message and "damaged member" in message


def test_encrypted_member_is_refused(tmp_path, doc_bytes):
    path = _zip(tmp_path / "enc.nbproj", [("project.json", doc_bytes)])
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag in the central directory entry (offset 8 in its header).
    central = data.rindex(b"PK\x01\x02")
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    assert "encrypted" in _refused(path)


def test_unknown_members_are_ignored_with_a_warning(tmp_path, doc_bytes):
    path = _zip(
        tmp_path / "extra.nbproj",
        [("project.json", doc_bytes), ("thumbnail.png", b"\x89PNG"), ("notes/", b"")],
    )
    loaded = load_project(path)
    assert loaded.warnings == ["thumbnail.png: unknown archive member ignored"]


def test_bad_optional_members_are_warnings_not_failures(tmp_path, doc_bytes):
    path = _zip(
        tmp_path / "opt.nbproj",
        [
            ("project.json", doc_bytes),
            ("history.json", b"[1, 2"),
            ("checkpoint.json", b"[]"),
            ("checkpoint.safetensors", b"xx"),
        ],
    )
    loaded = load_project(path)
    assert loaded.history is None and loaded.checkpoint is None
    assert loaded.checkpoint_meta is None
    text = "\n".join(loaded.warnings)
    assert "history.json: ignored (not valid JSON" in text
    assert "checkpoint.json: ignored" in text
    assert "checkpoint is incomplete" in text


def test_zip_content_in_a_json_named_file_is_read_as_archive(tmp_path, project):
    save_project(tmp_path / "p.nbproj", project, weights=b"w")
    renamed = tmp_path / "p.json"
    renamed.write_bytes((tmp_path / "p.nbproj").read_bytes())
    assert load_project(renamed).weights == b"w"
