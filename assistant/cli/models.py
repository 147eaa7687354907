"""``assistant models list|install|remove|prepare``: the speech models on this computer."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from assistant.errors import UsageError

if TYPE_CHECKING:
    from assistant.app import App

_LANGUAGES = ("da", "en")
# What 'models install NAME' does for a catalog model not installed yet (CatalogEntry.install_route).
_ROUTE_TEXT = {
    "starter": "comes with the product",
    "download": "install by name (download)",
    "folder": "IT gets the folder from its page (loadable as is)",
    "convert": "IT converts it first",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list, install, remove or prepare speech models")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="installed models and the recommended ones")
    listing.add_argument("--json", action="store_true", help="print versioned JSON")
    listing.set_defaults(handler=_list)

    install = actions.add_parser(
        "install",
        help="install a model from a folder, a .zip or .tar archive, an http(s) address or the catalog",
        description="SOURCE is a model folder, a .zip or .tar(.gz/.bz2/.xz) of one, an http(s) address "
        "of such an archive, or a model name from 'assistant models list'. Archives and downloads are "
        "checked against size limits (the catalog's size, else a hard cap) before and while unpacking.",
    )
    install.add_argument("source", metavar="SOURCE")
    install.add_argument("--name", help="folder name for the model (default: from the source)")
    install.add_argument(
        "--sha256",
        metavar="HEX",
        help="expected SHA-256 of the archive or download (of model.bin for a folder); refuse on mismatch",
    )
    install.add_argument(
        "--language",
        "-l",
        action="append",
        choices=_LANGUAGES,
        help="language the model is for (repeat for several); default: read from the model",
    )
    install.add_argument(
        "--system",
        action="store_true",
        help="install for every user of this computer, into the machine-wide models folder (IT; run "
        "as administrator); SOURCE may then be a folder holding several model folders",
    )
    install.add_argument(
        "--system-dir", metavar="DIR", help="the machine-wide folder (default: the platform's)"
    )
    install.set_defaults(handler=_install)

    remove = actions.add_parser("remove", help="remove a model you installed")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=_remove)

    prepare = actions.add_parser(
        "prepare", help="get the packaged starter models ready (run by the installer)"
    )
    prepare.set_defaults(handler=_prepare)


class _StderrProgress:
    """Progress on stderr: a live percentage on a terminal, a line per 10 % otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.stage = ""
        self.last_step = -1
        self.last_time = 0.0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage != self.stage:
            self._end_line()
            self.stage, self.last_step = stage, -1
        mb = done / 1_000_000
        if total:
            percent = min(100, done * 100 // total)
            text = f"{stage}: {percent}% ({mb:.1f} of {total / 1_000_000:.1f} MB)"
            step = percent // 10
        else:
            text = f"{stage}: {mb:.1f} MB"
            step = int(mb // 10)
        now = time.monotonic()
        if self.tty:
            if now - self.last_time >= 0.1 or (total and done >= total):
                sys.stderr.write("\r" + text.ljust(60))
                sys.stderr.flush()
                self.last_time = now
        elif step != self.last_step:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        self.last_step = step

    def _end_line(self) -> None:
        if self.tty and self.stage:
            sys.stderr.write("\n")
            sys.stderr.flush()

    def close(self) -> None:
        self._end_line()
        self.stage = ""


def _options(app: App, progress: _StderrProgress):
    from assistant.storage.mirror import install_options

    return install_options(app.config, progress=progress, cancel=threading.Event())


def _size(model_bytes: int) -> str:
    return f"{model_bytes / 1_000_000:.0f} MB" if model_bytes else "-"


def _here(catalog, app: App):
    """Per language, the most accurate recommended model fast enough for this machine (speeds
    measured here where ``assistant transcribe`` has run a model, labelled estimates otherwise)."""
    from assistant.storage.recommend import recommend
    from assistant.storage.speed import measured

    speeds = measured(app.paths.data_dir)
    return {lang: recommend(lang, catalog=catalog, measured=speeds) for lang in _LANGUAGES}


def _list(args: argparse.Namespace, app: App) -> int:
    from assistant.storage.catalog import choose_model, load_catalog
    from assistant.storage.models import SOURCE_LABELS, discover, model_dirs
    from assistant.storage.recommend import MEASURED_HERE, speed_text
    from assistant.storage.speed import measured as speed_measured

    catalog = load_catalog()
    user_dir, system_dirs = model_dirs(app.paths, app.config)
    installed = discover(user_dir, system_dirs)
    names = {m.name for m in installed}
    speeds = speed_measured(app.paths.data_dir)
    choices = {
        lang: choose_model(lang, installed, preferred=app.config[f"stt.model_{lang}"], catalog=catalog)
        for lang in _LANGUAGES
    }
    if args.json:
        from assistant.cli._output import print_json

        installed_json: list[dict[str, Any]] = []
        for model in installed:
            entry = catalog.get(model.name)
            row = model.to_json()
            row["from"] = SOURCE_LABELS[model.source]
            row["catalog"] = entry.name if entry else None
            row["wer"] = [w.to_json() for w in entry.wer] if entry else []
            installed_json.append(row)
        print_json(
            "models",
            {
                "installed": installed_json,
                "catalog": [{**e.to_json(), "installed": e.name in names} for e in catalog.entries],
                "choices": {lang: choice.to_json() for lang, choice in choices.items()},
                "recommended_here": {
                    lang: r.to_json() if r else None for lang, r in _here(catalog, app).items()
                },
                "measured_here": {
                    name: {"real_time_factor": round(rtf, 3), "runs": runs}
                    for name, (rtf, runs) in speed_measured(app.paths.data_dir).items()
                },
                "notes": dict(catalog.notes),
                "model_dirs": {"user": str(user_dir), "system": [str(d) for d in system_dirs]},
            },
        )
        return 0

    print("Installed models:")
    if not installed:
        print("  (none)")
    for model in installed:
        entry = catalog.get(model.name)
        where = f"from: {SOURCE_LABELS[model.source]}"
        licence = model.licence or (entry.licence if entry else "") or "licence unknown"
        langs = ", ".join(model.languages) or "language unknown"
        print(f"  {model.name}  [{model.engine}; {langs}; {_size(model.size_bytes)}; {licence}; {where}]")
        if entry and entry.wer:
            print(f"      accuracy: {entry.accuracy_note()}")
        if model.name in speeds:
            rtf, runs = speeds[model.name]
            print(f"      speed: {speed_text(rtf, MEASURED_HERE, runs)}")
    print()
    for lang, choice in choices.items():
        label = {"da": "Danish", "en": "English"}[lang]
        used = choice.model.name if choice.model else "none installed"
        print(f"{label} dictation uses: {used}")
        if choice.message:
            print(f"  {choice.message}")
    print()
    here = _here(catalog, app).get("da")
    if here is not None:
        print(f"For Danish on this machine: {here.entry.name}: {here.reason}")
    print("Recommended for Danish:")
    for entry in catalog.recommended("da"):
        state = "installed" if entry.name in names else _ROUTE_TEXT[entry.install_route]
        size = f"{entry.published_bytes / 1e6:.1f} MB" if entry.published_bytes else "size unknown"
        print(f"  {entry.name}  [{entry.format}; {size}; {entry.licence}; {state}]  {entry.page}")
        print(f"      {entry.description}")
        if entry.wer:
            print(f"      accuracy: {entry.accuracy_note()}")
    print()
    print("Other models in the catalog (install by name):")
    for entry in catalog.entries:
        if entry.starter or "da" in entry.recommended:
            continue
        size = f"{entry.size_mb:g} MB" if entry.size_mb else "size unknown"
        state = "installed" if entry.name in names else _ROUTE_TEXT[entry.install_route]
        print(
            f"  {entry.name}  [{entry.engine}; {', '.join(entry.languages)}; {size}; {entry.licence}; {state}]"
        )
    if "vosk_da" in catalog.notes:
        print()
        print(catalog.notes["vosk_da"])
    return 0


def _install(args: argparse.Namespace, app: App) -> int:
    from pathlib import Path

    from assistant.storage.archives import archive_stem
    from assistant.storage.model_install import install_source
    from assistant.storage.models import model_kind

    if args.system_dir and not args.system:
        raise UsageError("--system-dir goes with --system")
    target = Path(args.system_dir) if args.system_dir else app.paths.system_models_dir
    models_dir = target if args.system else app.paths.models_dir
    sources = [args.source]
    folder = Path(args.source).expanduser()
    if args.system and folder.is_dir() and model_kind(folder) is None:
        # IT's share with several models: each folder (or archive) in it that is a model.
        sources = [
            str(p)
            for p in sorted(folder.iterdir())
            if not p.name.startswith(".")
            and (model_kind(p) is not None or (p.is_file() and archive_stem(p.name) is not None))
        ]
        if not sources:
            raise UsageError(f"{folder} holds no model folders or .zip/.tar archives")
        linked = next((Path(p).name for p in sources if Path(p).is_symlink()), None)
        if linked is not None:  # a link in IT's share could point at any model root may read
            raise UsageError(
                f"{linked} in {folder} is a link; nothing was installed",
                "Put the model folders themselves in the folder, or install the linked one by its own path",
            )
        if args.name or args.sha256:
            raise UsageError("--name and --sha256 are for one model; install the models one by one")
    progress = _StderrProgress()
    try:
        for source in sources:
            if args.system and (target / (archive_stem(Path(source).name) or Path(source).name)).exists():
                print(f"Already pre-staged: {Path(source).name} in {target}")
                continue
            model = install_source(
                source,
                models_dir,
                app.paths.cache_dir,
                name=args.name,
                sha256=args.sha256,
                languages=args.language,
                options=_options(app, progress),
            )
            progress.close()
            _warn_if_unverified(model.path)
            languages = ", ".join(model.languages) or "language unknown"
            print(f"Installed {model.name} ({model.engine}; {languages}) in {model.path}")
    finally:
        progress.close()
    return 0


def _warn_if_unverified(path) -> None:
    import json

    from assistant.storage.models import MANIFEST

    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return
    if not manifest.get("verified"):
        print(
            f"assistant: warning: no published SHA-256 to check this model against; its "
            f"{manifest.get('sha256_of', 'file')} has SHA-256 {manifest.get('sha256', '?')} "
            "(recorded in model.json; pass --sha256 to check)",
            file=sys.stderr,
        )


def _remove(args: argparse.Namespace, app: App) -> int:
    from assistant.storage.model_install import remove_model
    from assistant.storage.models import model_dirs

    user_dir, system_dirs = model_dirs(app.paths, app.config)
    path = remove_model(args.name, user_dir, system_dirs)
    print(f"Removed {args.name} ({path})")
    return 0


def _prepare(args: argparse.Namespace, app: App) -> int:
    from assistant.errors import ModelError
    from assistant.storage.catalog import choose_model, load_catalog
    from assistant.storage.model_install import prepare_starter_models
    from assistant.storage.models import discover, model_dirs

    progress = _StderrProgress()
    try:
        ready = prepare_starter_models(options=_options(app, progress))
    finally:
        progress.close()
    for model in ready:
        print(f"Ready: {model.name} ({', '.join(model.languages)}) in {model.path}")
    user_dir, system_dirs = model_dirs(app.paths, app.config)
    installed = discover(user_dir, system_dirs)
    catalog = load_catalog()
    missing = []
    for lang in _LANGUAGES:
        choice = choose_model(lang, installed, catalog=catalog)
        if choice.model is None:
            missing.append({"da": "Danish", "en": "English"}[lang])
        elif choice.message:
            print(choice.message)
    if missing:
        raise ModelError(
            f"No speech model for {' or '.join(missing)} is installed",
            "Install the starter models (pip install 'assistant[starter-models]') or ask IT to pre-stage one",
        )
    return 0
