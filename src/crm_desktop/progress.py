"""Long work's one contract with whoever waits for it: progress reports and cancelling.

A service that may take long (an export, an import, a batch of prints, a recompute) takes
``progress: Progress | None``, calls it now and then with how much is done out of how much,
and stops when it answers False: it then raises ``Cancelled`` from inside its transaction, so
that nothing it did is kept and no file is left behind. The caller decides what the reports
become: a progress dialog (the view helper ``views/background.py``, which runs the work off
the GUI thread), a line on the terminal, or nothing. No Qt here.

``Cancelled`` is a ``UserError``: the view shows it like a refused step, with its message
("…was cancelled: nothing was changed"), and the command line exits with the user-error code.
"""

from __future__ import annotations

from typing import Callable

from .errors import UserError
from .i18n import QT_TRANSLATE_NOOP, Msg

# progress(done, total) -> True to go on, False to stop; total 0 means "not known yet"
Progress = Callable[[int, int], bool]

CANCELLED = QT_TRANSLATE_NOOP("Progress", "The work was cancelled: nothing was changed.")


class Cancelled(UserError):
    """The user stopped long work. Raised inside the work's transaction (which rolls back)
    or before its file is put in place (which is then never written). ``message`` says what
    was stopped, e.g. "The monthly report was cancelled: no file was written."."""

    def __init__(self, message: Msg = CANCELLED, **args: object) -> None:
        super().__init__(message, None, **args)


def report(progress: Progress | None, done: int, total: int, cancelled: Msg = CANCELLED) -> None:
    """Tell ``progress`` how far the work is; raise ``Cancelled(cancelled)`` if it says stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled(cancelled)


def scaled(progress: Progress | None, start: int, span: int, of: int) -> Progress | None:
    """A part of a larger piece of work: its (done, total) mapped onto [start, start + span]
    of a total ``of`` (a read then a write, each half of one bar)."""
    if progress is None:
        return None

    def part(done: int, total: int) -> bool:
        fraction = done / total if total else 0.0
        return progress(start + round(span * min(fraction, 1.0)), of)

    return part
