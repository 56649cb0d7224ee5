"""Subcommands of `vbkg`, one module per group; each exposes `register(app)`."""
