"""The start-up baseline: only what any program of this stack must do.

Creates a QApplication, opens a QMainWindow with a QTableView, imports sqlalchemy.orm,
counts the rows of service_call in the given SQLite file with sqlite3, lets the window
show (events processed), then exits. bench_startup.py runs it side by side with the
program's ``--smoke``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/baseline_startup.py DATABASE_FILE
"""

import sqlite3
import sys

import sqlalchemy.orm  # noqa: F401  - the program's stack imports it; so does the baseline
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1280, 800)
    con = sqlite3.connect(sys.argv[1])
    try:
        rows = con.execute("SELECT count(*) FROM service_call").fetchone()[0]
    finally:
        con.close()
    window.statusBar().showMessage(f"{rows} rows")
    window.show()
    app.processEvents()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print(f"baseline ok: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
