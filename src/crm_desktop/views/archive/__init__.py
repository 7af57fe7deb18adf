"""The customer archive window (I2–I5, I9, I10) and the customer list's filter bar."""

from .archive_window import CustomerArchiveWindow, open_archive_window
from .list_filters import CustomerListFilters

__all__ = ["CustomerArchiveWindow", "CustomerListFilters", "open_archive_window"]
