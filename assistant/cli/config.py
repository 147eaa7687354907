"""``assistant config show|get|set|reset|paths|policy-template|policy-check``: read and change settings from scripts."""

from __future__ import annotations

import argparse
import json
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config.schema import SCHEMA
from assistant.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from assistant.app import App


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("config", help="show or change settings")
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)

    show = actions.add_parser("show", help="every setting, its value and where it came from")
    show.add_argument("--json", action="store_true", help="print versioned JSON")
    show.set_defaults(handler=_show)

    get = actions.add_parser("get", help="print one setting's value")
    get.add_argument("key")
    get.set_defaults(handler=_get)

    set_ = actions.add_parser("set", help="change a setting in your settings file")
    set_.add_argument("key")
    set_.add_argument("value", help='a TOML value (true, 42, "text", ["a", "b"]) or plain text')
    set_.set_defaults(handler=_set)

    reset = actions.add_parser("reset", help="remove your value so the default applies")
    reset.add_argument("key")
    reset.set_defaults(handler=_reset)

    paths = actions.add_parser("paths", help="where settings, data, logs and models are kept")
    paths.set_defaults(handler=_paths)

    template = actions.add_parser("policy-template", help="print a policy file listing every setting")
    template.add_argument(
        "--markdown", action="store_true", help="print the settings as the Markdown table of docs/admin.md"
    )
    template.add_argument(
        "--update",
        metavar="GUIDE",
        help="with --markdown: replace the table in GUIDE (docs/admin.md) in place",
    )
    template.add_argument(
        "--admx",
        metavar="DIR",
        help="write the Group Policy templates: DIR/assistant.admx, DIR/da-DK and DIR/en-US/assistant.adml",
    )
    template.set_defaults(handler=_policy_template)

    check = actions.add_parser(
        "policy-check",
        help="check a policy file before deploying it (exit 1 if it would fail closed)",
        description="Reads FILE (default: the machine's policy file) exactly as the program does and "
        "prints each problem. Exit 0: the file is usable (problems listed are single values that are "
        "ignored); 1: the file cannot be used and the privacy settings would fail closed.",
    )
    check.add_argument("file", nargs="?", help="the policy file to check (default: the one in force)")
    check.add_argument("--json", action="store_true", help="print versioned JSON")
    check.set_defaults(handler=_policy_check)

    install = actions.add_parser(
        "policy-install",
        help="install a policy file machine-wide (installers and IT scripts; run as administrator)",
        description="Checks FILE (refusing one that would fail closed), optionally sets the UI "
        "language ([defaults.general] ui_language), and writes it atomically to the machine's policy "
        "file. Without FILE the policy in place (or an empty one) gets the UI language.",
    )
    install.add_argument("file", nargs="?", default="", help="the policy file to install")
    # Installers pass what IT typed (UI_LANGUAGE=DA): any case is accepted.
    install.add_argument(
        "--ui-language",
        default="",
        type=lambda value: value.strip().lower(),
        choices=("", "auto", "da", "en"),
    )
    install.add_argument("--target", help="where to write it (default: the machine's policy file)")
    install.set_defaults(handler=_policy_install)

    clean = actions.add_parser(
        "machine-clean",
        help="remove the machine-wide policy and pre-staged models (the uninstaller runs it)",
    )
    clean.add_argument("--target", required=True, help="the machine folder (…/assistant)")
    clean.set_defaults(handler=_machine_clean)


def _check_key(key: str) -> None:
    if key not in SCHEMA:
        raise UsageError(f"Unknown setting '{key}'", "Run 'assistant config show' for the list")


def _parse_value(key: str, raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        if SCHEMA[key].type is str:
            return raw  # plain text needs no quotes on the command line
        raise ConfigError(f"'{raw}' is not a valid value for {key}", SCHEMA[key].help) from None


def _show(args: argparse.Namespace, app) -> int:
    rows = [
        {
            "key": key,
            "value": app.config[key],
            "source": app.config.source(key),
            "locked": app.config.is_locked(key),
            "help": setting.help,
        }
        for key, setting in SCHEMA.items()
    ]
    if args.json:
        from assistant.cli._output import print_json

        failure = app.config.policy_failure
        print_json(
            "config",
            {
                "settings": rows,
                "problems": [str(p) for p in app.config.problems],
                "policy_failure": failure.to_json() if failure is not None else None,
            },
        )
        return 0
    for row in rows:
        lock = "  [locked by policy]" if row["locked"] else ""
        if row["source"] == "fail-closed":
            lock = "  [locked: the policy file cannot be used]"
        print(f"{row['key']} = {json.dumps(row['value'], ensure_ascii=False)}  ({row['source']}){lock}")
    return 0


def _get(args: argparse.Namespace, app) -> int:
    _check_key(args.key)
    print(json.dumps(app.config[args.key], ensure_ascii=False))
    return 0


def _set(args: argparse.Namespace, app) -> int:
    _check_key(args.key)
    app.config.set(args.key, _parse_value(args.key, args.value))
    if app.config.backup_file:
        print(f"Your previous settings file was kept as {app.config.backup_file}")
    return 0


def _reset(args: argparse.Namespace, app) -> int:
    _check_key(args.key)
    app.config.reset(args.key)
    return 0


def _paths(args: argparse.Namespace, app) -> int:
    p = app.paths
    for label, value in (
        ("config file", p.config_file),
        ("policy file", p.machine_policy_file),
        *((("additional policy", p.extra_policy_file),) if p.extra_policy_file else ()),
        ("data", p.data_dir),
        ("models", p.models_dir),
        ("system models", p.system_models_dir),
        ("logs", p.log_file),
    ):
        print(f"{label}: {value}")
    return 0


def _policy_template(args: argparse.Namespace, app: App) -> int:
    from assistant.config.template import policy_table_markdown, policy_template

    if args.admx:
        from pathlib import Path

        from assistant.config.admx import write_templates

        try:
            written = write_templates(Path(args.admx))
        except OSError as exc:
            raise UsageError(f"cannot write the templates into {args.admx}: {exc.strerror}") from None
        print(f"wrote {len(written)} Group Policy template files into {args.admx}")
        return 0
    if args.markdown and args.update:
        from pathlib import Path

        from assistant.config.template import ADMIN_BEGIN, ADMIN_END

        guide = Path(args.update)
        text = guide.read_text(encoding="utf-8")
        if ADMIN_BEGIN not in text or ADMIN_END not in text:
            raise UsageError(f"{guide} has no generated policy table to replace")
        start, end = text.index(ADMIN_BEGIN), text.index(ADMIN_END) + len(ADMIN_END)
        guide.write_text(text[:start] + policy_table_markdown() + text[end:], encoding="utf-8")
        print(f"updated the policy table in {guide}")
        return 0
    if args.markdown:
        print(policy_table_markdown())
        return 0
    print(policy_template(), end="")
    return 0


def _policy_check(args: argparse.Namespace, app: App) -> int:
    from pathlib import Path

    from assistant.config.policy import load_policy, unreadable_by_users, unsafe_policy_reasons

    path = Path(args.file) if args.file else app.paths.machine_policy_file
    if not path.exists():
        raise UsageError(f"{path} does not exist", "Give the path of the policy file to check")
    _refuse_unparseable(path)
    machine = Path(os.path.abspath(path)) == Path(os.path.abspath(app.paths.machine_policy_file))
    defaults, locked, problems, failure = load_policy(path, check_safety=machine)
    unknown = [p for p in problems if p.kind == "unknown"]
    warnings = [] if machine else [english for english, _ in unsafe_policy_reasons(path)]
    unreadable = unreadable_by_users(path)
    if unreadable:
        warnings.append(f"ordinary users cannot read it ({unreadable}): for them it would fail closed")
    usable = failure is None and not unknown and not (machine and unreadable)
    if args.json:
        from assistant.cli._output import print_json

        print_json(
            "policy_check",
            {
                "file": str(path),
                "usable": usable,
                "defaults": defaults,
                "locked": locked,
                "problems": [str(p) for p in problems],
                "unknown": [{"key": p.key, "message": p.message} for p in unknown],
                "warnings": warnings,
                "policy_failure": failure.to_json() if failure is not None else None,
            },
        )
        return 0 if usable else 1
    for problem in problems:
        print(f"{'rejected' if problem.kind == 'unknown' else 'problem'}: {problem}")
    for warning in warnings:
        print(f"warning: {path}: {warning}")
    if failure is not None:
        print(failure.message_da)
        return 1
    if not usable:
        print(f"{path}: not usable; fix the keys and sections named above")
        return 1
    print(f"{path}: usable; {len(defaults)} default(s), {len(locked)} locked setting(s)")
    for key, value in sorted(locked.items()):
        print(f"  locked {key} = {json.dumps(value, ensure_ascii=False)}")
    return 0


def _refuse_unparseable(path: Path) -> None:
    """A file too large or nested too deeply to be a policy at all: one line, exit 2."""
    from assistant.config.files import MAX_FILE_BYTES, NestedTooDeep, parse_toml

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return  # load_policy reports an unreadable file as a failure
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError(f"{path} is larger than {MAX_FILE_BYTES // 1024} KiB, so it is not a policy file")
    try:
        parse_toml(raw)
    except NestedTooDeep:
        raise ConfigError(f"{path} is not a policy file: its values are nested too deeply") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return  # reported (and failing closed) by load_policy


def _policy_install(args: argparse.Namespace, app: App) -> int:
    from pathlib import Path

    import tomli_w

    from assistant.config.files import _decode
    from assistant.config.policy import (
        load_policy,
        unreadable_by_users,
        unsafe_policy_reasons,
        write_policy_file,
    )

    target = Path(args.target) if args.target else app.paths.machine_policy_file
    source = Path(args.file) if args.file else target
    if args.file and not source.is_file():
        raise UsageError(f"{source} does not exist", "Give the path of the policy file to install")
    if source.exists():
        _refuse_unparseable(source)
        unsafe = unsafe_policy_reasons(source)
        if unsafe:
            raise ConfigError(
                f"The policy {source} is not installed: {unsafe[0][0]}",
                "Copy it to a folder only administrators can write, check it, and install that copy",
            )
    try:
        raw = source.read_bytes() if source.exists() else b""
    except OSError as exc:
        raise ConfigError(f"Cannot read the policy file {source} ({exc.strerror})") from None
    staged = target.with_name(target.name + ".new")
    try:
        if args.ui_language:
            try:
                document = tomllib.loads(_decode(raw)) if raw else {}
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(
                    f"{source} is not valid TOML ({exc})", "Fix the policy file first"
                ) from None
            general = document.setdefault("defaults", {}).setdefault("general", {})
            if not isinstance(general, dict):
                raise ConfigError(f"{source}: [defaults.general] is not a table", "Fix the policy file first")
            general["ui_language"] = args.ui_language
            raw = tomli_w.dumps(document).encode("utf-8")
        write_policy_file(staged, raw)
        _, locked, problems, failure = load_policy(staged)
        if failure is not None:
            raise ConfigError(
                f"The policy {source} cannot be used ({'; '.join(failure.reasons)}); nothing was installed",
                "Check it with 'assistant config policy-check FILE' and fix it",
            )
        unknown = [p for p in problems if p.kind == "unknown"]
        if unknown:
            first = str(unknown[0]).replace(str(staged), str(source))
            raise ConfigError(
                f"The policy is not installed: {first}",
                "Check it with 'assistant config policy-check FILE' and fix it",
            )
        for problem in problems:
            print(f"problem: {str(problem).replace(str(staged), str(source))}")
        write_policy_file(target, raw)
        if target == app.paths.machine_policy_file and os.name != "nt":
            # The product's own machine folder, maybe left 0700 by an older version: every user
            # must be able to reach the policy in it.
            os.chmod(target.parent, 0o755)
    except OSError as exc:
        raise ConfigError(
            f"Cannot write the policy file {target} ({exc.strerror})", "Run this as an administrator"
        ) from None
    finally:
        staged.unlink(missing_ok=True)
    unreadable = unreadable_by_users(target)
    if unreadable:
        raise ConfigError(
            f"The policy {target} was written, but ordinary users cannot read it ({unreadable}), so "
            "for them it would fail closed",
            "Make every folder above it readable by all users (chmod 755)",
        )
    print(f"Installed the policy {target} ({len(locked)} locked setting(s)), readable by every user")
    return 0


def _machine_clean(args: argparse.Namespace, app: App) -> int:
    import shutil
    from pathlib import Path

    target = Path(args.target)
    if target.name.lower() != "assistant":
        raise UsageError(f"{target} is not the product's machine folder (…/assistant)")
    (target / "policy.toml").unlink(missing_ok=True)
    shutil.rmtree(target / "models", ignore_errors=True)
    print(f"Removed the policy and pre-staged models in {target}")
    return 0
