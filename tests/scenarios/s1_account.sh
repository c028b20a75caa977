#!/usr/bin/env bash
# S1 of SCENARIOS.md: the account that would not close (12 calls, bills after every promise).
# Replayed with pinned times by the end-to-end tests and by `tools/dev demo`.
# Runs $ESCALATE (default: escalate on PATH) against $ESCALATE_DB.
set -euo pipefail
e() { "${ESCALATE:-escalate}" "$@"; }

e --now 2026-09-01T09:00 open "Meterco" --title "Billing after contract end" --want "Close the account, stop the bills"
e --now 2026-09-01T09:40 log call --duration 25m --hold 12m --outcome transferred
e --now 2026-09-03T10:00 log call --duration 18m --agent "Dana" --outcome promised --promise "no more bills" --due 2026-09-30
e --now 2026-10-02T08:00 log letter --in --outcome info -m "Another bill arrived"
e --now 2026-10-02T10:00 log call --duration 20m --hold 15m --outcome hung-up
e --now 2026-10-05T11:00 log call --duration 30m --hold 20m --agent "Mark" --promise "no more bills" --due 2026-10-12
e --now 2026-10-08T09:00 log call --hold 25m --outcome no-answer
e --now 2026-10-13T08:00 log letter --in --outcome info -m "Another bill, same amount"
e --now 2026-10-13T10:00 log call --duration 15m --hold 10m --outcome stock-reply -m "We are looking into it"
e --now 2026-10-15T14:00 log call --duration 22m --hold 18m --outcome transferred
e --now 2026-10-16T09:30 log call --duration 12m --hold 30m --agent "Priya" --promise "no more bills" --due 2026-10-23
e --now 2026-10-19T10:00 log call --hold 20m --outcome hung-up
e --now 2026-10-21T10:00 log call --duration 10m --hold 15m --outcome refused
e --now 2026-10-26T08:00 log letter --in --outcome info -m "A third bill after three promises"
e --now 2026-10-26T11:00 log call --duration 25m --hold 12m --outcome transferred
e --now 2026-10-28T08:00 log letter --in -m "Collections notice from a law firm"
e --now 2026-10-28T10:00 log call --duration 20m --hold 10m --outcome promised --promise "account closed, collections withdrawn" --due 2026-11-04
e --now 2026-11-05T09:00 next
