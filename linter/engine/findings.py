"""What the engine hands to reporters: a :class:`Finding` per problem, a :class:`FileResult` per file."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from linter.engine.fingerprints import file_fingerprint, repository_path
from linter.parsers.document import Span


@dataclass(frozen=True)
class DeployedClient:
    """Where a finding about a deployed app client is (``cognito-lint audit``): an account's
    resource instead of a file position."""

    account: str
    region: str
    user_pool: str
    client_id: str
    client_name: str
    partition: str = "aws"
    #: The setting the finding is about (``CallbackURLs[2]``); "" for the client as a whole.
    setting: str = ""

    @property
    def pool_arn(self) -> str:
        return f"arn:{self.partition}:cognito-idp:{self.region}:{self.account}:userpool/{self.user_pool}"

    @property
    def qualified_name(self) -> str:
        """The pool ARN + ``/client/ID``: SARIF's fullyQualifiedName, the finding's identity."""
        return f"{self.pool_arn}/client/{self.client_id}"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    level: str
    message: str
    file: str
    span: Span
    #: The client the finding is about (logical ID, ClientName or file name); None for CG001.
    client: Optional[str] = None
    #: The input kind (api-create, cloudformation, ...); None when the file could not be parsed.
    kind: Optional[str] = None
    #: A window of the finding's first line (secrets masked), for reporters that show source, and
    #: the column it starts at.
    source_line: str = ""
    source_column: int = 1
    #: Where in the document the value is (keys and indexes), for fixes.
    doc_path: tuple = ()
    #: Identity that survives unrelated edits (file, client, rule, property, offending value; no
    #: line numbers), for baselines and SARIF partialFingerprints.
    fingerprint: str = ""
    #: None when not suppressed; otherwise the suppression's reason ("" when none was given).
    suppressed: Optional[str] = None
    #: The fix, when there is one: a :class:`linter.parsers.edits.FileFix` (safety, title, the text
    #: edits and what they change), ready for ``--fix``, the reporters and an editor's code actions.
    fix: Optional[Any] = None
    #: ``cognito-lint audit``: the deployed client the finding is about (``file`` is then its
    #: qualified name, and the span is in the DescribeUserPoolClient response as saved).
    deployed: Optional[DeployedClient] = None

    def identity(self) -> str:
        """The fingerprint, or for findings without a document value (parse errors) file + rule + message."""
        if self.fingerprint:
            return self.fingerprint
        return file_fingerprint(self.file, self.rule_id, self.message)

    def repository_file(self) -> str:
        """``file`` relative to the root of its git repository (else the working directory), with ``/``."""
        return repository_path(self.file)

    def sort_key(self) -> tuple:
        return (self.file, self.span.line, self.span.column, self.rule_id, self.message)


@dataclass
class FileResult:
    """Findings of one file, plus notices: one-line remarks that are not findings (skipped files)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: Notices shown only with --verbose.
    verbose_notices: list[str] = field(default_factory=list)
    #: Errors (a crash of a rule or of the linter on this file): exit code 2, other files go on.
    errors: list[str] = field(default_factory=list)
    clients: int = 0
    #: Not linted (not an input, binary, empty, not a regular file, or holds no app client): the
    #: summary counts it apart from the files checked.
    skipped: bool = False
    #: The reason it was skipped is said without --verbose (a FIFO, a device).
    skip_said: bool = False
    #: Path → digest of the text linted (the file, and a serverless include): ``--fix`` writes only
    #: over the text its fixes were computed from.
    digests: dict = field(default_factory=dict)
