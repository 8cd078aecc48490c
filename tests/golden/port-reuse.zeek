# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255262.331427	192.0.2.1	40016	192.0.2.2	5016	0.100613	100	300	RSTO	300	ShADadgR	5	368	3	464
1795255262.732415	192.0.2.1	40016	192.0.2.2	5016	0.000509	100	300	SF	300	ShADadgfF	5	368	5	568
1795255263.033267	192.0.2.1	40016	192.0.2.2	5016	0.000491	100	300	SF	300	ShADadgFf	6	420	4	516
