#!/usr/bin/env bash
# Python 3.10 for the Rasa environment (Rasa 3.6 runs on nothing newer): prints its path,
# or nothing when this machine has none. Looks at pyenv's newest 3.10 (the root that
# `pyenv root` names, else $PYENV_ROOT, else ~/.pyenv), then python3.10 on PATH.
# The Makefile asks this only when RASA_PY is not set.
set -uo pipefail
shopt -s nullglob

is_310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }

roots=()
if command -v pyenv >/dev/null 2>&1; then
  roots+=("$(pyenv root 2>/dev/null)")
fi
roots+=("${PYENV_ROOT:-}" "${HOME:+$HOME/.pyenv}")

for root in "${roots[@]}"; do
  [ -n "$root" ] && [ -d "$root/versions" ] || continue
  candidates=("$root"/versions/3.10.*/bin/python)
  [ ${#candidates[@]} -gt 0 ] || continue
  while read -r python; do
    if is_310 "$python"; then
      echo "$python"
      exit 0
    fi
  done < <(printf '%s\n' "${candidates[@]}" | sort -V -r)
done

python=$(command -v python3.10 || true)
if [ -n "$python" ] && is_310 "$python"; then
  echo "$python"
fi
exit 0
