"""Where each rule is documented: one home for the URL that SARIF's ``helpUri``, rdjson's
``code.url``, GitLab's ``url`` and the language server's ``codeDescription`` point at."""
from __future__ import annotations

from typing import Optional

REPOSITORY = "https://github.com/cognito-lint/cognito-lint"
RULES_PAGE = f"{REPOSITORY}/blob/main/docs/rules.md"


def rule_url(rule_id: str) -> str:
    """The anchor of a rule in docs/rules.md (``…/rules.md#cg201``)."""
    return f"{RULES_PAGE}#{rule_id.lower()}"


def docs_url(rule_id: str, rules) -> Optional[str]:
    """The URL of a built-in rule's documentation; None for a plugin's, a rules folder's or a
    policy's (they are not in docs/rules.md)."""
    rule = rules.get(rule_id) if rules is not None and rule_id in rules else None
    if rule is not None and rule.origin != "built-in":
        return None
    return rule_url(rule_id)
