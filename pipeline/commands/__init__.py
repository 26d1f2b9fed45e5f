"""One module per CLI command. Each defines ``register(subparsers)``, which adds its
parser and sets ``run`` (a function of the parsed args returning an exit code)."""
