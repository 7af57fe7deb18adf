"""What the command line's output may be written in: Chinese text on any console or file.

Python writes to a console window on Windows in Unicode (whatever its code page), but to a
redirected file or pipe in the machine's ANSI code page: cp936 on a Chinese Windows, cp1252
on a Western one, which cannot encode a single Chinese character. ``crm-desktop demo >
out.txt`` then wrote its data and crashed on the summary (UnicodeEncodeError). ``cli.main``
calls ``make_output_safe`` first, for every command, so that no output can fail:

* an encoding that can write Chinese (UTF-8, the Windows console, cp936/GBK) is kept, and a
  rare character it lacks is replaced by ``?``;
* output redirected to a file or pipe whose encoding cannot write Chinese gets UTF-8, the
  encoding Python's UTF-8 mode (PEP 540, the default from Python 3.15 on) gives it: the file
  keeps the text, and Notepad and editors read it;
* a terminal that cannot show Chinese (a legacy console, a Linux terminal in the C locale),
  or an encoding asked for with PYTHONIOENCODING, is kept: what it cannot show is replaced
  by ``?`` (UTF-8 bytes there would show as garbage).
"""

from __future__ import annotations

import codecs
import os
import sys

SAMPLE = "叫修登记簿"  # what the commands print: Chinese


def can_write_chinese(encoding: str | None) -> bool:
    try:
        SAMPLE.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def make_safe(stream) -> str | None:
    """Reconfigure one text stream (sys.stdout, sys.stderr) as the module says; returns the
    encoding it writes in from now on (None: left alone — no stream, as in the windowed
    Windows build, or one that cannot be reconfigured)."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = getattr(stream, "encoding", None)
    if stream is None or reconfigure is None or not encoding:
        return None
    try:
        if codecs.lookup(encoding).name.startswith("utf"):
            return encoding
        if can_write_chinese(encoding) or _is_terminal(stream) or os.environ.get("PYTHONIOENCODING"):
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="replace")
    except (LookupError, ValueError, OSError):  # a closed or odd stream: leave it as it is
        return None
    return stream.encoding


def make_output_safe() -> None:
    for stream in (sys.stdout, sys.stderr):
        make_safe(stream)
