"""The built-in rules, one module per rule (installed as ``linter.rules``).

Each module follows the contract in :mod:`linter.rule`, and its file name starts with its ID in
lower case (``cg201_default_redirect_not_in_callbacks.py``): the engine finds the rules by listing
this folder (:mod:`linter.engine.rule_registry`), so a new rule is one new file here.
"""
