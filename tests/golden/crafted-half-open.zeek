# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1704067200.001000	192.0.2.1	40000	192.0.2.2	80	7.010000	0	0	S1	0	Sh	1	48	4	192
