"""``cognito-lint audit``: the rules applied to the app clients deployed in AWS accounts.

A way in beside the engine: the command line calls :func:`linter.audit.run.audit`, nothing else
imports this package, and only :mod:`.aws` imports boto3 (the ``aws`` extra), so linting files never
loads it.  In order:

1. ``aws``: the accounts (a boto3 session per ``--profile``, its account ID from STS), the regions
   to read, one API client per account and region (retries, the read-only guard, call counts), and
   what an API error means (access denied, throttled, a region not enabled).
2. ``reader``: every page of ListUserPools, ListUserPoolClients, ListResourceServers and
   ListIdentityProviders, DescribeUserPool and each DescribeUserPoolClient, a bounded number of
   requests in flight across regions and pools; client secrets are dropped as responses arrive.
3. ``snapshot``: responses as ``--save`` writes them (no secret, dates as text) and the saved folder.
4. ``run``: each response becomes a Describe-kind client with its pool's context
   (:mod:`linter.loaders.deployed`, as ``lint`` reads a saved audit), the engine runs the rules
   (:func:`linter.engine.lint.lint_loaded`), and findings are located by account, region, pool and
   client; ``progress`` shows how far it is on a terminal.
"""
