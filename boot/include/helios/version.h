#ifndef HELIOS_VERSION_H
#define HELIOS_VERSION_H

#define HELIOS_VERSION "0.1.0"

#endif
