"""The `vbkg` command (`app.py`) and one module per subcommand group.

Each subcommand module exposes `register(app)`.
"""
