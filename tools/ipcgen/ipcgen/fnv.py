"""32-bit FNV-1a, the hash that names an interface: id = fnv1a32(qualified name)."""

FNV32_OFFSET = 0x811C9DC5
FNV32_PRIME = 0x01000193


def fnv1a32(text):
    h = FNV32_OFFSET
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * FNV32_PRIME) & 0xFFFFFFFF
    return h
