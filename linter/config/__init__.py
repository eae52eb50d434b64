"""Configuration: the file (``files``: found by walking up, read, validated against ``schema``),
and declarative organization policies that become rules (``policies``)."""
