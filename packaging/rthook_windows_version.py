"""PyInstaller run-time hook (build.spec): on Windows, Python 3.11's ``platform`` module
learns the Windows version without starting ``cmd /c ver``.

SQLAlchemy asks ``platform.machine()`` when it is imported, and on Windows Python 3.11
answers that through ``platform.win32_ver()``, which runs ``cmd /c ver`` in a new process (a
console process too, started from a program without a console). Python 3.12 asks WMI
instead. Here ``platform._syscmd_ver`` gives no answer, so ``win32_ver`` takes the version
it falls back on anyway, ``sys.getwindowsversion().platform_version`` (the version of the
system's kernel32.dll, not the compatibility-mode one). Measured under Wine: 70 ms of every
start. Linux, macOS and Python 3.12 and later are left as they are.
"""

import sys


def _install() -> None:
    if sys.platform != "win32" or sys.version_info >= (3, 12):
        return
    import platform

    if not hasattr(platform, "_syscmd_ver"):
        return

    def _syscmd_ver(system="", release="", version="", supported_platforms=("win32", "win16", "dos")):
        return system, release, version

    platform._syscmd_ver = _syscmd_ver


_install()
del _install
