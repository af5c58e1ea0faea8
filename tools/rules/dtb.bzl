"""Device trees for host tests, compiled by Debian's dtc (device-tree-compiler).

    DTBS = dtb_files(["virt", "no_pci"])

compiles dts/virt.dts to dts/virt.dtb (a genrule `virt_dtb`), and so on, and returns the
.dtb paths, for a test's `data`.
"""

def dtb_files(names):
    for name in names:
        native.genrule(
            name = name + "_dtb",
            srcs = ["dts/" + name + ".dts"],
            outs = ["dts/" + name + ".dtb"],
            cmd = "dtc -q -I dts -O dtb -o $@ $<",
        )
    return ["dts/" + name + ".dtb" for name in names]
