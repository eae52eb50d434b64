"""The model: what the loaders build (without re-validating, for speed) always validates.

The model classes are plain dataclasses (pydantic is not imported at lint time); pydantic validates
instances of them here against their type annotations, strictly (no coercion of "60" to 60)."""
import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ConfigDict, TypeAdapter

from linter.model import CLIENT_FIELDS, AppClient, TemplateContext, Template, Unknown, build_client, client, may_equal
from linter.model.service import CLIENT_KINDS

FIELDS = sorted(CLIENT_FIELDS)
# pydantic reads a dataclass's config from this attribute: Unknown and Wording are "arbitrary types"
# (isinstance), and instances are validated field by field (by default pydantic passes an instance through).
for cls in vars(client).values():
    if dataclasses.is_dataclass(cls) and cls.__module__ == client.__name__:
        cls.__pydantic_config__ = ConfigDict(arbitrary_types_allowed=True, strict=True, revalidate_instances="always")
CLIENT = TypeAdapter(AppClient)
CONTEXT = TypeAdapter(TemplateContext)


def validated(adapter, instance):
    """The instance rebuilt by pydantic from its fields (raises when a field has the wrong type)."""
    return adapter.validate_python(instance, from_attributes=True)
raw_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**9), st.text(max_size=12),
              st.sampled_from(["true", "60", "minutes", "ENABLED"]), st.builds(Unknown, st.text(max_size=5))),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["AccessToken", "IdToken", "RefreshToken", "Feature",
                                                             "RetryGracePeriodSeconds", "ApplicationId", "Other"]),
                                            inner, max_size=4)),
    max_leaves=8)
raw_clients = st.dictionaries(st.sampled_from(FIELDS + ["Unknown1", "Fn::If"]), raw_values, max_size=10)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_clients, kind=st.sampled_from(CLIENT_KINDS))
def test_built_clients_validate_against_the_model(raw, kind):
    client = build_client(kind, "C", raw)
    assert validated(CLIENT, client) == client


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
    from linter.loaders.registry import parse as parse_bytes
    from linter.loaders.registry import load as load_clients
    from support import ROOT

    path = ROOT / "tests" / "fixtures" / "cdk" / "nested" / "cdk.out" / "AppStackAuth4EE88598.nested.template.json"
    sources = load_clients(parse_bytes(str(path), path.read_bytes()))
    contexts = [v.client.template for s in sources for v in s.variants]
    assert contexts and all(c.pool is not None and c.identity_providers for c in contexts)
    for context in contexts:
        assert validated(CONTEXT, context) == context


def test_validation_rejects_a_wrongly_typed_field():
    """The check above can fail: a string where the model says int is refused."""
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        validated(CLIENT, dataclasses.replace(build_client("api-create", "C", {}), AccessTokenValidity="60"))


# with_defaults: the parts with a usable default (not None, not blank, a string or a number) are
# replaced by it, the others stay unknown parts; the parameters used are named once each, in order.
_DEFAULTS = [None, "", "  ", "www.fabrikam.io", "/cb#x", 8080, True, ["a"]]
_parts = st.lists(st.one_of(st.sampled_from(["http://", "/cb", ":", ""]),
                            st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(_DEFAULTS),
                                      st.booleans())), min_size=1, max_size=5)


def _usable(default) -> bool:
    if isinstance(default, str):
        return bool(default.strip())
    return isinstance(default, int) and not isinstance(default, bool)


@settings(max_examples=300)
@given(parts=_parts)
def test_with_defaults_fills_exactly_the_parts_that_have_a_usable_default(parts):
    from linter.model import with_defaults

    built = [p if isinstance(p, str) else Unknown(p[0], default=p[1], parameter=p[0] if p[2] else None) for p in parts]
    template = Template([p for p in built if p != ""])
    filled, used = with_defaults(template)
    expected_used = []
    expected = []
    for part in template.parts:
        if isinstance(part, Unknown) and part.parameter and _usable(part.default):
            expected.append(str(part.default))
            expected_used.append(part.parameter) if part.parameter not in expected_used else None
        else:
            expected.append(part)
    if len(template.parts) == 1 and isinstance(template.parts[0], Unknown):  # "${P}": the value itself
        part = template.parts[0]
        assert filled == (part.default if part.parameter and part.default is not None and
                          not (isinstance(part.default, str) and not part.default.strip()) else template)
        return
    assert used == tuple(expected_used)
    if not used:
        assert filled is template
    elif all(isinstance(p, str) for p in expected):
        assert filled == "".join(expected)
    else:
        assert isinstance(filled, Template)
        assert [p for p in filled.parts if isinstance(p, Unknown)] == [p for p in expected if isinstance(p, Unknown)]
        assert "".join(p for p in filled.parts if isinstance(p, str)) == "".join(p for p in expected if isinstance(p, str))
