#!/usr/bin/env python3
"""Driver manifests in Python: the same grammar, limits and messages as the C parser
(mercury/manifest/parse.c, which the device manager uses) and the same ELF section lookup
(elf_section.c). The build checks manifests with it (embed.py) and the capability report
reads them with it (report.py). tests/cases.txt of mercury/manifest holds manifests and the
errors both parsers must give for them, word for word."""

import re
import struct

SECTION = ".ares.manifest"
SECTION_MAX = 4096
LINE_MAX = 127
NAME_MAX = 31
COMPATIBLE_MAX = 63
INTERFACE_MAX = 31
INSTANCE_MAX = 32
EACH_MAX = 8
BAR_MAX = 5
REG_MAX = 15
IRQ_MAX = 1023
PAGE_SIZE = 4096

_NAME = re.compile(r"[a-z0-9._-]+\Z")
_HEX = "0123456789abcdefABCDEF"
_COMPATIBLE = re.compile(r"[A-Za-z0-9,._+-]*\Z")
_INTERFACE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+\Z")
_DEVICE_KINDS = ("bar", "irq", "reg")


class Match:
    def __init__(self, kind, line, **fields):
        self.kind = kind  # "pci", "pci-class", "compatible" or "none"
        self.line = line
        self.vendor = self.device = None
        self.class_code = self.subclass = self.prog_if = None  # None: any
        self.compatible = None
        self.__dict__.update(fields)

    def describe(self):
        if self.kind == "pci":
            return "pci %04x:%04x" % (self.vendor, self.device)
        if self.kind == "pci-class":
            parts = ["%02x" % self.class_code]
            parts += ["*" if v is None else "%02x" % v for v in (self.subclass, self.prog_if)]
            return "pci-class " + "".join(parts)
        if self.kind == "compatible":
            return "compatible " + self.compatible
        return "none"


class Resource:
    def __init__(self, kind, line, number=0, first=0, last=0, base=0, size=0):
        # "device-bar", "device-irq", "device-reg", "ports", "irq" or "memory"
        self.kind = kind
        self.line = line
        self.number = number
        self.first, self.last = first, last
        self.base, self.size = base, size
        self.cap_name = ""

    @property
    def of_device(self):
        return self.kind.startswith("device-")


class Service:
    def __init__(self, interface, instance, line):
        self.interface = interface
        self.instance = instance  # "" when not given
        self.line = line


class Manifest:
    def __init__(self):
        self.driver = ""
        self.matches = []
        self.resources = []
        self.provides = []
        self.uses = []


def _fields(line):
    """base_split(line, " \\t\\r", '#'): the fields before a comment."""
    line = line.split("#", 1)[0]
    return [f for f in re.split(r"[ \t\r]+", line) if f]


def _number(field, base, maximum):
    """base_field_number: digits of `base` (16: an optional 0x first), at most `maximum`."""
    digits = field
    if base == 16 and len(field) > 2 and field[:2] in ("0x", "0X"):
        digits = field[2:]
    allowed = _HEX if base == 16 else "0123456789"
    if not digits or any(c not in allowed for c in digits):
        return None
    value = int(digits, base)
    return value if value <= maximum else None


def _fixed_hex(s):
    return int(s, 16) if s and all(c in _HEX for c in s) else None


def _parse_pci(field):
    if len(field) != 9 or field[4] != ":":
        return None
    vendor, device = _fixed_hex(field[:4]), _fixed_hex(field[5:])
    if vendor is None or device is None:
        return None
    return {"vendor": vendor, "device": device}


def _parse_pci_class(field):
    """CC, then SS or *, then PP or *: the fields of a pci-class match, or None."""
    values, at = [], 0
    for star in (False, True, True):
        if star and field[at:at + 1] == "*":
            values.append(None)
            at += 1
            continue
        value = _fixed_hex(field[at:at + 2]) if len(field) - at >= 2 else None
        if value is None:
            return None
        values.append(value)
        at += 2
    if at != len(field):
        return None
    return {"class_code": values[0], "subclass": values[1], "prog_if": values[2]}


class _Parser:
    def __init__(self):
        self.m = Manifest()

    def driver(self, f, line):
        if len(f) != 2:
            return "driver takes one NAME"
        if self.m.driver:
            return "driver named twice"
        if len(f[1]) > NAME_MAX:
            return "driver name longer than 31 bytes"
        if not _NAME.match(f[1]):
            return "driver name must be [a-z0-9._-]"
        self.m.driver = f[1]
        return None

    def match(self, f, line):
        if len(f) < 2:
            return "match needs a kind: pci, pci-class, compatible or none"
        if len(self.m.matches) == EACH_MAX:
            return "too many matches (at most 8)"
        kind = f[1]
        if kind == "none":
            if len(f) != 2:
                return "match none takes nothing"
            fields = {}
        elif kind == "pci":
            if len(f) != 3:
                return "match pci takes one VVVV:DDDD"
            fields = _parse_pci(f[2])
            if fields is None:
                return "match pci wants VVVV:DDDD (hex)"
        elif kind == "pci-class":
            if len(f) != 3:
                return "match pci-class takes one CCSSPP"
            fields = _parse_pci_class(f[2])
            if fields is None:
                return "match pci-class wants CCSSPP (hex; SS and PP may be *)"
        elif kind == "compatible":
            if len(f) != 3:
                return "match compatible takes one STRING"
            if len(f[2]) > COMPATIBLE_MAX:
                return "compatible string longer than 63 bytes"
            if not _COMPATIBLE.match(f[2]):
                return "compatible string must be [A-Za-z0-9,._+-]"
            fields = {"compatible": f[2]}
        else:
            return "unknown match kind (expected pci, pci-class, compatible or none)"
        self.m.matches.append(Match(kind, line, **fields))
        return None

    def _add(self, r):
        if len(self.m.resources) == EACH_MAX:
            return "too many resources (at most 8)"
        index = sum(1 for other in self.m.resources if other.kind == r.kind)
        r.cap_name = {
            "device-bar": "bar%d" % r.number,
            "device-irq": "irq",
            "device-reg": "reg%d" % r.number,
            "ports": "ports%d" % index,
            "irq": "irq%d" % r.number,
            "memory": "memory%d" % index,
        }[r.kind]
        if any(other.cap_name == r.cap_name for other in self.m.resources):
            return "resource already named"
        self.m.resources.append(r)
        return None

    def device(self, f, line):
        if len(f) < 2:
            return "device needs bar N, irq or reg N"
        number = 0
        if f[1] == "bar":
            if len(f) != 3:
                return "device bar takes one N"
            number = _number(f[2], 10, BAR_MAX)
            if number is None:
                return "BAR number must be 0 to 5"
        elif f[1] == "irq":
            if len(f) != 2:
                return "device irq takes nothing"
        elif f[1] == "reg":
            if len(f) != 3:
                return "device reg takes one N"
            number = _number(f[2], 10, REG_MAX)
            if number is None:
                return "reg number must be 0 to 15"
        else:
            return "unknown device resource (expected bar, irq or reg)"
        return self._add(Resource("device-" + f[1], line, number=number))

    def ports(self, f, line):
        if len(f) != 3:
            return "ports takes FIRST LAST"
        first, last = _number(f[1], 16, 0xFFFF), _number(f[2], 16, 0xFFFF)
        if first is None or last is None:
            return "ports must be hex 0 to ffff"
        if first > last:
            return "ports FIRST is above LAST"
        return self._add(Resource("ports", line, first=first, last=last))

    def irq(self, f, line):
        if len(f) != 2:
            return "irq takes one N"
        number = _number(f[1], 10, IRQ_MAX)
        if number is None:
            return "IRQ number must be 0 to 1023"
        return self._add(Resource("irq", line, number=number))

    def memory(self, f, line):
        if len(f) != 3:
            return "memory takes BASE SIZE"
        base, size = _number(f[1], 16, 2**64 - 1), _number(f[2], 16, 2**64 - 1)
        if base is None or size is None:
            return "memory BASE and SIZE must be hex"
        if size == 0:
            return "memory SIZE must not be 0"
        if base % PAGE_SIZE or size % PAGE_SIZE:
            return "memory BASE and SIZE must be page-aligned (4 KiB)"
        if base + size - 1 >= 2**64:
            return "memory region wraps around"
        return self._add(Resource("memory", line, base=base, size=size))

    def _service(self, f, line, services, usage, too_many, again):
        if len(f) < 2 or len(f) > 3:
            return usage
        if len(services) == EACH_MAX:
            return too_many
        if len(f[1]) > INTERFACE_MAX:
            return "interface name longer than 31 bytes"
        if not _INTERFACE.match(f[1]):
            return "interface name must be qualified (a.b, each part [A-Za-z_][A-Za-z0-9_]*)"
        instance = ""
        if len(f) == 3:
            if len(f[2]) > INSTANCE_MAX:
                return "instance name longer than 32 bytes"
            if not _NAME.match(f[2]):
                return "instance name must be [a-z0-9._-]"
            instance = f[2]
        if any(s.interface == f[1] for s in services):
            return again
        services.append(Service(f[1], instance, line))
        return None

    def provides(self, f, line):
        return self._service(f, line, self.m.provides, "provides takes INTERFACE [INSTANCE]",
                             "too many provides (at most 8)", "interface already provided")

    def uses(self, f, line):
        return self._service(f, line, self.m.uses, "uses takes INTERFACE [INSTANCE]",
                             "too many uses (at most 8)", "interface already used")

    STATEMENTS = ("driver", "match", "device", "ports", "irq", "memory", "provides", "uses")

    def line(self, text, number):
        if len(text.encode("utf-8", "surrogateescape")) > LINE_MAX:
            return "line longer than 127 bytes"
        if "\0" in text:
            return "NUL byte in line"
        f = _fields(text)
        if not f:
            return None
        if f[0] not in self.STATEMENTS:
            return ("unknown statement (expected driver, match, device, ports, irq, memory, "
                    "provides or uses)")
        if len(f) >= 4:
            return "too many fields"
        return getattr(self, f[0])(f, number)

    def whole(self):
        errors = []
        m = self.m
        if not m.driver:
            errors.append((0, "no driver statement"))
        if not m.matches:
            errors.append((0, "no match statement (a driver without a device says match none)"))
        if any(match.kind == "none" for match in m.matches):
            errors += [(match.line, "match none excludes every other match")
                       for match in m.matches if match.kind != "none"]
            errors += [(r.line, "device resources need a matched device (match none has none)")
                       for r in m.resources if r.of_device]
        return errors


def parse(data):
    """(Manifest, [(line, message)]) for the manifest text `data` (bytes or str); line 0 is
    the manifest as a whole. A manifest with any error is refused whole."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    p = _Parser()
    if len(data) >= SECTION_MAX:
        return p.m, [(0, "manifest longer than 4095 bytes")]
    errors = []
    lines = data.split(b"\n")
    if data.endswith(b"\n") or not data:
        lines.pop()  # base_next_line: no line after the last newline
    for number, raw in enumerate(lines, 1):
        if len(raw) > LINE_MAX:
            errors.append((number, "line longer than 127 bytes"))
            continue
        message = p.line(raw.decode("utf-8", "surrogateescape"), number)
        if message:
            errors.append((number, message))
    return p.m, errors + p.whole()


def format_error(line, message, prefix="manifest"):
    return "%s: %s" % (prefix, message) if line == 0 else "%s:%d: %s" % (prefix, line, message)


# --- The ELF side: elf_section.c's mercury_manifest_find, with its messages. ---

class ElfError(Exception):
    pass


NO_MANIFEST = "no .ares.manifest section"
_EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
_SHDR = struct.Struct("<IIQQQQIIQQ")
_SHT_NOBITS = 8
_SHN_XINDEX = 0xFFFF


def is_elf(data):
    return data[:4] == b"\x7fELF"


def find(data):
    """The manifest text (bytes, without its NUL) of the ELF64 file `data`; ElfError with
    elf_section.c's message if there is none or the file is malformed."""
    if len(data) < _EHDR.size:
        raise ElfError("file shorter than an ELF header")
    eh = _EHDR.unpack_from(data)
    ident, shoff, shentsize, shnum, shstrndx = eh[0], eh[6], eh[11], eh[12], eh[13]
    if ident[:4] != b"\x7fELF":
        raise ElfError("not an ELF file")
    if ident[4] != 2 or ident[5] != 1:
        raise ElfError("not a 64-bit little-endian ELF file")
    if shoff == 0:
        raise ElfError(NO_MANIFEST)
    size = len(data)

    def in_file(offset, length):
        return offset <= size and length <= size - offset

    if shentsize != _SHDR.size or not in_file(shoff, _SHDR.size):
        raise ElfError("section header table malformed or outside the file")

    def section(i):
        return _SHDR.unpack_from(data, shoff + i * _SHDR.size)

    first = section(0)
    count = shnum if shnum else first[5]
    if count == 0 or count > (size - shoff) // _SHDR.size:
        raise ElfError("section header table malformed or outside the file")
    names_index = first[6] if shstrndx == _SHN_XINDEX else shstrndx
    if names_index == 0 or names_index >= count:
        raise ElfError("section name table malformed or outside the file")
    names = section(names_index)
    if names[1] == _SHT_NOBITS or not in_file(names[4], names[5]):
        raise ElfError("section name table malformed or outside the file")
    wanted = SECTION.encode() + b"\0"
    found = None
    for i in range(1, count):
        sh = section(i)
        name = sh[0]
        if name < names[5] and names[5] - name >= len(wanted) and \
                data[names[4] + name:names[4] + name + len(wanted)] == wanted:
            if found is not None:
                raise ElfError("more than one .ares.manifest section")
            found = sh
    if found is None:
        raise ElfError(NO_MANIFEST)
    sh_type, offset, length = found[1], found[4], found[5]
    if sh_type == _SHT_NOBITS or length == 0 or not in_file(offset, length):
        raise ElfError(".ares.manifest section empty or outside the file")
    if length > SECTION_MAX:
        raise ElfError(".ares.manifest section larger than 4 KiB")
    text = data[offset:offset + length]
    if text[-1] != 0 or 0 in text[:-1]:
        raise ElfError("manifest not ending in its one NUL byte")
    return text[:-1]
