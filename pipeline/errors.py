"""Errors the CLI reports as one line (``presscorpus: error: …``) instead of a traceback."""


class UserError(Exception):
    """Something the user can fix: a path, a config value, a version number."""
