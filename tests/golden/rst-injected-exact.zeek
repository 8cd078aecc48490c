# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796172049.872062	192.0.2.1	40026	192.0.2.2	5026	0.522153	200	600	RSTR	600	ShADadgrR	9	640	8	4012
