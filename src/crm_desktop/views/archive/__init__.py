"""The customer archive window (I2–I5, I9, I10) and the customer list's filter bar.

Imported on first use: the main window needs only the filter bar at start-up."""

__all__ = ["CustomerArchiveWindow", "CustomerListFilters", "open_archive_window"]


def __getattr__(name: str):
    if name in ("CustomerArchiveWindow", "open_archive_window"):
        from . import archive_window

        return getattr(archive_window, name)
    if name == "CustomerListFilters":
        from .list_filters import CustomerListFilters

        return CustomerListFilters
    raise AttributeError(name)
