"""Values in the model: known Python values, or :class:`Unknown` (an unresolved ``!Ref``, a
Terraform variable, a value of the wrong type), or a :class:`Template` (a string with known and
unknown parts).  Rules must stay silent on unknowns.
"""
from __future__ import annotations

from typing import Any, Optional, Union


class Unknown:
    """A value that cannot be known statically.

    ``source`` says why, for messages and debugging (``"Ref Domain"``, ``"GetAtt Dist.DomainName"``).
    ``default`` holds a parameter's ``Default`` (a Terraform variable's ``default``) when there is
    one, and ``parameter`` that parameter's name: rules that accept defaults may use it
    (:func:`with_defaults`, :func:`default_or_value`) and must then say so; all others treat the
    value as unknown.  ``ref`` is the logical ID of the template resource a ``Ref``/``GetAtt``
    points at (a known reference to an unknown value: the cross-resource rules use it).
    """

    __slots__ = ("source", "default", "ref", "parameter")

    def __init__(self, source: str = "unknown", default: Any = None, ref: Optional[str] = None,
                 parameter: Optional[str] = None):
        self.source = source
        self.default = default
        self.ref = ref
        self.parameter = parameter

    def __repr__(self) -> str:
        return f"Unknown({self.source!r})"

    # Two unknowns are never known to be equal (``==`` falls back to identity).


class Template(Unknown):
    """A string with known and unknown parts, e.g. ``Fn::Sub 'https://${Domain}/cb'``.

    ``parts`` alternates literal text and :class:`Unknown`.  The known prefix gives rules partial
    knowledge (a scheme), and two templates with the same ``text`` are the same value.
    """

    __slots__ = ("parts", "text")

    def __init__(self, parts: list[Union[str, Unknown]], source: str = "Fn::Sub"):
        super().__init__(source)
        self.parts = tuple(parts)
        self.text = "".join(p if isinstance(p, str) else "${" + p.source + "}" for p in self.parts)

    @property
    def known_prefix(self) -> str:
        prefix = []
        for part in self.parts:
            if not isinstance(part, str):
                break
            prefix.append(part)
        return "".join(prefix)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Template) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Template({self.text!r})"


def may_equal(a: Any, b: Any) -> bool:
    """False only when ``a`` and ``b`` are certainly different values.

    Plain unknowns may be anything; a template's literal prefix and suffix must fit the other value.
    """
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if not (isinstance(a, (str, Template)) and isinstance(b, (str, Template))):
        return True
    if isinstance(a, Template) and isinstance(b, Template) and a.text == b.text:
        return True
    pa, pb = _literal_end(a, 0), _literal_end(b, 0)
    sa, sb = _literal_end(a, -1), _literal_end(b, -1)
    return (pa.startswith(pb) or pb.startswith(pa)) and (sa.endswith(sb) or sb.endswith(sa))


def _literal_end(value: Union[str, Template], index: int) -> str:
    """The literal text at the start (index 0) or end (-1) of a string or template."""
    if isinstance(value, str):
        return value
    part = value.parts[index] if value.parts else ""
    return part if isinstance(part, str) else ""


def is_known(value: Any) -> bool:
    """True when ``value`` is fully known (recursively for lists and mappings)."""
    if isinstance(value, Unknown):
        return False
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    return True


def default_or_value(value: Any) -> Any:
    """For rules that accept CloudFormation parameter defaults: the default of an unknown ``Ref``."""
    if isinstance(value, Unknown) and value.default is not None:
        return value.default
    return value


def with_defaults(value: Any) -> tuple[Any, tuple[str, ...]]:
    """``value`` with each unknown that carries a parameter's default replaced by that default
    (in a template, the parts: ``http://${SiteHost}/auth`` → ``http://www.fabrikam.io/auth``), and
    the names of the parameters used, each once; ``(value, ())`` when no default applies.

    Unknowns without a default stay unknown (a template keeps them as parts), and so does a default
    that is an empty string (a parameter left empty on purpose: "none given").  For the rules that
    accept defaults, and only for them: a message must say which defaults it used."""
    if isinstance(value, Template) and len(value.parts) == 1 and isinstance(value.parts[0], Unknown):
        filled, used = with_defaults(value.parts[0])  # "${var.urls}" is the value itself
        return (filled, used) if used else (value, ())
    if isinstance(value, Template):
        parts: list = []
        used: list[str] = []
        for part in value.parts:
            text = _default_text(part)
            if text is None:
                parts.append(part)
            else:
                parts.append(text)
                if part.parameter not in used:
                    used.append(part.parameter)
        if not used:
            return value, ()
        if all(isinstance(p, str) for p in parts):
            return "".join(parts), tuple(used)
        return Template(parts, value.source), tuple(used)
    if isinstance(value, Unknown) and _usable(value):
        return value.default, (value.parameter,)
    return value, ()


def _usable(value: Unknown) -> bool:
    default = value.default
    return value.parameter is not None and default is not None and not (isinstance(default, str) and not default.strip())


def _default_text(part: Any) -> Optional[str]:
    """The text a template part's default puts in its place, or None."""
    if not isinstance(part, Unknown) or isinstance(part, Template) or not _usable(part):
        return None
    default = part.default
    if isinstance(default, str):
        return default
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        return str(default)
    return None


def known_items(value: Any) -> list[tuple[int, str]]:
    """``(index, item)`` of every known string item of a list value; ``[]`` for anything else."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)]


def fully_known(value: Any) -> bool:
    """True for a list whose items are all known strings (so absence of an item is certain)."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
