# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255213.096784	192.0.2.1	40010	192.0.2.2	5010	4.076590	0	0	S0	0	S	5	300	0	0
1795255218.197404	192.0.2.1	40010	192.0.2.2	5010	2.016759	100	300	SF	300	ShADadgFf	7	480	4	516
