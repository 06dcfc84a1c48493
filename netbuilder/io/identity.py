"""The application's identity on a desktop: its icons, launcher entry, MIME type and AppStream
metainfo. Names and where the files are; no Qt (``netbuilder --install-desktop`` and the window
both read them).

The files ship in the package ``netbuilder.resources`` (folders ``icons/`` and ``desktop/``).
From a source checkout they are read from ``resources/`` next to the package first, so a
checkout never picks up another checkout's editable install.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The AppStream component id; also the name of the metainfo file.
APP_ID = "io.github.netbuilder"
#: The freedesktop icon name of the application (``Icon=`` in the launcher entry).
APP_ICON = "netbuilder"
#: The MIME type of ``.nbproj`` project files, and its icon's name (the freedesktop convention).
PROJECT_MIME_TYPE = "application/x-netbuilder-project"
MIME_ICON = PROJECT_MIME_TYPE.replace("/", "-")
#: The pixel sizes of the PNG icons (the hicolor theme's usual ones).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

DESKTOP_ENTRY = "netbuilder.desktop"
MIME_XML = "netbuilder.xml"
METAINFO = f"{APP_ID}.metainfo.xml"


def _resource_dir(name: str) -> Path:
    checkout = Path(__file__).resolve().parents[2] / "resources" / name
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("netbuilder.resources").joinpath(name)))


def icons_dir() -> Path:
    """``<name>.svg`` and ``<name>-<size>.png`` for ``APP_ICON`` and ``MIME_ICON``."""
    return _resource_dir("icons")


def desktop_dir() -> Path:
    """The launcher entry, the shared-mime-info XML and the AppStream metainfo."""
    return _resource_dir("desktop")


def translations_dir() -> Path:
    """The compiled translation catalogues (``netbuilder_<language>.qm``) and their sources."""
    return _resource_dir("translations")


def icon_png(name: str, size: int) -> Path:
    return icons_dir() / f"{name}-{size}.png"
