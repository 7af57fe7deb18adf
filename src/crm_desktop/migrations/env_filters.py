"""What Alembic's comparison leaves alone (shared by env.py and the schema test)."""


def include_name(name, type_, _parent_names) -> bool:
    # the FTS5 search tables and their shadow tables are made by hand in the migrations
    return not (type_ == "table" and name and ("_fts" in name or "_bigram" in name))
