"""The main window: navigation to the registers, menus, toolbar, status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget

from ..db import Database


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setWindowTitle(self.tr("crm_desktop — after-sales service"))
        self._pages: dict[str, int] = {}
        self._nav = QListWidget()
        self._nav.setMaximumWidth(200)
        self._stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._nav)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        for name, title in self._register_titles():
            page = QLabel(title)
            self._pages[name] = self._stack.addWidget(page)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self._nav.addItem(item)
        self._nav.currentRowChanged.connect(self._stack.setCurrentIndex)
        self._nav.setCurrentRow(0)
        self._build_menus()
        self.statusBar().showMessage(self.tr("Ready"))
        self._restore_geometry()

    def _register_titles(self) -> list[tuple[str, str]]:
        return [
            ("service_call", self.tr("Service call register")),
            ("goods_entry", self.tr("Goods in/out register")),
            ("repair_card", self.tr("Repair cards")),
            ("customer", self.tr("Customer list")),
        ]

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def register_names(self) -> list[str]:
        return list(self._pages)

    def open_register(self, name: str) -> None:
        self._nav.setCurrentRow(self._pages[name])

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
