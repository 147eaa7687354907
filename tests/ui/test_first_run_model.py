"""The first-run guide offers the recommended Danish model for this computer, downloads it in the
background with progress (from a local server laid out like the hub, as IT's mirror), and switches
Danish dictation to it once it is installed and checked; where the policy forbids downloads it
names the model for IT."""

from __future__ import annotations

from assistant.app import App
from assistant.storage.catalog import Catalog, choose_model, load_catalog
from assistant.storage.models import discover, model_dirs
from assistant.ui.bridge import TaskBridge
from assistant.ui.first_run import FirstRunGuide
from assistant.ui.model_offer import offered_model
from assistant.ui.reading import ReaderController
from assistant.ui.settings_window import SettingsWindow
from assistant.ui.workers import Workers
from tests.unit.test_catalog_download import _pinned_to, _serve

pytest_plugins = ["tests.unit.test_catalog_download"]  # its fixtures: hub, published


def _catalog(entry) -> Catalog:
    real = load_catalog()
    return Catalog(tuple(entry if e.name == entry.name else e for e in real.entries), real.notes)


def _guide(app: App, catalog: Catalog | None = None) -> FirstRunGuide:
    workers = Workers(TaskBridge())
    return FirstRunGuide(app, SettingsWindow(app, workers), ReaderController(app, workers), catalog=catalog)


def test_guide_offers_downloads_and_switches_danish_to_the_recommended_model(
    xvfb, qtbot, assistant_home, hub, published
) -> None:
    _serve(hub, published)
    assistant_home.write_policy(f'[locked.models]\nmirror = "{hub.base}"\n')
    catalog = _catalog(_pinned_to(published))
    app = App.create()
    guide = _guide(app, catalog)
    qtbot.addWidget(guide)
    guide.show()
    offer = guide.model_offer
    assert offer is not None and offer.entry.name == "ekko-v1-tiny"
    assert "færre fejl i dansk diktat" in offer.offer.text() and " MB)" in offer.offer.text()
    with qtbot.waitSignal(offer.installed, timeout=120000):
        offer.get_button.click()
    assert offer.progress.value() == 100 and "Dansk diktat bruger nu ekko-v1-tiny" in offer.state.text()
    fresh = App.create()
    assert fresh.config["stt.model_da"] == "ekko-v1-tiny"
    user_dir, system_dirs = model_dirs(fresh.paths, fresh.config)
    choice = choose_model("da", discover(user_dir, system_dirs), preferred="ekko-v1-tiny", catalog=catalog)
    assert choice.model is not None and choice.model.name == "ekko-v1-tiny" and not choice.needs_better_model
    assert {p for p, _, _ in hub.requests} == {_path for _path in hub.files}
    assert offered_model(fresh, catalog) is None  # nothing more to offer
    guide.close()


def test_where_policy_forbids_downloads_the_guide_names_the_model_for_it(xvfb, qtbot, assistant_home) -> None:
    assistant_home.write_policy("[locked.models]\nallow_download = false\n")
    guide = _guide(App.create())
    qtbot.addWidget(guide)
    offer = guide.model_offer
    assert offer is not None and offer.get_button.isHidden()
    assert "it-afdeling" in offer.state.text() and offer.entry.name in offer.state.text()
    guide.close()


def test_no_offer_for_english(xvfb, qtbot, assistant_home) -> None:
    assistant_home.write_policy('[locked.general]\nlanguage = "en"\n')
    guide = _guide(App.create())
    qtbot.addWidget(guide)
    assert guide.model_offer is None
    guide.close()
