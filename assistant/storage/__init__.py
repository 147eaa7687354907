"""Persistent things: history (SQLite), the user dictionary and speech/voice models."""
