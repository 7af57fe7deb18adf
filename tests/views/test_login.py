"""I7 at the window: the first start's administrator and recovery code, logging in, the
forced change of a one-time password, recovery, and the demo banner."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel

from crm_desktop import demo
from crm_desktop.services import auth
from crm_desktop.views import login
from crm_desktop.views.main_window import MainWindow


def test_first_start_shows_the_admin_then_forces_a_new_password(app, database, qtbot, monkeypatch):
    shown = {}

    def first(dialog):
        qtbot.addWidget(dialog)
        assert not dialog.ok.isEnabled()  # not before the recovery code is said to be kept
        dialog.kept.setChecked(True)
        shown.update({w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()})
        return QDialog.DialogCode.Accepted

    def enter(dialog):
        qtbot.addWidget(dialog)
        dialog.password.setText(shown["password"])
        dialog.accept()
        return dialog.result()

    def change(dialog):
        qtbot.addWidget(dialog)
        dialog.old.setText(shown["password"])
        dialog.new.setText("my-own-secret")
        dialog.again.setText("my-own-secret")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(login.FirstSetupDialog, "exec", first)
    monkeypatch.setattr(login.LoginDialog, "exec", enter)
    monkeypatch.setattr(login.ChangePasswordDialog, "exec", change)
    user = login.log_in_at_start(database)
    assert user is not None and user.role == "admin" and not user.must_change_password
    assert shown["login"] == "admin" and len(shown["recovery"]) == 29
    assert auth.log_in(database, "admin", "my-own-secret").login == "admin"


def test_closing_the_first_start_stores_nothing(app, database, monkeypatch):
    monkeypatch.setattr(login.FirstSetupDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert login.log_in_at_start(database) is None
    with database.read_session() as s:
        assert not auth.has_accounts(s)


def test_a_wrong_password_is_said_at_the_dialog(app, database, qtbot):
    demo.generate(database, calls=30, seed=2)
    dialog = login.LoginDialog(database)
    qtbot.addWidget(dialog)
    dialog.login.setText("admin")
    dialog.password.setText("not-it-at-all")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "密码" in dialog.message.text()
    dialog.password.setText("admin123")
    dialog.accept()
    assert dialog.user is not None and dialog.user.role == "admin"


def test_the_recovery_code_resets_the_admin_password(app, database, qtbot):
    setup = auth.first_setup(database)
    dialog = login.RecoveryDialog(database)
    qtbot.addWidget(dialog)
    dialog.code.setText(setup.recovery_code)
    dialog.new.setText("brand-new-pass")
    dialog.again.setText("brand-new-pass")
    dialog.accept()
    assert dialog.new_code and dialog.new_code in dialog.result_label.text()
    assert auth.log_in(database, "admin", "brand-new-pass").role == "admin"


def test_the_window_says_demo_data_is_demo_data(app, database, qtbot):
    plain = MainWindow(database)
    qtbot.addWidget(plain)
    assert plain.demo_banner.isHidden()
    demo.generate(database, calls=30, seed=2)
    window = MainWindow(database)
    qtbot.addWidget(window)
    assert not window.demo_banner.isHidden() and "admin123" in window.demo_banner.text()


def test_the_administrator_adds_a_colleague_who_then_logs_in(app, database, qtbot):
    from crm_desktop.views.accounts_dialog import AccountsDialog

    setup = auth.first_setup(database)
    admin = auth.change_password(database, auth.log_in(database, "admin", setup.password), setup.password, "admin-secret")
    dialog = AccountsDialog(database, admin)
    qtbot.addWidget(dialog)

    def fill(form):
        qtbot.addWidget(form)
        form.name.setText("孙主任")
        form.role.setCurrentIndex(form.role.findData("supervisor"))
        form.login.setText("sun")
        return QDialog.DialogCode.Accepted

    told = []
    dialog.add_staff(fill=fill, tell=told.append)
    assert dialog.last_password and dialog.last_password in told[0]
    user = auth.log_in(database, "sun", dialog.last_password)
    assert user.role == "supervisor" and user.must_change_password
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "孙主任" in names


def test_only_the_administrator_opens_the_accounts(app, database):
    import pytest

    from crm_desktop.errors import UserError
    from crm_desktop.views.accounts_dialog import AccountsDialog

    with pytest.raises(UserError):
        AccountsDialog(database, auth.LoggedIn(1, "钱文员", "clerk", "qian", False))
