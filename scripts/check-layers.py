#!/usr/bin/python3
"""The layer and module boundaries of src/, checked on the source text (DESIGN.md).

Layers, each allowed to include only from itself and the layers listed for it:
  base → engines → store, ingest → modules → report, app → server, cli
A module includes another module only through that module's public headers (PUBLIC below:
its service and read interfaces), and no module's SQL names another module's table or the
store's own (the audit trail, the schema version). The doors (server/, cli/) hold no SQL at
all and never include each other. Includes are checked in both forms ("…" and <…>) and
relative ones are resolved; SQL is read from string literals with adjacent and multi-line
raw literals joined.

Usage: check-layers.py [SRC_ROOT [KNOWN]]
  SRC_ROOT  default: the src/ folder beside this script
  KNOWN     violations still being removed, one "file: what" per line (default:
            layer-exceptions.txt beside this script). A violation not listed fails the check,
            and so does a listed one that is gone, so the list can only shrink.
Prints one line per violation (file:line: what) and exits 1 when there is any.
"""
import pathlib
import re
import sys

# Which top-level folders a folder may include from (besides itself).
ALLOWED = {
    "base": set(),
    "engines": {"base"},
    "store": {"base"},
    "ingest": {"base", "engines"},
    "modules": {"base", "engines", "store", "ingest"},
    "report": {"base", "engines", "ingest", "modules"},
    "app": {"base", "store", "modules"},
    "server": {"base", "engines", "ingest", "modules", "report", "app"},
    "cli": {"base", "engines", "ingest", "modules", "report", "app"},
    # The executable: the one place where both doors meet.
    "program": {"base", "store", "modules", "report", "app", "cli", "server"},
}

# The store headers a door may include: the connection handle it passes to services, and the
# acting identity with the audit trail's list and verify (a store-level service). Module
# stores are wired in modules/services.h, never in a door (STORE_WIRING below).
DOOR_STORE_HEADERS = {"store/database.h", "store/audit_trail.h"}

# What a module offers the others: its service and read interfaces, result structs.
# Everything else in a module folder (its store, SQL implementation, helpers) is private.
PUBLIC = {
    "kg": {"knowledge_graph.h", "graph_read.h"},
    "chain": {"chain_service.h", "chokepoints.h", "ecosystem.h", "derive.h"},
    "foresight": {"burst_report.h", "heat_map.h", "heat_map_picture.h", "patent_import.h", "snapshots.h", "ipc_labels.h", "patent_read.h"},
    "accounts": {"principal.h", "access.h", "directory.h", "sessions.h", "login_limits.h", "passwords.h", "demo_accounts.h"},
    "scenario": {"scenario_partners.h", "scenario_evaluation.h", "sample_scenarios.h"},
    "netmetrics": {"network_metrics.h"},
    "mcda": {"mcda_service.h"},
    "settings": {"region_settings.h"},
    "linkage": {"linkage_service.h"},
    "literature": {"literature_service.h"},
    "search": {"site_search.h"},
    "segmentation": {"segmentation_service.h"},
    "matching": {"assignment_service.h"},
    "engineers": {"engineer_desk.h", "engineer_types.h", "sample_engineers.h"},
    "transfer": {"transfer_desk.h", "transfer_types.h", "sample_transfer.h", "bilingual_terms.h"},
    "tasks": {"task_pool.h", "task_types.h"},
    "productivity": {"dea_service.h"},
    "nqpf": {"nqpf_service.h", "nqpf_index.h", "indicator_system.h", "innovation_productivity.h"},
}

# SQL is found in string literals: adjacent literals ("SELECT … FROM " "kg_entity") and raw
# strings over several lines are joined first. A literal is read as SQL when it starts with a
# statement keyword in any case; elsewhere only upper-case keywords count, which keeps prose
# ("names from organisation records") from counting as SQL.
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|REPLACE|ALTER|DROP)\b", re.I)
SQL_VERB_TEXT = r"\b(FROM|JOIN|INTO|UPDATE|TABLE(?: IF NOT EXISTS)?|REFERENCES)\s+(?:\w+\.)?[\"`]?([A-Za-z_][A-Za-z0-9_]*)"
SQL_VERB = re.compile(SQL_VERB_TEXT)
SQL_VERB_ANY_CASE = re.compile(SQL_VERB_TEXT, re.I)
CREATE = re.compile(r"CREATE\s+(?:VIRTUAL\s+|TEMP\s+|TEMPORARY\s+)?TABLE(?:\s+IF\s+NOT\s+EXISTS)?\s+[\"`]?([A-Za-z_][A-Za-z0-9_]*)", re.I)
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
LITERAL = re.compile(r'R"([^(\s]*)\((.*?)\)\1"|"((?:[^"\\\n]|\\.)*)"', re.S)
SQL_API = re.compile(r"\bSQLite::|\bsqlite3_|\bPQexec|\bpqxx::|(\.|->)sql\(\)|\bStatement\b")
STORE_WIRING = re.compile(r"\bsql_[a-z_]*store\(")


def literals(text):
    """(line, joined text) of every string literal, adjacent literals joined."""
    out = []
    last_end, current, line = None, None, 0
    for m in LITERAL.finditer(text):
        body = m.group(2) if m.group(2) is not None else m.group(3)
        if current is not None and text[last_end:m.start()].strip() == "":
            current += body
        else:
            if current is not None:
                out.append((line, current))
            current, line = body, text.count("\n", 0, m.start()) + 1
        last_end = m.end()
    if current is not None:
        out.append((line, current))
    return out


def owner(path: pathlib.Path, root: pathlib.Path):
    """(layer, module) of a source file; module is None outside modules/."""
    parts = path.relative_to(root).parts
    layer = parts[0]
    module = parts[1] if layer == "modules" and len(parts) > 2 else None
    return layer, module


def sources(root: pathlib.Path):
    for p in sorted(root.rglob("*")):
        if p.suffix in {".h", ".cpp", ".in"} and p.is_file():
            yield p


def table_owners(root: pathlib.Path):
    owners = {}
    for p in sources(root):
        layer, module = owner(p, root)
        for m in CREATE.finditer(p.read_text(encoding="utf-8")):
            owners[m.group(1).lower()] = module or layer
    return owners


def check(root: pathlib.Path):
    problems = []
    owners = table_owners(root)
    for p in sources(root):
        layer, module = owner(p, root)
        rel = p.relative_to(root)
        text = p.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            inc = INCLUDE.match(line)
            if inc:
                target = inc.group(1)
                if target.startswith("."):  # relative: resolve against the including file
                    resolved = (p.parent / target).resolve()
                    try:
                        target = resolved.relative_to(root).as_posix()
                    except ValueError:
                        problems.append(f"{rel}:{n}: includes {inc.group(1)}, outside src/")
                        continue
                tparts = target.split("/")
                tlayer = tparts[0]
                if tlayer not in ALLOWED:
                    continue  # a generated or third-party header
                if layer in {"server", "cli"} and target in DOOR_STORE_HEADERS:
                    continue
                if tlayer != layer and tlayer not in ALLOWED.get(layer, set()):
                    problems.append(f"{rel}:{n}: {layer}/ may not include {target} (layer {tlayer})")
                elif tlayer == "modules" and module and len(tparts) > 2 and tparts[1] != module:
                    if tparts[-1] not in PUBLIC.get(tparts[1], set()):
                        problems.append(f"{rel}:{n}: module {module} includes {target}, which module {tparts[1]} keeps private")
                elif tlayer == "modules" and layer != "modules" and len(tparts) > 2:
                    if tparts[-1] not in PUBLIC.get(tparts[1], set()):
                        problems.append(f"{rel}:{n}: {layer}/ includes {target}, which module {tparts[1]} keeps private")
                continue
            if layer in {"server", "cli"} and SQL_API.search(line):
                problems.append(f"{rel}:{n}: {layer}/ holds database code (a door only calls services)")
            if layer in {"server", "cli", "program"} and STORE_WIRING.search(line):
                problems.append(f"{rel}:{n}: {layer}/ builds a module store (take services from modules/services.h)")

        for n, literal in literals(text):
            verbs = SQL_VERB_ANY_CASE if SQL_START.match(literal) else SQL_VERB
            for m in verbs.finditer(literal):
                table = m.group(2).lower()
                if table not in owners:
                    continue
                mine = module or layer
                # A foreign key keeps another module's ids valid in the one database; it
                # reads nothing, so it is the one cross-module mention allowed.
                if m.group(1).upper() == "REFERENCES" and layer == "modules":
                    continue
                if layer in {"server", "cli", "program"}:
                    problems.append(f"{rel}:{n}: {layer}/ names table {table} in SQL (a door only calls services)")
                elif owners[table] != mine:
                    # store's own tables (the audit trail, the schema version) are written
                    # only through store/: a module naming them could rewrite the trail.
                    problems.append(f"{rel}:{n}: {mine} names table {table} of {owners[table]} in SQL")
    return problems


def without_line(problem: str) -> str:
    path, _, rest = problem.partition(":")
    return path + ":" + rest.partition(":")[2]


def read_known(path: pathlib.Path):
    if not path.exists():
        return set()
    lines = (l.strip() for l in path.read_text(encoding="utf-8").splitlines())
    return {l for l in lines if l and not l.startswith("#")}


def main():
    here = pathlib.Path(__file__).resolve().parent
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else here.parent / "src").resolve()
    known_file = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else here / "layer-exceptions.txt"
    known = read_known(known_file)
    problems = check(root)
    new = [p for p in problems if without_line(p) not in known]
    gone = sorted(known - {without_line(p) for p in problems})
    for line in new:
        print(line)
    for line in gone:
        print(f"{known_file.name}: '{line}' no longer happens: delete the line")
    if new or gone:
        print(f"check-layers: {len(new)} boundary violation(s) in {root}, {len(gone)} stale exception(s)", file=sys.stderr)
        return 1
    print(f"check-layers: {root}: every include and table name stays inside its layer and module"
          f" ({len(known)} known exception(s) in {known_file.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
