"""Screenshots of the main window and the new-call dialog, for a person to look at.

    python screenshots.py DATA_DIR OUT_DIR PERCENT

Run by tools/windows/build.py with the Windows CPython under Wine, Qt's windows platform
and QT_SCALE_FACTOR set (100, 125 or 150 %), on a copy of the demo data folder. It builds
the window as the program does after the administrator's log-in (admin of the demo), shows
it maximised, then opens a new call's dialog over it, and saves the whole screen each time
(``main-window-PERCENT.png``, ``new-call-PERCENT.png``): what a clerk would see.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# the program's sources next to this file (the embeddable CPython ignores PYTHONPATH)
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from crm_desktop import app as app_module  # noqa: E402
from crm_desktop import config as config_module  # noqa: E402
from crm_desktop.db import open_database  # noqa: E402
from crm_desktop.services import auth  # noqa: E402


def settle(app: QApplication, seconds: float = 1.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, path: Path) -> None:
    settle(app)
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0)  # the whole screen, as Wine drew it
    if picture.isNull() or not picture.save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(f"{path.name}: {picture.width()}x{picture.height()} (screen {screen.geometry().width()}x"
          f"{screen.geometry().height()} at {screen.devicePixelRatio():g}x)")


def main(argv: list[str]) -> int:
    data_dir, out_dir, percent = Path(argv[0]), Path(argv[1]), argv[2]
    cfg = config_module.resolve(data_dir)
    config_module.setup_logging(cfg)
    app = app_module.make_application()
    database = open_database(cfg)
    user = auth.log_in(database, "admin", "admin123")
    app_module.start_up_done()

    from crm_desktop.views.dialogs.call_dialog import CallDialog
    from crm_desktop.views.main_window import MainWindow

    window = MainWindow(database, current_user_id=user.id)
    window.showMaximized()
    window.activateWindow()
    shoot(app, out_dir / f"main-window-{percent}.png")

    dialog = CallDialog(database, parent=window, current_user_id=user.id)
    dialog.show()
    dialog.activateWindow()
    shoot(app, out_dir / f"new-call-{percent}.png")
    print(f"new-call dialog {dialog.width()}x{dialog.height()}, main window {window.width()}x{window.height()} "
          "(device-independent pixels)")

    dialog.reject()
    window.close()
    app.processEvents()
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
