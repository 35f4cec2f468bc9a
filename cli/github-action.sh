#!/usr/bin/env bash
# The GitHub Action's step (action.yml): installs vmspec where the action is checked out (once),
# then lints the inputs. Plain shell, so it runs the same anywhere (the test suite runs it).
set -euo pipefail
here="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
if [ ! -f "$here/dist/cli/main.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi
args=(lint --format "${INPUT_FORMAT:-github}" --failure-threshold "${INPUT_FAILURE_THRESHOLD:-error}")
if [ -n "${INPUT_SARIF_FILE:-}" ]; then args+=(--format "sarif=${INPUT_SARIF_FILE}"); fi
# Word splitting of the file list is intended: it is a space-separated list of paths.
# shellcheck disable=SC2206
files=(${INPUT_FILES:-.})
exec node "$here/cli/vmspec.cjs" "${args[@]}" "${files[@]}"
