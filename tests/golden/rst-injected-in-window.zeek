# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796172045.983164	192.0.2.1	40025	192.0.2.2	5025	1.279506	500	32855	RSTR	600	ShADadgrFf	18	1444	12	5120
