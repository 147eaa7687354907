"""A Qt text field in its own process: prints its X window id, mirrors its text to a file.

Usage: python qt_field.py OUT_FILE [TITLE] [line|password|masked]. With ``line`` the field is a single-line
QLineEdit instead of a QPlainTextEdit; with ``password`` a QLineEdit that hides what is typed. The text is written (UTF-8, atomically) 30 ms after
the last change, so a test can poll OUT_FILE and compare it exactly.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit


def main() -> int:
    out = sys.argv[1]
    app = QApplication(sys.argv[:1])
    mode = sys.argv[3] if len(sys.argv) > 3 else ""
    password = mode == "password"
    single = mode in ("password", "line", "masked")
    edit = QLineEdit() if single else QPlainTextEdit()
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    if mode == "masked":
        # A toolkit that draws masks itself and does not report the password role: the field's
        # text, as the accessibility bus reads it, is nothing but mask characters.
        edit.setText("\u25cf" * 6)
    edit.setWindowTitle(sys.argv[2] if len(sys.argv) > 2 else "qt-target")
    edit.resize(500, 300)
    timer = QTimer(singleShot=True, interval=30)

    def dump() -> None:
        tmp = out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(edit.text() if single else edit.toPlainText())
        os.replace(tmp, out)

    timer.timeout.connect(dump)
    edit.textChanged.connect(timer.start)
    edit.show()
    dump()

    def announce() -> None:
        sys.stdout.write(f"ready {int(edit.winId())}\n")
        sys.stdout.flush()

    QTimer.singleShot(100, announce)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
