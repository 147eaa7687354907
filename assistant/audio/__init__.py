"""Audio in and out: devices, capture (callback -> bounded queue) and playback with a clock."""
