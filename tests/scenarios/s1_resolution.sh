#!/usr/bin/env bash
# S1 of SCENARIOS.md, the end: going public, the executive office's call, closing.
# Runs after s1_account.sh, against the same $ESCALATE_DB.
set -euo pipefail
e() { "${ESCALATE:-escalate}" "$@"; }

e --now 2026-11-05T10:00 org Meterco --social @meterco
e --now 2026-11-05T10:05 log social -m "12 calls and 3 promises of no more bills, and now a collections notice. @meterco, please close my account."
e --now 2026-11-05T10:12 log dm --in --outcome escalated -m "Sorry to hear this, we have passed it to our executive team"
e --now 2026-11-06T09:00 log exec --in --outcome resolved --agent "Office of the President" -m "Account closed, collections withdrawn, apology"
e --now 2026-11-06T09:30 close 1 --resolved -m "Account closed and collections withdrawn after 66 days."
