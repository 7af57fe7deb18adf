"""Domain rules in plain Python: no Qt. Each public function takes a Session and does one
unit of work; the caller commits (``with db.Session.begin() as s:``)."""

# every session refuses a text longer than its column, whichever service saves it
from . import lengths as _lengths  # noqa: E402,F401
