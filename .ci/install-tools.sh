#!/usr/bin/env bash
# Install the non-Python tools the test suite uses, idempotently, into a local prefix:
#   Microsoft's SARIF validator, @microsoft/sarif-multitool from npm. The npm package is a small
#   Node wrapper; its optional dependency @microsoft/sarif-multitool-<platform> ships a
#   self-contained .NET binary (Sarif.Multitool), so no .NET runtime is needed.
# tests/reporters/test_sarif_validation.py finds it at $SARIF_MULTITOOL or under this prefix and skips,
# saying why, when it is absent.
#
# Usage: bash .ci/install-tools.sh
#   prefix: $COGNITO_LINT_TOOLS/npm (default ~/.cache/cognito-lint-ci/npm); needs node and npm.
set -euo pipefail

SARIF_MULTITOOL_VERSION="5.7.0"
prefix="${COGNITO_LINT_TOOLS:-$HOME/.cache/cognito-lint-ci}/npm"
package="$prefix/node_modules/@microsoft/sarif-multitool"

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install-tools: $tool not found; install Node.js and npm (e.g. apt-get install -y nodejs npm)" >&2
        exit 1
    fi
done

installed="$(node -p "require('$package/package.json').version" 2>/dev/null || true)"
binary="$(node -p "require('$package')" 2>/dev/null || true)"
if [ "$installed" = "$SARIF_MULTITOOL_VERSION" ] && [ -n "$binary" ] && [ -x "$binary" ]; then
    echo "install-tools: @microsoft/sarif-multitool $installed already in $prefix"
else
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
        "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION"
    # The wrapper resolves the platform package: .../sarif-multitool-<platform>/Sarif.Multitool.
    binary="$(node -p "require('$package')")"
fi

# Smoke test: the platform binary starts. (The tests run this binary, not the npm wrapper: the
# wrapper passes its arguments through a shell, which splits --rule-kind "Sarif;Ghas" at the ';'.)
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$binary" --version >/dev/null 2>&1 || {
    echo "install-tools: $binary does not run" >&2
    exit 1
}
echo "install-tools: sarif-multitool $SARIF_MULTITOOL_VERSION ready: $binary"
