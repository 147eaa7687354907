"""ONNX transducer and CTC model folders (sherpa-onnx layout): find their files and check them.

A NeMo transducer folder, as sherpa-onnx and its published conversions lay it out, holds
``encoder.onnx``, ``decoder.onnx``, ``joiner.onnx`` (or ``*.int8.onnx``) and ``tokens.txt``; a
CTC folder holds ``model.onnx`` (or ``model.int8.onnx``) and ``tokens.txt``. The model's facts
(vocabulary size, subsampling, feature normalisation, prediction-network size, TDT) are custom
metadata of the encoder.

sherpa-onnx ends the whole process (``_Exit``) on a model it cannot use, so a folder is checked
here first, in Python, and a broken or incomplete one gives a clear error instead. The check
reads only the ONNX file headers (the metadata sits after the weights but is reached by seeking
past them), so it costs milliseconds even for a gigabyte encoder.

No imports beyond the standard library: :mod:`assistant.storage.models` uses this to recognise
such folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ModelError

KIND = "transducer"  # the model kind of such a folder (see assistant.storage.models.model_kind)
TOKENS = "tokens.txt"

_REINSTALL = "Copy the whole model folder again (or reinstall it with 'assistant models install')"


@dataclass(frozen=True)
class OnnxModelFiles:
    """The files of a transducer or CTC folder and what the encoder's metadata says."""

    folder: Path
    architecture: str  # "transducer" | "ctc"
    tokens: Path
    encoder: Path | None = None
    decoder: Path | None = None
    joiner: Path | None = None
    model: Path | None = None  # CTC
    tdt: bool = False
    vocab_size: int = 0  # with the blank
    feat_dim: int = 0  # 0: the runtime reads it from the encoder
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def main(self) -> Path:
        """The file holding most of the weights (checksums are taken of it)."""
        main = self.encoder if self.architecture == "transducer" else self.model
        assert main is not None
        return main


def _pick(folder: Path, stem: str) -> Path | None:
    """``stem.int8.onnx`` (what the published CPU conversions ship) before ``stem.onnx``; then any
    single ``stem*.onnx``."""
    for name in (f"{stem}.int8.onnx", f"{stem}.onnx"):
        if (folder / name).is_file():
            return folder / name
    found = sorted(p for p in folder.glob(f"{stem}*.onnx") if p.is_file())
    int8 = [p for p in found if ".int8." in p.name]
    return (int8 or found or [None])[0]


def looks_like(folder: Path) -> bool:
    """True for a folder laid out as a transducer or CTC model (not yet checked)."""
    if not (folder / TOKENS).is_file():
        return False
    if all(_pick(folder, s) for s in ("encoder", "decoder", "joiner")):
        return True
    return _pick(folder, "model") is not None


def main_file(folder: Path) -> Path:
    """The encoder (or CTC model) file of a folder :func:`looks_like` accepts."""
    main = _pick(folder, "encoder") or _pick(folder, "model")
    if main is None:
        raise ModelError(f"No encoder or model .onnx file in {folder}", _REINSTALL)
    return main


# -- a minimal reader of the protobuf wire format: enough to reach the metadata and output shapes --


def _varint(data: bytes | memoryview, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(data: bytes | memoryview):
    """(field number, wire type, value) of one message held in memory."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = bytes(data[pos : pos + 8]), pos + 8
        elif wire == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise ValueError("truncated field")
            value, pos = data[pos : pos + size], pos + size
        elif wire == 5:
            value, pos = bytes(data[pos : pos + 4]), pos + 4
        else:
            raise ValueError(f"unknown wire type {wire}")
        yield number, wire, value


def _read_varint_file(handle, first: bytes) -> int:
    result, shift, byte = 0, 0, first
    while True:
        if not byte:
            raise ValueError("truncated varint")
        result |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return result
        shift += 7
        if shift > 63:
            raise ValueError("bad varint")
        byte = handle.read(1)


def onnx_header(path: Path, keep_graph: bool = False) -> tuple[dict[str, str], bytes | None]:
    """The custom metadata of an ONNX model file (and its graph bytes if ``keep_graph``).

    Walks the top-level fields of the ModelProto, seeking past the graph unless asked for it.
    Raises ValueError for a file that is not a complete ONNX model."""
    meta: dict[str, str] = {}
    graph: bytes | None = None
    size = path.stat().st_size
    seen_graph = False
    with path.open("rb") as handle:
        while True:
            first = handle.read(1)
            if not first:
                break
            key = _read_varint_file(handle, first)
            number, wire = key >> 3, key & 7
            if wire == 0:
                _read_varint_file(handle, handle.read(1))
            elif wire == 1:
                handle.seek(8, 1)
            elif wire == 5:
                handle.seek(4, 1)
            elif wire == 2:
                length = _read_varint_file(handle, handle.read(1))
                if handle.tell() + length > size:
                    raise ValueError("the file ends inside a field (truncated copy)")
                if number == 14:  # metadata_props: StringStringEntryProto
                    entry = dict(
                        (n, bytes(v).decode("utf-8", "replace")) for n, _, v in _fields(handle.read(length))
                    )
                    meta[entry.get(1, "")] = entry.get(2, "")
                elif number == 7:  # graph
                    seen_graph = True
                    if keep_graph:
                        graph = handle.read(length)
                    else:
                        handle.seek(length, 1)
                else:
                    handle.seek(length, 1)
            else:
                raise ValueError(f"unknown wire type {wire}: not an ONNX file")
    if not seen_graph:
        raise ValueError("no graph in the file")
    return meta, graph


def output_shapes(graph: bytes) -> list[list[int | str]]:
    """The declared shapes of a graph's outputs (a dimension is an int or a symbolic name)."""
    shapes: list[list[int | str]] = []
    for number, _, value in _fields(graph):
        if number != 12:  # GraphProto.output: ValueInfoProto
            continue
        dims: list[int | str] = []
        for n1, _, type_proto in _fields(value):
            if n1 != 2:
                continue
            for n2, _, tensor in _fields(type_proto):
                if n2 != 1:
                    continue
                for n3, _, shape in _fields(tensor):
                    if n3 != 2:
                        continue
                    for n4, _, dim in _fields(shape):
                        if n4 != 1:
                            continue
                        entry: int | str = "?"
                        for n5, _, dv in _fields(dim):
                            entry = dv if n5 == 1 else bytes(dv).decode("utf-8", "replace")
                        dims.append(entry)
        shapes.append(dims)
    return shapes


# -- the check ------------------------------------------------------------------------------------

_TOKEN_LINE = re.compile(r"^(\S+)\s+(\d+)$")


def _read_tokens(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(
            f"{path.name} in {path.parent} cannot be read ({type(exc).__name__})", _REINSTALL
        ) from None
    tokens: dict[int, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        match = _TOKEN_LINE.match(line.strip())
        if match is None:
            raise ModelError(
                f"{path.name} in {path.parent} is damaged (line {number} is not 'piece id')", _REINSTALL
            )
        tokens[int(match.group(2))] = match.group(1)
    if sorted(tokens) != list(range(len(tokens))):
        raise ModelError(f"{path.name} in {path.parent} is damaged (token ids are not 0..n-1)", _REINSTALL)
    return [tokens[i] for i in range(len(tokens))]


def _header(path: Path, keep_graph: bool = False) -> tuple[dict[str, str], bytes | None]:
    try:
        return onnx_header(path, keep_graph)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"{path.name} in {path.parent} is not a complete ONNX model ({exc})",
            _REINSTALL,
        ) from None


def _meta_int(meta: dict[str, str], key: str, where: Path) -> int:
    value = meta.get(key, "")
    if not value.strip().lstrip("-").isdigit() or int(value) < 0:
        raise ModelError(
            f"{where.name} in {where.parent} lacks the '{key}' metadata sherpa-onnx needs",
            "Use the sherpa-onnx conversion of the model (its published ONNX files carry this metadata)",
        )
    return int(value)


def check_folder(folder: Path) -> OnnxModelFiles:
    """Find and check a transducer or CTC folder; :class:`ModelError` says what is wrong."""
    if not folder.is_dir():
        raise ModelError(
            f"The model folder {folder} does not exist", "Install the model again or choose another"
        )
    tokens_path = folder / TOKENS
    parts = {s: _pick(folder, s) for s in ("encoder", "decoder", "joiner")}
    ctc = _pick(folder, "model")
    if not any(parts.values()) and ctc is not None:
        architecture = "ctc"
    elif any(parts.values()):
        architecture = "transducer"
        missing = [f"{s}.onnx" for s, p in parts.items() if p is None]
        if missing:
            raise ModelError(
                f"The transducer model in {folder} is incomplete: {', '.join(missing)} is missing",
                _REINSTALL,
            )
    else:
        raise ModelError(
            f"{folder} holds no ONNX speech model (encoder/decoder/joiner .onnx, or model.onnx)",
            "Point at the folder with the model's .onnx files and tokens.txt",
        )
    if not tokens_path.is_file():
        raise ModelError(f"The model in {folder} is incomplete: tokens.txt is missing", _REINSTALL)
    tokens = _read_tokens(tokens_path)
    if not tokens or tokens[-1] != "<blk>":
        raise ModelError(
            f"tokens.txt in {folder} does not end with the blank token <blk>: not a NeMo model's vocabulary",
            _REINSTALL,
        )
    main = parts["encoder"] if architecture == "transducer" else ctc
    assert main is not None
    meta, _ = _header(main)
    vocab = _meta_int(meta, "vocab_size", main)
    _meta_int(meta, "subsampling_factor", main)
    feat_dim = int(meta["feat_dim"]) if meta.get("feat_dim", "").isdigit() else 0
    # NeMo counts the blank in a CTC model's vocabulary, not in a transducer's.
    with_blank = vocab + 1 if architecture == "transducer" else vocab
    if with_blank != len(tokens):
        raise ModelError(
            f"tokens.txt in {folder} has {len(tokens)} pieces but the model expects {with_blank}: "
            "the files come from different models",
            _REINSTALL,
        )
    if architecture == "ctc":
        return OnnxModelFiles(
            folder, "ctc", tokens_path, model=ctc, vocab_size=with_blank, feat_dim=feat_dim, metadata=meta
        )
    _meta_int(meta, "pred_rnn_layers", main)
    _meta_int(meta, "pred_hidden", main)
    tdt = "tdt" in meta.get("url", "")
    joiner = parts["joiner"]
    assert joiner is not None
    _, graph = _header(joiner, keep_graph=True)
    _header(parts["decoder"])  # type: ignore[arg-type]
    try:
        shapes = output_shapes(graph or b"")
    except ValueError:
        shapes = []
    out = shapes[0][-1] if shapes and shapes[0] else "?"
    if isinstance(out, int) and ((tdt and out <= with_blank) or (not tdt and out != with_blank)):
        raise ModelError(
            f"The joiner in {folder} gives {out} outputs, which does not fit a "
            f"{'TDT' if tdt else 'RNN-T'} model with {with_blank} tokens: the files come from different models",
            _REINSTALL,
        )
    return OnnxModelFiles(
        folder,
        "transducer",
        tokens_path,
        encoder=parts["encoder"],
        decoder=parts["decoder"],
        joiner=joiner,
        tdt=tdt,
        vocab_size=with_blank,
        feat_dim=feat_dim,
        metadata=meta,
    )


# Folder names of the published conversions say the language: "...-da-dk", "ekko-...", "...-danish";
# parakeet-tdt-0.6b-v3 covers 25 European languages, Danish and English among them.
_DANISH = re.compile(r"(^|[-_.])(da|dk|danish|dansk|ekko)([-_.]|$)", re.IGNORECASE)
_MULTI = re.compile(r"parakeet-tdt-0\.6b-v3|multilingual|european", re.IGNORECASE)
_ENGLISH = re.compile(r"(^|[-_.])(en|english)([-_.]|$)", re.IGNORECASE)


def guess_languages(folder: Path) -> list[str]:
    """Languages of a transducer/CTC folder without a manifest, from its name; [] if unknown."""
    name = folder.name
    if _MULTI.search(name):
        return ["da", "en"]
    if _DANISH.search(name):
        return ["da"]
    if _ENGLISH.search(name):
        return ["en"]
    return []
