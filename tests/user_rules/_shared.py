"""A helper module in a rules folder: no ID, so it is not a rule."""
