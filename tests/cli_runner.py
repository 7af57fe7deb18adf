"""The program's command line as a test calls it: ``run`` in this process through
``cli.main(argv)`` with the output captured (a new Python process costs 1–3 s), ``run_process``
as a real ``python -m crm_desktop`` (for --smoke, which starts the whole program)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import traceback

# the demo database's administrator: the headless commands act as a logged-in user (I7)
AS_ADMIN = {"CRM_DESKTOP_USER": "admin", "CRM_DESKTOP_PASSWORD": "admin123"}


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m crm_desktop ARGS`` in this process: exit code, stdout and stderr as the
    real command gives them (an exception that escapes is printed as the interpreter would,
    exit code 1), with ``env`` added to the environment for the call only."""
    from crm_desktop import cli

    wanted = {**AS_ADMIN, **(env or {})}
    saved = {key: os.environ.get(key) for key in wanted}
    out, err = io.StringIO(), io.StringIO()
    os.environ.update(wanted)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse refusing the arguments
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:  # noqa: BLE001 - what the interpreter would print before exit 1
                traceback.print_exc()
                code = 1
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _close_the_commands_log()
    return subprocess.CompletedProcess(["crm_desktop", *args], code, out.getvalue(), err.getvalue())


def _close_the_commands_log() -> None:
    """The command logs into its data folder (config.setup_logging); the folder belongs to
    the test, so the file is closed when the command ends, as at a process's exit."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_crm_desktop", False)]:
        root.removeHandler(handler)
        handler.close()


def run_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real ``python -m crm_desktop ARGS`` process (for --smoke)."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{**AS_ADMIN, **(env or {})})
    return subprocess.run([sys.executable, "-m", "crm_desktop", *args], capture_output=True, text=True,
                          env=full_env, timeout=120)
