"""Client names must start with the team prefix.

## What it does
Reports a ClientName that does not start with the configured prefix.

## Why it matters
Acme's inventory tooling finds clients by prefix.

## Example
```yaml
ClientName: web
```

## Fix
```yaml
ClientName: acme-web
```

## References
- Acme naming standard
"""
from linter.rule import Problem

ID = "ACME001"
NAME = "client-name-prefix"
LEVEL = "warning"
OPTIONS = {"prefix": "acme-"}


def check(client, options):
    name = client.ClientName
    if isinstance(name, str) and not name.startswith(options["prefix"]):
        yield Problem(("ClientName",), f"ClientName '{name}' does not start with '{options['prefix']}'")
