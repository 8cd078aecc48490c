# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255193.411329	2001:db8::1	40009	2001:db8::2	5009	0.000086	0	0	REJ	0	Sr	1	80	1	60
