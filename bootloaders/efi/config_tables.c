/*
 * What the firmware publishes for the OS: the device tree and the ACPI RSDP in the EFI
 * configuration table, and the framebuffer of the Graphics Output Protocol.
 */
#include <stdint.h>
#include <string.h>

#include "bootloaders/efi/loader.h"

/* The configuration table entry for `guid`, or 0. */
static uint64_t config_table(EFI_GUID guid)
{
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];
		if (memcmp(&t->VendorGuid, &guid, sizeof(guid)) == 0)
			return (uint64_t)(uintptr_t)t->VendorTable;
	}
	return 0;
}

uint64_t config_device_tree(void)
{
	return config_table((EFI_GUID)EFI_DTB_TABLE_GUID);
}

/* The ACPI 2.0 RSDP (which has the XSDT) when there is one, else the ACPI 1.0 one. */
uint64_t config_acpi_rsdp(void)
{
	uint64_t rsdp = config_table((EFI_GUID)ACPI_20_TABLE_GUID);
	return rsdp ? rsdp : config_table((EFI_GUID)ACPI_TABLE_GUID);
}

/* Where a channel mask's bits start and how many there are. */
static void mask_layout(uint32_t mask, uint8_t *shift, uint8_t *size)
{
	*shift = 0;
	*size = 0;
	if (mask == 0)
		return;
	while (!(mask & 1)) {
		mask >>= 1;
		(*shift)++;
	}
	while (mask & 1) {
		mask >>= 1;
		(*size)++;
	}
}

/* Bits a pixel takes: the highest bit any channel uses, rounded up to bytes. */
static uint16_t mask_bpp(const EFI_PIXEL_BITMASK *m)
{
	uint32_t all = m->RedMask | m->GreenMask | m->BlueMask | m->ReservedMask;
	uint16_t bits = 0;
	while (all) {
		all >>= 1;
		bits++;
	}
	return (uint16_t)((bits + 7) & ~7);
}

void config_framebuffer(struct helios_framebuffer *fb)
{
	EFI_GUID guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;
	memset(fb, 0, sizeof(*fb));
	EFI_STATUS status = uefi_call_wrapper(BS->LocateProtocol, 3, &guid, NULL, (void **)&gop);
	if (EFI_ERROR(status) || gop == NULL || gop->Mode == NULL || gop->Mode->Info == NULL)
		return;
	const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info = gop->Mode->Info;
	switch (info->PixelFormat) {
	case PixelRedGreenBlueReserved8BitPerColor:
		fb->red_shift = 0;
		fb->green_shift = 8;
		fb->blue_shift = 16;
		fb->red_size = fb->green_size = fb->blue_size = 8;
		fb->bpp = 32;
		break;
	case PixelBlueGreenRedReserved8BitPerColor:
		fb->blue_shift = 0;
		fb->green_shift = 8;
		fb->red_shift = 16;
		fb->red_size = fb->green_size = fb->blue_size = 8;
		fb->bpp = 32;
		break;
	case PixelBitMask:
		mask_layout(info->PixelInformation.RedMask, &fb->red_shift, &fb->red_size);
		mask_layout(info->PixelInformation.GreenMask, &fb->green_shift, &fb->green_size);
		mask_layout(info->PixelInformation.BlueMask, &fb->blue_shift, &fb->blue_size);
		fb->bpp = mask_bpp(&info->PixelInformation);
		break;
	default: /* PixelBltOnly: no framebuffer to write to */
		return;
	}
	if (fb->bpp == 0 || gop->Mode->FrameBufferBase == 0) {
		memset(fb, 0, sizeof(*fb));
		return;
	}
	fb->base = gop->Mode->FrameBufferBase;
	fb->width = info->HorizontalResolution;
	fb->height = info->VerticalResolution;
	fb->pitch = info->PixelsPerScanLine * (fb->bpp / 8);
	fb->format = HELIOS_FB_RGB;
}
