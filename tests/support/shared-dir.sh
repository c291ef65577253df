#!/usr/bin/env sh
# Prints the directory of the shared project material (docs, cXML samples, official validators).
# KOPPEL_SHARED_DIR wins; else ../shared beside the checkout; else beside the checkout it was cloned
# from (a clone in a temporary directory still finds the validators of the machine it came from).
repo="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -n "${KOPPEL_SHARED_DIR:-}" ]; then echo "$KOPPEL_SHARED_DIR"; exit 0; fi
if [ -d "$repo/../shared/validators" ]; then (cd "$repo/../shared" && pwd); exit 0; fi
origin="$(git -C "$repo" remote get-url origin 2>/dev/null || true)"
if [ -n "$origin" ] && [ -d "$origin/../shared/validators" ]; then (cd "$origin/../shared" && pwd); exit 0; fi
echo "shared project material not found: set KOPPEL_SHARED_DIR (expected ../shared beside the checkout)" >&2
exit 1
