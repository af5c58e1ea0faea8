"""EFI applications with gnu-efi: a position-independent shared object, linked with gnu-efi's
crt0 and linker script, turned into a PE image by objcopy."""

load("@llvm_config//:llvm.bzl", "GNU_OBJCOPY", "LLVM_OBJCOPY")

_EFI_ARCHES = {
    # x86_64: GNU objcopy writes the PE headers (efi-app-x86_64).
    "x86_64": "{objcopy} -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela -j .rel.* -j .rela.* -j .reloc --target efi-app-x86_64 $< $@".format(objcopy = GNU_OBJCOPY),
    # aarch64: gnu-efi's crt0 carries a hand-made PE header in .text.head; a flat copy suffices.
    "aarch64": "{objcopy} -j .text -j .dynamic -j .data -j .rela.dyn -j .rela.plt -j .rela.got -j .rela.data -O binary $< $@".format(objcopy = LLVM_OBJCOPY),
}

def efi_application(name, arch, srcs, deps = [], copts = [], visibility = None, **kwargs):
    """Builds <name>.efi for `arch` ("x86_64" or "aarch64") on //platforms:<arch>_efi."""
    gnu_efi = "@gnu_efi_%s//" % arch
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
        ],
        additional_linker_inputs = [gnu_efi + ":lds", gnu_efi + ":crt0"],
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
