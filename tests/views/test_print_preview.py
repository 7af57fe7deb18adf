"""The print preview: pages shown lazily, zoom, save as PDF, printing with the page range,
copies and the printer and paper remembered per form."""

from __future__ import annotations

import io
import math
import time
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from crm_desktop.views import print_preview
from crm_desktop.views.print_preview import PageImages, PrintPreviewDialog, preselect, print_pdf, remember, save_pdf_as

TAG = (100 * mm, 150 * mm)


def make_pdf(*sizes: tuple[float, float]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=sizes[0])
    for number, size in enumerate(sizes, start=1):
        pdf.setPageSize(size)
        pdf.setFont("Helvetica", 14)
        pdf.drawString(20 * mm, size[1] - 20 * mm, f"Page {number}")
        pdf.rect(10 * mm, 10 * mm, size[0] - 20 * mm, size[1] - 20 * mm)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def three_pages() -> bytes:
    return make_pdf(A4, A4, TAG)


@pytest.fixture(autouse=True)
def _forget_printing():
    """The settings folder lives for the whole test session: start every test afresh."""
    QSettings().remove("printing")
    yield
    QSettings().remove("printing")


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def accept_print_dialog(monkeypatch, choose=None) -> list[QPageLayout]:
    """QPrintDialog.exec accepts at once; ``choose(printer)`` plays the clerk's choices.
    Returns the page layouts the dialog was opened with (what was preselected)."""
    opened: list[QPageLayout] = []

    def exec_(dialog):
        opened.append(QPageLayout(dialog.printer().pageLayout()))
        if choose:
            choose(dialog.printer())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return opened


def page_count(path: Path) -> int:
    return len(pypdf.PdfReader(str(path)).pages)


def shown(qtbot, pdf: bytes, **kwargs) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(pdf, kwargs.pop("form_name", "repair_card"), "修理卡", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown_width_at(dialog: PrintPreviewDialog, zoom: float, points: float = A4[0]) -> int:
    return math.ceil(points * zoom * dialog.logicalDpiX() / 72) + print_preview.SHADOW


# -- the preview -------------------------------------------------------------------------
def test_the_dialog_shows_every_page_with_its_proportions_and_the_count(app, qtbot, three_pages):
    dialog = shown(qtbot, three_pages)

    assert len(dialog.pages) == 3
    count = QCoreApplication.translate("PrintPreviewDialog", "%1 pages").replace("%1", "3")
    assert dialog.page_count_label.text() == count
    a4, tag = dialog.pages[0].size_points, dialog.pages[2].size_points
    assert (round(a4.width()), round(a4.height())) == (595, 842)
    assert (round(tag.width()), round(tag.height())) == (283, 425)
    assert dialog.pages[2].width() < dialog.pages[0].width()


def test_zoom_changes_the_size_the_pages_are_rendered_at(app, qtbot, three_pages):
    dialog = shown(qtbot, three_pages)
    real_size = math.ceil(A4[0] * dialog.logicalDpiX() / 72)

    dialog.set_zoom(1.0)
    dialog.pages[0].grab()
    assert dialog.images.cached(0).width() == real_size
    assert dialog.pages[0].width() == real_size + print_preview.SHADOW

    dialog.zoom_in()
    assert dialog.zoom() == 1.25
    dialog.set_zoom(2.0)
    dialog.pages[0].grab()
    assert dialog.images.cached(0).width() == math.ceil(A4[0] * 2 * dialog.logicalDpiX() / 72)
    assert dialog.zoom_box.currentData() == 2.0


def test_fit_width_and_fit_page_fit_the_pages_into_the_window(app, qtbot, three_pages):
    dialog = shown(qtbot, three_pages)
    viewport = dialog.scroll.viewport()

    dialog.set_zoom(print_preview.FIT_WIDTH)
    assert dialog.scroll.widget().minimumSizeHint().width() <= viewport.width()
    assert dialog.pages[0].width() > viewport.width() * 0.8

    dialog.set_zoom(print_preview.FIT_PAGE)
    assert dialog.pages[0].height() <= viewport.height()
    assert dialog.zoom() < 1.0


def test_the_zoom_starts_at_the_window_width_but_never_above_real_size(app, qtbot):
    register = shown(qtbot, make_pdf(A4), form_name="call_register")
    register.resize(600, 600)
    assert register.zoom_box.currentData() == print_preview.AUTOMATIC
    assert register.zoom() < 1.0
    assert abs(register.pages[0].width() - shown_width_at(register, register.zoom())) <= 1  # rounding

    card = shown(qtbot, make_pdf(TAG))
    card.resize(600, 600)
    assert card.zoom() == 1.0
    assert card.pages[0].width() == shown_width_at(card, 1.0, TAG[0])


def test_a_long_register_opens_fast_and_renders_only_the_pages_in_view(app, qtbot):
    register = make_pdf(*[landscape(A4)] * 50)
    start = time.perf_counter()
    dialog = shown(qtbot, register, form_name="call_register")
    dialog.grab()
    assert time.perf_counter() - start < 2.0
    rendered = [i for i in range(50) if dialog.images.cached(i) is not None]
    assert rendered and len(rendered) <= 3


def test_rendered_pages_stay_within_the_memory_budget(three_pages):
    document = pdfium.PdfDocument(three_pages)
    images = PageImages(document, budget_bytes=6 * 1024 * 1024)  # an A4 page at 96 dpi is 3.6 MB

    for index in (0, 1, 0, 2):
        images.get(index, 96 / 72)

    assert [images.cached(i) is not None for i in range(3)] == [True, False, True]
    document.close()


def test_ctrl_p_prints_and_escape_closes(app, qtbot, three_pages, monkeypatch):
    printed = []
    monkeypatch.setattr(print_preview, "print_pdf", lambda pdf, form, parent: printed.append((pdf, form)) or True)
    dialog = shown(qtbot, three_pages)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()

    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [(three_pages, "repair_card")]

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


# -- save as PDF -------------------------------------------------------------------------
def test_save_as_writes_the_same_bytes_and_offers_the_folder_again(app, qtbot, three_pages, tmp_path, monkeypatch):
    asked = []

    def get_save_file_name(parent, caption, start, file_filter):
        asked.append(start)
        return str(tmp_path / "修理卡 JX-001"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    dialog = shown(qtbot, three_pages, suggested_file_name="修理卡 JX/001")

    written = dialog.save_as()

    assert written == tmp_path / "修理卡 JX-001.pdf"
    assert written.read_bytes() == three_pages
    assert Path(asked[0]).name == "修理卡 JX_001.pdf"
    assert QSettings().value("printing/last_pdf_folder") == str(tmp_path)
    save_pdf_as(three_pages, None, "again.pdf")
    assert asked[1] == str(tmp_path / "again.pdf")


def test_a_file_that_cannot_be_written_gives_a_short_message(app, three_pages, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "missing" / "x.pdf"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))

    assert save_pdf_as(three_pages) is None
    assert len(warnings) == 1 and "x.pdf" in warnings[0] and "Traceback" not in warnings[0]
    assert QSettings().value("printing/last_pdf_folder") is None


# -- printing ----------------------------------------------------------------------------
def test_printing_sends_every_page(app, three_pages, tmp_path):
    out = tmp_path / "printed.pdf"
    assert print_pdf(three_pages, "repair_card", printer=pdf_printer(out), ask=False)
    assert page_count(out) == 3


def test_printing_keeps_to_the_page_range_chosen_in_the_dialog(app, three_pages, tmp_path, monkeypatch):
    accept_print_dialog(monkeypatch, choose=lambda printer: printer.setFromTo(2, 3))
    out = tmp_path / "range.pdf"

    assert print_pdf(three_pages, "repair_card", printer=pdf_printer(out))

    pages = pypdf.PdfReader(str(out)).pages
    assert len(pages) == 2
    tag_width = math.ceil(TAG[0] * print_preview.PRINT_DPI_CAP / 72)  # page 3 rendered at the cap
    assert [image.image.size[0] for image in pages[1].images] == [tag_width]


def test_copies_are_printed_when_the_printer_does_not_make_them(app, three_pages, tmp_path):
    out = tmp_path / "copies.pdf"
    printer = pdf_printer(out)
    printer.setCopyCount(2)
    assert not printer.supportsMultipleCopies()

    assert print_pdf(three_pages, "repair_card", printer=printer, ask=False)
    assert page_count(out) == 6


def test_the_paper_is_remembered_per_form(app, tmp_path, monkeypatch):
    card, register = make_pdf(A4), make_pdf(landscape(A4))

    def tag_paper(printer):
        printer.setPageSize(QPageSize(QSizeF(100, 150), QPageSize.Unit.Millimeter))

    accept_print_dialog(monkeypatch, choose=tag_paper)
    assert print_pdf(card, "repair_card", printer=pdf_printer(tmp_path / "1.pdf"))
    opened = accept_print_dialog(monkeypatch)
    assert print_pdf(card, "repair_card", printer=pdf_printer(tmp_path / "2.pdf"))
    assert print_pdf(register, "call_register", printer=pdf_printer(tmp_path / "3.pdf"))

    card_layout, register_layout = opened
    size = card_layout.pageSize().size(QPageSize.Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (100, 150)
    assert card_layout.orientation() == QPageLayout.Orientation.Portrait
    assert register_layout.pageSize().id() == QPageSize.PageSizeId.A4
    assert register_layout.orientation() == QPageLayout.Orientation.Landscape
    assert float(QSettings().value("printing/repair_card/page_width_mm")) == 100.0
    assert QSettings().value("printing/call_register/orientation") == "landscape"


def test_the_default_paper_can_be_given(app, three_pages, tmp_path, monkeypatch):
    opened = accept_print_dialog(monkeypatch)
    printer = pdf_printer(tmp_path / "a.pdf")
    assert print_pdf(three_pages, "survey_card", printer=printer, default_page_size_mm=(148, 210))
    assert opened[0].pageSize().id() == QPageSize.PageSizeId.A5


class NativePrinter(QPrinter):
    """A system printer as far as the remembering goes (this machine has none)."""

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.name = name

    def outputFormat(self):  # noqa: N802 - Qt's name
        return QPrinter.OutputFormat.NativeFormat

    def printerName(self) -> str:  # noqa: N802 - Qt's name
        return self.name

    def setPrinterName(self, name: str) -> None:  # noqa: N802 - Qt's name
        self.name = name


def test_the_printer_is_remembered_and_chosen_again_while_it_exists(app, monkeypatch):
    remember(NativePrinter("Tag printer"), "repair_card")
    assert QSettings().value("printing/repair_card/printer") == "Tag printer"

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office laser", "Tag printer"]))
    again = NativePrinter()
    preselect(again, "repair_card", None)
    assert again.name == "Tag printer"

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office laser"]))
    gone = NativePrinter()
    preselect(gone, "repair_card", None)
    assert gone.name == ""
    assert gone.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4  # the paper is still preselected


def test_printing_to_a_file_is_not_turned_into_printing_on_the_remembered_printer(app, monkeypatch):
    class FilePrinter(NativePrinter):
        def outputFormat(self):  # noqa: N802 - Qt's name
            return QPrinter.OutputFormat.PdfFormat

    QSettings().setValue("printing/repair_card/printer", "Tag printer")
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Tag printer"]))
    to_file = FilePrinter()

    preselect(to_file, "repair_card", None)
    remember(to_file, "repair_card")

    assert to_file.name == ""
    assert QSettings().value("printing/repair_card/printer") == "Tag printer"


def test_a_long_print_shows_progress_and_can_be_cancelled(app, tmp_path, monkeypatch):
    shown_progress = []
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: shown_progress.append(self.maximum()) or True)

    assert not print_pdf(make_pdf(*[A4] * 6), "call_register", printer=pdf_printer(tmp_path / "a.pdf"), ask=False)
    assert shown_progress == [6]
    assert QSettings().value("printing/call_register/page_width_mm") is None


def test_a_cancelled_print_dialog_prints_nothing(app, three_pages, tmp_path, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    out = tmp_path / "never.pdf"
    assert not print_pdf(three_pages, "repair_card", printer=pdf_printer(out))
    assert not out.exists()


def test_a_page_prints_at_its_real_size_on_larger_paper_and_shrinks_only_to_fit():
    from PySide6.QtCore import QRectF, QSizeF

    from crm_desktop.views.print_preview import _target_rect

    dpi = 300 / 72  # device pixels per point
    a4 = QRectF(0, 0, 595 * dpi, 842 * dpi)
    tag = QSizeF(283.5, 425.2)  # 100 × 150 mm
    target = _target_rect(a4, tag, dpi)
    assert abs(target.width() - 283.5 * dpi) < 0.5 and abs(target.height() - 425.2 * dpi) < 0.5
    assert target.center() == a4.center()
    smaller = QRectF(0, 0, 270 * dpi, 420 * dpi)  # a tag printer's printable area, a little inside the tag
    fitted = _target_rect(smaller, tag, dpi)
    assert fitted.width() <= smaller.width() + 0.01 and fitted.height() <= smaller.height() + 0.01
    assert abs(fitted.width() / fitted.height() - tag.width() / tag.height()) < 1e-6
