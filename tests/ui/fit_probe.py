"""Run by tests/ui/test_screen_fit.py in a process of its own (QT_SCALE_FACTOR is read once, when
Qt starts): builds every window of the Danish UI at 14, 18 and 24 pt on the display it is given,
with a window manager running, and prints one JSON report: what is clipped, what lies outside the
available screen, what covers what. Screenshots of every window go to the folder given.

    python -m tests.ui.fit_probe OUT_DIR TARGET_WINDOW_ID
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QSlider,
    QWidget,
)

FONT_SIZES = (14, 18, 24)
# Widgets that show something and must not lie on top of one another.
LEAVES = (QLabel, QAbstractButton, QComboBox, QAbstractScrollArea, QProgressBar, QSlider, QLineEdit)


def settle(ms: int = 60) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0


def clipped(widget: QWidget) -> str | None:
    """Why the text of ``widget`` does not fit it (from Qt's font metrics), or None."""
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or "<" in text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        room = widget.contentsRect()
        room_w = room.width() - 2 * widget.margin() - max(widget.indent(), 0)
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height():
                return f"wrapped text needs {need} px of height, has {widget.height()}"
            longest = max(text.split(), key=metrics.horizontalAdvance, default="")
            if metrics.horizontalAdvance(longest) > room_w:
                return f"the word {longest!r} is wider than the label ({room_w} px)"
            return None
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&") if widget.buddy() else text
        for line in plain.splitlines():
            if metrics.horizontalAdvance(line) > room_w:
                return f"{metrics.horizontalAdvance(line)} px of text in {room_w} px"
        if metrics.height() * len(plain.splitlines()) > room.height() + 1:
            return f"{len(plain.splitlines())} lines in {room.height()} px of height"
        return None
    if isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        if widget.width() < hint.width() or widget.height() < hint.height():
            return (
                f"{widget.width()}x{widget.height()} px for a text that needs {hint.width()}x{hint.height()}"
            )
        return None
    if isinstance(widget, QComboBox):
        need = widget.minimumSizeHint().width()
        if widget.width() < need:
            return f"{widget.width()} px for a list that needs {need}"
    if isinstance(widget, QListWidget) and widget.count():
        need = widget.sizeHintForColumn(0)
        if need > widget.viewport().width():
            return f"items need {need} px, the list shows {widget.viewport().width()}"
    return None


def check_window(name: str, window: QWidget, area: QRect, problems: list[dict], out: Path, size: int) -> None:
    settle()
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append({"window": name, "pt": size, "problem": f"frame {rect(frame)} outside {rect(area)}"})
    for widget in [window, *window.findChildren(QWidget)]:
        if not shown(widget, window):
            continue
        why = clipped(widget)
        if why:
            text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else type(widget).__name__
            problems.append({"window": name, "pt": size, "widget": text, "problem": why})
        if (
            isinstance(widget, QAbstractScrollArea)
            and not isinstance(widget, QListWidget)
            and widget.horizontalScrollBar().isVisible()
        ):
            kind = type(widget).__name__
            problems.append({"window": name, "pt": size, "widget": kind, "problem": "scrolls sideways"})
    leaves = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, LEAVES)
        and shown(w, window)
        and not any(isinstance(p, LEAVES) for p in ancestors(w, window))
    ]
    boxes = [(w, QRect(w.mapTo(window, w.rect().topLeft()), w.size())) for w in leaves]
    for i, (one, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1 :]:
            if box.intersects(other_box) and one.parentWidget() == other.parentWidget():
                problems.append(
                    {
                        "window": name,
                        "pt": size,
                        "widget": label_of(one),
                        "problem": f"overlaps {label_of(other)!r}",
                    }
                )
    window.grab().save(str(out / f"{name}-{size}pt.png"))


def ancestors(widget: QWidget, window: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def label_of(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else type(widget).__name__


def above(upper: QWidget, lower: QWidget) -> bool:
    """Whether the window manager stacks ``upper`` above ``lower`` (_NET_CLIENT_LIST_STACKING,
    bottom to top), or keeps it on top while ``lower`` is not."""
    done = subprocess.run(
        ["xprop", "-root", "_NET_CLIENT_LIST_STACKING"], capture_output=True, text=True, timeout=10
    )
    order = [
        int(w, 16) for w in done.stdout.split("#", 1)[-1].replace(",", " ").split() if w.startswith("0x")
    ]
    ids = [int(upper.winId()), int(lower.winId())]
    if all(i in order for i in ids):
        return order.index(ids[0]) > order.index(ids[1])
    return bool(upper.windowHandle().flags() & Qt.WindowType.WindowStaysOnTopHint)


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication([])
    from assistant.app import App
    from assistant.ui.bridge import TaskBridge
    from assistant.ui.dictation import DictationController, Doubt
    from assistant.ui.dictation_panel import DictationPanel
    from assistant.ui.doctor_window import DoctorWindow
    from assistant.ui.first_run import FirstRunGuide
    from assistant.ui.history_window import HistoryWindow
    from assistant.ui.models_window import ModelsWindow
    from assistant.ui.placement import focused_window_rect, screen_area, show_window
    from assistant.ui.reader_bar import ReaderBar
    from assistant.ui.reading import ReaderController
    from assistant.ui.settings_window import SettingsWindow
    from assistant.ui.style import apply_style
    from assistant.ui.translations import install_translator
    from assistant.ui.workers import Workers

    install_translator(qt, "da")
    app = App.create()
    workers = Workers(TaskBridge())
    problems: list[dict] = []
    report: dict = {"problems": problems, "screens": [], "scale": qt.primaryScreen().devicePixelRatio()}
    target = focused_window_rect(app.environ)
    report["target"] = rect(target) if target else None
    for size in FONT_SIZES:
        app.config.set("ui.font_size", size)
        apply_style(qt, app.config)
        area = screen_area(target)
        report["screens"].append(rect(area))
        # The panel over a big editor: a doubtful word with long suggestions (they must wrap).
        controller = DictationController(app, workers)
        panel = DictationPanel(controller, app.config["ui.line_spacing"])
        controller.load_text("Tandlægn sagde at jeg skal børste bedere, og komme igen om 14 dage.")
        controller.doubts = [
            Doubt(
                0,
                8,
                "Tandlægn",
                ("tandlægen", "tandlæger", "tandlægens", "tandlægekonsultationen", "tandlægn"),
            )
        ]
        controller.select_doubt(0)
        panel.show_near_bottom()
        settle(250)
        check_window("panel", panel, area, problems, out, size)
        protected = panel._tiers(panel._target, None)[0]
        for band in protected:
            if panel.frameGeometry().intersects(band):
                problems.append(
                    {
                        "window": "panel",
                        "pt": size,
                        "problem": f"covers the lines written {rect(band)}: {rect(panel.frameGeometry())}",
                    }
                )
        # The reader bar for the same window.
        reader = ReaderController(app, workers)
        bar = ReaderBar(reader, app.config["ui.line_spacing"])
        bar.text.setPlainText("Læs mere på side 3. Borgeren blev besøgt kl. 9.15 af hjemmeplejen.")
        bar.show_for(target)
        panel.make_way_for(bar)  # as the tray does
        settle(250)
        check_window("reader", bar, area, problems, out, size)
        if panel.frameGeometry().intersects(bar.frameGeometry()) and above(panel, bar):
            problems.append({"window": "reader", "pt": size, "problem": "under the panel"})
        bar.hide()
        # Ordinary windows, opened while the panel shows: never under it.
        settings = SettingsWindow(app, workers)
        windows = [
            ("settings", settings, QSize(820, 560)),
            ("models", ModelsWindow(app, workers), QSize(900, 520)),
            ("doctor", DoctorWindow(app), QSize(760, 520)),
            ("history", HistoryWindow(None, 30), QSize(700, 480)),
            ("first-run", FirstRunGuide(app, settings, reader), QSize(640, 480)),
        ]
        for name, window, preferred in windows:
            show_window(window, preferred, avoid=[panel])
            panel.make_way_for(window)  # as the tray does
            settle(250)
            if panel.frameGeometry().intersects(window.frameGeometry()) and above(panel, window):
                problems.append(
                    {"window": name, "pt": size, "problem": f"under the panel {rect(panel.frameGeometry())}"}
                )
            if name == "settings":
                for index in range(settings.tabs.count()):
                    settings.tabs.setCurrentIndex(index)
                    check_window(f"settings{index}", settings, area, problems, out, size)
            else:
                check_window(name, window, area, problems, out, size)
            window.close()
        panel.hide()
        controller.shutdown()
        reader.shutdown()
        for widget in (panel, bar, *(w for _, w, _ in windows)):
            widget.deleteLater()
        settle(50)
    workers.join_all()
    subprocess.run(["import", "-window", "root", str(out / "screen-last.png")], check=False, timeout=30)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
