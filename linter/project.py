"""What a project's configuration makes of the rules: the command line and the language server
both lint with this.

``rule_table`` loads a configuration file (or the defaults) and builds every rule it can use
(built-in, plugins, ``--rules-dir`` folders, the configuration's policies); ``lint_config`` turns
the selection, options and levels into the engine's :class:`~linter.engine.lint.LintConfig`.
Errors are ``ConfigError``, ``RuleError`` or ``ValueError`` (an unknown rule ID): the caller
decides how to show them (the command line exits 2, the server shows a message).
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from linter.config import files as config
from linter.engine import rule_registry
from linter.engine.lint import LintConfig


def rule_table(rules_dirs: Optional[Iterable[str]], config_path: Optional[str]):
    """(settings, every rule) for the configuration file ``config_path`` (None: the defaults)."""
    settings = config.load(config_path)
    declared = []
    if settings.policies:  # imported only when a configuration declares policies
        from linter.config import policies

        try:
            policies.check_ids(settings.policies)
        except policies.PolicyError as exc:
            raise config.ConfigError(f"{settings.path}: {exc}") from None
        for index, spec in enumerate(settings.policies):
            where = f"{settings.path}: policies[{index}] ({spec.id})"
            policies.check_spec(f"{where}: when", {f: c.operands() for f, c in spec.when.items()})
            policies.check_spec(f"{where}: require", {f: c.operands() for f, c in spec.require.items()})
            declared.append(policies.to_rule(spec, settings.path))
    rules = rule_registry.load_rules(rules_dirs or [], declared)
    rules.check_ids()
    return settings, rules


def lint_config(settings, all_rules, select: Iterable[str] = (), ignore: Iterable[str] = (),
                options: Optional[dict[str, dict[str, Any]]] = None, diff_base: Optional[str] = None) -> LintConfig:
    """The rules selected (``select``/``ignore`` given on the command line replace the
    configuration's), their options (the configuration's, then ``options``) and levels."""
    merged = config.validate_rules(settings, all_rules)  # first: a bad select in the file is named as the file's
    rules = rule_registry.select_rules(all_rules, list(select) or settings.select, list(ignore) or settings.ignore)
    for rule_id, values in (options or {}).items():
        merged.setdefault(rule_id, {}).update(values)
    return LintConfig(rules=rules, options=merged, diff_base=diff_base,
                      levels={k.upper(): v for k, v in settings.levels.items()})
