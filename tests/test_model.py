"""The model: what the loaders build (without re-validating, for speed) always validates."""
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.model import AppClient, Template, Unknown, build_client, may_equal

FIELDS = list(AppClient.model_fields)
raw_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**9), st.text(max_size=12),
              st.sampled_from(["true", "60", "minutes", "ENABLED"]), st.builds(Unknown, st.text(max_size=5))),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["AccessToken", "IdToken", "RefreshToken", "Feature",
                                                             "RetryGracePeriodSeconds", "ApplicationId", "Other"]),
                                            inner, max_size=4)),
    max_leaves=8)
raw_clients = st.dictionaries(st.sampled_from(FIELDS[5:] + ["Unknown1", "Fn::If"]), raw_values, max_size=10)


@settings(max_examples=300)
@given(raw=raw_clients, kind=st.sampled_from(["api-create", "api-update", "api-describe", "cloudformation"]))
def test_built_clients_validate_against_the_model(raw, kind):
    client = build_client(kind, "C", raw)
    validated = AppClient.model_validate({name: getattr(client, name) for name in AppClient.model_fields})
    assert validated.model_dump() == client.model_dump()


@given(raw=raw_clients)
def test_helpers_never_raise_on_any_input(raw):
    client = build_client("cloudformation", "C", raw)
    client.effective_explicit_auth_flows()
    client.has_secret()
    for token in ("AccessToken", "IdToken", "RefreshToken"):
        seconds = client.validity_seconds(token)
        assert seconds is None or isinstance(seconds, int)


def test_may_equal_only_denies_certainly_different_values():
    domain = Unknown("Domain")
    assert may_equal("a", "a") and not may_equal("a", "b")
    assert may_equal(Unknown("x"), "anything")
    assert may_equal(Template(["https://", domain, "/cb"]), "https://app.io/cb")
    assert not may_equal(Template(["https://", domain, "/cb"]), "https://app.io/other")
    assert not may_equal(Template(["https://", domain, "/cb"]), Template(["http://", domain, "/cb"]))
    assert may_equal(Template(["https://", domain, "/cb"]), Template(["https://", domain, "/cb"]))


def test_template_context_built_by_the_loader_validates():
    from linter.document import parse_bytes
    from linter.loaders import load_clients
    from linter.model import TemplateContext
    from support import ROOT

    path = ROOT / "tests" / "fixtures" / "cdk" / "nested" / "cdk.out" / "AppStackAuth4EE88598.nested.template.json"
    sources = load_clients(parse_bytes(str(path), path.read_bytes()))
    contexts = [v.client.template for s in sources for v in s.variants]
    assert contexts and all(c.pool is not None and c.identity_providers for c in contexts)
    for context in contexts:
        assert TemplateContext.model_validate(context.model_dump()).model_dump() == context.model_dump()
