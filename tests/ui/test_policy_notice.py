"""A broken IT policy is announced in the tray, in Danish, and the privacy settings are closed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from assistant.app import App
from assistant.ui.main import TrayController


def test_tray_says_in_danish_that_the_policy_failed_closed(tray_host, qtbot, assistant_home) -> None:
    assistant_home.write_policy("[locked.privacy]\nhistory = False\n")
    app = App.create()
    assert app.config["privacy.history"] is False
    controller = TrayController(app, QApplication.instance())
    try:
        controller.show()
        qtbot.waitUntil(controller.tray.isVisible, timeout=5000)
        assert "IT-politikken" in controller.policy_notice
        assert "historik er slået fra" in controller.policy_notice
        assert "IT-politikken kan ikke bruges" in controller.tray.toolTip()
        # Our own words: no parser text, no path (those are in the log).
        for raw in ("Invalid", "line", str(assistant_home.policy), "policy.toml", "TOML"):
            assert raw not in controller.policy_notice, raw
        # The balloon points at the tray icon, not at the screen's top-left corner.
        balloon = qtbot.waitUntil(lambda: _balloon() is not None, timeout=10000) or _balloon()
        icon = controller.tray.geometry()
        assert not icon.isEmpty(), icon
        gap = balloon.frameGeometry().center() - icon.center()
        assert abs(gap.x()) < 400 and abs(gap.y()) < 300, (balloon.frameGeometry(), icon)
    finally:
        controller.shutdown()


def _balloon():  # type: ignore[no-untyped-def]
    shown = [
        w
        for w in QApplication.topLevelWidgets()
        if w.metaObject().className() == "QBalloonTip" and w.isVisible()
    ]
    return shown[0] if shown else None


def test_tray_is_quiet_about_a_good_policy(tray_host, qtbot, assistant_home) -> None:
    assistant_home.write_policy("[locked.privacy]\nhistory = false\n")
    controller = TrayController(App.create(), QApplication.instance())
    try:
        controller.show()
        assert controller.policy_notice == ""
        assert "IT-politikken" not in controller.tray.toolTip()
    finally:
        controller.shutdown()
