"""The shared pytest fixtures (a plugin loaded by tests/conftest.py). See tests/README.md."""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import EVAL_DIR, SpeechSample, load_speech_manifest
from tests.support.a11y import A11yBus, start_a11y_bus
from tests.support.audio import AlsaMicFactory, PulseVirtualMic, reinit_portaudio, require_alsa_pulse_plugin
from tests.support.display import (
    DEFAULT_LAYOUT,
    TrayHost,
    XvfbServer,
    set_keyboard_layout,
    start_tray_host,
    start_xvfb,
)
from tests.support.load import CpuLoad, cpu_load
from tests.support.targets import Target
from tests.support.users import machine_root, other_user, public_tmp  # noqa: F401 - fixtures


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    # pytest's faulthandler plugin normally enables it already (and faulthandler_timeout dumps
    # stacks of a hung test); make sure it is on even when run with -p no:faulthandler.
    if not faulthandler.is_enabled():
        faulthandler.enable(all_threads=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A skip is a failure here: in CI it would hide a missing component. A test that may
    rightly skip (a Windows-only backend on Linux) says so with ``@pytest.mark.allow_skip``."""
    outcome = yield
    report = outcome.get_result()
    expected_failure = getattr(report, "wasxfail", None)  # ASSISTANT_ALLOW_SKIP: this enforces the rule
    if report.skipped and expected_failure is None and item.get_closest_marker("allow_skip") is None:
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped, which this project counts as a failure: {reason}"
    elif expected_failure is not None:
        report.outcome = "failed"
        report.longrepr = f"expected failures are not allowed in this project: {expected_failure}"


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the test process without Python's final garbage collection.

    Once, after every test had passed and pytest had printed its summary, PySide6 6.12 on
    Python 3.11 aborted in the interpreter's final collection ("bool_dealloc"), turning a green
    run red. Nothing is left to report at this point, so exit with pytest's own status. The
    product's tray process is not affected: tests/e2e/test_tray_dictation.py checks its clean exit.
    """
    if "PySide6" not in sys.modules or getattr(config, "workerinput", None) is not None:
        return
    status = getattr(config, "_assistant_exitstatus", None)
    if status is None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(int(status))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config._assistant_exitstatus = exitstatus  # type: ignore[attr-defined]


# -- per-test isolation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssistantHome:
    home: Path  # $ASSISTANT_HOME: every user file of the run (config, data, logs, models)
    policy: Path  # $ASSISTANT_POLICY: a policy.toml that does not exist until a test writes it

    def write_policy(self, text: str) -> Path:
        self.policy.parent.mkdir(parents=True, exist_ok=True)
        self.policy.write_text(text, encoding="utf-8")
        return self.policy


@pytest.fixture(autouse=True)
def assistant_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> AssistantHome:
    """Every test runs with its own empty ASSISTANT_HOME and a (missing) ASSISTANT_POLICY."""
    home = tmp_path_factory.mktemp("assistant-home")
    policy = tmp_path_factory.mktemp("assistant-policy") / "policy.toml"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    monkeypatch.setenv("ASSISTANT_POLICY", str(policy))
    return AssistantHome(home=home, policy=policy)


# -- evaluation data -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """/work/shared/eval (``shared/`` beside the repository; not copied into it)."""
    manifest = EVAL_DIR / "speech" / "manifest.tsv"
    if not manifest.is_file():
        pytest.fail(
            f"evaluation data not found at {manifest}: the shared/ folder must sit beside the "
            f"repository (or set ASSISTANT_SHARED_DIR)",
            pytrace=False,
        )
    return EVAL_DIR


@pytest.fixture(scope="session")
def speech_samples(eval_dir: Path) -> list[SpeechSample]:
    """Rows of eval/speech/manifest.tsv (path, language, duration_s, transcript)."""
    return load_speech_manifest(eval_dir)


# -- display ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def xvfb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XvfbServer]:
    """A real Xvfb (1280x800x24, Danish layout) on a free display; DISPLAY points at it."""
    server = start_xvfb(tmp_path_factory.mktemp("xvfb"), layout=DEFAULT_LAYOUT)
    saved = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = server.display
    try:
        yield server
    finally:
        if saved is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = saved
        server.stop()


@pytest.fixture
def keyboard_layout(request: pytest.FixtureRequest, xvfb: XvfbServer) -> Iterator[str]:
    """Sets the layout given by indirect parametrisation (default "dk"); restores dk afterwards.

    ``@pytest.mark.parametrize("keyboard_layout", ["dk", "us"], indirect=True)``
    """
    layout = getattr(request, "param", DEFAULT_LAYOUT)
    set_keyboard_layout(xvfb.display, layout)
    xvfb.layout = layout
    try:
        yield layout
    finally:
        if layout != DEFAULT_LAYOUT:
            set_keyboard_layout(xvfb.display, DEFAULT_LAYOUT)
            xvfb.layout = DEFAULT_LAYOUT


@pytest.fixture
def danish_layout(xvfb: XvfbServer) -> str:
    """The Xvfb keyboard is Danish for this test (it is by default; this re-asserts it)."""
    set_keyboard_layout(xvfb.display, "dk")
    xvfb.layout = "dk"
    return "dk"


@pytest.fixture(scope="session")
def qapp_args(xvfb: XvfbServer, pytestconfig: pytest.Config) -> list[str]:
    """Overrides pytest-qt's: the session's QApplication is always created after Xvfb is up (and
    DISPLAY points at it), whichever Qt test happens to run first."""
    return [pytestconfig.getini("qt_qapp_name")]


@pytest.fixture(scope="session")
def tray_host(xvfb: XvfbServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrayHost]:
    """``trayer`` owning _NET_SYSTEM_TRAY_S0 on the Xvfb display, so QSystemTrayIcon works."""
    host = start_tray_host(xvfb.display, tmp_path_factory.mktemp("trayer"))
    try:
        yield host
    finally:
        host.stop()


@pytest.fixture(scope="session")
def a11y_bus(xvfb: XvfbServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[A11yBus]:
    """A private session D-Bus with an AT-SPI accessibility bus for the Xvfb display."""
    bus = start_a11y_bus(tmp_path_factory.mktemp("a11y"), xvfb.display)
    try:
        yield bus
    finally:
        bus.stop()


@pytest.fixture
def a11y(a11y_bus: A11yBus, monkeypatch: pytest.MonkeyPatch) -> A11yBus:
    """For this test, AT_SPI_BUS_ADDRESS points at :func:`a11y_bus`: targets started now publish
    their fields there and the product reads them back ("Indsat og kontrolleret")."""
    for key, value in a11y_bus.env().items():
        monkeypatch.setenv(key, value)
    return a11y_bus


@pytest.fixture
def own_targets() -> Iterator[list[Target]]:
    """Target programs a test starts itself (with an environment of its own, e.g. with
    :func:`a11y`'s bus): it appends each one here, and each is stopped at the end of the test."""
    started: list[Target] = []
    yield started
    for target in started:
        target.stop()


# -- virtual microphones ---------------------------------------------------------------------------


@pytest.fixture
def alsa_vmic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AlsaMicFactory]:
    """Factory: ``alsa_vmic(wav_or_int16_array, name="vmic", lead_silence=0.0, tail_silence=1.0)``.

    Writes ~/.asoundrc in a private HOME (set in os.environ for this test, so subprocesses see it
    too) and re-initialises an already imported sounddevice. Bit-exact, not paced; see README.
    """
    patch = pytest.MonkeyPatch()
    factory = AlsaMicFactory(tmp_path_factory.mktemp("alsa-home"), patch)
    try:
        yield factory
    finally:
        patch.undo()  # HOME back before PortAudio re-reads the ALSA configuration
        reinit_portaudio(only_if_imported=True)


@pytest.fixture
def pulse_vmic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseVirtualMic]:
    """A private PulseAudio whose default source is a real-time pipe source; ``play(wav)`` speaks.

    Sets PULSE_SERVER for this test, so sounddevice's default input (ALSA "default" -> pulse) and
    subprocesses capture from it. Close or abort() your streams before the test ends.
    """
    require_alsa_pulse_plugin()
    mic = PulseVirtualMic(tmp_path_factory.mktemp("pulse"))
    patch = pytest.MonkeyPatch()
    try:
        mic.start()
        patch.setenv("PULSE_SERVER", mic.server)
        patch.delenv("PULSE_SOURCE", raising=False)
        reinit_portaudio(only_if_imported=True)
        yield mic
    finally:
        mic.stop()
        patch.undo()
        reinit_portaudio(only_if_imported=True)


# -- a busy machine --------------------------------------------------------------------------------


@pytest.fixture(params=["idle", "busy"])
def machine_load(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CpuLoad | None]:
    """Runs the test twice: on an idle machine (None) and with busy processes at twice the core
    count (a ``CpuLoad``), started before the test and ended after it."""
    if request.param == "idle":
        yield None
        return
    with cpu_load(tmp_path_factory.mktemp("cpu-load")) as load:
        yield load


@pytest.fixture
def busy_cpu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CpuLoad]:
    """Only the busy case of ``machine_load``."""
    with cpu_load(tmp_path_factory.mktemp("cpu-load")) as load:
        yield load
