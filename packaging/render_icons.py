"""Render the PNG icons from their SVG sources in resources/icons (run after editing an SVG).

    python packaging/render_icons.py

Writes ``<name>-<size>.png`` next to each SVG, at every size in ``ICON_SIZES``, with Qt's SVG
renderer (offscreen: no display needed). The PNGs are committed, so installing netbuilder
needs neither this script nor QtSvg.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRectF, Qt  # noqa: E402 - the platform is chosen first
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from netbuilder.io.identity import APP_ICON, ICON_SIZES, MIME_ICON, icons_dir  # noqa: E402


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = icons_dir()
    for name in (APP_ICON, MIME_ICON):
        svg = folder / f"{name}.svg"
        for size in ICON_SIZES:
            out = folder / f"{name}-{size}.png"
            if not render(svg, size).save(str(out), "PNG"):
                raise SystemExit(f"{out}: could not write")
            print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
