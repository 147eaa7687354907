"""The only Qt code: windows, the tray icon and the bridge from core events to Qt signals."""
