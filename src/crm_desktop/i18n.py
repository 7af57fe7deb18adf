"""Marking strings for translation without importing Qt.

Services and models speak English source strings; ``pyside6-lupdate`` collects every call
of a function named ``QT_TRANSLATE_NOOP(context, text)``, so this plain-Python one puts
them in the .ts file. It returns a ``Msg``: the text that remembers its context, so the
views can translate it with ``QCoreApplication.translate(msg.context, msg)`` when shown.
"""

from __future__ import annotations

from typing import Callable

Translate = Callable[[str, str], str]


class Msg(str):
    """An English source string with its translation context."""

    context: str

    def __new__(cls, context: str, text: str) -> "Msg":
        obj = super().__new__(cls, text)
        obj.context = context
        return obj

    def tr(self, translate: Translate | None = None, **args: object) -> str:
        text = translate(self.context, str(self)) if translate else str(self)
        if not args:
            return text
        # a value that is itself a marked string (a status, a step's name) is translated too
        return text.format(**{k: v.tr(translate) if isinstance(v, Msg) else v for k, v in args.items()})


def QT_TRANSLATE_NOOP(context: str, text: str) -> Msg:  # noqa: N802 - the name lupdate looks for
    return Msg(context, text)
