# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796172042.271288	192.0.2.1	40024	192.0.2.2	5024	1.275832	500	4500	RSTR	600	ShADadgrFf	17	1392	12	5120
