/*
 * The last steps of the aarch64 EFI loader, after ExitBootServices (docs/boot.md, "Machine
 * state at entry"). Runs from identity-mapped memory: the firmware maps RAM 1:1, the MMU can
 * be turned off and back on under our feet, and the code keeps running. Uses no memory.
 *
 * void aarch64_enter_kernel(uint64_t ttbr0, uint64_t ttbr1, uint64_t entry, uint64_t boot_info)
 *                           x0 identity root  x1 kernel root  x2             x3
 */

#define HCR_EL2_RW (1 << 31)      /* EL1 is AArch64; other bits 0 trap nothing, but: */
#define HCR_EL2_APK (1 << 40)     /* pointer authentication keys not trapped, */
#define HCR_EL2_API (1 << 41)     /* nor its instructions (PACGA traps even at EL0) */
#define ISAR1_PAUTH 0xff000ff0    /* ID_AA64ISAR1_EL1.GPI, GPA, API, APA: pointer authentication */
#define ISAR2_PAUTH 0xff00        /* ID_AA64ISAR2_EL1.APA3, GPA3 (QARMA3) */
#define ID_AA64ISAR2_EL1 S3_0_C0_C6_2 /* RAZ where ARMv8.0 had no such register */
#define CNTHCTL_EL1PCTEN (1 << 0) /* EL1 reads the physical counter... */
#define CNTHCTL_EL1PCEN (1 << 1)  /* ...and uses the physical timer */
#define CPTR_EL2_RES1 0x33ff      /* bits 13:12 and 9:0; TFP (bit 10) clear: FP/SIMD not trapped */
#define SPSR_EL1H_DAIF 0x3c5      /* M = EL1h (0b0101), D, A, I, F masked */
#define ICC_SRE_EL2 S3_4_C12_C9_5
#define ICC_SRE_EL2_SRE (1 << 0)    /* EL2 uses the system register interface... */
#define ICC_SRE_EL2_ENABLE (1 << 3) /* ...and lets EL1 use it */

/* SCTLR_EL1: bits 29, 28, 23, 22, 20 and 11 are RES1 on ARMv8.0 (Arm ARM D13.2.118). */
#define SCTLR_EL1_RES1 0x30d00800
#define SCTLR_M (1 << 0)  /* MMU */
#define SCTLR_C (1 << 2)  /* data cache */
#define SCTLR_I (1 << 12) /* instruction cache */

/* MAIR_EL1: attribute 0 = 0xff (normal, inner/outer write-back), attribute 1 = Device-nGnRnE. */
#define MAIR_VALUE 0x00ff

/*
 * TCR_EL1: T0SZ = T1SZ = 16 (48-bit halves), TG0 = 0b00 and TG1 = 0b10 (4 KiB granules),
 * IRGN/ORGN = 0b01 (write-back, write-allocate walks), SH = 0b11 (inner shareable).
 * IPS (bits 34:32) is added from ID_AA64MMFR0_EL1.PARange at run time.
 */
#define TCR_T0SZ (16 << 0)
#define TCR_IRGN0_WBWA (1 << 8)
#define TCR_ORGN0_WBWA (1 << 10)
#define TCR_SH0_INNER (3 << 12)
#define TCR_TG0_4K (0 << 14)
#define TCR_T1SZ (16 << 16)
#define TCR_IRGN1_WBWA (1 << 24)
#define TCR_ORGN1_WBWA (1 << 26)
#define TCR_SH1_INNER (3 << 28)
#define TCR_TG1_4K (2 << 30)
#define TCR_VALUE (TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K | \
		   TCR_T1SZ | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG1_4K)
#define TCR_IPS_SHIFT 32
#define PARANGE_48_BITS 5 /* the largest IPS a 4 KiB granule without LPA2 can use */

	.text
	.global aarch64_enter_kernel
	.type aarch64_enter_kernel, %function
aarch64_enter_kernel:
	msr	daifset, #0xf
	mrs	x9, CurrentEL
	ubfx	x9, x9, #2, #2
	cmp	x9, #2
	b.ne	at_el1

	/*
	 * At EL2: set up EL1 so nothing it does traps to us, then drop to it. Whatever traps to
	 * EL2 after that lands in the firmware's vectors, which nothing of ours handles: a task's
	 * PACGA would stop the machine.
	 */
	mov	x9, #HCR_EL2_RW
	mrs	x10, id_aa64isar1_el1
	ldr	x11, =ISAR1_PAUTH
	and	x10, x10, x11
	mrs	x11, ID_AA64ISAR2_EL1
	and	x11, x11, #ISAR2_PAUTH
	orr	x10, x10, x11
	cbz	x10, 2f
	orr	x9, x9, #(HCR_EL2_API | HCR_EL2_APK)
2:	msr	hcr_el2, x9
	isb
	mov	x9, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #CPTR_EL2_RES1
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	mrs	x9, midr_el1
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9
	/* With a GICv3 CPU interface (ID_AA64PFR0_EL1.GIC), let EL1 use its system registers. */
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #24, #4
	cbz	x9, 1f
	mrs	x9, ICC_SRE_EL2
	orr	x9, x9, #ICC_SRE_EL2_SRE
	orr	x9, x9, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x9
	isb
1:	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_DAIF
	msr	spsr_el2, x9
	adr	x9, at_el1
	msr	elr_el2, x9
	eret

at_el1:
	/* MMU off: fetches continue at the same (identity-mapped) addresses, now physical. */
	mrs	x9, sctlr_el1
	bic	x9, x9, #SCTLR_M
	msr	sctlr_el1, x9
	isb
	tlbi	vmalle1
	dsb	nsh
	isb

	ldr	x9, =MAIR_VALUE
	msr	mair_el1, x9
	mrs	x10, id_aa64mmfr0_el1
	and	x10, x10, #0xf
	cmp	x10, #PARANGE_48_BITS
	mov	x11, #PARANGE_48_BITS
	csel	x10, x10, x11, ls
	ldr	x9, =TCR_VALUE
	orr	x9, x9, x10, lsl #TCR_IPS_SHIFT
	msr	tcr_el1, x9
	msr	ttbr0_el1, x0
	msr	ttbr1_el1, x1
	isb

	ldr	x9, =(SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I)
	msr	sctlr_el1, x9
	isb
	ic	iallu
	dsb	nsh
	isb

	mov	x0, x3
	br	x2
	.size aarch64_enter_kernel, . - aarch64_enter_kernel
	.ltorg
