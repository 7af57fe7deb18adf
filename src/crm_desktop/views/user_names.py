"""How the logged-in user is named on screen: 张三（服务主任）."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..services import labels
from ..services.auth import LoggedIn
from .i18n import translate


def role_text(role: str) -> str:
    label = labels.ROLE.get(role)
    return label.tr(translate) if label is not None else role


def user_text(user: LoggedIn) -> str:
    """张三（服务主任）"""
    return QCoreApplication.translate("UserChooser", "%1 (%2)").replace("%1", user.name).replace("%2", role_text(user.role))
