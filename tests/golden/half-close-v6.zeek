# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255987.836729	2001:db8::1	40004	2001:db8::2	5004	0.602718	100	400	SF	0	ShADaFdf	10	828	8	984
