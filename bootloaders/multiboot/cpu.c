/* Checking that the CPU can run the kernel before anything depends on it. */
#include <stdint.h>

#include "bootloaders/multiboot/loader.h"

#define CPUID_EXTENDED 0x80000000u
#define CPUID_FEATURES 1u             /* edx: */
#define FEATURE_PAE (1u << 6)
#define CPUID_EXTENDED_FEATURES 0x80000001u /* edx: */
#define FEATURE_NX (1u << 20)
#define FEATURE_LONG_MODE (1u << 29)

static void cpuid(uint32_t leaf, uint32_t *eax, uint32_t *edx)
{
	uint32_t ebx, ecx;
	__asm__ volatile("cpuid"
			 : "=a"(*eax), "=b"(ebx), "=c"(ecx), "=d"(*edx)
			 : "a"(leaf), "c"(0));
}

void cpu_check(void)
{
	uint32_t eax, edx;
	cpuid(CPUID_FEATURES, &eax, &edx);
	if (!(edx & FEATURE_PAE))
		loader_fail("this CPU has no PAE: it cannot run a 64-bit kernel");
	cpuid(CPUID_EXTENDED, &eax, &edx);
	if (eax < CPUID_EXTENDED_FEATURES)
		loader_fail("this CPU has no long mode: it cannot run a 64-bit kernel");
	cpuid(CPUID_EXTENDED_FEATURES, &eax, &edx);
	if (!(edx & FEATURE_LONG_MODE))
		loader_fail("this CPU has no long mode: it cannot run a 64-bit kernel");
	if (!(edx & FEATURE_NX))
		loader_fail("this CPU has no no-execute bit (NX), which the kernel needs");
}
