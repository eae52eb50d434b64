"""``python -m linter`` does what the ``cognito-lint`` command does."""
from linter.console import main

if __name__ == "__main__":
    main()
