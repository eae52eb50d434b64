"""A suppression comment or Metadata entry that suppresses nothing.

## What it does
Reports a `# cognito-lint: ignore=...` / `ignore-file=...` comment, or a resource's
`Metadata: {cognito-lint: {ignore: [...]}}` entry, naming a rule that produced no finding there.

## Why it matters
Suppressions outlive the problems they silenced. A stale one hides the next real finding of
that rule on the same line or resource without anyone noticing.

## Example
```yaml
      EnableTokenRevocation: true  # cognito-lint: ignore=CG304 revocation breaks the legacy app
```

## Fix
Remove the suppression (or the rule ID from it):
```yaml
      EnableTokenRevocation: true
```

## References
- ruff's unused-noqa (RUF100), the same idea: https://docs.astral.sh/ruff/rules/unused-noqa/
"""
ID = "CG009"
NAME = "unused-suppression"
LEVEL = "note"

# No check: the engine reports this rule after applying suppressions.
check = None
