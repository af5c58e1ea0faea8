/*
 * The syscalls generated code makes, on the host: plain functions a test supplies (a fake
 * kernel), the seam that lets host tests run generated clients and servers. The Helios build's
 * transport/helios/ has the same names, inline over the runtime's syscalls.
 */
#ifndef IPCGEN_TRANSPORT_H
#define IPCGEN_TRANSPORT_H

#include <helios/abi.h>
#include <helios/rt/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

int ipcgen_call(helios_caddr_t ep, struct helios_msg *m);
int ipcgen_send(helios_caddr_t ep, struct helios_msg *m);
int ipcgen_recv(helios_caddr_t ep, struct helios_msg *m);
int ipcgen_replyrecv(helios_caddr_t ep, struct helios_msg *m);
struct helios_ipc_buffer *ipcgen_buffer(void);
int ipcgen_identify(helios_caddr_t slot, unsigned *type);
int ipcgen_delete(helios_caddr_t slot);
int ipcgen_save_reply(helios_caddr_t dest, helios_caddr_t *saved);

#ifdef __cplusplus
}
#endif

#endif
