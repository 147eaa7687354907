"""A Qt text field in its own process: prints its X window id, mirrors its text to a file.

Usage: python qt_field.py OUT_FILE [TITLE] [line|password]. With ``line`` the field is a single-line
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
    password = len(sys.argv) > 3 and sys.argv[3] == "password"
    single = password or (len(sys.argv) > 3 and sys.argv[3] == "line")
    edit = QLineEdit() if single else QPlainTextEdit()
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
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
