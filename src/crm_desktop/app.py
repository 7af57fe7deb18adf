"""Builds the QApplication, the translator, the font and the main window; nothing else."""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from . import APP_NAME, ORG_NAME, paths
from . import config as config_mod
from .i18n import QT_TRANSLATE_NOOP
from .translation import LOCALE, load_ours, load_qt

log = logging.getLogger(__name__)


_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context, message: str) -> None:
    """Qt's own warnings go to the log file, not to the clerk's console."""
    logging.getLogger("qt").log(_QT_LOG_LEVELS.get(kind, logging.WARNING), "%s", message)


def make_application(argv: list[str] | None = None) -> QApplication:
    qInstallMessageHandler(_qt_message)
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    config_mod.use_settings_folder_from_environment()
    install_translations(app)
    install_font(app)
    install_icon(app)
    install_keys(app)
    return app


def install_icon(app: QApplication) -> None:
    """The program's icon on every window (title bar, taskbar, Alt+Tab); the Windows .exe
    carries the .ico version itself (build.spec)."""
    icon = QIcon(str(paths.icon_file()))
    if icon.isNull():
        log.warning("could not load %s", paths.icon_file())
        return
    app.setWindowIcon(icon)


def install_keys(app: QApplication) -> None:
    """Keys that behave the same in every window (views/keys.py: Tab leaves a date editor)."""
    from .views import keys

    keys.install(app)


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """zh_CN is the program's language: our strings, then Qt's own (dialog buttons)."""
    QLocale.setDefault(LOCALE)
    installed = []
    for translator in (load_ours(app), load_qt(app)):
        if translator is not None:
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def install_font(app: QApplication) -> str | None:
    """Register the shipped CJK font so Chinese shows on a PC without one."""
    font_id = QFontDatabase.addApplicationFont(str(paths.font_file()))
    if font_id < 0:
        log.warning("could not load %s", paths.font_file())
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(app.font())
    font.setFamilies([family, *font.families()] if font.families() else [family])
    app.setFont(font)
    return family


def start_up_done() -> None:
    """The objects made so far live until the program ends: the garbage collector leaves
    them aside for good (gc.freeze) and goes back to collecting the ones made from now on
    (cli.main turned it off for the start-up)."""
    gc.freeze()
    gc.enable()


LOG_ELSEWHERE = QT_TRANSLATE_NOOP(
    "App", "The data folder does not let the program write its log file, so the log is kept in {path} for now. "
           "Ask whoever looks after this PC to give your account permission to write in the data folder.")


def _say_where_the_log_went(window, translate) -> None:
    """Once the window shows: the log could not go into the data folder (config.setup_logging)."""
    fallback = config_mod.fallback_log()
    if fallback is None:
        return
    text = LOG_ELSEWHERE.tr(translate, path=str(fallback))
    QTimer.singleShot(0, window, lambda: QMessageBox.warning(window, APP_NAME, text))


FOLDER_HELD_QUESTION = QT_TRANSLATE_NOOP(
    "App", "{holder}\n\nOnly one program may work on a data folder at a time. You can open it read-only (to look "
           "things up and print; nothing can be saved) or quit and use the program that holds it.")
OPEN_READ_ONLY = QT_TRANSLATE_NOOP("App", "Open &read-only")
QUIT = QT_TRANSLATE_NOOP("App", "&Quit")
FOLDER_HELD_SMOKE = QT_TRANSLATE_NOOP("App", "{holder} The smoke run needs the data folder to itself.")
READ_ONLY_WINDOW = QT_TRANSLATE_NOOP(
    "App", "This window was opened read-only, nothing can be saved in it: {holder}")


def _take_data_folder(cfg, smoke: bool, translate):
    """The window's hold on its data folder (folder_lock.py): ``(lock, None)`` when taken;
    ``(None, holder sentence)`` when another program holds it and the clerk chose to look
    read-only; ``None`` when she chose to quit. A folder where no lock can be made (a
    read-only folder) is opened without one: nothing can be written there anyway."""
    from .errors import UserError
    from .folder_lock import FolderLock, HeldElsewhere

    lock = FolderLock(cfg.data_dir)
    try:
        lock.acquire()
    except HeldElsewhere as held:
        holder = held.describe(translate)
        log.warning("the data folder is held elsewhere: %s", holder)
        if smoke:
            raise UserError(FOLDER_HELD_SMOKE, holder=holder) from None
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, FOLDER_HELD_QUESTION.tr(translate, holder=holder))
        read_only = box.addButton(OPEN_READ_ONLY.tr(translate), QMessageBox.ButtonRole.AcceptRole)
        quit_button = box.addButton(QUIT.tr(translate), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(quit_button)
        box.setEscapeButton(quit_button)
        box.exec()
        if box.clickedButton() is not read_only:
            return None
        return None, holder
    except OSError:
        log.warning("no lock could be made in the data folder %s; going on without one", cfg.data_dir, exc_info=True)
        return None, None
    return lock, None


def run_gui(args: argparse.Namespace) -> int:
    """Start the window; any failure before it shows is logged and told in one short
    message (on stderr for --smoke), never as a traceback. The exit code is the command
    line's: 2 refused, a known fault's own (faults.py), 1 a bug."""
    from . import faults
    from .errors import UserError
    from .views.errors import install_excepthook, message_of
    from .views.i18n import translate

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    cfg, early = None, None
    try:
        cfg = config_mod.resolve(args.data_dir, args.database_url)
        config_mod.setup_logging(cfg)  # before the app, so font and translation warnings are logged
    except (OSError, UserError) as exc:  # a data folder that cannot be made or is a file: told below, once Qt can show it
        early = exc
    app = make_application()
    install_excepthook(silent=args.smoke)
    database, lock = None, None
    try:
        if early is not None:
            raise early
        from .db import open_database

        taken = _take_data_folder(cfg, args.smoke, translate)
        if taken is None:
            return 0
        lock, held_by = taken
        database = open_database(cfg, read_only=held_by is not None)
        if held_by is not None:
            database.opened_read_only = True
            database.refuse_writes(READ_ONLY_WINDOW, holder=held_by)
        from .views.main_window import MainWindow

        start_up_done()  # before anything waits for a person (first start, log-in)
        if database.is_empty_on_open and not args.smoke:
            from .views.first_start import ask_first_start

            if not ask_first_start(database):
                return 0

        user_id = None  # --smoke shows nothing to anyone and acts as nobody
        if not args.smoke:
            from .views.login import log_in_at_start

            user = log_in_at_start(database)
            if user is None:
                return 0
            user_id = user.staff_id
        window = MainWindow(database, current_user_id=user_id)
        if args.smoke:
            return run_smoke(app, window, printing=getattr(args, "smoke_print", False))
        while True:
            window.show()
            window.activateWindow()  # the keyboard on it from the start, with or without a window manager
            _say_where_the_log_went(window, translate)
            window.watch.start_after_show()
            code = app.exec()
            from .views.backup_actions import backup_at_exit, finish_background_checks

            finish_background_checks(window)
            chosen, user = window.restore_request, window.logged_in()
            if chosen is None:
                backup_at_exit(database)
                return code
            # a restore: this window and every connection of it go, the backup takes the
            # database's place, and the program starts again on it with a new log-in
            _close_for_good(window)
            database.dispose()
            from .views.restore_run import restore_and_report

            restore_and_report(cfg, chosen, user)
            database = open_database(cfg)
            from .views.login import log_in_at_start

            user = log_in_at_start(database)
            if user is None:
                return 0
            window = MainWindow(database, current_user_id=user.staff_id)
    except Exception as exc:
        found = faults.diagnose(exc, cfg.sqlite_path if cfg is not None else None)
        if isinstance(exc, UserError):
            log.error("cannot start: %s", exc)
        elif found is not None:
            found.log("cannot start")
        else:
            log.exception("cannot start")
        message = found.fault.render(translate) if found is not None else message_of(exc)
        if args.smoke:
            # a fault in its own words: the raw text of a database error is a statement and a link
            print(f"smoke failed: {message if found is not None else exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, QCoreApplication.translate("App", "crm_desktop"), message)
        if found is not None:
            return found.fault.exit_code
        return 2 if isinstance(exc, UserError) else 1
    finally:
        from .views import background

        background.shut_down()  # work still running is cancelled and waited for before the database closes
        if database is not None:
            database.dispose()
        if lock is not None:
            lock.release()


def _close_for_good(window) -> None:
    """The window and all it holds (table models and their connections) deleted now."""
    from PySide6.QtCore import QEvent

    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def run_smoke(app: QApplication, window, printing: bool = False) -> int:
    """Check that Qt's own Chinese translation is there, open every register and the
    dispatch board (and, with ``printing``, draw a repair card and show it in the print
    preview), let events run, report the first failure on stderr."""
    failures: list[str] = []
    previous_hook = sys.excepthook

    def record(exc_type, exc, tb):
        previous_hook(exc_type, exc, tb)
        failures.append(f"{exc_type.__name__}: {exc}")

    sys.excepthook = record
    try:
        if qt_translation_missing():  # what a bundle could lack
            failures.append("Qt's own Chinese translation (qtbase_zh_CN.qm) was not found in "
                            + QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        window.show()
        app.processEvents()
        for name in window.register_names():
            window.open_register(name)
            app.processEvents()
        window.open_board()
        app.processEvents()
        if printing:
            _smoke_print(app, window)
        QTimer.singleShot(0, app.quit)
        app.exec()
    except Exception as exc:  # the reason goes to stderr, the traceback to the log
        log.exception("smoke run failed")
        failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        sys.excepthook = previous_hook
    if failures:
        print("smoke failed: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("smoke ok: " + ", ".join(window.page_names()) + (", printing" if printing else ""))
    return 0


QT_SAVE = ("QPlatformTheme", "Save")  # the Save button's text in Qt's own catalogue (not ours: no literal call)


def qt_translation_missing() -> bool:
    """Qt's standard buttons would show English: qtbase_zh_CN.qm was not found."""
    return QCoreApplication.translate(*QT_SAVE) == QT_SAVE[1]


def _smoke_print(app: QApplication, window) -> None:
    """A repair card drawn in the background (the thread pool, reportlab, the font, QR and
    Code128) and shown in the preview (PDFium): what a bundle could lack without any
    register noticing."""
    from .printing import print_records
    from .printing.painter import Record
    from .views import background
    from .views.print_preview import PrintPreviewDialog

    config = window.database.config
    forms_dir = config.forms_dir if config is not None else None
    failures: list[BaseException] = []
    task = background.run_in_background(
        window,
        lambda progress: print_records("repair_card", [Record({"card_no": "XK000000-0000"})], None, forms_dir,
                                       progress=progress)[0],
        lambda pdf: pdf,
        label="", on_failure=failures.append,
    )
    if task is None or not task.wait(60_000):
        raise RuntimeError("the repair card was not drawn in the background")
    if failures:
        raise failures[0]
    preview = PrintPreviewDialog(task.outcome, "repair_card", "smoke", window)
    preview.show()
    app.processEvents()
    if preview.images.cached(0) is None:
        raise RuntimeError("the print preview drew no page")
    preview.close()
    preview.deleteLater()
