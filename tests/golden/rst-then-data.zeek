# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796166625.206023	192.0.2.1	40019	192.0.2.2	5019	0.101233	100	300	RSTO	300	ShADadgR	5	368	3	464
1796166631.207208	192.0.2.2	5019	192.0.2.1	40019	0.830583	50	0	RSTRH	0	DrT	4	408	4	160
