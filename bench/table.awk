# Prints bench/run.sh's results as a markdown table, operation by operation, with the targets of
# issue 12 checked. Input: tab-separated rows of operation, cases, escalate's median (s), the
# reference's median (s), escalate's peak memory (KiB), the reference's peak memory (KiB).
# Variables: smallest and largest, the first and last size measured.
BEGIN {
    FS = "\t"
    ref["log call N"] = "sqlite3: one contact inserted, WAL + synchronous=FULL"
    ref["next CASE"] = "sqlite3: the case, its contacts, its promises, the org"
    ref["show CASE"] = ref["next CASE"]
    ref["export CASE --format html"] = ref["next CASE"]
    ref["agenda next"] = "taskwarrior: `task next limit:10`"
    ref["import"] = "sqlite3 `.import` of the same rows (CSV), same schema"
    print "| operation | cases | escalate | reference | reference time | ratio | peak memory | target |"
    print "|---|---:|---:|---|---:|---:|---:|---|"
}
{ op[NR] = $1; n[NR] = $2; t[NR] = $3; r[NR] = $4; k[NR] = $5; rk[NR] = $6; at[$1, $2] = $3 }
END {
    split("log call N|next CASE|show CASE|export CASE --format html|agenda next|agenda peak memory|import", order, "|")
    for (o = 1; o in order; o++) {
        for (i = 1; i <= NR; i++) {
            if (order[o] == "agenda peak memory" && op[i] == "agenda next") {
                memory_row(i)
            } else if (op[i] == order[o]) {
                time_row(i)
            }
        }
    }
}

function ms(s) {
    s *= 1000
    return s < 10 ? sprintf("%.2f ms", s) : s < 100 ? sprintf("%.1f ms", s) : s < 10000 ? sprintf("%.0f ms", s) : sprintf("%.1f s", s / 1000)
}
function mib(kib) { return kib == "" ? "" : sprintf("%.1f MiB", kib / 1024) }
function grouped(x) { return x >= 1000 ? grouped(int(x / 1000)) sprintf(",%03d", x % 1000) : x }
function check(ok, what) { return (ok ? "met" : "**missed**") " (" what ")" }
function join(a, b) { return a == "" ? b : b == "" ? a : a "; " b }

function time_row(i,    ratio, target, small) {
    ratio = t[i] / r[i]
    target = ""
    if (op[i] == "log call N") {
        target = check(ratio <= 1.3, "within 1.3x of sqlite3")
    }
    if (op[i] ~ /CASE/) {
        target = check(t[i] < 0.010, "under 10 ms")
        small = at[op[i], smallest]
        if (n[i] == largest && largest != smallest) {
            target = join(target, check(t[i] <= 1.5 * small, "flat: within 1.5x of " grouped(smallest)))
        }
    }
    if (op[i] == "agenda next" && n[i] == 10000) {
        target = check(ratio <= 0.1, "10x faster than task")
    }
    if (op[i] == "agenda next" && n[i] == 100000) {
        target = check(t[i] < 0.050, "under 50 ms")
    }
    if (op[i] == "import" && n[i] == 100000) {
        target = check(ratio <= 1 / 3, "3x faster than sqlite3")
    }
    if (op[i] != "import") {
        target = join(target, check(k[i] < 32 * 1024, "under 32 MiB"))
    } else if (target == "") {
        target = "(at 100,000)"
    }
    printf "| `%s` | %s | %s | %s | %s | %.2f | %s | %s |\n", op[i], grouped(n[i]), ms(t[i]), ref[op[i]], ms(r[i]), ratio, mib(k[i]), target
}

function memory_row(i) {
    printf "| agenda peak memory | %s | %s | taskwarrior's peak | %s | %.2f | | %s |\n", grouped(n[i]), mib(k[i]), mib(rk[i]), k[i] / rk[i], check(k[i] < 32 * 1024, "under 32 MiB")
}
