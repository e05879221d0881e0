"""The one exception family the core raises for a user's mistake; the CLI and the app show its
message (Chinese, naming where and what) and never a traceback."""


class JuesuanError(Exception):
    """A problem the user can fix: a bad file, a bad number, an unknown style."""
