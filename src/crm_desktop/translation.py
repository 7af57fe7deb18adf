"""Loading the Chinese translation (QtCore only, so headless commands can use it too)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from . import paths
from .i18n import Translate

log = logging.getLogger(__name__)

LOCALE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def load_ours(parent=None) -> QTranslator | None:
    translator = QTranslator(parent)
    if translator.load(LOCALE, "crm_desktop", "_", str(paths.translations_dir())):
        return translator
    log.warning("no compiled translation in %s (run the set-up command)", paths.translations_dir())
    return None


def load_qt(parent=None) -> QTranslator | None:
    """Qt's own strings (standard dialog buttons), when the Qt package ships them."""
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(LOCALE, "qtbase", "_", folder):
        return translator
    log.warning("no Qt translation qtbase_zh_CN in %s: Qt's own buttons show English", folder)
    return None


def standalone_translate() -> Translate:
    """A ``translate(context, text)`` for code that runs without a QCoreApplication."""
    translator = load_ours()
    if translator is None:
        return lambda _context, text: text
    return lambda context, text: translator.translate(context, text) or text
