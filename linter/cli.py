"""The command line: ``cognito-lint lint | audit | explain | rules | lsp``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 some; 2 usage or internal error (one line on
stderr, never a traceback).
"""
from __future__ import annotations

import os
import sys
from typing import List, Optional

import typer

from linter import __version__

app = typer.Typer(
    name="cognito-lint",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FAIL_ON = ("error", "warning", "note", "never")
_RANK = {"note": 1, "warning": 2, "error": 3}  # --fail-on never fails on nothing


class UsageError(Exception):
    """A problem with how the tool was called: exit 2 with one line."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cognito-lint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Lint Amazon Cognito user-pool app clients in API payloads and Describe output,
    CloudFormation/SAM templates, serverless.yml, CDK cloud assemblies, Terraform (and plans),
    Pulumi YAML and PowerShell scripts, or audit the clients deployed in AWS accounts.

    \b
    Examples:
      cognito-lint lint                      lint the current directory
      cognito-lint lint cdk.out/ --format sarif --output cognito.sarif
      cognito-lint explain CG201             what a rule checks and how to fix it
      cognito-lint audit --profile prod      the app clients deployed in an account
    """


def _stderr(line: str) -> None:
    """A line about files on stderr: control characters escaped, never a CI workflow command."""
    from linter.reporters.printable import printable_line

    typer.echo(printable_line(line), err=True)


def _split(values: Optional[List[str]]) -> list[str]:
    """`--select CG1,CG2 --select CG3` → ['CG1', 'CG2', 'CG3']."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


# The options `lint` and `audit` share, defined once.
OUTPUT_OPTION = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to this file instead of standard output.")
SELECT_OPTION = typer.Option(None, "--select", metavar="IDS", help="Only these rule IDs or prefixes (CG2, CG201). Comma-separated or repeated.")
IGNORE_OPTION = typer.Option(None, "--ignore", metavar="IDS", help="Skip these rule IDs or prefixes.")
FAIL_ON_OPTION = typer.Option(None, "--fail-on", metavar="LEVEL", help="Exit 1 when a finding is at least this level: error, warning (default), note or never.")
RULES_DIR_OPTION = typer.Option(None, "--rules-dir", metavar="DIR", help="Load extra rule modules (*.py) from this folder (repeatable).")
RULE_OPTIONS_OPTION = typer.Option(None, "--option", metavar="ID.KEY=VALUE", help="Rule option, e.g. CG305.max-access-token-minutes=15 (repeatable).")
CONFIG_FILE_OPTION = typer.Option(None, "--config", metavar="FILE", help="Configuration file (default: the nearest .cognito-lint.yaml or pyproject.toml with [tool.cognito-lint]).")
BASELINE_FILE_OPTION = typer.Option(None, "--baseline", metavar="FILE", help="Report only findings that are not in this baseline file.")


@app.command()
def lint(
    paths: List[str] = typer.Argument(None, help="Files or directories to lint (directories recursively). Default: ."),
    output_format: str = typer.Option("text", "--format", "-f", help="Output format: text, json, sarif, github, gitlab, junit or rdjson.", metavar="FORMAT"),
    output: Optional[str] = OUTPUT_OPTION,
    select: Optional[List[str]] = SELECT_OPTION,
    ignore: Optional[List[str]] = IGNORE_OPTION,
    fail_on: Optional[str] = FAIL_ON_OPTION,
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="GLOB", help="Skip paths matching this glob (repeatable)."),
    rules_dir: Optional[List[str]] = RULES_DIR_OPTION,
    option: Optional[List[str]] = RULE_OPTIONS_OPTION,
    config_file: Optional[str] = CONFIG_FILE_OPTION,
    baseline_file: Optional[str] = BASELINE_FILE_OPTION,
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", metavar="FILE", help="Record the current findings in this file and exit 0."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="Also show findings silenced by suppression comments or Metadata."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", help="Processes for many files (default: the CPUs, when the work is large enough to gain from them)."),
    sarif_category: str = typer.Option("cognito-lint", "--sarif-category", metavar="NAME", help="SARIF automationDetails category (one per analysis)."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place (marked [*]), then report what is left."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff: also the unsafe fixes (marked [~]), which change what a deployed client does."),
    diff: bool = typer.Option(False, "--diff", help="Print what --fix (with --unsafe-fixes: also the unsafe fixes) would change, as a unified diff, instead of the report; change nothing; exit 1 when there is something to fix."),
    diff_base: Optional[str] = typer.Option(None, "--diff-base", metavar="REF", help="Compare each client with its version at this git revision (e.g. origin/main): enables CG702."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: finding lines only, no source or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also say which files were skipped and why."),
) -> None:
    """Lint files and directories; exit 1 when findings reach --fail-on.

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or internal error.
    """
    settings, all_rules, lint_config = _prepare(output_format, fail_on, select, ignore, rules_dir, option,
                                                config_file, diff_base, paths)
    for warning in _ignored_flags(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, output_format=output_format,
                                  output=output, write_baseline=write_baseline):
        _stderr(f"cognito-lint: warning: {warning}")
    run = _run_info(output_format, output, quiet, sarif_category)
    run.unsafe_fixes = unsafe_fixes
    run.verbose = verbose
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs {jobs}: expected 1 or more processes")
    excludes = (exclude or []) + settings.exclude
    findings, errors, digests = _lint_all(paths or ["."], lint_config, excludes, jobs, settings, verbose, run,
                                          with_digests=True)
    if diff:
        _diff(findings, errors, digests, lint_config, settings, unsafe_fixes, output)
    if fix:
        findings, errors = _fix(findings, errors, digests, lint_config, settings, unsafe_fixes)
    _report(findings, errors, all_rules, settings, run, output_format=output_format, output=output, fail_on=fail_on,
            baseline_file=baseline_file, write_baseline=write_baseline, show_suppressed=show_suppressed)


def _ignored_flags(*, fix: bool, unsafe_fixes: bool, diff: bool, output_format: str, output: Optional[str] = None,
                   write_baseline: Optional[str] = None) -> list[str]:
    """What is said of flags the combination given makes ineffective (the run goes on without them)."""
    warnings = []
    if diff and write_baseline:
        warnings.append("--write-baseline has no effect with --diff, which prints a unified diff: no baseline is written")
    elif write_baseline and (output or output_format != "text"):
        shown = " and ".join(flag for flag, given in (("--output", output), (f"--format {output_format}",
                                                                            output_format != "text")) if given)
        warnings.append(f"{shown} {'have' if ' and ' in shown else 'has'} no effect with --write-baseline, "
                        "which writes the baseline instead of a report")
    if unsafe_fixes and not (fix or diff):
        warnings.append("--unsafe-fixes has no effect without --fix or --diff")
    if diff and fix:
        warnings.append("--fix has no effect with --diff, which changes no file: showing the diff only")
    if diff and output_format != "text":
        warnings.append(f"--format {output_format} has no effect with --diff, which prints a unified diff")
    return warnings


def _prepare(output_format: str, fail_on: Optional[str], select, ignore, rules_dir, option, config_file,
             diff_base: Optional[str] = None, paths: Optional[List[str]] = None):
    """(settings, every rule, LintConfig) from the options `lint` and `audit` share; UsageError if bad."""
    from linter import project
    from linter.config import files as config
    from linter.reporters import FORMATS
    from linter.rule import RuleError

    if output_format not in FORMATS:
        raise UsageError(f"unknown --format {output_format!r}; choose from {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"unknown --fail-on {fail_on!r}; choose from {', '.join(FAIL_ON)}")
    try:
        settings, all_rules = _rule_table(rules_dir, config_file)
        lint_config = project.lint_config(settings, all_rules, _split(select), _split(ignore))
    except (RuleError, ValueError, config.ConfigError) as exc:
        raise UsageError(str(exc)) from None
    for rule_id, values in _parse_options(option or [], all_rules).items():
        lint_config.options.setdefault(rule_id, {}).update(values)
    if diff_base:
        from linter.engine.diff_base import DiffBaseError, check_revision

        try:
            check_revision(diff_base, paths or ["."])
        except DiffBaseError as exc:
            raise UsageError(str(exc)) from None
        lint_config.diff_base = diff_base
    return settings, all_rules, lint_config


def _run_info(output_format: str, output: Optional[str], quiet: bool, sarif_category: str):
    from linter.reporters import RunInfo

    return RunInfo(quiet=quiet, sarif_category=sarif_category,
                   color=output is None and output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)


def _report(findings: list, errors: int, all_rules, settings, run, *, output_format: str, output: Optional[str],
            fail_on: Optional[str], baseline_file: Optional[str], write_baseline: Optional[str],
            show_suppressed: bool) -> None:
    """Baselines, the report, the exit code: the end `lint` and `audit` share."""
    from linter.reporters import render

    if write_baseline:
        if errors:  # a baseline without some file's findings would hide them later
            raise UsageError(f"baseline {write_baseline} not written: {errors} file{'s' if errors != 1 else ''} "
                             "could not be linted (see the errors above)")
        _write_baseline(write_baseline, [f for f in findings if f.suppressed is None])
        return
    if baseline_file:
        findings = _filter_baseline(baseline_file, findings)
    if output_format != "sarif" and not show_suppressed:
        findings = [f for f in findings if f.suppressed is None]
    report = render(output_format, findings, all_rules, run)
    if output:
        _write(output, report)
    else:
        sys.stdout.write(report)
    if errors:  # the report covers the other files; the run itself failed
        raise typer.Exit(2)
    level = fail_on or settings.fail_on or "warning"
    if level != "never" and any(_RANK[f.level] >= _RANK[level] for f in findings if f.suppressed is None):
        raise typer.Exit(1)


def _write_baseline(path: str, findings: list) -> None:
    from linter.engine import baseline

    try:
        baseline.write(path, findings)
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from None
    typer.echo(f"Wrote {len(findings)} finding{'' if len(findings) == 1 else 's'} to baseline {path}.", err=True)


def _filter_baseline(path: str, findings: list) -> list:
    from linter.engine import baseline

    try:
        return baseline.new_findings(findings, baseline.load(path))
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from None


def _parse_options(values: list[str], rules) -> dict:
    from linter.config import files as config

    options: dict = {}
    for value in values:
        name, sep, raw = value.partition("=")
        rule_id, dot, key = name.partition(".")
        rule_id = rule_id.upper()
        if not sep or not dot or not key:
            raise UsageError(f"--option {value!r}: expected RULE.option=value, e.g. CG305.max-access-token-minutes=15")
        if rule_id not in rules:
            raise UsageError(f"--option {value!r}: unknown rule {rule_id}")
        defaults = rules[rule_id].options
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise UsageError(f"--option {value!r}: {rule_id} has no option {key!r} (options: {known})")
        converted = _convert(raw, defaults[key], value)
        problem = config.option_value_problem(key, converted)
        if problem:
            raise UsageError(f"--option {value!r}: {problem}")
        options.setdefault(rule_id, {})[key] = converted
    return options


def _convert(raw: str, default, original: str):
    """Parse an option value with the type of its default."""
    if isinstance(default, bool):
        if raw.lower() in ("true", "1", "yes", "on"):
            return True
        if raw.lower() in ("false", "0", "no", "off"):
            return False
        raise UsageError(f"--option {original!r}: expected true or false")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"--option {original!r}: expected a whole number") from None
    if isinstance(default, (list, tuple)) or default is None:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return raw


def _write(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _lint_all(paths: List[str], lint_config, excludes: List[str], jobs: Optional[int], settings, verbose: bool,
              run=None, with_digests: bool = False):
    """(findings, number of per-file errors) of linting ``paths`` (and with ``with_digests``, path →
    digest of the text linted, for the fixer); notices and errors go to stderr."""
    from linter.config.files import config_folder
    from linter.engine import run as runner
    from linter.engine.discovery import PathNotFound
    from linter.engine.per_file_ignores import PerFileIgnores
    from linter.rule import RuleError

    def report(result) -> None:
        for notice in result.notices + (result.verbose_notices if verbose else []):
            _stderr(notice)
        for error in result.errors:
            _stderr(f"cognito-lint: error: {error}")

    ignores = PerFileIgnores(settings.per_file_ignores, config_folder(settings))
    try:
        outcome = runner.collect(runner.lint_paths(paths, lint_config, excludes, jobs),
                                 ignores, report)
    except PathNotFound as exc:
        raise UsageError(f"path not found: {exc}") from None
    except RuleError as exc:  # a plugin rule that fails to import when first needed
        raise UsageError(str(exc)) from None
    if run is not None:
        run.files += outcome.files
        run.skipped += outcome.skipped
        run.skipped_unsaid += outcome.skipped_unsaid
        run.clients += outcome.clients
    if with_digests:
        return outcome.findings, outcome.errors, outcome.digests
    return outcome.findings, outcome.errors


def _relinter(lint_config, settings):
    """``relint(path, text)``: the findings of ``text`` as the file at ``path`` (per-file ignores
    applied), for the fixer's next pass."""
    from linter.config.files import config_folder
    from linter.engine.lint import lint_text
    from linter.engine.per_file_ignores import PerFileIgnores

    ignores = PerFileIgnores(settings.per_file_ignores, config_folder(settings))

    def relint(path: str, text: str) -> list:
        result = lint_text(path, text, lint_config)
        return [f for f in ignores.keep(path, result.findings) if f.file == path]

    return relint


def _fix(findings: list, errors: int, digests: dict, lint_config, settings, unsafe: bool) -> tuple[list, int]:
    """Apply the fixes, then lint the rewritten files again: the report shows what is left."""
    from linter.fixes.apply import fix_files

    outcome = fix_files(findings, digests, unsafe=unsafe, relint=_relinter(lint_config, settings))
    for error in outcome.errors:
        _stderr(f"cognito-lint: error: {error}")
    if outcome.fixed:
        # Every name of a fixed file (a link and its target) is linted again.
        fixed = {os.path.realpath(path) for path in outcome.fixed}
        stale = sorted({f.file for f in findings if os.path.realpath(f.file) in fixed} | set(outcome.fixed))
        again, more_errors = _lint_all(stale, lint_config, [], 1, settings, False)
        findings = [f for f in findings if f.file not in stale] + again
        findings.sort(key=lambda f: f.sort_key())
        errors += more_errors
    count = sum(outcome.fixed.values())
    typer.echo(f"Fixed {_plural(count, 'problem')} in {_plural(len(outcome.fixed), 'file')}.", err=True)
    return findings, errors + len(outcome.errors)


def _diff(findings: list, errors: int, digests: dict, lint_config, settings, unsafe: bool,
          output: Optional[str]) -> None:
    """Print the diff of what the fixes would change (secrets masked), and exit: 1 when there is
    something to fix, 2 on errors, else 0."""
    from linter.engine.lint import secret_masker
    from linter.fixes.apply import applicable, fix_files
    from linter.fixes.diff import unified_diff
    from linter.reporters.printable import printable

    outcome = fix_files(findings, digests, unsafe=unsafe, write=False, relint=_relinter(lint_config, settings))
    lines = []
    for change in outcome.changes:
        lines += unified_diff(change.path, change.before, change.after, secret_masker(change.path, change.before),
                              secret_masker(change.path, change.after))
    report = "".join(printable(line) + "\n" for line in lines)
    if output:
        _write(output, report)
    else:
        sys.stdout.write(report)
    for error in outcome.errors:
        _stderr(f"cognito-lint: error: {error}")
    count = sum(outcome.fixed.values())
    more = sum(applicable(f, True) and not applicable(f, False) for f in findings) if not unsafe else 0
    hint = f" ({more} more with --unsafe-fixes)" if more else ""
    typer.echo(f"Would fix {_plural(count, 'problem')} in {_plural(len(outcome.fixed), 'file')}{hint}.", err=True)
    if errors or outcome.errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if count else 0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _rule_table(rules_dir: Optional[List[str]], config_file: Optional[str]):
    """(settings, every rule): built-in, plugins, --rules-dir folders and the config's policies."""
    from linter import project
    from linter.config import files as config

    return project.rule_table(rules_dir, config_file or config.find(os.getcwd()))


@app.command()
def audit(
    profile: Optional[List[str]] = typer.Option(None, "--profile", metavar="NAME", help="AWS profile to read with (repeatable: one account each). Default: the default credential chain."),
    region: Optional[List[str]] = typer.Option(None, "--region", metavar="REGION", help="Region to read (repeatable). Default: every region that offers Cognito user pools, skipping those the account has not enabled (with an endpoint URL: the profile's region)."),
    endpoint_url: Optional[str] = typer.Option(None, "--endpoint-url", metavar="URL", help="Send the requests to this endpoint (an emulator); AWS_ENDPOINT_URL works too."),
    retry_mode: Optional[str] = typer.Option(None, "--retry-mode", metavar="MODE", help="botocore retry mode: standard (default) or adaptive."),
    max_attempts: Optional[int] = typer.Option(None, "--max-attempts", metavar="N", help="Attempts per request, retries included (default 10)."),
    jobs: int = typer.Option(8, "--jobs", "-j", metavar="N", help="Requests in flight at once, across regions and pools."),
    save: Optional[str] = typer.Option(None, "--save", metavar="DIR", help="Also write each DescribeUserPoolClient response (no secret) and its pool's context into DIR: `cognito-lint lint DIR` reproduces the findings."),
    ignore_access_denied: bool = typer.Option(False, "--ignore-access-denied", help="Report regions, pools and clients that cannot be read, but do not exit 2 for them."),
    output_format: str = typer.Option("text", "--format", "-f", help="Output format: text, json, sarif or github.", metavar="FORMAT"),
    output: Optional[str] = OUTPUT_OPTION,
    select: Optional[List[str]] = SELECT_OPTION,
    ignore: Optional[List[str]] = IGNORE_OPTION,
    fail_on: Optional[str] = FAIL_ON_OPTION,
    rules_dir: Optional[List[str]] = RULES_DIR_OPTION,
    option: Optional[List[str]] = RULE_OPTIONS_OPTION,
    config_file: Optional[str] = CONFIG_FILE_OPTION,
    baseline_file: Optional[str] = BASELINE_FILE_OPTION,
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", metavar="FILE", help="Record the current findings in this file and exit 0 (not when a part of the accounts could not be read)."),
    sarif_category: str = typer.Option("cognito-lint-audit", "--sarif-category", metavar="NAME", help="SARIF automationDetails category (one per analysis)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: finding lines only, no summary; no progress line."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also say which regions are not enabled, and how many API calls the audit made."),
) -> None:
    """Read every app client deployed in the accounts (read-only) and apply the rules.

    Needs boto3: pip install 'cognito-lint[aws]'. Exit codes as for lint; 2 also when a region,
    pool or client could not be read (unless --ignore-access-denied for access denied).
    """
    from linter.audit.aws import RETRY_MODES, AuditError, Settings
    from linter.audit.run import Options, audit as run_audit

    settings, all_rules, lint_config = _prepare(output_format, fail_on, select, ignore, rules_dir, option, config_file)
    if retry_mode is not None and retry_mode not in RETRY_MODES:
        raise UsageError(f"unknown --retry-mode {retry_mode!r}; choose from {', '.join(RETRY_MODES)}")
    if max_attempts is not None and max_attempts < 1:
        raise UsageError(f"--max-attempts {max_attempts}: expected 1 or more")
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: expected 1 or more requests")
    options = Options(aws=Settings(profiles=profile or [None], regions=region or [], endpoint_url=endpoint_url,
                                   retry_mode=retry_mode, max_attempts=max_attempts, jobs=jobs),
                      save=save, ignore_access_denied=ignore_access_denied, verbose=verbose,
                      progress=False if quiet else None)
    try:
        result = run_audit(options, lint_config, lambda line: typer.echo(line, err=True))
    except AuditError as exc:
        raise UsageError(str(exc)) from None
    if write_baseline and result.errors:  # a baseline without what could not be read would hide it later
        raise UsageError(f"baseline {write_baseline} not written: {result.errors} part{'s' if result.errors != 1 else ''}"
                         " of the accounts could not be read (see the errors above)")
    run = _run_info(output_format, output, quiet, sarif_category)
    run.clients, run.user_pools = result.clients, result.pools
    _report(result.findings, result.errors, all_rules, settings, run, output_format=output_format, output=output,
            fail_on=fail_on, baseline_file=baseline_file, write_baseline=write_baseline, show_suppressed=False)


@app.command()
def explain(
    rule_id: str = typer.Argument(..., help="A rule ID, e.g. CG201."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir", metavar="DIR", help="Also rules from this folder."),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file with policies (default: the nearest)."),
) -> None:
    """Print a rule's documentation: what it does, why, example, fix, references."""
    from linter.config import files as config
    from linter.rule import RuleError

    try:
        _, rules = _rule_table(rules_dir, config_file)
    except (RuleError, ValueError, config.ConfigError) as exc:
        raise UsageError(str(exc)) from None
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise UsageError(f"unknown rule ID: {rule_id}")
    typer.echo(f"{rule.id} {rule.name} [{rule.level}]\n")
    typer.echo(rule.docs)
    if rule.options:
        typer.echo("\n## Options")
        for key, default in rule.options.items():
            typer.echo(f"- {key} (default: {default!r})")


@app.command(name="rules")
def list_rules(
    output_format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir", metavar="DIR", help="Also rules from this folder."),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file with policies (default: the nearest)."),
) -> None:
    """List every available rule: ID, level, name and summary."""
    import json

    from linter.config import files as config

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown --format {output_format!r}; choose text or json")
    from linter.rule import RuleError

    try:
        _, table = _rule_table(rules_dir, config_file)
        rules = [table[rule_id] for rule_id in table]
    except (RuleError, ValueError, config.ConfigError) as exc:
        raise UsageError(str(exc)) from None
    if output_format == "json":
        typer.echo(json.dumps([{"id": r.id, "name": r.name, "level": r.level, "summary": r.summary,
                                "options": r.options, "tags": list(r.tags), "origin": r.origin}
                               for r in rules], indent=2))
        return
    for r in rules:
        typer.echo(f"{r.id}  {r.level:<7}  {r.name:<40}  {r.summary}")


@app.command()
def lsp(
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file for every document (default: the nearest to each document, found as `lint` finds it)."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir", metavar="DIR", help="Also rules from this folder (repeatable)."),
) -> None:
    """Run the language server (LSP over stdio) for editors; needs pip install 'cognito-lint[lsp]'."""
    try:
        from linter.lsp.server import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in ("pygls", "lsprotocol"):
            raise UsageError("the language server needs pygls: pip install 'cognito-lint[lsp]'") from None
        raise
    serve(config_file, tuple(rules_dir or ()))


def _interrupted() -> None:
    """Ctrl-C: exit 130 at once. Interpreter shutdown is skipped: after an interrupted parallel run
    its exit handler for process pools would wake the stopped pool's manager thread through a
    closed pipe (a traceback) or wait for it forever (a hang)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(130)


def main() -> None:
    try:
        app()  # typer handles --help, its own usage errors (exit 2) and typer.Exit
    except UsageError as exc:
        _stderr(f"cognito-lint: error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exc:
        if exc.code == 130:  # typer's way of ending on Ctrl-C
            _interrupted()
        raise
    except Exception as exc:  # anything unexpected: one line, no traceback
        _stderr(f"cognito-lint: internal error: {type(exc).__name__}: {exc}")
        sys.exit(2)
