"""The console entry point: answers ``--version`` before loading the command-line framework."""
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from linter import __version__

        print(f"cognito-lint {__version__}")
        return
    from linter.cli import main as run

    run()
