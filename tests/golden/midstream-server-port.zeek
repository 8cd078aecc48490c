# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796166645.730253	192.0.2.1	40022	192.0.2.2	8080	0.000226	100	400	SF	0	^dADaFf	4	308	4	608
