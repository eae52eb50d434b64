"""The engine: from paths to findings, in this order.

1. ``discovery``: walk the paths, apply excludes (which files).
2. ``lint`` (per file, on several processes by ``run`` and ``parallel`` when it pays): read the
   bytes, sniff and parse them and load the clients (:mod:`linter.loaders`), add each client's base
   version with ``--diff-base`` (``diff_base``), run the rules (``rule_registry`` found them) on
   every variant, turn client paths into spans and give each finding its identity
   (``fingerprints``) and its fix (a rule's edits at client paths, placed by
   ``linter.loaders.fixes`` and written by the document's parser), apply the document's
   suppressions (``suppressions``), and redact secrets from everything shown (``redaction``).
3. ``run``: drop what the configuration's per-file ignores turn off (``per_file_ignores``), sort
   and de-duplicate.
4. The command line then keeps only findings not in a baseline (``baseline``) and hands the rest to
   a reporter (:mod:`linter.reporters`) and, with ``--fix``, to :mod:`linter.fixes`.
"""
