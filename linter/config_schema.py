"""The configuration's shape (pydantic): unknown keys and bad values are errors."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["error", "warning", "note"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = []
    ignore: list[str] = []
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    levels: dict[str, Level] = {}
    fail_on: Optional[Literal["error", "warning", "note", "never"]] = Field(None, alias="fail-on")
    exclude: list[str] = []
    rules: dict[str, dict[str, Any]] = {}
    #: The file the settings came from (None: defaults) and the folder paths in it are relative to.
    path: Optional[str] = Field(None, exclude=True)
