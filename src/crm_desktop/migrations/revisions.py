"""The schema revisions this version of the program knows, oldest first.

Read at every start-up instead of Alembic's script directory, so that a database already
at HEAD opens without importing Alembic. tests/test_db.py checks this list against the
scripts in versions/.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012",
                                   "0013", "0014", "0015")
HEAD = KNOWN_REVISIONS[-1]
