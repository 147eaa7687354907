"""The catalog: valid, honest about what it does not know, and the model choice it drives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import ModelError
from assistant.storage.catalog import choose_model, load_catalog, missing_model_error, parse_catalog
from assistant.storage.models import MANIFEST, InstalledModel, packaged_models

REPO = Path(__file__).resolve().parents[2]


def test_packaged_catalog_is_valid_and_complete() -> None:
    catalog = load_catalog()
    names = {e.name for e in catalog.entries}
    assert {"whisper-tiny.en", "whisper-base", "faster-whisper-small", "vosk-model-small-en-us-0.15"} <= names
    starters = [e for e in catalog.entries if e.starter]
    assert {e.name for e in starters} == {"whisper-tiny.en", "whisper-base"}
    for entry in catalog.entries:
        assert entry.licence and entry.publisher and entry.page.startswith("https://")
        if not entry.sha256:
            assert entry.unknown, f"{entry.name}: an unknown checksum must be said to be unknown"
        if entry.size_mb is None:
            assert "size" in entry.unknown, entry.name
    recommended = catalog.recommended("da")
    assert recommended, "Danish must have recommended models"
    for entry in recommended:
        assert entry.wer and all(w.source.startswith("https://") and w.dataset for w in entry.wer)
    assert recommended[0].format == "ctranslate2", "a model faster-whisper loads as is comes first"
    assert not [e for e in catalog.entries if e.engine == "vosk" and "da" in e.languages]
    assert "No Danish Vosk model" in catalog.notes["vosk_da"]
    assert "Better Danish accuracy needs a recommended Danish model" in catalog.danish_note


def test_catalog_is_package_data_and_documented() -> None:
    catalog_file = REPO / "assistant" / "storage" / "catalog.toml"
    assert catalog_file.is_file()
    assert "assistant/storage/catalog.toml" in (REPO / "models" / "README.md").read_text(encoding="utf-8")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"*.toml"' in pyproject, "package-data must ship catalog.toml"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ('sha256 = "xyz"', "64 hexadecimal"),
        ('urls = ["http://plain.example/m.zip"]', "not https"),
        ('engine = "kaldi"', "engine 'kaldi'"),
        ('sha256_of = ""', "together"),
    ],
)
def test_invalid_catalog_entries_are_rejected(change: str, problem: str) -> None:
    good = {
        "name": '"m"',
        "engine": '"whisper"',
        "format": '"ctranslate2"',
        "languages": '["da"]',
        "licence": '"MIT"',
        "sha256": '"' + "a" * 64 + '"',
        "sha256_of": '"model.bin"',
        "urls": "[]",
        "publisher": '"p"',
        "page": '"https://e.example/"',
        "description": '"d"',
    }
    key, value = change.split(" = ", 1)
    body = "\n".join(f"{k} = {value if k == key else v}" for k, v in good.items())
    parse_catalog("schema = 1\n[[model]]\n" + "\n".join(f"{k} = {v}" for k, v in good.items()))
    with pytest.raises(ModelError, match=problem):
        parse_catalog(f"schema = 1\n[[model]]\n{body}")
    with pytest.raises(ModelError, match="twice"):
        one = "\n".join(f"{k} = {v}" for k, v in good.items())
        parse_catalog(f"schema = 1\n[[model]]\n{one}\n[[model]]\n{one}")


def _model(name: str, languages: list[str], source: str = "user") -> InstalledModel:
    return InstalledModel(
        name=name, engine="whisper", languages=languages, path=Path("/x") / name, source=source
    )


def test_choice_says_plainly_that_danish_needs_a_recommended_model() -> None:
    starters = packaged_models()
    assert {m.name for m in starters} >= {"whisper-tiny.en", "whisper-base"}
    da = choose_model("da", starters)
    assert da.model is not None and da.model.name == "whisper-base"
    assert da.needs_better_model and "Better Danish accuracy needs a recommended Danish model" in da.message
    en = choose_model("en", starters)
    assert en.model is not None and en.model.name == "whisper-tiny.en" and en.message == ""

    with_danish = [*starters, _model("hviske-tiske", ["da"], "system")]
    better = choose_model("da", with_danish)
    assert better.model.name == "hviske-tiske" and not better.needs_better_model and better.message == ""
    own = choose_model("da", [*starters, _model("my-own-danish", ["da"])])
    assert own.model.name == "my-own-danish", "a model someone installed on purpose beats the starters"
    preferred = choose_model("da", with_danish, preferred="whisper-base")
    assert preferred.model.name == "whisper-base"
    gone = choose_model("da", with_danish, preferred="removed-model")
    assert gone.model.name == "hviske-tiske" and "'removed-model' is not installed" in gone.message
    assert choose_model("da", starters, engines=["vosk"]).model is None


def test_missing_model_is_one_clear_line() -> None:
    choice = choose_model("da", [])
    assert choice.model is None
    error = missing_model_error(choice)
    assert error.exit_code == 2
    line = error.one_line()
    assert "\n" not in line and line.startswith("No speech model for Danish is installed")
    assert "hviske-tiske" in line


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "models", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_cli_install_list_remove_and_errors(tmp_path: Path, assistant_home) -> None:
    source = tmp_path / "share" / "dansk-model"
    source.mkdir(parents=True)
    (source / "model.bin").write_bytes(os.urandom(100_000))
    (source / "config.json").write_text("{}", encoding="utf-8")
    installed = _cli("install", str(source), "--language", "da")
    assert installed.returncode == 0, installed.stderr
    assert "Installed dansk-model" in installed.stdout
    assert "no published SHA-256" in installed.stderr
    listed = json.loads(_cli("list", "--json").stdout)
    assert listed["schema"] == "assistant.models" and listed["schema_version"] == 1
    mine = next(m for m in listed["installed"] if m["name"] == "dansk-model")
    assert mine["source"] == "user" and mine["languages"] == ["da"]
    assert listed["choices"]["da"]["model"] == "dansk-model"
    assert any(e["name"] == "whisper-base" and e["wer"] for e in listed["catalog"])
    text = _cli("list").stdout
    assert "Recommended for Danish:" in text and "WER on CoRal" in text
    assert _cli("remove", "dansk-model").returncode == 0
    assert not (assistant_home.home / "data" / "models" / "dansk-model").exists()

    for args, expected in [
        (("remove", "whisper-tiny.en"), "comes with the product"),
        (("install", str(tmp_path / "missing-folder")), "does not exist"),
        (("install", "hviske-v2"), "must be converted before use"),
        (("install", "hviske-tiske"), "no direct download link"),
        (("install", str(source), "--sha256", "123"), "is not a SHA-256"),
    ]:
        result = _cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("assistant: error: ") and expected in lines[0]


def test_cli_policy_forbids_downloads(assistant_home) -> None:
    assistant_home.write_policy("[locked.models]\nallow_download = false\n")
    result = _cli("install", "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "assistant: error: Downloading models is turned off by IT's policy (models.allow_download = false). "
        "Install from a folder or .zip that IT provides, or ask IT to pre-stage the model."
    )


def test_cli_prepare_assembles_the_starter_model_once_for_the_machine(tmp_path: Path, assistant_home) -> None:
    product = tmp_path / "product-models"  # stands in for <prefix>/share/assistant/models
    env = {"ASSISTANT_PRODUCT_MODELS": str(product)}
    first = _cli("prepare", env=env)
    assert first.returncode == 0, first.stderr
    assert "Ready: whisper-base (da, en)" in first.stdout and "Ready: whisper-tiny.en (en)" in first.stdout
    assert "Better Danish accuracy needs a recommended Danish model" in first.stdout
    assert "assemble whisper-base: 100%" in first.stderr
    folder = product / "whisper-base"
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["verified"] is True and manifest["sha256"] == load_catalog().get("whisper-base").sha256
    # Nothing lands in the user's profile: the model is the machine's, read in place.
    assert not (assistant_home.home / "data" / "models").exists()
    again = _cli("prepare", env=env)
    assert again.returncode == 0 and "assemble" not in again.stderr
    listed = json.loads(_cli("list", "--json", env=env).stdout)
    base = next(m for m in listed["installed"] if m["name"] == "whisper-base")
    assert (base["source"], base["from"], base["path"]) == ("package", "the product", str(folder))
    assert "whisper-base  [whisper; da, en; 148 MB; MIT; from: the product]" in _cli("list", env=env).stdout


def test_it_prestages_a_share_of_models_for_every_user(tmp_path: Path, assistant_home) -> None:
    share = tmp_path / "server" / "models"  # IT's network share, mounted
    for name, size in (("dansk-a", 50_000), ("vosk-model-small-en-us-0.15", 0)):
        folder = share / name
        if size:
            folder.mkdir(parents=True)
            (folder / "model.bin").write_bytes(os.urandom(size))
            (folder / "config.json").write_text("{}", encoding="utf-8")
            # Installed once before, so its manifest says what it is for.
            (folder / MANIFEST).write_text('{"name": "dansk-a", "languages": ["da"]}', encoding="utf-8")
        else:
            (folder / "am").mkdir(parents=True)
            (folder / "conf").mkdir()
            (folder / "am" / "final.mdl").write_bytes(os.urandom(1000))
    (share / "notes.txt").write_text("not a model", encoding="utf-8")
    machine = tmp_path / "usr-share-assistant-models"
    env = {"ASSISTANT_SYSTEM_MODELS": str(machine)}
    result = _cli("install", str(share), "--system", env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in machine.iterdir()) == ["dansk-a", "vosk-model-small-en-us-0.15"]
    listed = json.loads(_cli("list", "--json", env=env).stdout)
    staged = {m["name"]: m for m in listed["installed"] if m["source"] == "system"}
    assert staged["dansk-a"]["from"] == "IT" and staged["dansk-a"]["languages"] == ["da"]
    assert not (assistant_home.home / "data" / "models").exists(), "nothing in the user's profile"
    again = _cli("install", str(share), "--system", env=env)
    assert again.returncode == 0 and again.stdout.count("Already pre-staged") == 2
    assert "from: IT" in _cli("list", env=env).stdout
