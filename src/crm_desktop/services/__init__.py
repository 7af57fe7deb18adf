"""Domain rules in plain Python: no Qt. Each public function takes a Session and does one
unit of work; the caller commits (``with db.Session.begin() as s:``)."""
