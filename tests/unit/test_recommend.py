"""Which Danish model the product recommends for a machine: the most accurate one fast enough there."""

from __future__ import annotations

from assistant.storage.catalog import load_catalog
from assistant.storage.recommend import ARCHITECTURE, PROFILES, Machine, recommend, this_machine


def test_speed_profiles_name_catalog_models() -> None:
    catalog = load_catalog()
    assert set(ARCHITECTURE.values()) <= set(PROFILES)
    known = [name for name in ARCHITECTURE if catalog.get(name) is not None]
    assert "ekko-v1-tiny" in known and "whisper-base" in known and len(known) >= len(ARCHITECTURE) - 2


def test_catalog_lists_the_transducer_models_with_sources() -> None:
    catalog = load_catalog()
    ekko = catalog.get("ekko-v1-tiny")
    parakeet = catalog.get("parakeet-tdt-0.6b-v3")
    assert ekko is not None and parakeet is not None
    assert ekko.engine == parakeet.engine == "transducer" and ekko.format == "sherpa-onnx"
    assert "da" in ekko.recommended and ekko.page.startswith("https://huggingface.co/RyeAI/")
    assert [w.percent for w in ekko.wer] == [12.37] and ekko.wer[0].source.startswith("https://")
    assert [w.percent for w in parakeet.wer] == [20.2] and "FLEURS" in parakeet.wer[0].dataset
    assert parakeet.licence == "CC-BY-4.0" and ekko.install_route == "download"


def test_a_two_core_laptop_gets_the_small_transducer_not_a_whisper_large() -> None:
    found = recommend("da", Machine(cores=2, memory_mb=8192))
    assert found is not None and found.entry.name == "ekko-v1-tiny" and found.live_ok
    assert "more accurate" in found.reason and "2 cores" in found.reason
    assert found.to_json()["machine"] == {"cores": 2, "memory_mb": 8192}


def test_a_fast_machine_gets_the_most_accurate_model_that_keeps_up() -> None:
    slow = recommend("da", Machine(cores=2, memory_mb=8192))
    fast = recommend("da", Machine(cores=64, memory_mb=65536))
    assert slow is not None and fast is not None
    assert fast.entry.rank_for("da") >= slow.entry.rank_for("da")
    assert fast.estimated_rtf <= 0.3


def test_too_little_memory_falls_back_to_the_fastest() -> None:
    found = recommend("da", Machine(cores=1, memory_mb=256))
    assert found is not None and not found.live_ok
    assert "no recommended model is fast enough" in found.reason


def test_this_machine_is_read() -> None:
    machine = this_machine()
    assert machine.cores >= 1 and (machine.memory_mb is None or machine.memory_mb > 0)


def test_speed_is_stated_as_measured_here_or_as_a_labelled_estimate(tmp_path) -> None:
    from assistant.storage.recommend import GUESS, PROFILES, RANDOM_WEIGHTS, REFERENCE, speed_text
    from assistant.storage.speed import measured, record

    machine = Machine(cores=2, memory_mb=8192)
    estimate = recommend("da", machine)
    assert estimate is not None and estimate.speed_basis == RANDOM_WEIGHTS
    assert "estimate from a random-weight model of the same shape (not measured here)" in estimate.reason
    assert estimate.to_json()["speed"].startswith("about ")
    # A figure placed by parameter count is never stated; the others say what they rest on.
    assert all(speed_text(rtf, basis) == "" for rtf, _, basis in PROFILES.values() if basis == GUESS)
    assert {basis for _, _, basis in PROFILES.values()} <= {GUESS, RANDOM_WEIGHTS, REFERENCE}
    # Runs on this machine replace the estimate (timings only; runs under 2 s are not kept).
    record(tmp_path, "ekko-v1-tiny", 6.0, 0.9)
    record(tmp_path, "ekko-v1-tiny", 6.0, 1.5)
    record(tmp_path, "ekko-v1-tiny", 1.0, 9.0)
    assert measured(tmp_path) == {"ekko-v1-tiny": (0.2, 2)}
    here = recommend("da", machine, measured=measured(tmp_path))
    assert here is not None and here.speed_basis == "measured-here" and here.measured_runs == 2
    assert "0.20x real time, measured on this machine (2 runs)" in here.reason
    assert here.estimated_rtf == 0.2


def test_a_broken_speed_file_is_ignored(tmp_path) -> None:
    from assistant.storage.speed import FILE, measured, record

    (tmp_path / FILE).write_text("{not json", encoding="utf-8")
    assert measured(tmp_path) == {}
    record(tmp_path, "whisper-base", 5.0, 2.0)
    assert measured(tmp_path) == {"whisper-base": (0.4, 1)}
