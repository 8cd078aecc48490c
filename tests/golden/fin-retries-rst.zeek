# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796166648.599246	192.0.2.1	40023	192.0.2.2	5023	0.026801	100	300	SF	300	ShADadgfF	14	836	4	516
1796166655.013715	192.0.2.1	40023	192.0.2.2	5023	-	-	-	SH	0	F	1	52	0	0
1796166661.413726	192.0.2.1	40023	192.0.2.2	5023	-	-	-	SH	0	F	1	52	0	0
1796166673.957704	192.0.2.1	40023	192.0.2.2	5023	0.004656	0	0	OTH	0	FR	2	104	0	0
