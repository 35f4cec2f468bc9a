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

# The files input: one path per line, so paths may hold spaces (blank lines and lines starting
# with # are skipped; surrounding blanks are trimmed). A single line is one path when it names an
# existing file or folder, else a space-separated list (the input's older form). A path with
# glob characters that matches something is expanded; anything else is passed as it is written.
files=()
add() {
  local p="$1" IFS=
  if [[ "$p" == *[\*\?\[]* ]]; then
    local matches
    shopt -s nullglob
    # shellcheck disable=SC2206 # globbing wanted, word splitting off (IFS is empty)
    matches=($p)
    shopt -u nullglob
    if [ ${#matches[@]} -gt 0 ]; then
      files+=("${matches[@]}")
      return
    fi
  fi
  files+=("$p")
}
input="${INPUT_FILES:-}"
if [[ "$input" == *$'\n'* ]]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ] && [[ "$line" != "#"* ]]; then add "$line"; fi
  done <<<"$input"
elif one="${input#"${input%%[![:space:]]*}"}" && one="${one%"${one##*[![:space:]]}"}" && [ -n "$one" ] && [ -e "$one" ]; then
  files=("$one")
else
  read -r -a words <<<"$input"
  for w in ${words[@]+"${words[@]}"}; do add "$w"; done
fi
if [ ${#files[@]} -eq 0 ]; then files=(.); fi
# "--": a path is never read as an option, whatever it starts with.
exec node "$here/cli/vmspec.cjs" "${args[@]}" -- "${files[@]}"
