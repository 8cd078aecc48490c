# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255179.167085	2001:db8::1	40001	2001:db8::2	5001	0.300642	100	300	SF	300	ShADadgFf	6	540	5	668
