# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255183.394560	2001:db8::1	40002	2001:db8::2	5002	0.300595	100	0	SF	0	ShADaFf	5	468	4	296
