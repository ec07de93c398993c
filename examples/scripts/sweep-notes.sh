#!/bin/sh
# usage: sweep-notes.sh in-place|atomic [failcmd options...]
#
# Sweeps one `notes add milk` with fail_fs (one run per file system call, the n-th failing in run n)
# and checks, after each run, the store the run left (dist/notes-store/check.js). The store is
# saved the way the first argument says; the other arguments go to failcmd before the command.
#
# failcmd cannot put a state back, so each run starts by copying a seed store (two notes, made by
# notes itself) over the store. Everything lives in a temporary directory, removed at the end; the
# runs start in examples/ with --enable-source-maps, so failcmd shows call sites as
# src/notes-store/*.ts. Exits with
# failcmd's status: 1 when a run crashed or left a bad state, else 0.
set -u
cd "$(dirname "$0")/.." || exit 2
export NOTES_SAVE="$1"
shift
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
export NOTES_FILE="$work/notes.json" NOTES_SEED="$work/seed.json"
{ node dist/notes-store/main.js init && node dist/notes-store/main.js add eggs && node dist/notes-store/main.js add bread; } >/dev/null || exit 2
mv "$NOTES_FILE" "$NOTES_SEED" || exit 2
failcmd --type fail_fs --sweep "$@" --check 'node dist/notes-store/check.js' -- \
  sh -c 'cp "$NOTES_SEED" "$NOTES_FILE" && exec node --enable-source-maps dist/notes-store/main.js add milk'
