"""The models window obeys IT's policy on downloads: locked off, or a policy file that cannot be
read (fail closed). The address button is off with the reason, and an address given anyway is
refused before any connection, in Danish."""

from __future__ import annotations

import pytest

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.workers import Workers
from tests.unit.test_model_install import ModelServer


@pytest.mark.parametrize(
    "policy",
    ["[locked.models]\nallow_download = false\n", "[locked.models\nallow_download = true\n"],
    ids=["locked-off", "unreadable"],
)
def test_models_window_refuses_downloads_the_policy_forbids(policy: str, assistant_home, xvfb, qtbot) -> None:
    from assistant.ui.models_window import ModelsWindow

    assistant_home.write_policy(policy)
    server = ModelServer(files={"/m.zip": b"never fetched"}).start()
    try:
        window = ModelsWindow(App.create(), Workers(TaskBridge()))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.refreshed, timeout=60000):
            window.show()
        assert not window.url_button.isEnabled()
        assert "IT-afdeling" in window.url_button.toolTip()
        with qtbot.waitSignal(window.install_finished, timeout=30000) as blocker:
            window.install(server.url("/m.zip"))
        ok, text = blocker.args
        assert ok is False and "slået download af modeller fra" in text
        assert server.requests == []
        window.close()
    finally:
        server.stop()
