/*
 * The names of the startup-block capabilities sysinit gives the programs of its configuration
 * (mercury/sysinit/README.md, the options of a `run` line), defined once for sysinit, which
 * grants them, and for the programs that look them up (the registry, the device manager).
 */
#ifndef MERCURY_CAPS_H
#define MERCURY_CAPS_H

#define MERCURY_CAP_ENDPOINT "endpoint"       /* `registry`: the registry's endpoint */
#define MERCURY_CAP_REGISTRY "registry"       /* `registry=BADGE`: a badged copy of it */
#define MERCURY_CAP_IO_CONTROL "io_control"   /* `hardware` (x86_64 only) */
#define MERCURY_CAP_IRQ_CONTROL "irq_control" /* `hardware` */
#define MERCURY_CAP_ASID_POOL "asid_pool"     /* `hardware`: for the tasks it starts */
#define MERCURY_CAP_DEVICE_MEMORY "device_memory" /* `hardware`: a range, init's order */
#define MERCURY_CAP_DEVICE_TREE "device_tree" /* `hardware`: a range of pages, if any */
/* `hardware`, aarch64: the console UART's page, device memory since CONSOLE_HAND_OVER */
#define MERCURY_CAP_CONSOLE_MEMORY "console_memory"
#define MERCURY_CAP_INITRAMFS "initramfs" /* `initramfs`: the archive's pages, read-only */

#endif
