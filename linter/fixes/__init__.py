"""Fixes: the edits that findings carry, written into their files (``apply``)."""
