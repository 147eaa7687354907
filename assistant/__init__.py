"""assistant: an offline dictation, spelling and read-aloud helper for people with dyslexia."""

__version__ = "0.1.0"
