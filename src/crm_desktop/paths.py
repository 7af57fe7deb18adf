"""Where the program's shipped files are, however it was installed.

Three cases, tried in this order:
* the PyInstaller bundle: build.spec puts resources/ and forms/ under ``sys._MEIPASS``;
* a wheel (non-editable install): pyproject force-includes them as ``crm_desktop/_data``;
* a checkout or an editable install: they sit at the top of the repository.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle))
    candidates.append(_PACKAGE_DIR / "_data")
    candidates.append(_PACKAGE_DIR.parent.parent)  # src/crm_desktop -> repository root
    for root in candidates:
        if (root / "resources").is_dir():
            return root
    raise FileNotFoundError(
        "crm_desktop cannot find its resources/ folder; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resources_dir() -> Path:
    return _data_root() / "resources"


def forms_dir() -> Path:
    return _data_root() / "forms"


def font_file() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttf"


def icon_file() -> Path:
    """The program's icon for its windows (256 px; Qt scales it down)."""
    return resources_dir() / "icons" / "crm_desktop.png"


def windows_icon_file() -> Path:
    """The same icon in the sizes Windows wants for the .exe, its shortcuts and the installer."""
    return resources_dir() / "icons" / "crm_desktop.ico"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def migrations_dir() -> Path:
    """The Alembic scripts; inside the package so every kind of install carries them."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "crm_desktop" / "migrations").is_dir():
        return Path(bundle) / "crm_desktop" / "migrations"
    return _PACKAGE_DIR / "migrations"
