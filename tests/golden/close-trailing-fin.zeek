# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796166607.264576	192.0.2.1	40018	192.0.2.2	5018	0.145713	100	300	SF	300	ShADadgFf	11	680	9	776
1796166614.053722	192.0.2.2	5018	192.0.2.1	40018	0.000028	0	0	SH	0	Fa	1	52	1	52
1796166620.709752	192.0.2.2	5018	192.0.2.1	40018	0.000025	0	0	SH	0	Fa	1	52	1	52
