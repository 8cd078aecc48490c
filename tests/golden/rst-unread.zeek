# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255210.999457	192.0.2.1	40008	192.0.2.2	5008	0.300404	100	0	RSTR	0	ShADar	3	264	3	164
