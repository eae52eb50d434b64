"""What a rule is.

A rule is a Python module (built in, in a ``--rules-dir`` folder, or in a plugin package registered
under the ``cognito_lint.rules`` entry-point group) with::

    \"\"\"One-line summary.

    ## What it does
    ...
    ## Why it matters
    ...
    ## Example
    ...
    ## Fix
    ...
    ## References
    - ...
    \"\"\"
    ID = "CG201"
    NAME = "default-redirect-not-in-callbacks"
    LEVEL = "error"                      # error | warning | note
    TAGS = ["security"]                  # optional; "security" rules get a SARIF security-severity
    OPTIONS = {"allow-loopback": False}  # optional: option name → default

    def check(client, options):
        if ...:
            yield Problem(("CallbackURLs", 2), "what is wrong, with the value, and what to do")

``client`` is a :class:`linter.model.AppClient`; ``options`` a dict of the rule's options.  A check
reports *client paths* (``("CallbackURLs", 2)``); the engine turns them into file positions.  A
check may also yield plain ``(path, message)`` tuples.

A problem may carry a :class:`Fix`: plain data, at client paths too (``Edit.set(("EnableTokenRevocation",),
True)``), safe (``--fix`` applies it) or unsafe (only with ``--unsafe-fixes``).  The engine writes
it in the file's own syntax (``linter/loaders/fixes.py`` finds where, each parser knows how), and
offers it only where every value it changes is a literal of the file: never behind an intrinsic, a
variable or an expression.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable, Iterable, Optional

LEVELS = ("error", "warning", "note")
_ID = re.compile(r"^[A-Z]+[0-9]+$")
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Fix", "References")


@dataclass(frozen=True)
class Problem:
    """One thing a rule found, at a client path."""

    path: tuple
    message: str
    #: Point at the property's name rather than its value (e.g. an unknown property).
    key: bool = False
    #: Overrides the rule's level for this problem (e.g. a level that depends on the input kind).
    level: Optional[str] = None
    #: How to correct it: a :class:`Fix`, or a :class:`Replacement` (a safe fix that writes one
    #: value at ``path``).
    fix: Optional[Any] = None


@dataclass(frozen=True)
class Replacement:
    """The value a safe fix writes at a problem's path (rendered in the file's own syntax and
    quoting): the short form of ``Fix((Edit.set(path, value),))``."""

    value: Any


#: Fix safety: ``--fix`` applies safe fixes; unsafe ones also need ``--unsafe-fixes``.
SAFE = "safe"
UNSAFE = "unsafe"
SAFETIES = (SAFE, UNSAFE)

#: What an :class:`Edit` does.
SET, REMOVE, APPEND, DEPEND = "set", "remove", "append", "depend"


@dataclass(frozen=True)
class Edit:
    """One change a fix makes to a client, at a client path; plain data (an editor turns the same
    edits into code actions).  Build one with the constructors:

    - ``Edit.set(("PreventUserExistenceErrors",), "ENABLED")``: the value at a path: replaced where
      it is written, added to its mapping where it is omitted (a structure member adds its
      structure: ``Edit.set(("RefreshTokenRotation", "Feature"), "ENABLED")``);
    - ``Edit.remove(("AllowedOAuthFlows", 1))``: a list item;
    - ``Edit.append(("CallbackURLs",), url)``: an item at the end of a list (the list is added
      when the field is omitted);
    - ``Edit.depend("ApiServer")``: the client waits for a resource of its template or module
      (``DependsOn``, ``depends_on``): a logical ID, or a Terraform address.
    """

    action: str
    path: tuple = ()
    value: Any = None

    @classmethod
    def set(cls, path: tuple, value: Any) -> "Edit":
        return cls(SET, tuple(path), value)

    @classmethod
    def remove(cls, path: tuple) -> "Edit":
        return cls(REMOVE, tuple(path))

    @classmethod
    def append(cls, path: tuple, value: Any) -> "Edit":
        return cls(APPEND, tuple(path), value)

    @classmethod
    def depend(cls, resource: str) -> "Edit":
        return cls(DEPEND, (), resource)


@dataclass(frozen=True)
class Fix:
    """A correction of a problem: its edits (all applied, or none), its safety, and a title that
    says what it does in the input's words (``Set prevent_user_existence_errors = ENABLED``)."""

    edits: tuple
    safety: str = SAFE
    title: str = ""

    def __post_init__(self) -> None:
        if self.safety not in SAFETIES:
            raise ValueError(f"fix safety must be one of {', '.join(SAFETIES)}, not {self.safety!r}")
        object.__setattr__(self, "edits", tuple(self.edits))


class RuleError(Exception):
    """A rule module that does not follow the contract above."""


@dataclass
class Rule:
    id: str
    name: str
    level: str
    summary: str
    docs: str
    check: Callable[..., Iterable[Any]]
    options: dict[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    origin: str = "built-in"
    #: Rules that no client check produces (CG001 comes from the parser) have ``check = None``.
    module: Optional[ModuleType] = None

    @classmethod
    def from_module(cls, module: ModuleType, origin: str) -> "Rule":
        where = getattr(module, "__file__", None) or module.__name__
        for attr in ("ID", "NAME", "LEVEL"):
            if not isinstance(getattr(module, attr, None), str):
                raise RuleError(f"{where}: rule module has no {attr} string")
        if not _ID.match(module.ID):
            raise RuleError(f"{where}: rule ID {module.ID!r} must look like ABC123")
        if module.LEVEL not in LEVELS:
            raise RuleError(f"{where}: LEVEL must be one of {', '.join(LEVELS)}")
        check = getattr(module, "check", None)
        if check is not None and not callable(check):
            raise RuleError(f"{where}: check must be a function")
        docs = (module.__doc__ or "").strip()
        summary = docs.splitlines()[0].strip() if docs else module.NAME
        return cls(id=module.ID, name=module.NAME, level=module.LEVEL, summary=summary, docs=docs,
                   check=check, options=dict(getattr(module, "OPTIONS", {}) or {}),
                   tags=tuple(getattr(module, "TAGS", ()) or ()), origin=origin, module=module)

    def doc_sections(self) -> dict[str, str]:
        """The docstring's ``## Heading`` sections, by heading."""
        sections: dict[str, str] = {}
        current = None
        lines: list[str] = []
        for line in self.docs.splitlines()[1:]:
            if line.startswith("## "):
                if current:
                    sections[current] = "\n".join(lines).strip()
                current, lines = line[3:].strip(), []
            elif current:
                lines.append(line)
        if current:
            sections[current] = "\n".join(lines).strip()
        return sections

    def run(self, client: Any, options: dict[str, Any]) -> list[Problem]:
        if self.check is None:
            return []
        problems = []
        for item in self.check(client, options) or ():
            if isinstance(item, Problem):
                problems.append(item)
            else:
                path, message = item
                problems.append(Problem(tuple(path) if not isinstance(path, str) else (path,), message))
        return problems
