/*
 * The parts of the NVMe base specification (1.4) the driver uses: controller registers,
 * submission and completion queue entries, admin and NVM opcodes, Identify data offsets.
 * Pure definitions, shared by the driver and its host tests.
 */
#ifndef VENUS_NVME_SPEC_H
#define VENUS_NVME_SPEC_H

#include <stdint.h>

/* Controller registers (BAR 0), byte offsets. */
#define NVME_REG_CAP 0x00  /* 64-bit: capabilities */
#define NVME_REG_VS 0x08   /* version */
#define NVME_REG_INTMS 0x0c /* interrupt mask set */
#define NVME_REG_INTMC 0x10 /* interrupt mask clear */
#define NVME_REG_CC 0x14   /* controller configuration */
#define NVME_REG_CSTS 0x1c /* controller status */
#define NVME_REG_AQA 0x24  /* admin queue sizes */
#define NVME_REG_ASQ 0x28  /* 64-bit: admin submission queue base */
#define NVME_REG_ACQ 0x30  /* 64-bit: admin completion queue base */
#define NVME_REG_DOORBELLS 0x1000

/* CAP fields. */
#define NVME_CAP_MQES(cap) ((uint32_t)((cap)&0xffff)) /* max queue entries, 0-based */
#define NVME_CAP_DSTRD(cap) ((uint32_t)(((cap) >> 32) & 0xf))
#define NVME_CAP_CSS_NVM(cap) (((cap) >> 37) & 1)
#define NVME_CAP_MPSMIN(cap) ((uint32_t)(((cap) >> 48) & 0xf))

/* CC fields. */
#define NVME_CC_EN (1u << 0)
#define NVME_CC_CSS_NVM (0u << 4)
#define NVME_CC_MPS_4K (0u << 7)
#define NVME_CC_IOSQES (6u << 16) /* 64-byte submission entries */
#define NVME_CC_IOCQES (4u << 20) /* 16-byte completion entries */

/* CSTS fields. */
#define NVME_CSTS_RDY (1u << 0)
#define NVME_CSTS_CFS (1u << 1) /* controller fatal status */

/* Admin opcodes. */
#define NVME_ADMIN_CREATE_SQ 0x01
#define NVME_ADMIN_CREATE_CQ 0x05
#define NVME_ADMIN_IDENTIFY 0x06
/* NVM opcodes. */
#define NVME_CMD_FLUSH 0x00
#define NVME_CMD_WRITE 0x01
#define NVME_CMD_READ 0x02

/* Identify CNS values. */
#define NVME_IDENTIFY_NAMESPACE 0x00
#define NVME_IDENTIFY_CONTROLLER 0x01

/* A submission queue entry. */
struct nvme_command {
	uint32_t cdw0; /* opcode (7:0), command id (31:16) */
	uint32_t nsid;
	uint32_t cdw2, cdw3;
	uint64_t mptr;
	uint64_t prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};
_Static_assert(sizeof(struct nvme_command) == 64, "NVMe submission entries are 64 bytes");

#define NVME_CDW0(opcode, cid) ((uint32_t)(opcode) | (uint32_t)(cid) << 16)

/* A completion queue entry. */
struct nvme_completion {
	uint32_t result;
	uint32_t reserved;
	uint16_t sq_head;
	uint16_t sq_id;
	uint16_t cid;
	uint16_t status; /* phase (bit 0), status code (8:1), status code type (11:9), ... */
};
_Static_assert(sizeof(struct nvme_completion) == 16, "NVMe completion entries are 16 bytes");

#define NVME_STATUS_PHASE(s) ((s)&1u)
#define NVME_STATUS_CODE(s) (((s) >> 1) & 0xffu)
#define NVME_STATUS_TYPE(s) (((s) >> 9) & 0x7u)

/* Identify data: 4 KiB. */
#define NVME_IDENTIFY_BYTES 4096
/* Controller. */
#define NVME_IDC_SERIAL 4 /* 20 bytes, ASCII, space padded */
#define NVME_IDC_SERIAL_LEN 20
#define NVME_IDC_MODEL 24 /* 40 bytes */
#define NVME_IDC_MODEL_LEN 40
#define NVME_IDC_MDTS 77 /* max data transfer: 2^n minimum pages, 0 = no limit */
#define NVME_IDC_NN 516  /* number of namespaces, 32-bit */
#define NVME_IDC_VWC 525 /* bit 0: a volatile write cache */
/* Namespace. */
#define NVME_IDN_NSZE 0   /* size in logical blocks, 64-bit */
#define NVME_IDN_NLBAF 25 /* number of LBA formats, 0-based */
#define NVME_IDN_FLBAS 26 /* bits 3:0: the format in use */
#define NVME_IDN_LBAF 128 /* 16 formats of 4 bytes: LBADS in bits 23:16 */
#define NVME_LBAF_COUNT 16

#endif
