"""cognito-lint: a policy-as-code linter for Amazon Cognito user-pool app clients.

docs/architecture.md walks through the stages: parsers → loaders → model → rules → engine → reporters.
"""

__version__ = "0.1.0"
