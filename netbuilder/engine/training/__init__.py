"""Training: the session (project -> trained network), trainer and its state, setup,
telemetry, metrics, checkpoints and the step gate."""
