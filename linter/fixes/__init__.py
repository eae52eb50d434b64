"""Fixes: the edits that findings carry, written into their files (``apply``: ``--fix``) or shown
as a unified diff (``diff``: ``--diff``)."""
