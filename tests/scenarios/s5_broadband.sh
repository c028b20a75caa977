#!/usr/bin/env bash
# S5 of SCENARIOS.md: the public channel that did not help. Replayed with pinned times by the
# end-to-end and golden-file tests. Runs $ESCALATE against $ESCALATE_DB.
set -euo pipefail
e() { "${ESCALATE:-escalate}" "$@"; }

e --now 2026-11-02T09:00 open "Broadbandco" --title "Router died" --want "A working connection"
e --now 2026-11-02T09:05 org Broadbandco --social @broadbandco_help
e --now 2026-11-02T12:30 log call --duration 3.5h --hold 40m --agent "Sam Patel" --ref BB-20931 --promise "engineer visit" --due 2026-11-09 -m "Router dead; earliest engineer in a week"
e --now 2026-11-10T09:00 log social -m "No internet for 8 days and the engineer never came. @broadbandco_help?"
e --now 2026-11-11T12:00 log dm --in --promise "earlier slot" --due 2026-11-12 -m "Asked for my phone number, promised an earlier slot"
e --now 2026-11-13T09:00 log dm -m "Nobody came yesterday"
e --now 2026-11-14T10:00 log exec --in --promise "call back next week" --due 2026-11-20 -m "Executive offices apologised"
