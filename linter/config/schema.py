"""The configuration's shape (pydantic): unknown keys and bad values are errors."""
from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["error", "warning", "note"]


class Condition(BaseModel):
    """One field's condition in a policy: every operator given must hold."""

    model_config = ConfigDict(extra="forbid")

    present: Optional[bool] = None
    equals: Optional[Union[str, int, bool]] = None
    one_of: Optional[list[Union[str, int]]] = None
    not_one_of: Optional[list[Union[str, int]]] = None
    only: Optional[list[str]] = None
    contains: Optional[Union[str, list[str]]] = None
    matches: Optional[str] = None
    not_matches: Optional[str] = None
    min: Optional[Union[int, str]] = None
    max: Optional[Union[int, str]] = None

    def operands(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class PolicySpec(BaseModel):
    """A declarative organization policy (see linter/config/policies.py)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Z]+[0-9]+$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    level: Level = "warning"
    summary: str = Field(min_length=1)
    description: Optional[str] = None
    message: Optional[str] = None
    tags: list[str] = []
    when: dict[str, Condition] = {}
    require: dict[str, Condition] = Field(min_length=1)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = []
    ignore: list[str] = []
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    levels: dict[str, Level] = {}
    fail_on: Optional[Literal["error", "warning", "note", "never"]] = Field(None, alias="fail-on")
    exclude: list[str] = []
    rules: dict[str, dict[str, Any]] = {}
    policies: list[PolicySpec] = []
    #: The file the settings came from (None: defaults) and the folder paths in it are relative to.
    path: Optional[str] = Field(None, exclude=True)
