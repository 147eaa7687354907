"""``assistant config show|get|set|reset|paths``: read and change settings from scripts."""

from __future__ import annotations

import argparse
import json
import tomllib
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
    template.set_defaults(handler=_policy_template)


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

        print_json("config", {"settings": rows, "problems": [str(p) for p in app.config.problems]})
        return 0
    for row in rows:
        lock = "  [locked by policy]" if row["locked"] else ""
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
        ("policy file", p.policy_file),
        ("data", p.data_dir),
        ("models", p.models_dir),
        ("system models", p.system_models_dir),
        ("logs", p.log_file),
    ):
        print(f"{label}: {value}")
    return 0


def _policy_template(args: argparse.Namespace, app: App) -> int:
    from assistant.config.template import policy_template

    print(policy_template(), end="")
    return 0
