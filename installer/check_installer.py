#!/usr/bin/env python3
"""Checks a built crm_desktop setup exe for real, under Wine: a silent install for the current
user, the files, the uninstall entry and the shortcuts; an upgrade in place while the program
runs (refused) and once it is closed (done, stale files gone); a silent uninstall that keeps
the data folder; an install for all users; the refusal of Windows 7.

    python3 installer/check_installer.py SETUP_EXE WINEPREFIX [--bundle DIR] [--version V]

Prints one "[installer] ..." line per step and check; exits 1 if any check failed, 2 if it
could not run at all. The prefix is created if missing. What it changes in the prefix: the
Windows version is set to Windows 10 if it was older; a Desktop folder that Wine links to the
Linux home folder becomes a folder of the prefix (so no shortcut lands in ~); Wine's menu
builder is switched off for these runs (it would write .desktop files into ~/.local).
Everything it installs it uninstalls again; a file it puts into the data folder to see that
it survives is removed at the end.

The running-program checks need a Windows exe that stays open: installer/standin/standin.c,
compiled here when x86_64-w64-mingw32-gcc is installed (apt: gcc-mingw-w64-x86-64), or given
with --standin; it replaces the installed crm_desktop.exe for those checks only (the upgrade
puts the real one back, which is checked). Without either they are skipped, loudly.
Standard library only.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICON = HERE.parent / "resources" / "icons" / "crm_desktop.ico"
UNINST_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\crm_desktop"
EXE = "crm_desktop.exe"
TITLE = "crm_desktop 售后服务"
MAX_SIZE = 50 * 1024 * 1024
SILENT_WAIT = 15  # crm_desktop.nsi's SILENT_WAIT
EXIT_TOO_OLD = 3
EXIT_RUNNING = 4


def say(message: str) -> None:
    print(f"[installer] {message}", flush=True)


def version_string(data: bytes, key: str) -> str | None:
    """A value of an exe's version resource (UTF-16 key, padding, UTF-16 value)."""
    i = data.find((key + "\0").encode("utf-16-le"))
    if i < 0:
        return None
    i += len(key) * 2 + 2
    while data[i:i + 2] == b"\0\0":
        i += 2
    end = i
    while data[end:end + 2] != b"\0\0":
        end += 2
    return data[i:end].decode("utf-16-le")


class Failed(Exception):
    """A check whose failure makes the later ones meaningless."""


class Checker:
    def __init__(self, setup: Path, prefix: Path, version: str | None, bundle: Path | None,
                 standin: Path | None):
        self.setup = setup
        self.prefix = prefix
        self.version = version
        self.bundle = bundle
        self.standin = standin
        self.failures: list[str] = []
        self.windows = "win10"
        self.icon_unchecked = True
        self.env = dict(os.environ)
        self.env.update({
            "WINEPREFIX": str(prefix),
            "WINEDEBUG": "-all",
            # no .desktop files and icons in ~/.local for the shortcuts; no Mono/Gecko prompt
            "WINEDLLOVERRIDES": "winemenubuilder.exe=d;mscoree=;mshtml=",
            "WINEARCH": "win64",
        })
        self.user_dir = prefix / "drive_c" / "users" / getpass.getuser()
        self.temp = Path(tempfile.mkdtemp(prefix="crm-installer-check-"))

    # ------------------------------------------------------------------ helpers
    def check(self, ok: bool, what: str, hint: str = "") -> bool:
        if ok:
            say(f"ok: {what}")
        else:
            say(f"FAIL: {what}" + (f" ({hint})" if hint else ""))
            self.failures.append(what)
        return ok

    def must(self, ok: bool, what: str, hint: str = "") -> None:
        if not self.check(ok, what, hint):
            raise Failed(what)

    def wine(self, *args: str, timeout: float = 600) -> tuple[int, str]:
        """Runs a Windows program to its end: its exit code and output. The output goes
        through a pipe (a Windows process whose stdout is a plain file can die at start), and
        the end is the process's, not the pipe's: Wine's explorer.exe /desktop, started by the
        first program that needs a window, inherits the pipe and keeps it open as long as any
        program of the prefix runs."""
        process = subprocess.Popen(["wine", *args], env=self.env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        chunks: list[bytes] = []
        reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: process.stdout.read1(4096), b"")),
                                  daemon=True)
        reader.start()
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        reader.join(timeout=1)
        return code, b"".join(chunks).decode("utf-8", "replace")

    def windows_path(self, path: Path) -> str:
        return "Z:" + str(path).replace("/", "\\")

    def unix_path(self, windows: str) -> Path:
        """C:\\users\\x\\... -> PREFIX/drive_c/users/x/... (drive C only)."""
        drive, _, rest = windows.partition(":")
        if drive.upper() != "C":
            raise ValueError(f"not on drive C: {windows}")
        path = self.prefix / "drive_c"
        for part in rest.strip("\\").split("\\"):
            # the case of a name may differ between Windows and the Linux folder
            match = [p for p in path.iterdir() if p.name.lower() == part.lower()] if path.is_dir() else []
            path = match[0] if match else path / part
        return path

    def registry(self, root: str) -> dict[str, object] | None:
        """The values of the uninstall key under HKCU or HKLM, or None if there is none.
        `reg export` writes UTF-16, so the Chinese names come through (`reg query` prints
        them in the console code page, as question marks)."""
        out = self.temp / "key.reg"
        for attempt in range(3):
            out.unlink(missing_ok=True)
            code, said = self.wine("reg", "export", f"{root}\\{UNINST_KEY}", self.windows_path(out), "/y")
            if code == 0 and out.exists():
                break
            # Wine's `reg export` now and then fails on a key that is there (a clean run read an
            # upgrade's key as missing, and the clean-up a second later found it): asked again
            # before the key counts as absent
            print(f"[installer] reg export {root}\\{UNINST_KEY}: exit code {code} (try {attempt + 1}): {said.strip()[:200]}")
            time.sleep(1)
        else:
            return None
        values: dict[str, object] = {}
        for line in out.read_bytes().decode("utf-16").splitlines():
            m = re.match(r'^"((?:[^"\\]|\\.)*)"=(.*)$', line)
            if not m:
                continue
            name, raw = m.group(1), m.group(2)
            if raw.startswith("dword:"):
                values[name] = int(raw[6:], 16)
            elif raw.startswith('"'):
                values[name] = re.sub(r"\\(.)", r"\1", raw[1:-1])
            else:
                values[name] = raw
        return values

    def running(self) -> list[int]:
        """Linux pids of this prefix's processes running crm_desktop.exe."""
        pids = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes()
                if EXE.encode() not in cmdline.lower():
                    continue
                environ = (proc / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if f"WINEPREFIX={self.prefix}".encode() in environ:
                pids.append(int(proc.name))
        return pids

    def start_program(self, exe: str, seconds: int) -> subprocess.Popen:
        """Starts exe (a Windows path, as a shortcut would: a Unix path may run it as Z:\\...)."""
        process = subprocess.Popen(["wine", exe, str(seconds)], env=self.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
        deadline = time.monotonic() + 30
        while not self.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        return process

    def stop_program(self) -> None:
        for pid in self.running():
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 20
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.2)

    def install(self, *switches: str, timeout: float = 600) -> tuple[int, float]:
        started = time.monotonic()
        code, output = self.wine(str(self.setup), "/S", *switches, timeout=timeout)
        took = time.monotonic() - started
        say(f"setup /S {' '.join(switches)}: exit code {code} after {took:.1f} s"
            + (f"; it printed: {output.strip()[:300]}" if output.strip() else ""))
        return code, took

    def uninstall(self, root: str) -> None:
        """Runs the QuietUninstallString of the key under root; the NSIS uninstaller copies
        itself to %TEMP% and returns at once, so wait for the key and the exe to go."""
        values = self.registry(root)
        if values is None:
            return
        command = str(values.get("QuietUninstallString", ""))
        m = re.match(r'^"([^"]+)"\s*(.*)$', command)
        self.must(bool(m), f"{root} QuietUninstallString is a quoted exe with switches", command)
        exe, switches = m.group(1), m.group(2).split()
        exe_path = self.unix_path(exe)
        started = time.monotonic()
        code, _ = self.wine(exe, *switches)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.registry(root) is None and not exe_path.exists():
                break
            time.sleep(1)
        say(f"uninstall ({command}): exit code {code}, gone after {time.monotonic() - started:.1f} s")

    @staticmethod
    def icon_images() -> list[bytes]:
        data = ICON.read_bytes()
        count = struct.unpack_from("<HHH", data, 0)[2]
        images = []
        for i in range(count):
            size, offset = struct.unpack_from("<II", data, 6 + 16 * i + 8)
            images.append(data[offset:offset + size])
        return images

    def carries_icon(self, exe: Path) -> bool:
        data = exe.read_bytes()
        return all(image in data for image in self.icon_images())

    @staticmethod
    def version_string(exe: Path, key: str) -> str | None:
        return version_string(exe.read_bytes(), key)

    @staticmethod
    def link_points_at(link: Path, target: str) -> bool:
        data = link.read_bytes().lower()
        t = target.lower()
        return t.encode("utf-16-le") in data or t.encode("utf-8") in data

    # ------------------------------------------------------------------ the checks
    def prepare(self) -> None:
        if not (self.prefix / "system.reg").exists():
            say(f"making the Wine prefix {self.prefix}")
            self.prefix.mkdir(parents=True, exist_ok=True)
            self.wine("wineboot", "-i")
            # wineboot returns before the prefix is finished; until it is, every Windows
            # program waits about 20 s at its start
            subprocess.run(["wineserver", "-w"], env=self.env, timeout=600)
        subprocess.run(["wineserver", "-p30"], env=self.env)  # one server up front: no start race
        _, current = self.wine("winecfg", "-v")
        self.windows = current.strip()
        if self.windows not in ("win10", "win11"):
            say(f"the prefix says Windows is {self.windows or '?'}; setting win10 (the setup needs 10 or newer)")
            self.windows = "win10"
            self.wine("winecfg", "-v", self.windows)
        if not self.user_dir.is_dir():
            users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
            self.user_dir = users[0]
        desktop = self.user_dir / "Desktop"
        if desktop.is_symlink():
            say(f"the prefix's Desktop links to {os.readlink(desktop)}; made it a folder of the prefix")
            desktop.unlink()
            desktop.mkdir()
        self.local = self.user_dir / "AppData" / "Local"
        self.roaming = self.user_dir / "AppData" / "Roaming"
        self.desktop = desktop
        self.start_menu = self.roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "crm_desktop"
        self.data_dir = self.roaming / "crm_desktop"
        for root in ("HKCU", "HKLM"):
            if self.registry(root) is not None:
                say(f"an earlier install is registered under {root}: uninstalling it first")
                self.uninstall(root)

    def check_file(self) -> None:
        size = self.setup.stat().st_size
        self.check(size < MAX_SIZE, f"setup size {size / 1e6:.1f} MB < 50 MB")
        name_version = re.fullmatch(r"crm_desktop-(.+)-setup\.exe", self.setup.name)
        self.check(bool(name_version), f"file name {self.setup.name} carries the version")
        if not self.version and name_version:
            self.version = name_version.group(1)
        data = self.setup.read_bytes()
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        machine = struct.unpack_from("<H", data, pe + 4)[0]
        self.check(data[pe:pe + 4] == b"PE\0\0" and machine == 0x8664, "setup is a 64-bit (x64) exe")
        for key in ("ProductName", "ProductVersion", "FileVersion", "CompanyName",
                    "FileDescription", "LegalCopyright"):
            value = self.version_string(self.setup, key)
            self.check(bool(value), f"version resource {key} = {value!r}")
        if self.version:
            self.check(self.version_string(self.setup, "ProductVersion") == self.version,
                       f"ProductVersion is {self.version}")
        self.check(self.carries_icon(self.setup), "setup exe carries resources/icons/crm_desktop.ico")

    def check_installed(self, root: str, inst: Path, start_menu: Path, desktop: Path | None,
                        mode: str) -> dict:
        exe = inst / EXE
        self.must(exe.is_file(), f"{exe.relative_to(self.prefix)} installed")
        self.check((inst / "uninstall.exe").is_file(), "uninstall.exe installed")
        if self.bundle:
            wanted = sorted(str(p.relative_to(self.bundle)) for p in self.bundle.rglob("*") if p.is_file())
            got = set(str(p.relative_to(inst)) for p in inst.rglob("*") if p.is_file())
            missing = [p for p in wanted if p not in got]
            self.check(not missing, f"all {len(wanted)} files of the bundle installed",
                       f"missing e.g. {missing[:3]}")
        if self.icon_unchecked:  # once: it is the bundle's, whatever the install
            self.icon_unchecked = False
            self.check(self.carries_icon(exe), "installed crm_desktop.exe carries the program's icon",
                       "build.spec's EXE() needs icon='resources/icons/crm_desktop.ico'")
        values = self.registry(root)
        self.must(values is not None, f"uninstall key {root}\\{UNINST_KEY} written")
        win_inst = str(values.get("InstallLocation", ""))
        self.check(self.unix_path(win_inst) == inst, f"InstallLocation = {win_inst}")
        self.check(values.get("DisplayName") == TITLE, f"DisplayName = {values.get('DisplayName')!r}")
        if self.version:
            self.check(values.get("DisplayVersion") == self.version,
                       f"DisplayVersion = {values.get('DisplayVersion')!r}")
        self.check(bool(values.get("Publisher")), f"Publisher = {values.get('Publisher')!r}")
        self.check(values.get("DisplayIcon") == f"{win_inst}\\{EXE},0",
                   f"DisplayIcon = {values.get('DisplayIcon')!r}")
        self.check(values.get("UninstallString") == f'"{win_inst}\\uninstall.exe" /{mode}',
                   f"UninstallString = {values.get('UninstallString')!r}")
        self.check(values.get("QuietUninstallString") == f'"{win_inst}\\uninstall.exe" /{mode} /S',
                   f"QuietUninstallString = {values.get('QuietUninstallString')!r}")
        size = values.get("EstimatedSize")
        self.check(isinstance(size, int) and size > 0, f"EstimatedSize = {size} KB")
        self.check(values.get("NoModify") == 1 and values.get("NoRepair") == 1, "NoModify, NoRepair = 1")
        link = start_menu / f"{TITLE}.lnk"
        self.check(link.is_file() and self.link_points_at(link, f"{win_inst}\\{EXE}"),
                   f"Start-menu shortcut {link.relative_to(self.prefix)} -> {EXE}")
        unlink = start_menu / f"卸载 {TITLE}.lnk"
        self.check(unlink.is_file() and self.link_points_at(unlink, f"{win_inst}\\uninstall.exe"),
                   "Start-menu shortcut to the uninstaller")
        if desktop is not None:
            link = desktop / f"{TITLE}.lnk"
            self.check(link.is_file() and self.link_points_at(link, f"{win_inst}\\{EXE}"),
                       f"desktop shortcut {link.relative_to(self.prefix)}")
        return values

    def check_removed(self, root: str, inst: Path, start_menu: Path, desktop: Path) -> None:
        self.check(self.registry(root) is None, f"uninstall key under {root} removed")
        self.check(not (inst / EXE).exists() and not (inst / "_internal").exists(),
                   "program files removed")
        self.check(not inst.exists(), "install folder removed")
        self.check(not start_menu.exists(), "Start-menu folder removed")
        self.check(not (desktop / f"{TITLE}.lnk").exists(), "desktop shortcut removed")

    def standin_exe(self) -> Path | None:
        if self.standin:
            return self.standin
        gcc = shutil.which("x86_64-w64-mingw32-gcc")
        if not gcc:
            return None
        out = self.temp / EXE
        sources = [str(HERE / "standin" / "standin.c")]
        windres = shutil.which("x86_64-w64-mingw32-windres")
        if windres:
            res = self.temp / "standin.res"
            subprocess.run([windres, "standin.rc", "-O", "coff", "-o", str(res)],
                           cwd=HERE / "standin", check=True)
            sources.append(str(res))
        subprocess.run([gcc, "-municode", "-mwindows", "-Os", "-s", *sources, "-o", str(out)], check=True)
        return out

    def run(self, all_users: bool) -> None:
        say(f"checking {self.setup} in the Wine prefix {self.prefix}")
        self.check_file()
        self.prepare()

        self.marker = marker = self.data_dir / "installer-check-keep-me.txt"
        self.made_data_dir = not self.data_dir.exists()
        marker.parent.mkdir(parents=True, exist_ok=True)
        token = f"kept {time.time()}"
        marker.write_text(token)

        # 1. a fresh install, current user (the default)
        inst = self.local / "Programs" / "crm_desktop"
        code, _ = self.install()
        self.must(code == 0, "silent install for the current user succeeds")
        self.check_installed("HKCU", inst, self.start_menu, self.desktop, "CurrentUser")
        first_exe = hashlib.sha256((inst / EXE).read_bytes()).hexdigest()

        # 2. upgrade in place: refused while the program runs, done once it is closed
        standin = self.standin_exe()
        stale = inst / "_internal" / "stale-from-the-old-version.dll"
        stale.parent.mkdir(exist_ok=True)
        stale.write_bytes(b"old")
        if standin is None:
            say("SKIPPED: the running-program checks (no x86_64-w64-mingw32-gcc and no --standin)")
        else:
            shutil.copyfile(standin, inst / EXE)
            win_exe = str(self.registry("HKCU")["InstallLocation"]) + "\\" + EXE
            self.start_program(win_exe, 120)
            self.must(bool(self.running()), "the stand-in crm_desktop.exe runs from the install folder")
            code, took = self.install("/NODESKTOP")
            self.check(code == EXIT_RUNNING and SILENT_WAIT - 1 <= took < SILENT_WAIT + 30,
                       f"upgrade while the program runs: waits {SILENT_WAIT} s, then exit code {EXIT_RUNNING}")
            self.check(stale.exists() and (inst / EXE).exists(), "nothing removed by the refused upgrade")
            self.stop_program()
            self.must(not self.running(), "stand-in stopped")
            # closed while the setup waits: it goes on
            self.start_program(win_exe, 5)
            self.must(bool(self.running()), "the stand-in runs again, for 5 s")
        code, took = self.install("/NODESKTOP")
        self.must(code == 0, "silent upgrade succeeds" + (" once the program has closed" if standin else ""))
        if standin is not None:
            self.check(took >= 2, f"it waited for the program to close ({took:.1f} s)")
        self.check(not stale.exists(), "the old version's stray file is gone after the upgrade")
        self.check(hashlib.sha256((inst / EXE).read_bytes()).hexdigest() == first_exe,
                   "crm_desktop.exe is the setup's again")
        self.check_installed("HKCU", inst, self.start_menu, None, "CurrentUser")
        self.check(not (self.desktop / f"{TITLE}.lnk").exists(), "/NODESKTOP: no desktop shortcut")
        self.check(marker.read_text() == token, "data folder untouched by the upgrade")

        # 3. uninstall, silently, as Add/Remove Programs would
        self.uninstall("HKCU")
        self.check_removed("HKCU", inst, self.start_menu, self.desktop)
        self.check(marker.exists() and marker.read_text() == token,
                   f"data folder {marker.parent.relative_to(self.prefix)} kept by the uninstaller")

        # 4. for all users (Wine's user is an administrator)
        if all_users:
            program_files = self.prefix / "drive_c" / "Program Files" / "crm_desktop"
            common = self.prefix / "drive_c" / "ProgramData" / "Microsoft" / "Windows"
            common_menu = common / "Start Menu" / "Programs" / "crm_desktop"
            public_desktop = self.prefix / "drive_c" / "users" / "Public" / "Desktop"
            code, _ = self.install("/ALLUSERS")
            self.must(code == 0, "silent install /ALLUSERS succeeds")
            self.check_installed("HKLM", program_files, common_menu, public_desktop, "AllUsers")
            self.check(self.registry("HKCU") is None, "no per-user key for an all-users install")
            self.uninstall("HKLM")
            self.check_removed("HKLM", program_files, common_menu, public_desktop)

        # 5. Windows 7 is refused
        self.wine("winecfg", "-v", "win7")
        try:
            code, _ = self.install()
            self.check(code == EXIT_TOO_OLD and not (inst / EXE).exists(),
                       f"on Windows 7 the setup refuses with exit code {EXIT_TOO_OLD}")
        finally:
            self.wine("winecfg", "-v", self.windows)

    def cleanup(self) -> None:
        """Leaves the prefix as it found it, also after a failed check."""
        self.stop_program()
        if hasattr(self, "marker"):
            for root in ("HKCU", "HKLM"):
                if self.registry(root) is not None:
                    say(f"removing what this check installed ({root})")
                    self.uninstall(root)
            self.marker.unlink(missing_ok=True)
            if self.made_data_dir:
                shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.rmtree(self.temp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("setup", type=Path, help="the setup exe, crm_desktop-VERSION-setup.exe")
    parser.add_argument("prefix", type=Path, help="the Wine prefix to install into")
    parser.add_argument("--version", help="the expected version (default: from the file name)")
    parser.add_argument("--bundle", type=Path, help="the bundle folder, to compare the installed files")
    parser.add_argument("--standin", type=Path, help="a Windows exe that stays open (see standin.c)")
    parser.add_argument("--no-all-users", action="store_true", help="leave out the all-users install")
    args = parser.parse_args()
    if not args.setup.is_file():
        say(f"FAIL: no setup exe at {args.setup}")
        return 2
    if not shutil.which("wine"):
        say("FAIL: wine is not installed (apt-get install wine wine64)")
        return 2
    checker = Checker(args.setup.resolve(), args.prefix.resolve(), args.version,
                      args.bundle.resolve() if args.bundle else None,
                      args.standin.resolve() if args.standin else None)
    try:
        checker.run(all_users=not args.no_all_users)
    except Failed:
        pass
    except Exception as error:  # noqa: BLE001 - reported as a failure, with its cause
        checker.failures.append(repr(error))
        say(f"FAIL: {error!r}")
    finally:
        checker.cleanup()
    if checker.failures:
        say(f"{len(checker.failures)} check(s) failed")
        return 1
    say("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
