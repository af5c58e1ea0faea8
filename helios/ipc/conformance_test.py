#!/usr/bin/env python3
"""The kernel's interface files (helios/ipc/*.ipc) are the source of every invocation: abi.h
(its method labels, its list of each method's parameters, the names ipcgen copies from it) and
docs/capabilities.md (each method's heading: label and parameters) must agree with them. Fails
naming every mismatch. Run by Bazel as an sh_test, or directly from the workspace root.

A method's signature, as abi.h's list and the documentation's headings write it: its parameter
names, its results, the errors it raises with results; a struct parameter with its type:
    (vspace, vaddr, map_rights) raises MISSING_TABLES(missing)
    () -> (regs: struct helios_regs)
"""

import os
import re
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # the workspace (or runfiles) root
sys.path.insert(0, os.path.join(ROOT, "tools", "ipcgen"))

from ipcgen import checker, limits, model  # noqa: E402
from ipcgen.errors import IpcError  # noqa: E402
from ipcgen.loader import load  # noqa: E402

IPC_FILES = ["helios/ipc/%s.ipc" % n for n in ["memory", "cspace", "vspace", "task", "hardware"]]
ABI_H = "helios/include/helios/abi.h"
CAPABILITIES_MD = "docs/capabilities.md"

# Capability types that are not invoked: IPC objects (a send to one is IPC) and the empty slot.
NOT_INVOKED = {"NULL", "ENDPOINT", "NOTIFICATION", "REPLY"}


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def signature(m):
    """A method's signature as abi.h and capabilities.md write it."""
    def names(params):
        return ", ".join(p.name + (": struct " + p.type.name
                                   if isinstance(p.type, model.StructType) else "")
                         for p in params)
    text = "(%s)" % names(m.params)
    if m.results:
        text += " -> (%s)" % names(m.results)
    for er in m.error_results:
        text += " raises %s(%s)" % (er.member, names(er.results))
    return text


def normal(text):
    return re.sub(r"\s+", " ", text.strip())


# ---- What each source says ----------------------------------------------------------------

def ipc_interfaces(root, paths):
    """The checked interfaces of the .ipc files: [(file, Interface)]."""
    found = []
    for path in paths:
        files, imports = load(path, root)
        checker.check(files, imports)
        found += [(path, d) for d in files[-1].decls if isinstance(d, model.Interface)]
    return found


def ipc_methods(interfaces):
    """{NAME: (label, signature)}, NAME as abi.h spells it without HELIOS_ (MEMORY_RETYPE)."""
    return {("%s_%s" % (i.name, m.name)).upper(): (m.label and m.label.value, signature(m))
            for _, i in interfaces for m in i.methods}


def c_enum(text, name):
    """{member: value text} of `enum name { ... };` in C source."""
    body = re.search(r"enum %s \{(.*?)\n\};" % name, text, re.S)
    if not body:
        return {}
    body = re.sub(r"/\*.*?\*/", "", body.group(1), flags=re.S)
    return dict(re.findall(r"(\w+)\s*=\s*((?:[^,(]|\([^)]*\))+),", body))


def abi_types(abi):
    """{TYPE: number} of enum helios_cap_type, but the count."""
    return {k[len("HELIOS_CAP_"):]: int(v, 0) for k, v in c_enum(abi, "helios_cap_type").items()
            if k != "HELIOS_CAP_TYPE_COUNT"}


def abi_errors(abi):
    """The names of enum helios_error in order, without HELIOS_OK and the count."""
    errors = c_enum(abi, "helios_error")
    return [k[len("HELIOS_ERR_"):] for k in sorted(errors, key=lambda k: int(errors[k], 0))
            if k.startswith("HELIOS_ERR_")]


def abi_labels(abi):
    """{NAME: label} of enum helios_method (HELIOS_METHOD(HELIOS_CAP_type, n) = type << 8 | n),
    and mismatches of a NAME that does not start with its type's."""
    types, labels, wrong = abi_types(abi), {}, []
    for k, v in c_enum(abi, "helios_method").items():
        m = re.fullmatch(r"HELIOS_METHOD\(HELIOS_CAP_(\w+), (\d+)\)", v.strip())
        name = k[len("HELIOS_"):]
        if not m or m.group(1) not in types:
            wrong.append("abi.h: %s = %s is not HELIOS_METHOD(a type, n)" % (k, v.strip()))
            continue
        if not name.startswith(m.group(1) + "_"):
            wrong.append("abi.h: %s is a method of %s" % (k, m.group(1)))
        labels[name] = types[m.group(1)] << 8 | int(m.group(2))
    return labels, wrong


def abi_signatures(abi):
    """{NAME: [signature]} of abi.h's comment listing every method's parameters: lines
    ` * NAME  (params) [-> (results)] [raises E(results)]`, then notes."""
    block = re.search(r"/\*\n \* Invocation parameters.*?\*/", abi, re.S)
    found = {}
    for line in (block.group(0) if block else "").splitlines():
        m = re.match(r" \* ([A-Z][A-Z0-9_]+) +(\([^)]*\)(?: -> \([^)]*\))?"
                     r"(?: raises \w+\([^)]*\))*)", line)
        if m:
            found.setdefault(m.group(1), []).append(normal(m.group(2)))
    return found


def doc_signatures(doc):
    """{NAME: [(label, signature)]} of capabilities.md's method headings:
    **`NAME` (0xLABEL), `NAME` (0xLABEL)** `signature`."""
    found = {}
    for heading, sig in re.findall(r"^\*\*((?:`[A-Z0-9_]+` \(0x[0-9a-f]+\)(?:, )?)+)\*\*\s+"
                                   r"`([^`]*)`", doc, re.M):
        for name, label in re.findall(r"`([A-Z0-9_]+)` \((0x[0-9a-f]+)\)", heading):
            found.setdefault(name, []).append((int(label, 16), normal(sig)))
    return found


def doc_types(doc):
    """{TYPE: number} of capabilities.md's `### TYPE (n), TYPE (n)` headings of its
    Invocations section."""
    section = doc.split("\n## Invocations", 1)[-1].split("\n## ", 1)[0]
    found = {}
    for heading in re.findall(r"^### (.*)$", section, re.M):
        found.update({t: int(n) for t, n in re.findall(r"([A-Z_]+) \((\d+)\)", heading)})
    return found


# ---- The comparison -----------------------------------------------------------------------

def generator_copies(abi):
    """ipcgen's own copies of abi.h's names and limits."""
    wrong = []
    types = sorted(t.lower() for t in abi_types(abi) if t != "NULL")
    if sorted(checker.KERNEL_TYPES) != types:
        wrong.append("ipcgen checker.KERNEL_TYPES %s != abi.h enum helios_cap_type %s"
                     % (sorted(checker.KERNEL_TYPES), types))
    if limits.HELIOS_ERRORS != abi_errors(abi):
        wrong.append("ipcgen limits.HELIOS_ERRORS %s != abi.h enum helios_error %s"
                     % (limits.HELIOS_ERRORS, abi_errors(abi)))
    for name, value in [("MAX_PARAMS", "HELIOS_MSG_MAX_PARAMS"),
                        ("REG_PARAMS", "HELIOS_MSG_REG_PARAMS"),
                        ("MAX_CAPS", "HELIOS_MSG_MAX_CAPS")]:
        m = re.search(r"#define %s (\d+)" % value, abi)
        if not m or int(m.group(1)) != getattr(limits, name):
            wrong.append("ipcgen limits.%s != abi.h %s" % (name, value))
    return wrong


def interface_types(interfaces, abi, doc):
    """One interface per invoked capability type, named as the type, each documented."""
    wrong = []
    types = abi_types(abi)
    documented = doc_types(doc)
    named = {i.name.upper(): path for path, i in interfaces}
    for t in sorted(set(types) - NOT_INVOKED - set(named)):
        wrong.append("abi.h: capability type %s has no interface in helios/ipc" % t)
    for t, path in sorted(named.items()):
        if t not in types or t in NOT_INVOKED:
            wrong.append("%s: interface %s is no invoked capability type of abi.h"
                         % (path, t.lower()))
        elif documented.get(t) != types[t]:
            wrong.append("capabilities.md: no heading '### %s (%d)' under Invocations"
                         % (t, types[t]))
    return wrong


def compare(root, ipc_paths, abi, doc):
    """Every mismatch between the .ipc files and abi.h, capabilities.md (strings)."""
    try:
        interfaces = ipc_interfaces(root, ipc_paths)
    except IpcError as e:
        return ["%s" % e]
    methods = ipc_methods(interfaces)
    labels, wrong = abi_labels(abi)
    wrong += generator_copies(abi) + interface_types(interfaces, abi, doc)
    listed, headings = abi_signatures(abi), doc_signatures(doc)
    for name in sorted((set(labels) | set(listed) | set(headings)) - set(methods)):
        wrong.append("%s is in %s but no method of helios/ipc" % (name, ", ".join(
            where for where, names in [("abi.h's labels", labels), ("abi.h's list", listed),
                                       ("capabilities.md", headings)] if name in names)))
    for name, (label, sig) in sorted(methods.items()):
        if name not in labels:
            wrong.append("%s: no HELIOS_%s in abi.h's enum helios_method" % (name, name))
        elif labels[name] != label:
            wrong.append("%s: label %s in helios/ipc, %#x in abi.h" % (
                name, "%#x" % label if label is not None else "none", labels[name]))
        if listed.get(name) != [sig]:
            wrong.append("%s: abi.h lists %s, helios/ipc says %s" % (
                name, " and ".join(listed.get(name, [])) or "nothing", sig))
        if headings.get(name) != [(label, sig)]:
            wrong.append("%s: capabilities.md has %s, helios/ipc says (%s) %s" % (
                name, " and ".join("(%#x) %s" % h for h in headings.get(name, [])) or
                "no heading", "%#x" % label if label is not None else "no label", sig))
    return wrong


def compare_files(root):
    return compare(root, IPC_FILES, read(root, ABI_H), read(root, CAPABILITIES_MD))


# ---- Tests --------------------------------------------------------------------------------

class Conformance(unittest.TestCase):
    def test_abi_and_docs_agree_with_the_interface_files(self):
        wrong = compare_files(ROOT)
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))

    def test_every_method_is_seen(self):
        # The parsers find what is there: as many methods in each source as in helios/ipc.
        abi, doc = read(ROOT, ABI_H), read(ROOT, CAPABILITIES_MD)
        methods = ipc_methods(ipc_interfaces(ROOT, IPC_FILES))
        self.assertEqual(len(methods), 42)
        self.assertEqual(set(abi_labels(abi)[0]), set(methods))
        self.assertEqual(set(abi_signatures(abi)), set(methods))
        self.assertEqual(set(doc_signatures(doc)), set(methods))


class Mismatches(unittest.TestCase):
    """Each kind of disagreement is found and named: the test can fail."""

    def mismatches(self, abi_edit=None, doc_edit=None, ipc_edit=None):
        abi, doc = read(ROOT, ABI_H), read(ROOT, CAPABILITIES_MD)
        with tempfile.TemporaryDirectory() as root:
            for path in IPC_FILES:
                text = read(ROOT, path)
                if ipc_edit and ipc_edit[0] == path:
                    text = self.edited(text, ipc_edit[1], ipc_edit[2])
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                    f.write(text)
            for edit, what in [(abi_edit, "abi"), (doc_edit, "doc")]:
                if edit:
                    text = self.edited(abi if what == "abi" else doc, edit[0], edit[1])
                    abi, doc = (text, doc) if what == "abi" else (abi, text)
            return compare(root, IPC_FILES, abi, doc)

    def edited(self, text, old, new):
        if old not in text:
            self.fail("the text to change is not there: %r" % old)
        return text.replace(old, new, 1)

    def assertNamed(self, wrong, *words):
        self.assertTrue(any(all(w in line for w in words) for line in wrong),
                        "%s not named in %s" % (words, wrong))

    def test_abi_label(self):
        wrong = self.mismatches(abi_edit=("HELIOS_METHOD(HELIOS_CAP_MEMORY, 2)",
                                          "HELIOS_METHOD(HELIOS_CAP_MEMORY, 3)"))
        self.assertNamed(wrong, "MEMORY_INFO", "0x102", "0x103")

    def test_abi_parameter_list(self):
        wrong = self.mismatches(abi_edit=(" * CSPACE_DELETE        (slot)",
                                          " * CSPACE_DELETE        (dest_slot)"))
        self.assertNamed(wrong, "CSPACE_DELETE", "abi.h lists (dest_slot)")

    def test_abi_method_missing(self):
        wrong = self.mismatches(abi_edit=("\tHELIOS_IRQ_HANDLER_ACK = "
                                          "HELIOS_METHOD(HELIOS_CAP_IRQ_HANDLER, 1),\n", ""))
        self.assertNamed(wrong, "IRQ_HANDLER_ACK", "no HELIOS_IRQ_HANDLER_ACK")

    def test_doc_parameter(self):
        wrong = self.mismatches(doc_edit=("`(vspace, vaddr, map_rights) raises",
                                          "`(vspace, vaddr, rights) raises"))
        self.assertNamed(wrong, "PAGE_MAP", "capabilities.md has (0xe01) (vspace, vaddr, rights)")

    def test_doc_label(self):
        wrong = self.mismatches(doc_edit=("`TASK_INFO` (0x50a)", "`TASK_INFO` (0x50b)"))
        self.assertNamed(wrong, "TASK_INFO", "0x50b")

    def test_doc_type_number(self):
        wrong = self.mismatches(doc_edit=("### TASK (5)", "### TASK (6)"))
        self.assertNamed(wrong, "### TASK (5)")

    def test_ipc_parameter(self):
        wrong = self.mismatches(ipc_edit=("helios/ipc/hardware.ipc", "call in8(port: u64)",
                                          "call in8(address: u64)"))
        self.assertNamed(wrong, "IO_PORT_IN8", "helios/ipc says (address)")

    def test_ipc_method_missing(self):
        wrong = self.mismatches(ipc_edit=("helios/ipc/task.ipc", "\tcall suspend() = 0x509;\n",
                                          ""))
        self.assertNamed(wrong, "TASK_SUSPEND", "no method of helios/ipc")

    def test_ipc_interface_missing(self):
        wrong = self.mismatches(ipc_edit=("helios/ipc/hardware.ipc", "interface irq_handler",
                                          "interface irq_line"))
        self.assertNamed(wrong, "IRQ_HANDLER has no interface")
        self.assertNamed(wrong, "irq_line is no invoked capability type")

    def test_generator_copy(self):
        wrong = self.mismatches(abi_edit=("HELIOS_ERR_DELETED = 15", "HELIOS_ERR_GONE = 15"))
        self.assertNamed(wrong, "limits.HELIOS_ERRORS")


if __name__ == "__main__":
    unittest.main()
