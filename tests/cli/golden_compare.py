#!/usr/bin/python3
"""Compare a CLI golden case's output with its expected .out file (issue 12).

    golden_compare.py CASE.sh EXPECTED.out [ACTUAL]   # ACTUAL omitted or '-': standard input
    golden_compare.py --self-test

Lines are compared one by one. Text must match exactly. Decimal numbers (with a point or an
exponent: 0.5, -3.25e-4, 85.7 in "85.7%", 0.8 in JSON) are compared with the tolerance the case
states in its header:

    # tolerance: exact                         (the default: byte for byte, as before)
    # tolerance: 1e-9 relative                 |a - e| <= 1e-9 * max(|a|, |e|)
    # tolerance: 1e-12 absolute                |a - e| <= 1e-12
    # tolerance: 1e-9 relative, 1e-12 absolute (either suffices)

Integers are text: they always compare exactly (counts, exit codes, ids, years). A number only
counts as one when it stands alone: a digit, letter, '_' or '.' right before or after it makes it
text, so version strings (0.1.0), codes (H04N, G06T), hashes and the parts of dates (2016-07,
2021-Q1) compare exactly; CJK text next to a number does not stop it (2026年, 示例0.5).

The header (the comment lines before the first command) must also say where the expected numbers
come from in at least one '# checked:' line. Exit status: 0 same, 1 different, 2 a bad case header
or usage.
"""
import difflib
import math
import os
import re
import sys
import tempfile

NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![A-Za-z0-9_.])")
FLOAT_MARK = "\x00"  # stands for a decimal number in a line's skeleton
MAX_REPORTED = 20
SHOW = 160  # longer lines are shown as an excerpt around the difference


class CaseError(Exception):
    """The case file's header is missing something or cannot be read."""


class Tolerance:
    def __init__(self, relative=None, absolute=None, spec="exact"):
        self.relative, self.absolute, self.spec = relative, absolute, spec

    @property
    def exact(self):
        return self.relative is None and self.absolute is None

    def accepts(self, e, a):
        if e == a:
            return True
        d = abs(a - e)
        if self.relative is not None and d <= self.relative * max(abs(a), abs(e)):
            return True
        return self.absolute is not None and d <= self.absolute

    def __str__(self):
        return self.spec  # as the case states it


def parse_tolerance(spec):
    spec = spec.strip()
    if spec == "exact":
        return Tolerance()
    t = Tolerance(spec=spec)
    for part in spec.split(","):
        words = part.split()
        if len(words) != 2 or words[1] not in ("relative", "absolute"):
            raise CaseError("tolerance '%s': expected 'exact' or 'X relative', 'X absolute' or both" % spec)
        try:
            x = float(words[0])
        except ValueError:
            raise CaseError("tolerance '%s': '%s' is not a number" % (spec, words[0]))
        if not (math.isfinite(x) and 0 <= x < 1):
            raise CaseError("tolerance '%s': %s must lie in [0, 1)" % (spec, words[0]))
        if getattr(t, words[1]) is not None:
            raise CaseError("tolerance '%s' names %s twice" % (spec, words[1]))
        setattr(t, words[1], x)
    return t


def read_header(case_text):
    """The tolerance and the '# checked:' lines of a case file's header."""
    tolerance, checked, in_header = None, [], True
    for line in case_text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            in_header = False
            continue
        m = re.match(r"#\s*(tolerance|checked)\s*:(.*)$", stripped)
        if not m:
            continue
        if not in_header:
            raise CaseError("'# %s:' after the first command; it belongs in the header" % m.group(1))
        if m.group(1) == "tolerance":
            if tolerance is not None:
                raise CaseError("more than one '# tolerance:' line")
            tolerance = parse_tolerance(m.group(2))
        elif m.group(2).strip():
            checked.append(m.group(2).strip())
    if not checked:
        raise CaseError("the header says nowhere where the expected output comes from (add '# checked: ...')")
    return tolerance or Tolerance(), checked


def tokens(line):
    """(skeleton, numbers): the line with each decimal number replaced by FLOAT_MARK, and the numbers."""
    skeleton, numbers, at = [], [], 0
    for m in NUMBER.finditer(line):
        text = m.group()
        if "." not in text and "e" not in text and "E" not in text:
            continue  # an integer: exact, as text
        value = float(text)
        if not math.isfinite(value):
            continue  # 123e4567 in a hash: text
        skeleton.append(line[at:m.start()].replace(FLOAT_MARK, "\\x00"))
        skeleton.append(FLOAT_MARK)
        numbers.append((text, value, m.start()))
        at = m.end()
    skeleton.append(line[at:].replace(FLOAT_MARK, "\\x00"))
    return "".join(skeleton), numbers


def excerpt(line, at):
    if len(line) <= SHOW:
        return line
    start = max(0, min(at - SHOW // 3, len(line) - SHOW))
    return ("…" if start > 0 else "") + line[start:start + SHOW] + ("…" if start + SHOW < len(line) else "")


def first_difference(a, b):
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def compare(expected, actual, tolerance):
    """Problems (list of strings, empty when the texts agree) between two outputs."""
    exp = expected.rstrip("\n").split("\n")
    act = actual.rstrip("\n").split("\n")
    if tolerance.exact:
        key_e, key_a = exp, act
    else:
        key_e = [tokens(x)[0] for x in exp]
        key_a = [tokens(x)[0] for x in act]
    problems = []
    matcher = difflib.SequenceMatcher(None, key_e, key_a, autojunk=False)
    for op, e0, e1, a0, a1 in matcher.get_opcodes():
        if op == "equal":
            if tolerance.exact:
                continue
            for i, j in zip(range(e0, e1), range(a0, a1)):
                for (te, ve, at), (ta, va, _) in zip(tokens(exp[i])[1], tokens(act[j])[1]):
                    if not tolerance.accepts(ve, va):
                        d = abs(va - ve)
                        rel = d / max(abs(va), abs(ve))
                        problems.append("line %d: expected %s\n         actual   %s\n         %s vs %s: "
                                        "differs by %.3g (relative %.3g), beyond the tolerance"
                                        % (i + 1, excerpt(exp[i], at), excerpt(act[j], at), te, ta, d, rel))
                        break
            continue
        pairs = min(e1 - e0, a1 - a0) if op == "replace" else 0
        for k in range(pairs):
            i, j = e0 + k, a0 + k
            at = first_difference(exp[i], act[j])
            problems.append("line %d: expected %s\n         actual   %s" % (i + 1, excerpt(exp[i], at), excerpt(act[j], at)))
        for i in range(e0 + pairs, e1):
            problems.append("line %d: missing  %s" % (i + 1, excerpt(exp[i], 0)))
        for j in range(a0 + pairs, a1):
            problems.append("after line %d: extra  %s" % (e1, excerpt(act[j], 0)))
    return problems


def report(name, tolerance, problems, out=sys.stdout):
    out.write("FAIL %s (tolerance: %s)\n" % (name, tolerance))
    for p in problems[:MAX_REPORTED]:
        out.write("  " + p + "\n")
    if len(problems) > MAX_REPORTED:
        out.write("  … and %d more\n" % (len(problems) - MAX_REPORTED))


def read_text(path):
    if path == "-":
        return sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


def main(argv, out=sys.stdout):
    if len(argv) not in (2, 3):
        out.write("usage: golden_compare.py CASE.sh EXPECTED.out [ACTUAL|-] | --self-test\n")
        return 2
    case, expected_path = argv[0], argv[1]
    name = os.path.basename(case)[:-3] if case.endswith(".sh") else os.path.basename(case)
    try:
        tolerance, _ = read_header(read_text(case))
    except (CaseError, OSError) as e:
        out.write("FAIL %s: %s\n" % (name, e))
        return 2
    try:
        expected = read_text(expected_path)
    except OSError as e:
        out.write("FAIL %s: cannot read the expected output: %s\n" % (name, e))
        return 1
    actual = read_text(argv[2] if len(argv) == 3 else "-")
    problems = compare(expected, actual, tolerance)
    if problems:
        report(name, tolerance, problems, out)
        return 1
    return 0


def self_test():
    """Proves the comparer fails what it must fail and passes what it may pass."""
    failures = []

    def check(what, ok):
        if not ok:
            failures.append(what)

    rel = parse_tolerance("1e-9 relative")
    exact = parse_tolerance("exact")
    same = lambda e, a, t: compare(e, a, t) == []

    # What counts as a decimal number.
    check("a date is text", tokens("2016-07 2025-01-01 2021-Q1")[1] == [])
    check("a version string is text", tokens("xinzhi 0.1.0")[1] == [])
    check("an IPC code is text", tokens("H04N 13/344 G06T")[1] == [])
    check("a percentage is a number", [t for t, _, _ in tokens("coverage 85.7% · 9 firms")[1]] == ["85.7"])
    check("a number next to CJK text is a number", [t for t, _, _ in tokens("示例0.5分")[1]] == ["0.5"])
    check("exponents and signs", [t for t, _, _ in tokens('{"x":-2.5e-3,"y":1E+5}')[1]] == ["-2.5e-3", "1E+5"])
    check("a number overflowing to inf is text", tokens("id 123e4567-e89b")[1] == [])
    check("an ordinal '1.' is text", tokens("1. 新能源汽车 (下游)")[1] == [])

    # Tolerances.
    check("within the tolerance passes",
          same('"cr": 0.022301646380093663,', '"cr": 0.02230164638009467,', rel))
    check("a changed digit beyond the tolerance fails",
          not same("lambda_max 7.1766  CR 0.0223", "lambda_max 7.1767  CR 0.0223", rel))
    check("a changed last digit fails when exact",
          not same("0.10000000000000009", "0.1", exact))
    check("a changed word fails", not same("A1 0.5 consistent", "A1 0.5 inconsistent", rel))
    check("a missing line fails", not same("a 0.5\nexit 2\nb", "a 0.5\nb", rel))
    check("an extra line fails", not same("a 0.5\nb", "a 0.5\nb\nc", rel))
    check("an integer is exact whatever the tolerance",
          not same("exit 2 · 28 firms", "exit 3 · 28 firms", parse_tolerance("0.5 relative")))
    check("a version string is exact whatever the tolerance",
          not same("xinzhi 0.1.0", "xinzhi 0.1.1", parse_tolerance("0.5 relative")))
    check("a date is exact whatever the tolerance",
          not same("2016-07", "2016-08", parse_tolerance("0.5 relative")))
    check("1.0 and 1 differ (the format changed)", not same('"value":1.0', '"value":1', rel))
    check("a sign fails", not same("loss -0.3", "loss 0.3", rel))
    check("a percentage beyond the tolerance fails", not same("85.7%", "85.8%", rel))
    check("absolute tolerance near zero", same("x 0.0", "x 1e-17", parse_tolerance("1e-9 relative, 1e-12 absolute")))
    check("relative tolerance alone keeps zero exact", not same("x 0.0", "x 1e-17", rel))
    check("identical text passes when exact", same("a\nb 0.1\n", "a\nb 0.1", exact))
    for bad in ("loose", "1e-9", "1e-9 percent", "-1 relative", "2 relative", "1e-9 relative, 1e-8 relative"):
        try:
            parse_tolerance(bad)
            failures.append("tolerance '%s' refused" % bad)
        except CaseError:
            pass

    # The command as run_golden.sh calls it: the report names case, line and tolerance.
    with tempfile.TemporaryDirectory() as d:
        def run(header, expected, actual):
            case, exp, act = (os.path.join(d, n) for n in ("demo.sh", "demo.out", "actual"))
            for path, text in ((case, header + "xinzhi version\n"), (exp, expected), (act, actual)):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)

            class Sink:
                text = ""

                def write(self, s):
                    Sink.text += s
            code = main([case, exp, act], Sink())
            return code, Sink.text
        head = "# tolerance: 1e-9 relative\n# checked: self-test\n"
        code, text = run(head, "x 0.5\nexit 2\n", "x 0.5000001\nexit 2\n")
        check("the report names case, line and tolerance",
              code == 1 and "FAIL demo (tolerance: 1e-9 relative)" in text and "line 1:" in text)
        code, text = run(head, "x 0.5\nexit 2\n", "x 0.5\n")
        check("the report names the missing line", code == 1 and "line 2: missing  exit 2" in text)
        check("within tolerance passes end to end", run(head, "x 0.5\n", "x 0.50000000000000011\n")[0] == 0)
        check("no tolerance line means exact", run("# checked: self-test\n", "x 0.5\n", "x 0.50000000000000011\n")[0] == 1)
        check("a case without '# checked:' is refused", run("# tolerance: exact\n", "x\n", "x\n")[0] == 2)
        check("a bad tolerance is refused", run("# tolerance: roughly\n# checked: x\n", "x\n", "x\n")[0] == 2)

    for f in failures:
        print("golden_compare self-test FAILED: " + f)
    if not failures:
        print("golden_compare self-test: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.stdout.reconfigure(errors="backslashreplace")
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(main(sys.argv[1:]))
