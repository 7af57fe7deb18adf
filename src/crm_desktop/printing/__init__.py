"""Paper forms: reportlab fills the layouts in forms/ and embeds the font from resources/fonts/.

    pdf, report = print_numbered(database, "repair_card", ["XK202611-0001"], "card.pdf")

This module is the package's face only: it names what the window and the command line use.
A print goes one way: ``prints.py`` loads the layout (``layout.py`` reads and checks the
layout files), ``forms.py`` writes each form's records as on paper from the plain data the
services read (``services.form_data``, ``daily_reports``), and ``painter.py`` draws them.
Nothing here imports Qt — the command line prints without a GUI — and nothing here queries
the database. The renderer (reportlab, qrcode) is imported on the first print, not with
this package: the window's start-up does not pay for it.
"""

from __future__ import annotations

from ..progress import Cancelled
from . import forms
from .layout import LayoutError
from .prints import load_layout, print_customer_list, print_list, print_numbered, print_period, print_records
from .record import Record, RenderReport

__all__ = [
    "Cancelled", "LayoutError", "Record", "RenderReport", "forms", "load_layout", "print_customer_list",
    "print_list", "print_numbered", "print_period", "print_records",
]
