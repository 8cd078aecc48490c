/* segment_flags.h
 * Shorthands shared by the scenario tables of the core and of the Zeek
 * module: directions and TCP flag combinations.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_SEGMENT_FLAGS_H
#define TCPCONN_SEGMENT_FLAGS_H

#include "tcpconn_core.h"

/* Directions: the stream's first sender is direction 0. */
#define A 0
#define B 1

#define SYN  TC_SYN
#define SA   (TC_SYN | TC_ACK)
#define ACK  TC_ACK
#define PA   (TC_PSH | TC_ACK)
#define FA   (TC_FIN | TC_ACK)
#define FPA  (TC_FIN | TC_PSH | TC_ACK)
#define RST  TC_RST
#define RA   (TC_RST | TC_ACK)

#endif
