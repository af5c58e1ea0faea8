"""EFI applications with gnu-efi: a position-independent shared object, linked with gnu-efi's
crt0 and linker script, turned into a PE image by objcopy."""

load("@llvm_config//:llvm.bzl", "GNU_OBJCOPY", "LLVM_NM", "LLVM_OBJCOPY")

_EFI_ARCHES = {
    # x86_64: GNU objcopy writes the PE headers (efi-app-x86_64).
    "x86_64": "{objcopy} -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela -j .rel.* -j .rela.* -j .reloc --target efi-app-x86_64 $< $@".format(objcopy = GNU_OBJCOPY),
    # aarch64: gnu-efi's crt0 carries a hand-made PE header in .text.head; a flat copy suffices.
    # --allow-broken-links: .dynamic refers to .dynstr, which is left out. The copy ends with
    # the last section, but the header's .data section runs to _edata (aligned to 512 bytes):
    # pad the file to that size, or AAVMF refuses the image ("Unsupported").
    "aarch64": ("{objcopy} --allow-broken-links -j .text -j .dynamic -j .data -j .rela.dyn -O binary $< $@ && " +
                "truncate -s $$((0x$$({nm} $< | awk '$$3 == \"_edata\" {{ print $$1 }}'))) $@").format(objcopy = LLVM_OBJCOPY, nm = LLVM_NM),
}

def efi_application(name, arch, srcs, deps = [], copts = [], visibility = None, **kwargs):
    """Builds <name>.efi for `arch` ("x86_64" or "aarch64") on //platforms:<arch>_efi."""
    gnu_efi = "@gnu_efi_%s//" % arch
    # -shared again as a linker flag: clang's bare-metal aarch64 driver drops -shared.
    # libefi.a (init.o) defines memset and memcpy, as //lib/base does: the first wins.
    linkopts = ["-Wl,-shared", "-Wl,--allow-multiple-definition"]
    extra_inputs = []
    if arch == "x86_64":
        # gnu-efi's x86_64 _relocate adds the load address to the value in memory and ignores
        # r_addend: lld must write link-time values there. And lld's .rela.dyn, which gnu-efi's
        # script does not name, must not land in the PE headers (OVMF: "Unsupported").
        rela = "//tools/rules:efi_x86_64_rela_dyn.lds"
        linkopts += ["-Wl,--apply-dynamic-relocs", "-Wl,-T,$(location %s)" % rela]
        extra_inputs.append(rela)
    native.cc_binary(
        name = name + ".so",
        srcs = srcs,
        deps = deps + [gnu_efi + ":headers", gnu_efi + ":libs"],
        copts = copts,
        linkshared = True,
        linkopts = [
            "-Wl,-Bsymbolic",
            "-Wl,-znocombreloc",
            "-Wl,-T,$(location %s:lds)" % gnu_efi,
            "$(location %s:crt0)" % gnu_efi,
        ] + linkopts,
        additional_linker_inputs = [gnu_efi + ":lds", gnu_efi + ":crt0"] + extra_inputs,
        target_compatible_with = ["@platforms//cpu:" + arch, "//platforms:efi"],
        **kwargs
    )
    native.genrule(
        name = name,
        srcs = [":" + name + ".so"],
        outs = [name + ".efi"],
        cmd = _EFI_ARCHES[arch],
        target_compatible_with = ["@platforms//cpu:" + arch, "//platforms:efi"],
        visibility = visibility,
    )
