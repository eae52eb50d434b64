"""The audit's parts without a server: the read-only guard, the default regions, what API errors
mean, what is said about them, the progress line."""
from __future__ import annotations

import io

import pytest

boto3 = pytest.importorskip("boto3", reason="boto3 is a test dependency: pip install '.[test]'")

from botocore.exceptions import ClientError, EndpointConnectionError  # noqa: E402

from linter.audit import aws, reader, run  # noqa: E402
from linter.audit.progress import Progress  # noqa: E402


def _client():
    client = boto3.client("cognito-idp", region_name="eu-west-1", endpoint_url="http://127.0.0.1:9",
                          aws_access_key_id="k", aws_secret_access_key="s")
    counter = aws.CallCounter()
    aws._guard(client, counter)
    return client, counter


@pytest.mark.parametrize("call", [
    lambda c: c.create_user_pool_client(UserPoolId="eu-west-1_abc", ClientName="x"),
    lambda c: c.update_user_pool_client(UserPoolId="eu-west-1_abc", ClientId="abc"),
    lambda c: c.delete_user_pool(UserPoolId="eu-west-1_abc"),
    lambda c: c.admin_get_user(UserPoolId="eu-west-1_abc", Username="u"),
])
def test_an_operation_outside_the_read_only_set_is_never_sent(call):
    client, counter = _client()
    with pytest.raises(aws.AuditError, match="refusing to call .*: the audit only reads"):
        call(client)  # raised before any connection (nothing listens on port 9)
    assert not counter.attempts


def test_the_read_only_set_is_what_the_readme_policy_allows():
    from support import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    policy = readme.split("## Audit deployed clients", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    import json

    actions = json.loads(policy)["Statement"][0]["Action"]
    assert sorted(actions) == sorted(f"cognito-idp:{op}" for op in aws.READ_ONLY)


def test_default_regions_every_region_offering_user_pools():
    session = boto3.Session(region_name="eu-west-1", aws_access_key_id="k", aws_secret_access_key="s")
    regions = aws.default_regions(session, "aws", None)
    assert {"us-east-1", "eu-west-1", "ap-southeast-2", "ap-east-1"} <= set(regions) and len(regions) > 20
    assert aws.default_regions(session, "aws-us-gov", None) == ["us-gov-east-1", "us-gov-west-1"]
    assert aws.default_regions(session, "aws", "http://127.0.0.1:4566") == ["eu-west-1"]  # one endpoint


def _error(code, message="m", attempts=0):
    return ClientError({"Error": {"Code": code, "Message": message},
                        "ResponseMetadata": {"RetryAttempts": attempts}}, "ListUserPools")


@pytest.mark.parametrize("exc, kind", [
    (_error("AccessDeniedException"), "access-denied"),
    (_error("UnrecognizedClientException"), "not-enabled"),
    (_error("TooManyRequestsException", attempts=9), "throttled"),
    (_error("ResourceNotFoundException"), "gone"),
    (_error("InternalErrorException"), "error"),
    (EndpointConnectionError(endpoint_url="https://cognito-idp.xx-east-1.amazonaws.com/"), "error"),
])
def test_what_an_api_error_means(exc, kind):
    assert aws.failure(exc).kind == kind
    assert aws.failure(ValueError("a bug")) is None


def test_throttling_says_how_often_it_tried():
    assert aws.failure(_error("TooManyRequestsException", "Rate exceeded", 9)).message == \
        "TooManyRequestsException after 10 attempts: Rate exceeded"


def _problem(kind, explicit):
    account = aws.Account(profile=None, account_id="123456789012", partition="aws", regions=["ap-east-1"],
                          explicit_regions=explicit)
    return reader.Problem(account, "ap-east-1", "ListUserPools", "region ap-east-1 of account 123456789012",
                          aws.Failure(kind, "The security token included in the request is invalid."))


@pytest.mark.parametrize("explicit, verbose, said", [(False, False, False), (False, True, True), (True, False, True)])
def test_a_region_not_enabled_is_said_with_verbose_or_when_named(explicit, verbose, said):
    lines = []
    result = run.Result()
    run._problem(_problem("not-enabled", explicit), run.Options(verbose=verbose), result, lines.append)
    assert bool(lines) == said and result.errors == 0
    assert all("region ap-east-1 is not enabled for account 123456789012" in line for line in lines)


def test_progress_only_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)  # StringIO is no terminal
    progress.update(force=True)
    assert stream.getvalue() == ""
    shown = Progress(stream, enabled=True)
    shown.regions, shown.pools, shown.clients = [1, 2], [3, 4], [50, 60]
    shown.update(force=True)
    shown.clear()
    assert stream.getvalue() == "\r\x1b[KAuditing: 1/2 regions, 3/4 user pools, 50/60 app clients\r\x1b[K"
