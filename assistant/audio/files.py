"""Read an audio file as 16 kHz mono int16, whatever its format, or say clearly why not.

WAV files are parsed here (header checked field by field, samples converted and resampled chunk by
chunk, so an hour of audio needs only the 16 kHz result in memory); other formats go through
FFmpeg (PyAV), also streamed. A file that cannot be decoded is an :class:`AudioError` naming the
problem, never an empty transcript: "no words" must mean silence, not a broken file.
"""

from __future__ import annotations

import itertools
import os
import stat
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from assistant.errors import AudioError

RATE = 16000
# Longer recordings are refused before any decoding (a header can claim days of audio): four hours
# of 16 kHz int16 is 460 MB, the most this reader will hold.
MAX_SECONDS = 4 * 3600
MIN_RATE, MAX_RATE = 1000, 768000
MAX_CHANNELS = 64
_MAX_CHUNKS = 1000  # real files have a handful (fmt, LIST, bext, fact, JUNK); a million would take minutes
_CHUNK_FRAMES = 1 << 18  # input frames converted per step (about 6 s at 44.1 kHz)
_STREAMING_SIZES = (0, 0xFFFFFFFF)  # data sizes written by recorders that could not seek back
_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE
# Compressed WAV payloads FFmpeg decodes (ADPCM, A-law, mu-law, IMA ADPCM, GSM, MPEG, MP3).
_FFMPEG_TAGS = {0x0002, 0x0006, 0x0007, 0x0011, 0x0031, 0x0050, 0x0055}
_CONVERT = "Convert it with: ffmpeg -i IN -ar 16000 -ac 1 OUT.wav"


def _error(path: Path, problem: str, hint: str = _CONVERT, *, reason: str, **params: object) -> AudioError:
    """``reason`` (empty, not-regular, damaged, cut-short, unsupported, too-long, decode, os-error,
    broken-install) lets the UI say it in its own language; ``problem`` is the English detail."""
    return AudioError(
        f"The audio file {path} cannot be read: {problem}",
        hint,
        msgid="audio.file-unreadable",
        params={"path": str(path), "problem": problem, "reason": reason, **params},
    )


def read_audio(path: Path) -> np.ndarray:
    """The samples of ``path`` as 16 kHz mono int16."""
    _check_regular_file(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
            if len(head) == 12 and head[:4] == b"RIFF" and head[8:] == b"WAVE":
                wav = _parse_wav(path, handle)
                if wav is not None:
                    samples = _decode_wav(path, handle, wav)
                    return _nonempty(path, samples)
    except OSError as exc:
        raise _error(
            path, exc.strerror or type(exc).__name__, "Check the file and its permissions", reason="os-error"
        ) from None
    return _nonempty(path, _decode_ffmpeg(path))


def _check_regular_file(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise AudioError(
            f"The audio file {path} does not exist", "Check the file name", msgid="file.missing"
        ) from None
    except OSError as exc:
        raise _error(
            path, exc.strerror or type(exc).__name__, "Check the file and its permissions", reason="os-error"
        ) from None
    if stat.S_ISDIR(mode):
        raise AudioError(
            f"{path} is a folder, not an audio file",
            "Give the path of a WAV, MP3, FLAC or OGG file",
            msgid="audio.file-is-folder",
        )
    if stat.S_ISREG(mode) and os.stat(path).st_size == 0:
        raise _error(path, "the file is empty", "Use a recording with sound in it", reason="empty")
    if not stat.S_ISREG(mode):
        # A FIFO or device would block for ever (or never end): only saved files are transcribed.
        raise _error(
            path,
            "it is not a regular file (a pipe, socket or device)",
            "Save the audio to a file first, then transcribe that file",
            reason="not-regular",
        )


def _nonempty(path: Path, samples: np.ndarray) -> np.ndarray:
    if len(samples) == 0:
        raise _error(path, "it holds no audio samples", "Use a recording with sound in it", reason="empty")
    return samples


@dataclass(frozen=True)
class _Wav:
    tag: int
    channels: int
    rate: int
    bits: int
    align: int
    offset: int  # where the samples start
    frames: int


def _parse_wav(path: Path, handle: BinaryIO) -> _Wav | None:
    """The checked header of a RIFF/WAVE file, or ``None`` when FFmpeg should decode its payload."""
    size = os.fstat(handle.fileno()).st_size
    fmt: tuple[int, int, int, int, int] | None = None
    position = 12
    for _chunk in range(_MAX_CHUNKS):
        handle.seek(position)
        header = handle.read(8)
        if len(header) < 8:
            raise _error(path, "the header is damaged or cut short (no data chunk)", reason="damaged")
        chunk_id, chunk_size = header[:4], struct.unpack("<I", header[4:])[0]
        body = position + 8
        if chunk_id == b"fmt ":
            if chunk_size < 16:
                raise _error(path, "the format chunk is damaged", reason="damaged")
            raw = handle.read(min(chunk_size, 40))
            if len(raw) < 16:
                raise _error(path, "the header is cut short", reason="damaged")
            tag, channels, rate, _byte_rate, align, bits = struct.unpack("<HHIIHH", raw[:16])
            if tag == _EXTENSIBLE:
                if len(raw) < 26:
                    raise _error(path, "the extensible format chunk is damaged", reason="damaged")
                tag = struct.unpack("<H", raw[24:26])[0]  # first field of the sub-format GUID
            fmt = (tag, channels, rate, align, bits)
        elif chunk_id == b"data":
            if fmt is None:
                raise _error(
                    path, "the header is damaged (samples before the format chunk)", reason="damaged"
                )
            available = size - body
            if chunk_size in _STREAMING_SIZES:
                chunk_size = available  # written by a recorder that could not seek back
            elif chunk_size > available:
                raise _error(
                    path,
                    f"it is cut short (the header promises {chunk_size} bytes of samples, "
                    f"the file holds {max(available, 0)})",
                    "Repair it with: ffmpeg -i IN -c copy OUT.wav",
                    reason="cut-short",
                )
            return _check_format(path, fmt, body, chunk_size)
        position = body + chunk_size + (chunk_size & 1)
        if position > size:
            raise _error(path, "the header is damaged or cut short (no data chunk)", reason="damaged")
    raise _error(
        path, f"the header is damaged (more than {_MAX_CHUNKS} chunks before the samples)", reason="damaged"
    )


def _check_format(
    path: Path, fmt: tuple[int, int, int, int, int], offset: int, data_size: int
) -> _Wav | None:
    tag, channels, rate, align, bits = fmt
    if not 1 <= channels <= MAX_CHANNELS:
        raise _error(path, f"the header says {channels} channels", channels=channels, reason="unsupported")
    if not MIN_RATE <= rate <= MAX_RATE:
        raise _error(path, f"the header says a sample rate of {rate} Hz", rate=rate, reason="unsupported")
    if tag in _FFMPEG_TAGS:
        return None
    if tag == _PCM:
        if bits not in (8, 12, 16, 20, 24, 32):
            raise _error(
                path, f"it uses {bits}-bit samples, which are not supported", bits=bits, reason="unsupported"
            )
    elif tag == _FLOAT:
        if bits not in (32, 64):
            raise _error(path, f"it uses {bits}-bit floating-point samples", bits=bits, reason="unsupported")
    else:
        raise _error(
            path, f"its sample format (WAV format tag 0x{tag:04x}) is unknown", tag=tag, reason="unsupported"
        )
    if align != channels * ((bits + 7) // 8):
        raise _error(
            path, "the header is damaged (block size does not match the sample size)", reason="damaged"
        )
    frames = data_size // align
    if frames / rate > MAX_SECONDS:
        raise _error(
            path,
            f"it is longer than {MAX_SECONDS // 3600} hours",
            "Split it into shorter files, e.g. with: ffmpeg -i IN -f segment -segment_time 3600 OUT%d.wav",
            reason="too-long",
        )
    return _Wav(tag, channels, rate, bits, align, offset, frames)


def _decode_wav(path: Path, handle: BinaryIO, wav: _Wav) -> np.ndarray:
    if wav.tag == _PCM and wav.bits == 16 and wav.channels == 1 and wav.rate == RATE:
        handle.seek(wav.offset)
        data = np.frombuffer(handle.read(wav.frames * 2), dtype="<i2")
        return data.copy()
    expected = -(-wav.frames * RATE // wav.rate) + 64
    out = np.empty(expected, dtype=np.int16)
    filled = 0
    resampler = None
    if wav.rate != RATE:
        import soxr

        resampler = soxr.ResampleStream(wav.rate, RATE, 1, dtype="float32", quality="HQ")
    for mono, last in _wav_chunks(handle, wav):
        block = resampler.resample_chunk(mono, last=last) if resampler is not None else mono
        block = np.clip(block * 32768.0, -32768, 32767).astype(np.int16)
        if filled + len(block) > len(out):  # the resampler may give a few samples more
            out = np.concatenate([out[:filled], np.empty(len(block) + 1024, dtype=np.int16)])
        out[filled : filled + len(block)] = block
        filled += len(block)
    return out[:filled]


def _wav_chunks(handle: BinaryIO, wav: _Wav) -> Iterator[tuple[np.ndarray, bool]]:
    """(mono float32 samples in -1..1, is the last chunk) for each step through the data."""
    handle.seek(wav.offset)
    remaining = wav.frames
    if remaining == 0:
        yield np.zeros(0, dtype=np.float32), True
        return
    width = (wav.bits + 7) // 8
    while remaining > 0:
        count = min(remaining, _CHUNK_FRAMES)
        raw = handle.read(count * wav.align)
        count = len(raw) // wav.align
        remaining = remaining - count if count else 0
        raw = raw[: count * wav.align]
        if wav.tag == _FLOAT:
            values = np.frombuffer(raw, dtype="<f4" if width == 4 else "<f8")
            values = np.clip(np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
            scale, offset = 1.0, 0.0
        elif width == 1:
            values, scale, offset = np.frombuffer(raw, dtype=np.uint8), 1 / 128, -128.0
        elif width == 2:
            values, scale, offset = np.frombuffer(raw, dtype="<i2"), 1 / 32768, 0.0
        elif width == 3:
            triplets = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
            joined = triplets[:, 0] | (triplets[:, 1] << 8) | (triplets[:, 2] << 16)
            values, scale, offset = joined - ((joined & 0x800000) << 1), 1 / 8388608, 0.0
        else:
            values, scale, offset = np.frombuffer(raw, dtype="<i4"), 1 / 2147483648, 0.0
        # Channels summed through strided views: several times faster than reshape().mean().
        mono = values[0 :: wav.channels].astype(np.float32)
        for channel in range(1, wav.channels):
            mono += values[channel :: wav.channels]
        if offset:
            mono += offset * wav.channels
        mono *= np.float32(scale / wav.channels)
        yield mono, remaining == 0


def _decode_ffmpeg(path: Path) -> np.ndarray:
    """Any other format through FFmpeg, resampled to 16 kHz mono int16 frame by frame."""
    try:
        import av
    except ImportError as exc:  # a broken install: say so instead of an empty transcript
        raise _error(
            path, "the FFmpeg decoder (PyAV) is not installed", "Reinstall assistant", reason="broken-install"
        ) from exc
    limit = MAX_SECONDS * RATE
    chunks: list[np.ndarray] = []
    total = 0
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise _error(
                    path, "it has no sound track", "Use an audio file (WAV, MP3, FLAC or OGG)", reason="empty"
                )
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            for frame in itertools.chain(container.decode(stream), [None]):  # None flushes
                for out in resampler.resample(frame):
                    block = out.to_ndarray().reshape(-1).astype(np.int16, copy=False)
                    chunks.append(block)
                    total += len(block)
                    if total > limit:
                        raise _error(
                            path,
                            f"it is longer than {MAX_SECONDS // 3600} hours",
                            "Split it into shorter files",
                            reason="too-long",
                        )
    except AudioError:
        raise
    except Exception as exc:
        name = type(exc).__name__
        unknown = any(word in name for word in ("Decoder", "InvalidData", "PatchWelcome"))
        problem = (
            "its audio format is unknown or not supported" if unknown else f"it could not be decoded ({name})"
        )
        raise _error(
            path,
            problem,
            "Use a WAV, MP3, FLAC or OGG file with sound in it",
            reason="unsupported" if unknown else "decode",
        ) from None
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
