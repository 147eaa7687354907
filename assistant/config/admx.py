"""Group Policy templates (ADMX, and ADML for da-DK and en-US) generated from the settings schema.

Two policies per setting: "locked" (Computer Configuration, HKLM ...\\Locked\\<section>) and
"default" (Computer or User Configuration, ...\\Defaults\\<section>), matching what
:mod:`assistant.config.registry_policy` reads. ``assistant config policy-template --admx DIR``
writes them; installer/windows/admx holds the generated copy (a test keeps it in sync).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from assistant.config.registry_policy import KEY
from assistant.config.schema import SCHEMA, Setting

NAMESPACE = "Assistant.Policies.Assistant"
PREFIX = "assistant"
FILE = "assistant"
LANGUAGES = ("da-DK", "en-US")
MAX_DWORD = 2147483647

TEXTS = {
    "en-US": {
        "product": "Assistent (offline dictation, spelling and read-aloud)",
        "description": "Settings IT locks or presets for assistant. Generated from the product's settings schema.",
        "supported": "assistant 0.1 or later",
        "locked": "Locked settings (users cannot change them)",
        "defaults": "Default settings (users may change them)",
        "lock": "{key}: lock",
        "default": "{key}: default",
        "value": "Value",
        "builtin": "Built-in default: {value}.",
        "lock_help": "Enabled: the value below is enforced for every user. "
        "A wrong value makes the whole policy untrusted: privacy settings then take their most private values.",
        "bool_lock_help": "Enabled: locked to true. Disabled: locked to false. Not configured: not locked.",
        "default_help": "Enabled: the value below is the starting value; users may change it.",
        "bool_default_help": "Enabled: true. Disabled: false. Users may change it.",
    },
    "da-DK": {
        "product": "Assistent (diktering, stavning og oplæsning uden netværk)",
        "description": "Indstillinger som IT låser eller forudindstiller for assistant. Dannet ud fra programmets indstillingsskema.",
        "supported": "assistant 0.1 eller nyere",
        "locked": "Låste indstillinger (brugerne kan ikke ændre dem)",
        "defaults": "Standardindstillinger (brugerne kan ændre dem)",
        "lock": "{key}: lås",
        "default": "{key}: standardværdi",
        "value": "Værdi",
        "builtin": "Indbygget standard: {value}.",
        "lock_help": "Aktiveret: værdien nedenfor gælder for alle brugere. En forkert værdi gør hele politikken "
        "utroværdig: privatlivsindstillingerne får da deres mest private værdi.",
        "bool_lock_help": "Aktiveret: låst til sand. Deaktiveret: låst til falsk. Ikke konfigureret: ikke låst.",
        "default_help": "Aktiveret: værdien nedenfor er startværdien; brugerne kan ændre den.",
        "bool_default_help": "Aktiveret: sand. Deaktiveret: falsk. Brugerne kan ændre den.",
    },
}


def _id(kind: str, setting: Setting) -> str:
    return f"{kind}_{setting.section}_{setting.name}"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(empty)"
    return str(value) if value != "" else '""'


def _element(setting: Setting) -> list[str]:
    name = quoteattr(setting.name)
    if setting.choices is not None:
        lines = [f'        <enum id="value" valueName={name} required="true">']
        for index, choice in enumerate(setting.choices):
            typed = (
                f'<decimal value="{choice}" />'
                if isinstance(choice, int)
                else f"<string>{escape(choice)}</string>"
            )
            lines.append(
                f'          <item displayName="$(string.choice_{setting.section}_{setting.name}_{index})">'
                f"<value>{typed}</value></item>"
            )
        return [*lines, "        </enum>"]
    if setting.type is int:
        low = setting.minimum if setting.minimum is not None else 0
        high = setting.maximum if setting.maximum is not None else MAX_DWORD
        return [f'        <decimal id="value" valueName={name} minValue="{low}" maxValue="{high}" />']
    if setting.type is list:
        return [f'        <multiText id="value" valueName={name} />']
    return [f'        <text id="value" valueName={name} maxLength="1023" />']


def admx() -> str:
    sections = list(dict.fromkeys(s.section for s in SCHEMA.values()))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated from the settings schema by: assistant config policy-template (option admx). Do not edit. -->",
        '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
        'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
        "  <policyNamespaces>",
        f'    <target prefix="{PREFIX}" namespace="{NAMESPACE}" />',
        "  </policyNamespaces>",
        '  <resources minRequiredRevision="1.0" />',
        "  <supportedOn>",
        "    <definitions>",
        '      <definition name="SUPPORTED_assistant" displayName="$(string.SUPPORTED_assistant)" />',
        "    </definitions>",
        "  </supportedOn>",
        "  <categories>",
        '    <category name="assistant" displayName="$(string.assistant)" />',
    ]
    for kind in ("locked", "defaults"):
        out.append(
            f'    <category name="{kind}" displayName="$(string.{kind})"><parentCategory ref="assistant" /></category>'
        )
        for section in sections:
            out.append(
                f'    <category name="{kind}_{section}" displayName="$(string.section_{section})">'
                f'<parentCategory ref="{kind}" /></category>'
            )
    out += ["  </categories>", "  <policies>"]
    for setting in SCHEMA.values():
        for kind, table, klass in (("lock", "Locked", "Machine"), ("default", "Defaults", "Both")):
            pid = _id(kind, setting)
            category = ("locked" if kind == "lock" else "defaults") + f"_{setting.section}"
            key = f"{KEY}\\{table}\\{setting.section}"
            if setting.type is bool:
                out += [
                    f'    <policy name="{pid}" class="{klass}" displayName="$(string.{pid})" '
                    f'explainText="$(string.{pid}_help)" key="{key}" valueName="{setting.name}">',
                    f'      <parentCategory ref="{category}" />',
                    '      <supportedOn ref="SUPPORTED_assistant" />',
                    '      <enabledValue><decimal value="1" /></enabledValue>',
                    '      <disabledValue><decimal value="0" /></disabledValue>',
                    "    </policy>",
                ]
                continue
            out += [
                f'    <policy name="{pid}" class="{klass}" displayName="$(string.{pid})" '
                f'explainText="$(string.{pid}_help)" presentation="$(presentation.{pid})" key="{key}">',
                f'      <parentCategory ref="{category}" />',
                '      <supportedOn ref="SUPPORTED_assistant" />',
                "      <elements>",
                *_element(setting),
                "      </elements>",
                "    </policy>",
            ]
    out += ["  </policies>", "</policyDefinitions>", ""]
    return "\n".join(out)


def adml(language: str) -> str:
    t = TEXTS[language]
    strings = [
        ("assistant", t["product"]),
        ("SUPPORTED_assistant", t["supported"]),
        ("locked", t["locked"]),
        ("defaults", t["defaults"]),
    ]
    for section in dict.fromkeys(s.section for s in SCHEMA.values()):
        strings.append((f"section_{section}", f"[{section}]"))
    presentations: list[str] = []
    for setting in SCHEMA.values():
        for index, choice in enumerate(setting.choices or ()):
            strings.append((f"choice_{setting.section}_{setting.name}_{index}", _shown(choice)))
        for kind in ("lock", "default"):
            pid = _id(kind, setting)
            strings.append((pid, t[kind].format(key=setting.key)))
            how = t[("bool_" if setting.type is bool else "") + f"{kind}_help"]
            # The setting's own description is the schema's (English) help text.
            help_text = f"{setting.help}\n\n{t['builtin'].format(value=_shown(setting.default))}\n\n{how}"
            strings.append((f"{pid}_help", help_text))
            if setting.type is bool:
                continue
            label = escape(t["value"])
            if setting.choices is not None:
                default = setting.choices.index(setting.default) if setting.default in setting.choices else 0
                box = f'<dropdownList refId="value" noSort="true" defaultItem="{default}">{label}</dropdownList>'
            elif setting.type is int:
                box = (
                    f'<decimalTextBox refId="value" defaultValue="{setting.default}">{label}</decimalTextBox>'
                )
            elif setting.type is list:
                box = f'<multiTextBox refId="value">{label}</multiTextBox>'
            else:
                box = (
                    f'<textBox refId="value"><label>{label}</label>'
                    f"<defaultValue>{escape(str(setting.default))}</defaultValue></textBox>"
                )
            presentations.append(f'      <presentation id="{pid}">{box}</presentation>')
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated from the settings schema by: assistant config policy-template (option admx). Do not edit. -->",
        '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
        'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
        f"  <displayName>{escape(t['product'])}</displayName>",
        f"  <description>{escape(t['description'])}</description>",
        "  <resources>",
        "    <stringTable>",
        *(f'      <string id="{sid}">{escape(text)}</string>' for sid, text in strings),
        "    </stringTable>",
        "    <presentationTable>",
        *presentations,
        "    </presentationTable>",
        "  </resources>",
        "</policyDefinitionResources>",
        "",
    ]
    return "\n".join(out)


def templates() -> dict[str, str]:
    """Relative path -> text of every template file."""
    files = {f"{FILE}.admx": admx()}
    for language in LANGUAGES:
        files[f"{language}/{FILE}.adml"] = adml(language)
    return files


def write_templates(folder: Path) -> list[Path]:
    written = []
    for rel, text in templates().items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\r\n")
        written.append(target)
    return written
