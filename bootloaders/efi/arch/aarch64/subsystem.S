/*
 * gnu-efi's aarch64 crt0 carries a hand-written PE header whose Subsystem field is the
 * symbol EFI_SUBSYSTEM, left to the link (gnu-efi's makefiles pass --defsym). Defined here
 * so the loader links with nothing but the objects: 10 = IMAGE_SUBSYSTEM_EFI_APPLICATION.
 */
	.global EFI_SUBSYSTEM
	.set EFI_SUBSYSTEM, 10
