"""assistant: an offline dictation, spelling and read-aloud helper for people with dyslexia."""

import os

__version__ = "0.1.0"

# onnxruntime (Silero VAD, Piper, transducer models) has sent telemetry from Linux and macOS since
# 1.29: a persistent device id and an event cache under ~/.cache/Microsoft, uploaded to
# mobile.events.data.microsoft.com. This switch turns all of it off, but is read once, when
# onnxruntime starts, so it is set here, before any engine can load it (tests/e2e/test_no_network.py).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
# Models are always local folders (downloads go through assistant/storage/download.py): should a
# library ever ask the Hugging Face hub, it fails at once instead of reaching out.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
