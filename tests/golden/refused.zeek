# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255191.707280	192.0.2.1	40009	192.0.2.2	5009	0.000056	0	0	REJ	0	Sr	1	60	1	40
