"""The built-in rules, one module per rule (installed as ``linter.rules``).

Each module follows the contract in :mod:`linter.rule`; ``pyproject.toml`` registers every one of
them under the ``cognito_lint.rules`` entry-point group, exactly as a plugin package would.
"""
