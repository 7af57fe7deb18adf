"""The views' one ``translate(context, text)``: Qt's translation of the English source strings.

Services, printing and exports speak English source strings marked with QT_TRANSLATE_NOOP
(crm_desktop/i18n.py) and take a ``translate`` to render them; the views hand them this one.
``tr(message, **args)`` renders a marked message with its placeholders filled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..i18n import Msg


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def tr(message: Msg, **args: object) -> str:
    """``message`` in the user's language, ``{placeholders}`` filled (marked values too)."""
    return message.tr(translate, **args)
