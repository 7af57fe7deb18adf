"""Preview, print and save the PDF of a form or register made by ``printing/``.

QtPdf comes only with pyside6-addons (about 400 MB more), so pypdfium2 (PDFium, a few MB)
renders the pages: to images at screen resolution for the preview, and at the printer's
resolution (capped) for printing through Qt's print dialog. Saving writes the PDF bytes as
they are, so the file keeps its embedded font and vector text.

What the clerk chose in the print dialog is remembered per form under
``printing/<form_name>/``, so the repair card keeps the tag printer and its paper while the
registers keep A4.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSettings, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPaintEvent, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import files
from . import background
from .save_dialog import PDF_FOLDER_KEY, ask_save_path, safe_file_name

POINTS_PER_INCH = 72.0
MM_PER_POINT = 25.4 / POINTS_PER_INCH
PRINT_DPI_CAP = 300  # sharp on paper; 600 dpi would quadruple memory and time for no visible gain
PROGRESS_MIN_SHEETS = 4  # up to this many sheets print in a moment: no progress dialog
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
IMAGE_BUDGET_BYTES = 64 * 1024 * 1024  # about 25 A4 pages at screen size; others re-render (5–20 ms)
PAGE_GAP = 12
PAGE_MARGIN = 16
SHADOW = 4
BACKGROUND = QColor("#808080")
SETTINGS_GROUP = "printing"
LAST_FOLDER_KEY = PDF_FOLDER_KEY
AUTOMATIC, FIT_WIDTH, FIT_PAGE = "automatic", "fit_width", "fit_page"


# -- reading the PDF ---------------------------------------------------------------------
def page_sizes(document: pdfium.PdfDocument) -> list[QSizeF]:
    """Every page's size in points, without loading the pages: a long register opens fast."""
    return [QSizeF(*document.get_page_size(i)) for i in range(len(document))]


def first_page_size_mm(document: pdfium.PdfDocument) -> tuple[float, float]:
    width, height = document.get_page_size(0)
    return width * MM_PER_POINT, height * MM_PER_POINT


def render_page(document: pdfium.PdfDocument, index: int, pixels_per_point: float) -> QImage:
    """The page as an image; copied out of PDFium's buffer so the bitmap can be freed."""
    page = document[index]
    try:
        bitmap = page.render(scale=pixels_per_point, rev_byteorder=True, prefer_bgrx=True)
        try:
            view = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
            return view.copy()
        finally:
            bitmap.close()
    finally:
        page.close()


# -- remembered printer and paper --------------------------------------------------------
def _page_setup(width_mm: float, height_mm: float) -> tuple[QPageSize, QPageLayout.Orientation]:
    """A paper size as the printer driver knows it (A4 plus landscape, not a custom
    297 × 210 mm sheet); fuzzy matching absorbs the rounding of sizes read from a PDF."""
    orientation = QPageLayout.Orientation.Landscape if width_mm > height_mm else QPageLayout.Orientation.Portrait
    short, long = sorted((width_mm, height_mm))
    size = QPageSize(QSizeF(short, long), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return size, orientation


def _positive_float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _remembered_page_mm(settings: QSettings, form_name: str) -> tuple[float, float] | None:
    """The paper last used for the form, as it lies (width, height), or None."""
    prefix = f"{SETTINGS_GROUP}/{form_name}/"
    width = _positive_float(settings.value(prefix + "page_width_mm"))
    height = _positive_float(settings.value(prefix + "page_height_mm"))
    if width is None or height is None:
        return None
    if settings.value(prefix + "orientation") == "landscape":
        return max(width, height), min(width, height)
    return width, height


def preselect(printer: QPrinter, form_name: str, default_page_size_mm: tuple[float, float] | None) -> None:
    """Set the printer and paper last used for the form; the printer only if it still
    exists and the output is a real printer (naming a printer turns a PDF-file output into
    printer output)."""
    settings = QSettings()
    name = settings.value(f"{SETTINGS_GROUP}/{form_name}/printer")
    if (
        name
        and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        and name in QPrinterInfo.availablePrinterNames()
    ):
        printer.setPrinterName(name)  # before the paper: a new printer resets the page layout
    paper = _remembered_page_mm(settings, form_name) or default_page_size_mm
    if paper:
        size, orientation = _page_setup(*paper)
        printer.setPageSize(size)
        printer.setPageOrientation(orientation)


def remember(printer: QPrinter, form_name: str) -> None:
    """Keep the printer and paper of this print for the next print of the same form."""
    settings = QSettings()
    prefix = f"{SETTINGS_GROUP}/{form_name}/"
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        settings.setValue(prefix + "printer", printer.printerName())
    layout = printer.pageLayout()
    size = layout.pageSize().size(QPageSize.Unit.Millimeter)
    settings.setValue(prefix + "page_width_mm", round(size.width(), 1))
    settings.setValue(prefix + "page_height_mm", round(size.height(), 1))
    landscape = layout.orientation() == QPageLayout.Orientation.Landscape
    settings.setValue(prefix + "orientation", "landscape" if landscape else "portrait")


# -- printing ----------------------------------------------------------------------------
def print_pdf(
    pdf: bytes,
    form_name: str,
    parent: QWidget | None = None,
    printer: QPrinter | None = None,
    ask: bool = True,
    default_page_size_mm: tuple[float, float] | None = None,
) -> bool:
    """Print ``pdf`` on the printer and paper last used for ``form_name`` (the first
    page's size, or ``default_page_size_mm``, when the form was never printed), after the
    print dialog unless ``ask`` is False, and remember them for the next print of the form.
    True when the pages went to the printer."""
    document = pdfium.PdfDocument(pdf)
    try:
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        preselect(printer, form_name, default_page_size_mm or first_page_size_mm(document))
        if ask and not _ask(printer, len(document), parent):
            return False
        if not _print_pages(printer, document, _sheets(printer, len(document)), parent):
            return False
        remember(printer, form_name)
        return True
    finally:
        document.close()


def _ask(printer: QPrinter, page_count: int, parent: QWidget | None) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintPreviewDialog", "Print"))
    dialog.setMinMax(1, page_count)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _sheets(printer: QPrinter, page_count: int) -> list[int]:
    """The pages to print in order (0-based): the dialog's page range, and the copies when
    the printer driver does not make them itself (PDF output, some drivers)."""
    ranges = printer.pageRanges()
    pages = [p - 1 for p in range(1, page_count + 1) if ranges.isEmpty() or ranges.contains(p)]
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [p for p in pages for _ in range(copies)]


def _target_rect(area: QRectF, page: QSizeF, actual_size: float) -> QRectF:
    """The page centred in ``area`` at its real size (``actual_size`` device pixels per
    point), or smaller if it does not fit: the printable area is a little smaller than the
    paper, and a form must not lose its edges. Never larger: a tag printed on A4 paper stays
    a tag."""
    scale = min(area.width() / page.width(), area.height() / page.height(), actual_size)
    target = QRectF(QPointF(0, 0), page * scale)
    target.moveCenter(area.center())
    return target


def _print_pages(printer: QPrinter, document: pdfium.PdfDocument, sheets: list[int], parent: QWidget | None) -> bool:
    """Paint the pages on the printer, on the GUI thread — the one long work that does not
    go to the background (``views/background``), for two reasons: PDFium is not thread-safe
    (no two threads may call it at once, not even for different documents, says pypdfium2),
    and the preview beside it renders pages with it on the GUI thread whenever the clerk
    scrolls; and the printer and its paint engine were set up by the print dialog on this
    thread. Its progress dialog is still the helper's: reports go to the modal dialog's
    ``setValue``, which lets Qt handle Cancel and repaints between pages."""
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("PrintPreviewDialog", "Print"),
            QCoreApplication.translate(
                "PrintPreviewDialog", "The printer could not be started. Check that it is on and connected."
            ),
        )
        return False
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    dialog = _progress(parent) if len(sheets) > PROGRESS_MIN_SHEETS else None
    progress = background.gui_thread_progress(dialog) if dialog is not None else None
    sizes = page_sizes(document)
    printable = printer.pageRect(QPrinter.Unit.DevicePixel)
    area = QRectF(0, 0, printable.width(), printable.height())  # the painter starts at the printable area
    try:
        for done, index in enumerate(sheets):
            if progress is not None and not progress(done, len(sheets)):
                printer.abort()
                return False
            if done and not printer.newPage():
                return False
            target = _target_rect(area, sizes[index], printer.resolution() / POINTS_PER_INCH)
            pixels_per_point = min(target.width() / sizes[index].width(), PRINT_DPI_CAP / POINTS_PER_INCH)
            painter.drawImage(target, render_page(document, index, pixels_per_point))
        return True
    finally:
        painter.end()
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()


def _progress(parent: QWidget | None) -> QProgressDialog:
    return background.progress_dialog(
        parent,
        QCoreApplication.translate("PrintPreviewDialog", "Sending the pages to the printer…"),
        QCoreApplication.translate("PrintPreviewDialog", "Print"),
        show_after_ms=0,  # only long prints get one
        name="print_progress",
    )


# -- saving ------------------------------------------------------------------------------
def _safe_file_name(name: str) -> str:
    """Windows refuses some characters in file names; form numbers and titles may hold them."""
    name = safe_file_name(name)
    return name if name.lower().endswith(".pdf") else name + ".pdf"


def save_pdf_as(pdf: bytes, parent: QWidget | None = None, suggested_file_name: str | None = None) -> Path | None:
    """Ask where, then write the bytes unchanged; the folder is offered again next time.
    The path written, or None when the clerk cancelled or the file could not be written."""
    path = ask_save_path(
        parent,
        QCoreApplication.translate("PrintPreviewDialog", "Save as PDF"),
        _safe_file_name(suggested_file_name) if suggested_file_name else "",
        QCoreApplication.translate("PrintPreviewDialog", "PDF files (*.pdf)"),
        key=LAST_FOLDER_KEY,
    )
    if path is None:
        return None
    try:
        files.write_bytes(path, pdf)
    except OSError:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("PrintPreviewDialog", "Save as PDF"),
            QCoreApplication.translate(
                "PrintPreviewDialog", "Could not save %1. It may be open in another program, or the folder may be read-only."
            ).replace("%1", str(path)),
        )
        return None
    return path


# -- the preview -------------------------------------------------------------------------
class PageImages:
    """Rendered pages, most recently painted last, within a memory budget: a 50-page
    register at 200 % would otherwise hold about 700 MB of images."""

    def __init__(self, document: pdfium.PdfDocument, budget_bytes: int = IMAGE_BUDGET_BYTES) -> None:
        self._document = document
        self._budget = budget_bytes
        self._images: OrderedDict[int, tuple[float, QImage]] = OrderedDict()

    def get(self, index: int, pixels_per_point: float) -> QImage:
        cached = self._images.get(index)
        if cached is not None and cached[0] == pixels_per_point:
            self._images.move_to_end(index)
            return cached[1]
        image = render_page(self._document, index, pixels_per_point)
        self._images[index] = (pixels_per_point, image)
        self._images.move_to_end(index)
        self._evict()
        return image

    def cached(self, index: int) -> QImage | None:
        entry = self._images.get(index)
        return entry[1] if entry else None

    def clear(self) -> None:
        self._images.clear()

    def _evict(self) -> None:
        while len(self._images) > 1 and sum(i.sizeInBytes() for _s, i in self._images.values()) > self._budget:
            self._images.popitem(last=False)


class PageView(QWidget):
    """One page on the grey background, rendered when it is first painted, so only the
    pages scrolled into view cost any time."""

    def __init__(self, images: PageImages, index: int, size_points: QSizeF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = images
        self.index = index
        self.size_points = size_points
        self._pixels_per_point = 1.0

    def set_pixels_per_point(self, pixels_per_point: float) -> None:
        self._pixels_per_point = pixels_per_point
        width = math.ceil(self.size_points.width() * pixels_per_point)
        height = math.ceil(self.size_points.height() * pixels_per_point)
        self.setFixedSize(width + SHADOW, height + SHADOW)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        page = self.rect().adjusted(0, 0, -SHADOW, -SHADOW)
        for step in range(1, SHADOW + 1):  # darker near the page: a soft drop shadow
            painter.fillRect(page.translated(step, step), QColor(0, 0, 0, 28))
        ratio = self.devicePixelRatioF()
        image = self._images.get(self.index, self._pixels_per_point * ratio)
        image.setDevicePixelRatio(ratio)
        painter.drawImage(page, image)
        painter.setPen(QColor(0, 0, 0, 90))
        painter.drawRect(page.adjusted(0, 0, -1, -1))


class PrintPreviewDialog(QDialog):
    """The PDF as it will print, with Print…, Save as PDF… and Close."""

    def __init__(
        self,
        pdf: bytes,
        form_name: str,
        title: str,
        parent: QWidget | None = None,
        suggested_file_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pdf = pdf
        self._form_name = form_name
        self._suggested_file_name = suggested_file_name
        self._document = pdfium.PdfDocument(pdf)
        self.destroyed.connect(self._document.close)  # PDFium's memory goes with the dialog
        self.images = PageImages(self._document)
        self._mode: str | float = AUTOMATIC
        self._pixels_per_point = 0.0
        self.pages = [PageView(self.images, i, size) for i, size in enumerate(page_sizes(self._document))]

        layout = QVBoxLayout(self)
        layout.addLayout(self._tool_row())
        # a text the layout's box could not hold even at its smallest size: which box and field
        self.cut_warning = QLabel()
        self.cut_warning.setObjectName("cut_warning")
        self.cut_warning.setWordWrap(True)
        self.cut_warning.setStyleSheet("background: #fff3cd; color: #7a5b00; padding: 4px 8px;")
        self.cut_warning.hide()
        layout.addWidget(self.cut_warning)
        layout.addWidget(self._page_area(), 1)
        layout.addWidget(self._buttons())
        for key, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
        ):
            # an explicit QKeySequence and a plain connect: a bare StandardKey given to
            # setShortcut, or a slot given to QShortcut's constructor, made PySide 6.12 warn
            # "shared QObject was deleted directly" and crash (bus error) at exit
            QShortcut(QKeySequence(key), self).activated.connect(slot)
        self._initial_size()
        self._apply_zoom()

    def show_cut(self, truncated) -> None:
        """Say which boxes of the layout cut their text with “…” (``RenderReport.truncated``:
        the record and the box with its field), so that whoever keeps the layouts knows
        which one to widen; nothing when every text fit."""
        if not truncated:
            self.cut_warning.hide()
            return
        boxes = "、".join(sorted({key for _record, key in truncated}))
        records = len({record for record, _key in truncated})
        self.cut_warning.setText(
            self.tr("Some text did not fit its box even at the smallest size and was cut with “…” "
                    "(%1 form(s)); the layout's boxes: %2").replace("%1", str(records)).replace("%2", boxes))
        self.cut_warning.show()

    # -- building ------------------------------------------------------------------------
    def _tool_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        zoom_out = QToolButton()
        zoom_out.setText("−")
        zoom_out.setToolTip(self.tr("Zoom out"))
        zoom_out.clicked.connect(self.zoom_out)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoom")
        self.zoom_box.addItem(self.tr("Automatic"), AUTOMATIC)
        self.zoom_box.addItem(self.tr("Fit width"), FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Fit page"), FIT_PAGE)
        for step in ZOOM_STEPS:
            self.zoom_box.addItem(f"{step:.0%}", step)
        self.zoom_box.activated.connect(self._zoom_chosen)
        zoom_in = QToolButton()
        zoom_in.setText("+")
        zoom_in.setToolTip(self.tr("Zoom in"))
        zoom_in.clicked.connect(self.zoom_in)
        self.page_count_label = QLabel(self.tr("%1 pages").replace("%1", str(len(self.pages))))
        self.page_count_label.setObjectName("page_count")
        for widget in (zoom_out, self.zoom_box, zoom_in):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.page_count_label)
        return row

    def _page_area(self) -> QScrollArea:
        sheet = QWidget()
        sheet.setObjectName("sheet")
        sheet.setAutoFillBackground(True)
        palette = sheet.palette()
        palette.setColor(sheet.backgroundRole(), BACKGROUND)
        sheet.setPalette(palette)
        column = QVBoxLayout(sheet)
        column.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        column.setSpacing(PAGE_GAP)
        for page in self.pages:
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(sheet)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return self.scroll

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(self.save_as)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("close")
        close.clicked.connect(self.reject)
        box.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        return box

    def _initial_size(self) -> None:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(min(960, int(screen.width() * 0.9)), int(screen.height() * 0.9))

    # -- zoom ----------------------------------------------------------------------------
    def zoom(self) -> float:
        """The current magnification, 1.0 = the page at its real size on the screen.
        Automatic is the width of the window but no larger than real size, so an A4
        register fills the window and a repair card tag is not blown up to twice its size."""
        if self._mode == AUTOMATIC:
            return min(1.0, self._fit_zoom(fit_height=False))
        if self._mode == FIT_WIDTH:
            return self._fit_zoom(fit_height=False)
        if self._mode == FIT_PAGE:
            return self._fit_zoom(fit_height=True)
        return float(self._mode)

    def set_zoom(self, mode: str | float) -> None:
        """AUTOMATIC, FIT_WIDTH, FIT_PAGE or a factor (1.0 = real size)."""
        self._mode = mode
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(mode))  # -1 (blank) for other factors
        self._apply_zoom()

    def _zoom_chosen(self, index: int) -> None:
        self.set_zoom(self.zoom_box.itemData(index))

    def zoom_in(self) -> None:
        current = self.zoom()
        self.set_zoom(next((s for s in ZOOM_STEPS if s > current + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self.zoom()
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < current - 0.01), ZOOM_STEPS[0]))

    def _points_to_pixels(self) -> float:
        return self.logicalDpiX() / POINTS_PER_INCH

    def _fit_zoom(self, fit_height: bool) -> float:
        """Room inside the scroll area, less the scroll bar that a long document shows (so
        the fit does not flip when the bar comes and goes), over the widest/tallest page."""
        frame = 2 * self.scroll.frameWidth()
        bar = self.scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = self.scroll.width() - frame - bar - 2 * PAGE_MARGIN - SHADOW - 1  # page sizes round up
        zoom = width / (max(p.size_points.width() for p in self.pages) * self._points_to_pixels())
        if fit_height:
            height = self.scroll.height() - frame - 2 * PAGE_MARGIN - SHADOW - 1
            zoom = min(zoom, height / (max(p.size_points.height() for p in self.pages) * self._points_to_pixels()))
        return max(0.1, zoom)

    def _apply_zoom(self) -> None:
        """Resize the pages; images of the old size are dropped at once to spare memory."""
        pixels_per_point = self.zoom() * self._points_to_pixels()
        if pixels_per_point == self._pixels_per_point:
            return
        self._pixels_per_point = pixels_per_point
        self.images.clear()
        for page in self.pages:
            page.set_pixels_per_point(pixels_per_point)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if isinstance(self._mode, str):  # the zoom follows the window
            self._apply_zoom()

    # -- actions -------------------------------------------------------------------------
    def print_document(self) -> bool:
        return print_pdf(self._pdf, self._form_name, self)

    def save_as(self) -> Path | None:
        return save_pdf_as(self._pdf, self, self._suggested_file_name or self.windowTitle())

    def done(self, result: int) -> None:
        """Closing frees the rendered pages at once, not when Python collects the dialog."""
        self.images.clear()
        super().done(result)
