"""Keep the translation catalogues in step with the code, and compile them.

    python packaging/translations.py            # update the .ts sources, then compile the .qm
    python packaging/translations.py update     # only extract: new strings arrive unfinished
    python packaging/translations.py release    # only compile resources/translations/*.qm
    python packaging/translations.py check      # exit 1 when a .ts or .qm is stale or unfinished
    python packaging/translations.py fill OTHER.ts [...]   # take finished translations from
                                                # other .ts files (after a merge), by context
                                                # and source

The sources are split by area (``AREAS``: which part of the code each catalogue covers), one
``resources/translations/<area>_<language>.ts`` each, so that work on different parts of the
window touches different files; ``release`` compiles all areas of a language into one
``netbuilder_<language>.qm``, which ships in the package. Both steps use PySide6's own
``lupdate`` and ``lrelease``. Locations (file and line) are left out of the .ts files so that
moving code does not change them; Qt Linguist still shows each string's context.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netbuilder"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)

# area -> the source files (globs under netbuilder/) whose strings it holds. A file belongs to
# the first area whose pattern matches it; every .py file of the package belongs to one.
AREAS: dict[str, tuple[str, ...]] = {
    "catalogue": ("model/catalogue.py", "model/layer_spec.py"),
    "engine": ("model/*.py", "engine/*.py", "engine/*/*.py", "io/*.py", "cli/*.py", "*.py"),
    "training": (
        "qt/training/*.py",
        "qt/doctor.py",
        "qt/doctor_ui.py",
        "qt/doctor_watch.py",
    ),
    "data": (
        "qt/data_*.py",
        "qt/csv_*.py",
        "qt/image_*.py",
        "qt/classes_page.py",
        "qt/augment_controls.py",
        "qt/drawing_pad.py",
        "qt/try_*.py",
        "qt/import_*.py",
        "qt/model_import.py",
    ),
    "dialogs": (
        "qt/about.py",
        "qt/preferences.py",
        "qt/error_report.py",
        "qt/recovery.py",
        "qt/issues_panel.py",
        "qt/report_view.py",
        "qt/tasks.py",
        "qt/task_progress.py",
        "qt/torch_loader.py",
        "qt/collector.py",
        "qt/style.py",
        "qt/theme.py",
        "qt/i18n.py",
    ),
    "window": ("qt/*.py", "qt/canvas/*.py"),
}


def area_files() -> dict[str, list[Path]]:
    """Each area's source files (every package .py file in exactly one area)."""
    owned: dict[str, list[Path]] = {area: [] for area in AREAS}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        for area, patterns in AREAS.items():
            if any(_matches(relative, pattern) for pattern in patterns):
                owned[area].append(path)
                break
    return owned


def _matches(relative: Path, pattern: str) -> bool:
    """``Path.match`` matches from the right ("*.py" takes every file): depths must be equal."""
    return len(relative.parts) == len(Path(pattern).parts) and relative.match(pattern)


def ts_path(area: str, language: str) -> Path:
    return TRANSLATIONS / f"{area}_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"netbuilder_{language}.qm"


def tool(name: str) -> str:
    """PySide6's ``lupdate``/``lrelease`` (the binary inside the package, else on PATH)."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"translations: PySide6's {name} was not found (is PySide6 installed?)")
    return found


def _run(command: Sequence[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"translations: {Path(command[0]).name} failed:\n{done.stderr}")


def update(out_dir: Path = TRANSLATIONS) -> list[Path]:
    """Extract every area's strings into its .ts files under ``out_dir`` (kept translations
    stay; new strings are unfinished; strings gone from the code are dropped)."""
    written = []
    for area, files in area_files().items():
        for language in LANGUAGES:
            target = out_dir / ts_path(area, language).name
            if not files:
                continue
            list_file = Path(tempfile.mkstemp(suffix=".lst")[1])
            try:
                list_file.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
                _run(
                    [
                        tool("lupdate"),
                        f"@{list_file}",
                        "-ts",
                        str(target),
                        "-locations",
                        "none",
                        "-no-obsolete",
                        "-target-language",
                        language,
                        "-source-language",
                        "en",
                    ]
                )
            finally:
                list_file.unlink()
            written.append(target)
    return written


def release(out_dir: Path = TRANSLATIONS) -> list[Path]:
    """Compile each language's .ts files into one ``netbuilder_<language>.qm``."""
    written = []
    for language in LANGUAGES:
        sources = sorted(str(p) for p in TRANSLATIONS.glob(f"*_{language}.ts"))
        if not sources:
            continue
        target = out_dir / qm_path(language).name
        _run([tool("lrelease"), "-silent", *sources, "-qm", str(target)])
        written.append(target)
    return written


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) -> (translation, finished) of one .ts file."""
    found: dict[tuple[str, str], tuple[str, bool]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            text = (node.text or "") if node is not None else ""
            kind = node.get("type", "") if node is not None else "unfinished"
            found[(name, source)] = (text, kind not in ("unfinished", "vanished", "obsolete"))
    return found


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of the messages of ``ts`` with no finished translation."""
    return [key for key, (text, done) in messages(ts).items() if not done or not text.strip()]


def fill(sources: Iterable[Path]) -> int:
    """Take finished translations from ``sources`` for unfinished messages of our .ts files
    (same context and source); returns how many were filled."""
    known: dict[tuple[str, str], str] = {}
    for source in sources:
        for key, (text, done) in messages(source).items():
            if done and text.strip():
                known[key] = text
    filled = 0
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        tree = ET.parse(ts)
        changed = False
        for context in tree.getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                node = message.find("translation")
                key = (name, message.findtext("source") or "")
                if node is not None and node.get("type") == "unfinished" and key in known:
                    node.text = known[key]
                    del node.attrib["type"]
                    filled += 1
                    changed = True
        if changed:
            _write_ts(tree, ts)
    return filled


def _write_ts(tree: ET.ElementTree, path: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def check() -> list[str]:
    """What is stale or unfinished, as lines; empty when all is in step."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for ts in TRANSLATIONS.glob("*.ts"):
            shutil.copy(ts, scratch / ts.name)
        for fresh in update(scratch):
            committed = TRANSLATIONS / fresh.name
            new = set(messages(fresh))
            old = set(messages(committed)) if committed.exists() else set()
            for context, source in sorted(new - old):
                problems.append(f"{fresh.name}: not extracted yet: [{context}] {source!r}")
            for context, source in sorted(old - new):
                problems.append(f"{fresh.name}: no longer in the code: [{context}] {source!r}")
        for ts in sorted(TRANSLATIONS.glob("*.ts")):
            for context, source in unfinished(ts):
                problems.append(f"{ts.name}: unfinished: [{context}] {source!r}")
        for qm in release(scratch):
            shipped = TRANSLATIONS / qm.name
            if not shipped.exists() or shipped.read_bytes() != qm.read_bytes():
                problems.append(f"{qm.name}: stale (run python packaging/translations.py release)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", nargs="?", default="all", choices=("all", "update", "release", "check", "fill")
    )
    parser.add_argument("others", nargs="*", type=Path, help="fill: the .ts files to take from")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if args.command == "check":
        problems = check()
        for line in problems:
            print(line)
        print(f"translations: {len(problems)} problem(s)")
        return 1 if problems else 0
    if args.command == "fill":
        print(f"translations: {fill(args.others)} message(s) filled")
        return 0
    if args.command in ("all", "update"):
        for path in update():
            print(f"updated {path.relative_to(ROOT)}")
    if args.command in ("all", "release"):
        for path in release():
            print(f"compiled {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
