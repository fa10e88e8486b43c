"""The man pages match the programs: options both ways, and every exit code the code can return."""
import glob
import os
import re
import shutil
import subprocess
import unittest

from harness import SOURCE_DIR, binary, temp_dir

# Program → (man page source, the file holding its main()).
PROGRAMS = {
    "dragoman-alerts": ("docs/man/dragoman-alerts.1.md", "searchd/alerts_main.cpp"),
    "dragoman-index": ("docs/man/dragoman-index.1.md", "indexer/main.cpp"),
    "dragoman-search": ("docs/man/dragoman-search.1.md", "searchd/search_main.cpp"),
    "dragoman-searchd": ("docs/man/dragoman-searchd.8.md", "searchd/searchd_main.cpp"),
}
# Where functions that a main() returns the result of may be defined.
SOURCE_DIRS = ("indexer", "searchd", "shared")


def read(rel):
    with open(os.path.join(SOURCE_DIR, rel), encoding="utf-8") as f:
        return f.read()


# ---- the man page -------------------------------------------------------------------------

def man_sections(text):
    """{SECTION NAME: body} of a pandoc man page source (top-level '# NAME' headings)."""
    sections, name = {}, None
    for line in text.splitlines():
        m = re.match(r"^# (.+?)\s*$", line)
        if m:
            name = m.group(1).strip().upper()
            sections[name] = []
        elif name:
            sections[name].append(line)
    return {k: "\n".join(v) for k, v in sections.items()}


def man_options(text):
    """Options named by the terms of the OPTIONS section's definition list."""
    body = man_sections(text).get("OPTIONS", "")
    found = set()
    for line in body.splitlines():
        if not line or line[0] in " :\t":
            continue  # definitions, not terms
        for m in re.finditer(r"\*\*((?:\\?-){1,2}[A-Za-z0-9][\w\\-]*)\*\*", line):
            found.add(m.group(1).replace("\\-", "-"))
    return found


def man_exit_codes(text):
    body = man_sections(text).get("EXIT STATUS", "")
    return {int(m.group(1)) for m in re.finditer(r"^\*\*(\d+)\*\*", body, re.M)}


# ---- --help ---------------------------------------------------------------------------------

def help_options(text):
    """Option names in CLI11's --help: the first column of lines that start with a dash."""
    found = set()
    for line in text.splitlines():
        m = re.match(r"^ {2,}(-{1,2}[A-Za-z0-9][\w-]*(?:,-{1,2}[A-Za-z0-9][\w-]*)*)(?:\s|$)", line)
        if m:
            found.update(m.group(1).split(","))
    return found


# ---- exit codes in the code ---------------------------------------------------------------

def strip_strings_and_comments(code):
    code = re.sub(r'R"\((?:.|\n)*?\)"', '""', code)
    code = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', code)
    code = re.sub(r"'(?:\\.|[^'\\\n])'", "''", code)
    code = re.sub(r"//[^\n]*", "", code)
    return re.sub(r"/\*.*?\*/", "", code, flags=re.S)


def int_functions(code):
    """{name: body} of the functions returning int defined at the start of a line."""
    out = {}
    for m in re.finditer(r"^(?:static\s+|inline\s+)*int\s+([\w:]+)\s*\(", code, re.M):
        brace = code.find("{", m.end())
        semicolon = code.find(";", m.end())
        if brace < 0 or 0 <= semicolon < brace and ")" in code[m.end():semicolon] and \
                "{" not in code[m.end():semicolon]:
            continue  # a declaration
        depth, i = 0, brace
        while i < len(code):
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            if depth == 0:
                break
            i += 1
        out[m.group(1).split("::")[-1]] = code[brace:i + 1]
    return out


def constants(code):
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"constexpr\s+int\s+(\w+)\s*=\s*(-?\d+)\s*;", code)}


def definition_of(name):
    """The body of `int name(...)` somewhere in the sources, with that file's constants."""
    for d in SOURCE_DIRS:
        for root, _, files in os.walk(os.path.join(SOURCE_DIR, d)):
            for f in sorted(files):
                if f.endswith(".cpp"):
                    with open(os.path.join(root, f), encoding="utf-8") as fh:
                        code = strip_strings_and_comments(fh.read())
                    body = int_functions(code).get(name)
                    if body is not None:
                        return body, constants(code)
    return None, {}


def exit_codes(main_file):
    """Every non-negative value main() can return: literals and named constants in the value
    positions of return statements (whole expression, ternary branches), followed into the
    int functions those returns call, in the same file or elsewhere in the sources."""
    code = strip_strings_and_comments(read(main_file))
    names = constants(code)
    local = int_functions(code)
    todo = [(body, names) for body in local.values()]
    seen_external, codes = set(), set()
    while todo:
        body, names_here = todo.pop()
        for m in re.finditer(r"\breturn\b([^;]*);", body):
            expr = m.group(1).strip()
            values = re.findall(r"^\s*(-?\w+)\s*$", expr) + re.findall(r"\?\s*(-?\w+)\s*:", expr) + \
                re.findall(r":\s*(-?\w+)\s*$", expr)
            for v in values:
                if re.fullmatch(r"-?\d+", v):
                    if int(v) >= 0:
                        codes.add(int(v))
                elif v in names_here and names_here[v] >= 0:
                    codes.add(names_here[v])
            call = re.match(r"^([\w:]+)\s*\(", expr)
            if call:
                name = call.group(1).split("::")[-1]
                if name not in local and name not in seen_external:
                    seen_external.add(name)
                    ext_body, ext_names = definition_of(name)
                    if ext_body is not None:
                        todo.append((ext_body, ext_names))
    return codes


class ManualMatchesPrograms(unittest.TestCase):

    def help_text(self, program):
        p = subprocess.run([binary(program), "--help"], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, "%s --help exited %d: %s" % (program, p.returncode, p.stderr))
        return p.stdout

    def test_help_options_are_in_the_man_pages(self):
        for program, (page, _) in PROGRAMS.items():
            documented = man_options(read(page))
            printed = help_options(self.help_text(program))
            self.assertIn("--help", printed, "%s: could not read the options of --help" % program)
            for option in sorted(printed):
                with self.subTest(program=program, option=option):
                    self.assertIn(option, documented,
                                  "%s: option %s is printed by --help but not documented in the OPTIONS "
                                  "section of %s" % (program, option, page))

    def test_man_page_options_are_in_help(self):
        for program, (page, _) in PROGRAMS.items():
            documented = man_options(read(page))
            self.assertIn("--db", documented, "%s: could not read the OPTIONS section" % page)
            printed = help_options(self.help_text(program))
            for option in sorted(documented):
                with self.subTest(program=program, option=option):
                    self.assertIn(option, printed,
                                  "%s: option %s is documented in the OPTIONS section of %s but %s --help "
                                  "does not print it (removed or renamed?)" % (program, option, page, program))

    def test_every_exit_code_in_the_code_is_documented(self):
        for program, (page, main_file) in PROGRAMS.items():
            codes = exit_codes(main_file)
            self.assertIn(2, codes, "%s: found no exit codes in %s" % (program, main_file))
            documented = man_exit_codes(read(page))
            for code in sorted(codes):
                with self.subTest(program=program, code=code):
                    self.assertIn(code, documented,
                                  "%s can exit with status %d (%s) but the EXIT STATUS section of %s does "
                                  "not document it" % (program, code, main_file, page))

    def test_the_codes_read_from_the_sources_are_the_known_ones(self):
        # Guards the reading of the code: it must at least find the codes the programs are
        # known to return (through named constants, ternaries and library functions).
        self.assertLessEqual({0, 1, 2, 75}, exit_codes("indexer/main.cpp"))
        self.assertLessEqual({0, 1, 2}, exit_codes("searchd/search_main.cpp"))
        self.assertLessEqual({0, 2}, exit_codes("searchd/searchd_main.cpp"))

    def test_a_bad_option_exits_with_a_documented_status(self):
        for program, (page, _) in PROGRAMS.items():
            with self.subTest(program=program):
                p = subprocess.run([binary(program), "--db", "/nonexistent", "--no-such-option", "x"],
                                   capture_output=True, text=True, timeout=60)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(2, man_exit_codes(read(page)))
                self.assertIn("--no-such-option", p.stderr)

    def test_the_man_pages_name_each_other_and_exist(self):
        pages = {os.path.basename(p) for p in os.listdir(os.path.join(SOURCE_DIR, "docs", "man"))}
        for name in ("dragoman-alerts.1.md", "dragoman-index.1.md", "dragoman-search.1.md", "dragoman-searchd.8.md",
                     "dragoman-formats.5.md", "dragoman-query.7.md"):
            self.assertIn(name, pages)
        for page in pages:
            text = read(os.path.join("docs", "man", page))
            for ref in re.findall(r"\*\*(dragoman-[a-z]+)\*\*\((\d)\)", text):
                with self.subTest(page=page, ref=ref):
                    self.assertIn("%s.%s.md" % ref, pages, "%s refers to %s(%s), which does not exist"
                                  % (page, ref[0], ref[1]))

    def test_the_parsers_see_a_missing_option(self):
        # The checks above could pass by reading nothing; show they notice a difference.
        page = "# OPTIONS\n\n**\\-\\-db** *DBROOT*\n:   x\n\n**\\-q**, **\\-\\-quiet**\n:   y\n\n# EXIT STATUS\n\n**0**\n:   z\n"
        self.assertEqual(man_options(page), {"--db", "-q", "--quiet"})
        self.assertEqual(man_exit_codes(page), {0})
        help_text = "Options:\n  -h,--help    Print\n  --new-thing TEXT Excludes: --db\n      text\n"
        self.assertEqual(help_options(help_text), {"-h", "--help", "--new-thing"})


class HtmlManual(unittest.TestCase):

    def test_every_link_and_image_of_the_html_manual_resolves(self):
        self.assertIsNotNone(shutil.which("pandoc"), "pandoc is missing: scripts/install-deps.sh installs it")
        out = temp_dir(self)
        p = subprocess.run(["make", "-s", "-f", "Makefile.docs", "html", "OUT=" + out], cwd=SOURCE_DIR,
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        pages = {os.path.basename(f): open(f, encoding="utf-8").read()
                 for f in glob.glob(os.path.join(out, "manual", "*.html"))}
        for name in ("index.html", "getting-started.html", "indexing.html", "query-language.html",
                     "web-page.html", "api.html", "operations.html", "figures.html"):
            self.assertIn(name, pages)
        ids = {name: set(re.findall(r'\sid="([^"]+)"', text)) for name, text in pages.items()}
        for name, text in sorted(pages.items()):
            for ref in re.findall(r'(?:href|src)="([^"]+)"', text):
                if re.match(r"^[a-z][a-z0-9+.-]*:", ref):
                    continue  # http:, https:, mailto:
                path, _, anchor = ref.partition("#")
                path = path or name
                with self.subTest(page=name, link=ref):
                    self.assertTrue(os.path.exists(os.path.join(out, "manual", path)),
                                    "%s links to %s, which the manual does not have" % (name, ref))
                    if anchor and path.endswith(".html"):
                        self.assertIn(anchor, ids.get(path, set()),
                                      "%s links to %s, which has no id %s" % (name, path, anchor))
        self.assertIn('src="screenshot.png"', pages["web-page.html"])
        # The figures come from the README's table, not from a copy of it.
        self.assertIn("MRR@10", pages["figures.html"])


if __name__ == "__main__":
    unittest.main()
