"""Runs the program's ``--smoke`` exactly as ``python -m crm_desktop --smoke`` does, and at
the end of run_smoke — main window still open, every register opened — prints one line
``PROBE {json}`` with the process's resident memory and which optional heavy packages
(Alembic, reportlab, openpyxl) were imported.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/_probe_smoke.py --smoke --data-dir DIR
"""

import json
import sys

WATCHED = ("alembic", "mako", "reportlab", "openpyxl")


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def main() -> int:
    from crm_desktop import app as app_mod
    from crm_desktop.cli import main as cli_main

    original = app_mod.run_smoke

    def probed(app, window, **options):
        code = original(app, window, **options)
        loaded = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in WATCHED})
        report = {
            "rss_kib": _status_kib("VmRSS"),
            "hwm_kib": _status_kib("VmHWM"),
            "watched_imported": loaded,
            "modules": len(sys.modules),
            "counts": {name: view.model.rowCount() for name, view in window.views.items()},
        }
        print("PROBE " + json.dumps(report), flush=True)
        return code

    app_mod.run_smoke = probed
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
