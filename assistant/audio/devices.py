"""The microphones this machine offers, through PortAudio (sounddevice)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from types import ModuleType

from assistant.errors import AudioError

# Rates worth reporting: speech engines want 16 kHz; most hardware runs at 44.1 or 48 kHz.
PROBE_RATES = (16000, 44100, 48000)


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    host_api: str
    channels: int
    default_samplerate: float
    samplerates: tuple[int, ...]
    is_default: bool

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["samplerates"] = list(self.samplerates)
        return data


def load_sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio into an actionable error."""
    try:
        import sounddevice
    except OSError as exc:
        raise AudioError(
            "The PortAudio library is missing, so no microphone can be opened",
            "Install it: apt-get install libportaudio2",
        ) from exc
    return sounddevice


def list_input_devices(probe_rates: tuple[int, ...] = PROBE_RATES) -> list[InputDevice]:
    sd = load_sounddevice()
    try:
        devices = sd.query_devices()
        host_apis = sd.query_hostapis()
        default_in = sd.default.device[0]
    except sd.PortAudioError as exc:
        raise AudioError(f"The audio system did not answer ({exc})", "Check the sound settings") from exc
    if default_in is None or default_in < 0:
        default_in = -1
    found = []
    for index, info in enumerate(devices):
        channels = int(info["max_input_channels"])
        if channels <= 0:
            continue
        rates = []
        for rate in probe_rates:
            try:
                sd.check_input_settings(device=index, channels=1, samplerate=rate, dtype="int16")
            except Exception:  # PortAudio says "invalid sample rate" in many different ways
                continue
            rates.append(rate)
        found.append(
            InputDevice(
                index=index,
                name=str(info["name"]),
                host_api=str(host_apis[info["hostapi"]]["name"]),
                channels=channels,
                default_samplerate=float(info["default_samplerate"]),
                samplerates=tuple(rates),
                is_default=index == default_in,
            )
        )
    return found


def find_input_device(name: str, devices: list[InputDevice] | None = None) -> InputDevice:
    """The device called ``name`` (exact, then case-insensitive substring); '' is the default."""
    devices = list_input_devices() if devices is None else devices
    if not devices:
        raise AudioError("No microphone was found", "Plug in a microphone or headset and try again")
    if not name:
        for device in devices:
            if device.is_default:
                return device
        return devices[0]
    for device in devices:
        if device.name == name:
            return device
    matches = [d for d in devices if name.lower() in d.name.lower()]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(d.name for d in devices)
    if matches:
        raise AudioError(f"The microphone name '{name}' matches several devices", f"Choose one of: {names}")
    raise AudioError(f"The microphone '{name}' was not found", f"Available: {names}")
