"""The virtio-blk driver's manifest: the driver's and its test build's (tests/BUILD.bazel)."""

VIRTIO_BLK_MANIFEST = [
    "# virtio-blk, modern (1042) or transitional (1001) driven through its modern",
    "# interface: the virtio structures are in BAR 4 on QEMU (PCI_VENDOR_CAPS says where)",
    "driver virtio-blk",
    "match pci 1af4:1042",
    "match pci 1af4:1001",
    "device bar 4",
    "device irq",
    "provides venus.block",
]
