#!/usr/bin/env python3
"""Tests of the generator: parsing, every error message (file:line:column), FNV-1a ids,
labels, and the shape of the C it writes. Run directly (unittest) or by Bazel as an sh_test."""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(os.path.dirname(HERE), "main.py")
sys.path.insert(0, os.path.dirname(HERE))

from ipcgen import checker, model  # noqa: E402
from ipcgen.cli import compile_file  # noqa: E402
from ipcgen.errors import IpcError  # noqa: E402
from ipcgen.fnv import fnv1a32  # noqa: E402
from ipcgen.loader import load  # noqa: E402
from ipcgen.parser import parse  # noqa: E402

GOOD = """\
namespace demo.io; // a comment
import "other.ipc";
enum color : u8 { RED, GREEN = 5, BLUE, };
enum err : u32 { BROKEN = 256 };
interface echo raises err {
    call ping(value: u64) -> (result: u64);
    call give(c: cap<page>[2], f: cap<other.thing>, s: string<8>, b: bytes<9>) -> ()
        raises other.oops;
    event ring(c: color);
};
interface loud : echo { call shout(); };
interface object {
    call map(space: caddr<vspace>, at: u64) -> (slot: caddr)
        raises MISSING_TABLES(level: u32), err.BROKEN(why: u8) = 0x1f01;
    call words(w: struct helios_regs) -> (r: struct helios_memory_info) = 0x1f02;
    call plain(c: caddr);
};
"""

OTHER = """\
namespace other;
enum oops : i32 { OOPS = 1000 };
interface thing { call touch(yes: bool); };
"""

# Bad inputs, each in bad.ipc (other.ipc as above beside it), and the exact error.
ERRORS = [
    # Lexer.
    ("namespace a;\n@", "bad.ipc:2:1: unexpected character '@'"),
    ('namespace a;\nimport "x.ipc', "bad.ipc:2:8: unterminated string"),
    ("namespace a;\nenum e : u8 { A = 12ab };", "bad.ipc:2:19: malformed number '12ab'"),
    # Parser.
    ("enum e : u8 { A };", "bad.ipc:1:1: expected 'namespace', found 'enum'"),
    ("namespace a", "bad.ipc:1:12: expected ';', found end of file"),
    ("namespace a;\nimport other.ipc;",
     "bad.ipc:2:8: expected a file name in quotes, found 'other'"),
    ("namespace a;\nenum e : u8 { A };\nimport \"other.ipc\";",
     "bad.ipc:3:1: imports must come before declarations"),
    ("namespace a;\nstruct s {};", "bad.ipc:2:1: expected 'enum' or 'interface', found 'struct'"),
    ("namespace a;\nenum e : bool { A };",
     "bad.ipc:2:10: enum base type must be an integer type (u8-u64, i8-i64), not 'bool'"),
    ("namespace a;\nenum e : u8 { };", "bad.ipc:2:15: expected a name, found '}'"),
    ("namespace a;\nenum e : u8 { A }", "bad.ipc:2:18: expected ';', found end of file"),
    ("namespace a;\ninterface i { method m(); };",
     "bad.ipc:2:15: expected 'call', 'event' or '}', found 'method'"),
    ("namespace a;\ninterface i { call m(x u8); };", "bad.ipc:2:24: expected ':', found 'u8'"),
    ("namespace a;\ninterface i { call m(x: ); };", "bad.ipc:2:25: expected a type, found ')'"),
    ("namespace a;\ninterface i { call m(x: string); };",
     "bad.ipc:2:31: expected '<', found ')'"),
    ("namespace a;\ninterface i { call m(x: cap<page>[]); };",
     "bad.ipc:2:35: expected an array length, found ']'"),
    ("namespace a;\ninterface i { event e() -> (x: u8); };",
     "bad.ipc:2:25: an event has no reply: no results, no errors"),
    ("namespace a;\ninterface i { call m() };", "bad.ipc:2:24: expected ';', found '}'"),
    ("namespace a;\ninterface i { call m() = ; };", "bad.ipc:2:26: expected a label, found ';'"),
    ("namespace a;\ninterface i { call m(x: struct); };",
     "bad.ipc:2:31: expected a name, found ')'"),
    ("namespace a;\ninterface i { call m() raises NOMEM(x u8); };",
     "bad.ipc:2:39: expected ':', found 'u8'"),
    # Loader.
    ('namespace a;\nimport "missing.ipc";',
     "bad.ipc:2:8: cannot read 'missing.ipc': No such file or directory"),
    ('namespace a;\nimport "bad.ipc";', "bad.ipc:2:8: import cycle: bad.ipc -> bad.ipc"),
    # Checker: names.
    ("namespace a;\nenum e : u8 { A };\ninterface e {};",
     "bad.ipc:3:1: 'e' is already declared at bad.ipc:2:1"),
    ("namespace a;\nenum e : u8 { A, a };", "bad.ipc:2:18: duplicate enum member 'a'"),
    ("namespace a;\nenum e : u8 { A = 256 };", "bad.ipc:2:15: value 256 of 'A' does not fit u8"),
    ("namespace a;\nenum e : i8 { A = -129 };",
     "bad.ipc:2:15: value -129 of 'A' does not fit i8"),
    ("namespace a;\nenum e : u8 { A = 255, B };", "bad.ipc:2:24: value 256 of 'B' does not fit u8"),
    ("namespace a;\nenum e : u64 { A = 0x80000000 };",
     "bad.ipc:2:16: value 2147483648 of 'A' is outside the range of a C int"),
    ("namespace a;\nenum e : u8 { A = 1, B = 1 };", "bad.ipc:2:22: 'B' has the value 1 of 'A'"),
    # Checker: types.
    ("namespace a;\ninterface i { call m(x: nothing); };",
     "bad.ipc:2:25: unknown type 'nothing'"),
    ("namespace a;\ninterface i { call m(x: i); };",
     "bad.ipc:2:25: 'i' is an interface: pass one as cap<i>"),
    ("namespace a;\nenum e : u8 { A };\ninterface i { call m(x: cap<e>); };",
     "bad.ipc:3:29: cap<e>: not a kernel object type or an interface"),
    ("namespace a;\ninterface i { call m(x: cap<pages>); };",
     "bad.ipc:2:29: cap<pages>: not a kernel object type or an interface"),
    ("namespace a;\ninterface i { call m(x: cap<page>[5]); };",
     "bad.ipc:2:35: capability array length 5 is not 1-4"),
    ("namespace a;\ninterface i { call m(x: cap<page>[0]); };",
     "bad.ipc:2:35: capability array length 0 is not 1-4"),
    ("namespace a;\ninterface i { call m(x: string<0>); };",
     "bad.ipc:2:32: string length 0 is not 1-504"),
    ("namespace a;\ninterface i { call m(x: bytes<505>); };",
     "bad.ipc:2:31: bytes length 505 is not 1-504"),
    ("namespace a;\ninterface i { call m(x: caddr<nothing>); };",
     "bad.ipc:2:31: caddr<nothing>: not a kernel object type or an interface"),
    ("namespace a;\ninterface i { call m(x: other.thing); };",
     "bad.ipc:2:25: unknown type 'other.thing'"),  # not imported
    # Checker: parameters and budgets.
    ("namespace a;\ninterface i { call m(x: u8, x: u16); };",
     "bad.ipc:2:29: duplicate parameter 'x'"),
    ("namespace a;\ninterface i { call m(x: u8) -> (x: u8); };",
     "bad.ipc:2:33: duplicate parameter 'x'"),
    ("namespace a;\ninterface i { call m(d: bytes<4>, d_len: u8); };",
     "bad.ipc:2:35: 'd_len' is both a parameter and the length of 'd'"),
    ("namespace a;\ninterface i { call m(ep: u8); };",
     "bad.ipc:2:22: 'ep' is reserved: choose another name"),
    ("namespace a;\ninterface i { call m(int: u8); };",
     "bad.ipc:2:22: 'int' is reserved: choose another name"),
    ("namespace a;\ninterface i { call m(ipc_x: u8); };",
     "bad.ipc:2:22: 'ipc_x' is reserved: choose another name"),
    ("namespace a;\ninterface i { call m(a: string<256>, b: string<256>); };",
     "bad.ipc:2:20: 'm': parameters take up to 66 words, more than the 64 of a message"),
    ("namespace a;\ninterface i { call m() -> (a: bytes<504>, b: u8); };",
     "bad.ipc:2:20: 'm': results take up to 65 words, more than the 64 of a message"),
    ("namespace a;\ninterface i { call m(a: cap<page>[3], b: cap<task>, c: cap<task>); };",
     "bad.ipc:2:20: 'm': parameters carry up to 5 capabilities, more than the 4 of a message"),
    # Checker: methods, interfaces, errors.
    ("namespace a;\ninterface i { call m(); event m(); };", "bad.ipc:2:31: duplicate method 'm'"),
    ("namespace a;\ninterface i { call register(x: u8); };",
     "bad.ipc:2:20: method name 'register' is a C keyword: choose another name"),
    ("namespace a;\ninterface i { call serve(); };",
     "bad.ipc:2:20: method name 'serve' clashes with a generated function"),
    ("namespace a;\ninterface i { call m_reply(); call m(); };",
     "bad.ipc:2:20: method name 'm_reply' clashes with a generated function"),
    ("namespace a;\ninterface i { call m(); call m_handle(); };",
     "bad.ipc:2:30: method name 'm_handle' clashes with a generated function"),
    ("namespace a;\ninterface i { call m(); };\ninterface j : i { call m(); };",
     "bad.ipc:3:24: 'm' is already a method of a.i"),
    ("namespace a;\ninterface i : nothing {};", "bad.ipc:2:15: unknown interface 'nothing'"),
    ("namespace a;\nenum e : u8 { A };\ninterface i : e {};",
     "bad.ipc:3:15: 'e' is an enum, not an interface"),
    ("namespace a;\ninterface i : j {};\ninterface j : i {};",
     "bad.ipc:2:1: interface 'i' inherits from itself"),
    ("namespace a;\ninterface i raises nothing {};", "bad.ipc:2:20: unknown error enum 'nothing'"),
    ("namespace a;\ninterface i raises i {};", "bad.ipc:2:20: 'i' is an interface, not an enum"),
    ("namespace a;\nenum e : u32 { A = 255 };\ninterface i raises e {};",
     "bad.ipc:3:20: error enum 'e': 'A' = 255 is below 256 (0-255 are enum helios_error's)"),
    ("namespace a;\nenum e : u32 { A };\ninterface i { call m() raises e; };",
     "bad.ipc:3:31: error enum 'e': 'A' = 0 is below 256 (0-255 are enum helios_error's)"),
    # Checker: explicit labels.
    ("namespace a;\ninterface i { call m() = 0xff; };",
     "bad.ipc:2:26: label 0xff is not 0x100-0xffff (explicit labels are the kernel's: "
     "HELIOS_METHOD(type, n))"),
    ("namespace a;\ninterface i { call m() = 0x10000; };",
     "bad.ipc:2:26: label 0x10000 is not 0x100-0xffff (explicit labels are the kernel's: "
     "HELIOS_METHOD(type, n))"),
    ("namespace a;\ninterface i { call a() = 0x101; call b() = 0x101; };",
     "bad.ipc:2:44: label 0x101 of 'b' is that of 'a'"),
    ("namespace a;\ninterface i { call a() = 0x101; };\ninterface j : i { call b() = 0x101; };",
     "bad.ipc:3:30: label 0x101 of 'b' is that of 'a'"),
    # Checker: errors that carry results.
    ("namespace a;\ninterface i { call m() raises NOPE(x: u8); };",
     "bad.ipc:2:31: unknown error 'NOPE': a member of enum helios_error (such as "
     "MISSING_TABLES) or error_enum.MEMBER"),
    ("namespace a;\nenum e : u32 { A = 256 };\ninterface i { call m() raises e.B(x: u8); };",
     "bad.ipc:3:31: 'B' is not a member of 'e'"),
    ("namespace a;\nenum e : u32 { A = 5 };\ninterface i { call m() raises e.A(x: u8); };",
     "bad.ipc:3:31: error enum 'e': 'A' = 5 is below 256 (0-255 are enum helios_error's)"),
    ("namespace a;\ninterface i { call m() raises NOMEM(s: string<4>); };",
     "bad.ipc:2:37: 's': an error's results are integers, bools, enums or caddrs"),
    ("namespace a;\ninterface i { call m() raises NOMEM(a: u8, b: u8, c: u8, d: u8, e: u8); };",
     "bad.ipc:2:31: 'NOMEM' carries 5 results, more than the 4 registers"),
    ("namespace a;\ninterface i { call m() raises NOMEM(a: u8), NOMEM(b: u8); };",
     "bad.ipc:2:45: 'NOMEM' is raised twice"),
    ("namespace a;\ninterface i { call m(a: u8) raises NOMEM(a: u8); };",
     "bad.ipc:2:42: duplicate parameter 'a'"),
]


class Files:
    """A temporary root with other.ipc and the given bad.ipc."""

    def __init__(self, text):
        self.dir = tempfile.TemporaryDirectory()
        for name, body in [("other.ipc", OTHER), ("bad.ipc", text)]:
            with open(os.path.join(self.dir.name, name), "w") as f:
                f.write(body)

    def __enter__(self):
        return self.dir.name

    def __exit__(self, *_):
        self.dir.cleanup()


def checked(text):
    with Files(text) as root:
        files, imports = load("bad.ipc", root)
        checker.check(files, imports)
        return files[-1]


class FnvTest(unittest.TestCase):
    def test_known_values(self):
        # The FNV-1a reference vectors (Fowler, Noll, Vo).
        self.assertEqual(fnv1a32(""), 0x811C9DC5)
        self.assertEqual(fnv1a32("a"), 0xE40C292C)
        self.assertEqual(fnv1a32("foobar"), 0xBF9CF968)

    def test_interface_id_is_the_hash_of_its_qualified_name(self):
        f = checked(GOOD)
        echo = f.decls[2]
        self.assertEqual(echo.id, fnv1a32("demo.io.echo"))
        self.assertEqual(echo.id, 0x8FBDF4EF)


class ParseTest(unittest.TestCase):
    def test_good_file(self):
        f = parse(GOOD, "good.ipc")
        self.assertEqual(str(f.namespace), "demo.io")
        self.assertEqual([i for i, _ in f.imports], ["other.ipc"])
        color, err, echo, loud, obj = f.decls
        self.assertEqual([(m.name, m.value) for m in color.members],
                         [("RED", None), ("GREEN", 5), ("BLUE", None)])
        self.assertEqual(color.base.name, "u8")
        self.assertEqual(str(echo.raises), "err")
        ping, give, ring = echo.methods
        self.assertEqual((ping.kind, ping.name), ("call", "ping"))
        self.assertEqual([p.name for p in ping.params], ["value"])
        self.assertEqual([p.name for p in ping.results], ["result"])
        self.assertIsInstance(give.params[0].type, model.CapType)
        self.assertEqual(give.params[0].type.count, 2)
        self.assertEqual(str(give.params[1].type.target), "other.thing")
        self.assertEqual((give.params[2].type.kind, give.params[2].type.size), ("string", 8))
        self.assertEqual((give.params[3].type.kind, give.params[3].type.size), ("bytes", 9))
        self.assertEqual(give.results, [])
        self.assertEqual([(str(r.name), r.results) for r in give.raises], [("other.oops", None)])
        self.assertEqual(ring.kind, "event")
        self.assertEqual(str(loud.base), "echo")
        self.assertEqual(ping.pos.line, 6)
        self.assertEqual(ping.pos.column, 10)
        self.assertIsNone(ping.label)
        mp, words, plain = obj.methods
        self.assertEqual(mp.label.value, 0x1F01)
        self.assertEqual(str(mp.params[0].type.target), "vspace")
        self.assertIsInstance(mp.results[0].type, model.CaddrType)
        self.assertIsNone(mp.results[0].type.target)
        self.assertEqual([(str(r.name), [p.name for p in r.results]) for r in mp.raises],
                         [("MISSING_TABLES", ["level"]), ("err.BROKEN", ["why"])])
        self.assertEqual((words.params[0].type.name, words.results[0].type.name),
                         ("helios_regs", "helios_memory_info"))


class CheckTest(unittest.TestCase):
    def test_resolution_and_numbers(self):
        f = checked(GOOD)
        color, err, echo, loud, obj = f.decls
        self.assertEqual([m.value for m in color.members], [0, 5, 6])
        ping, give, ring = echo.methods
        self.assertEqual([m.number for m in echo.methods], [1, 2, 3])
        self.assertEqual(loud.methods[0].number, 1)
        self.assertIs(loud.base, echo)
        self.assertEqual(give.params[0].type.kernel_type, "PAGE")
        self.assertEqual(give.params[1].type.kernel_type, "ENDPOINT")
        self.assertEqual([e.name for e in give.errors], ["err", "oops"])
        self.assertEqual([e.name for e in ping.errors], ["err"])
        self.assertEqual(ring.errors, [])  # events have no reply
        self.assertIs(ring.params[0].type.enum, color)
        self.assertEqual([m.name for m in checker.all_methods(loud)],
                         ["ping", "give", "ring", "shout"])

    def test_kernel_style_methods(self):
        obj = checked(GOOD).decls[4]
        mp, words, plain = obj.methods
        self.assertEqual(mp.params[0].type.kernel_type, "VSPACE")
        self.assertEqual([(er.enum and er.enum.name, er.member, [p.name for p in er.results])
                          for er in mp.error_results],
                         [(None, "MISSING_TABLES", ["level"]), ("err", "BROKEN", ["why"])])
        self.assertEqual([e.name for e in mp.errors], ["err"])  # BROKEN's enum is raised
        self.assertEqual(plain.number, 3)  # numbered all the same, labelled by the id
        self.assertIsNone(plain.label)

    def test_error_table(self):
        for text, want in ERRORS:
            with self.subTest(want=want):
                with self.assertRaises(IpcError) as caught:
                    checked(text)
                self.assertEqual(str(caught.exception), want)

    def test_command_line_reports_and_fails(self):
        with Files("namespace a;\n@") as root:
            r = subprocess.run([sys.executable, TOOL, "bad.ipc", "--root", root],
                               capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "bad.ipc:2:1: unexpected character '@'\n")


class GenerateTest(unittest.TestCase):
    def generate(self):
        with Files(GOOD) as root:
            return compile_file("bad.ipc", root)

    def function(self, text, start):
        """The body of the function starting with `start` in text."""
        begin = text.index(start)
        return text[begin:text.index("\n}\n", begin)]

    def test_labels_and_ids(self):
        h, _, _ = self.generate()
        self.assertIn("#define DEMO_IO_ECHO_ID 0x8fbdf4efu", h)
        self.assertIn("#define DEMO_IO_ECHO_PING_LABEL ((uint64_t)DEMO_IO_ECHO_ID << 16 | 1)", h)
        self.assertIn("#define DEMO_IO_LOUD_SHOUT_LABEL ((uint64_t)DEMO_IO_LOUD_ID << 16 | 1)", h)
        self.assertIn('#include "other.ipc.h"', h)
        self.assertIn("#define DEMO_IO_OBJECT_MAP_LABEL ((uint64_t)0x1f01)", h)
        self.assertIn("#define DEMO_IO_OBJECT_PLAIN_LABEL ((uint64_t)DEMO_IO_OBJECT_ID << 16 | 3)",
                      h)

    def test_register_only_methods_are_inline_and_bufferless(self):
        h, c, s = self.generate()
        body = self.function(h, "static inline int demo_io_echo_ping(helios_caddr_t ep, "
                             "uint64_t value, uint64_t *result)")
        self.assertIn("ipcgen_call(ep, &ipc_m);", body)
        self.assertIn("\tif (result)\n\t\t*result = (uint64_t)ipc_m.p[0];", body)  # may be NULL
        self.assertNotIn("ipcgen_buffer", body)
        self.assertNotIn("ipcgen_message", body)
        self.assertNotIn("int demo_io_echo_ping(", c)  # no out-of-line twin

    def test_clients_and_servers_apart(self):
        _, c, s = self.generate()
        self.assertIn("int demo_io_echo_give(", c)
        self.assertNotIn("dispatch", c)
        self.assertNotIn("int demo_io_echo_give(", s)
        self.assertIn("int demo_io_echo_dispatch(", s)

    def test_kernel_style_client(self):
        h, c, _ = self.generate()
        self.assertIn("int demo_io_object_map(helios_caddr_t ep, helios_caddr_t space, "
                      "uint64_t at, helios_caddr_t *slot, uint32_t *level, uint8_t *why)", h)
        body = self.function(h, "static inline int demo_io_object_map(")
        for line in [
            "(uint64_t)(space), (uint64_t)(at), 0, 0 }",
            "\t\tif (helios_tag_label(ipc_m.tag) == HELIOS_ERR_MISSING_TABLES &&\n"
            "\t\t    (ipc_m.error == HELIOS_OK || ipc_m.error == HELIOS_ERR_MISSING_TABLES)) {",
            "\t\t\tif (ipc_m.tag != helios_tag(HELIOS_ERR_MISSING_TABLES, 1, 0))\n"
            "\t\t\t\treturn ipcgen_reply_malformed(ipc_m.tag);",
            "\t\t\tif (ipc_m.p[0] > UINT32_MAX)\n\t\t\t\treturn HELIOS_ERR_INVALID_PARAM;",
            "\t\tif (helios_tag_label(ipc_m.tag) == DEMO_IO_ERR_BROKEN &&",
            "\t\t\tif (ipc_m.p[0] > UINT8_MAX)",
            "\tif (ipc_m.p[0] > UINT32_MAX)\n\t\treturn HELIOS_ERR_INVALID_PARAM;",  # the slot
        ]:
            self.assertIn(line, body)
        self.assertIn("int demo_io_object_words(helios_caddr_t ep, const struct helios_regs *w, "
                      "struct helios_memory_info *r);", h)
        self.assertIn("HELIOS_STATIC_ASSERT(0 + (sizeof(struct helios_regs) / sizeof(uint64_t)) "
                      "<= HELIOS_MSG_MAX_PARAMS, \"parameters of demo_io_object_words fit a "
                      "message\");", h)
        body = self.function(c, "int demo_io_object_words(")
        self.assertIn("ipcgen_put_words(&ipc_m, w, (sizeof(struct helios_regs) / "
                      "sizeof(uint64_t)));", body)
        self.assertIn("ipcgen_get_words(&ipc_m, r, (sizeof(struct helios_memory_info) / "
                      "sizeof(uint64_t)));", body)

    def test_kernel_style_server(self):
        h, _, s = self.generate()
        self.assertIn("int demo_io_object_map_reply(helios_caddr_t reply, int error, "
                      "helios_caddr_t slot, uint32_t level, uint8_t why);", h)
        body = self.function(s, "static void demo_io_object_map_put_results(")
        self.assertIn("\tif (ipc_status == HELIOS_ERR_MISSING_TABLES) {\n"
                      "\t\tipcgen_put(ipc_m, (uint64_t)(level));\n\t}", body)
        self.assertIn("\tif (ipc_status == DEMO_IO_ERR_BROKEN) {", body)
        body = self.function(s, "int demo_io_object_map_handle(")
        self.assertIn("helios_caddr_t space = (helios_caddr_t)ipcgen_get_uint(ipc_m, UINT32_MAX);",
                      body)
        self.assertIn("demo_io_object_map_put_results(&req->out, ipc_status, slot, level, why);",
                      body)
        body = self.function(s, "int demo_io_object_words_handle(")
        self.assertIn("struct helios_regs ipc_struct_w = { 0 };\n"
                      "\tstruct helios_regs *w = &ipc_struct_w;\n"
                      "\tipcgen_get_words(ipc_m, w, (sizeof(struct helios_regs) / "
                      "sizeof(uint64_t)));", body)
        self.assertIn("\tcase DEMO_IO_OBJECT_MAP_LABEL:", s)

    def test_api(self):
        h, c, s = self.generate()
        for line in [
            "int demo_io_echo_give(helios_caddr_t ep, const helios_caddr_t *c, unsigned c_count, "
            "helios_caddr_t f, const char *s, const void *b, size_t b_len);",
            "typedef void demo_io_echo_ring_fn(void *ctx, const struct ipcgen_request *req, "
            "enum demo_io_color c);",
            "int demo_io_echo_ping_reply(helios_caddr_t reply, int error, uint64_t result);",
            "\tdemo_io_echo_ping_fn *ping;",
            "\tdemo_io_loud_shout_fn *shout;",
            "int demo_io_loud_dispatch(const struct demo_io_loud_server *impl, void *ctx, "
            "struct helios_msg *msg,",
            "\treturn demo_io_err_valid((int64_t)status) || other_oops_valid((int64_t)status);",
            "static inline const char *demo_io_err_name(int64_t value)",
            "\tcase DEMO_IO_ERR_BROKEN:\n\t\treturn \"BROKEN\";\n\tdefault:\n\t\treturn NULL;",
        ]:
            self.assertIn(line, h)
        self.assertNotIn("demo_io_echo_ring_reply", h)  # events are one-way
        self.assertIn("\tcase DEMO_IO_ECHO_PING_LABEL:", s)
        self.assertIn("ipcgen_get_caps(ipc_m, c, 2, HELIOS_CAP_PAGE)", s)
        self.assertIn("ipcgen_get_cap(ipc_m, HELIOS_CAP_ENDPOINT)", s)


if __name__ == "__main__":
    unittest.main()
