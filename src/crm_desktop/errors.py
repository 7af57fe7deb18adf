"""Typed errors.

A ``UserError`` is bad input or a refused step: an English source message marked with
``QT_TRANSLATE_NOOP`` (translated by the views), the field it concerns, and the values for
its placeholders. Anything else that escapes a service is a bug: logged with its traceback.
"""

from __future__ import annotations

from .i18n import Msg, Translate


class UserError(Exception):
    def __init__(self, message: Msg, field: str | None = None, **args: object) -> None:
        super().__init__(message.format(**args) if args else str(message))
        self.message = message
        self.field = field
        self.args_for_message = args

    def render(self, translate: Translate | None = None) -> str:
        """The message in the user's language; ``translate(context, text)`` comes from Qt."""
        return self.message.tr(translate, **self.args_for_message)


class ValidationError(UserError):
    """Several fields are invalid at once; ``problems`` holds one UserError per field."""

    def __init__(self, problems: list[UserError]) -> None:
        first = problems[0]
        super().__init__(first.message, first.field, **first.args_for_message)
        self.problems = problems

    def render(self, translate: Translate | None = None) -> str:
        return "\n".join(p.render(translate) for p in self.problems)


class AuditedRefusal(UserError):
    """A refusal the audit log must keep: a check that guards something (the receipt number
    presented at voiding) tells the user no more than "no", and the attempt is recorded.
    ``audit`` holds the line (``auth.audit``'s action and keywords). The refused transaction
    rolls back — and on SQLite it holds the write lock until then — so whoever ends it
    writes the line afterwards, in a transaction of its own (``auth.record_audited``)."""

    def __init__(self, refusal: UserError, *, audit: dict[str, object]) -> None:
        super().__init__(refusal.message, refusal.field, **refusal.args_for_message)
        self.audit = dict(audit)


class DatabaseRefused(UserError):
    """The database cannot be used: not SQLite, another program's, or from a newer version.
    Raised before anything has written to the file."""
