"""cognito-lint: a policy-as-code linter for Amazon Cognito user-pool app clients."""
import os as _os

__version__ = "0.1.0"

# Installed, the built-in rules live in ``linter/rules`` (setuptools maps the repository's top-level
# ``rules/`` folder there).  Run from a source checkout (``python -m linter`` in the repo root) they
# sit beside this package instead: extend the package path so ``linter.rules`` resolves either way.
_here = _os.path.dirname(__file__)
if not _os.path.isdir(_os.path.join(_here, "rules")):
    _checkout = _os.path.dirname(_here)
    if _os.path.isfile(_os.path.join(_checkout, "rules", "__init__.py")):
        __path__.append(_checkout)  # type: ignore[name-defined]
