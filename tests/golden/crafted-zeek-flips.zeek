# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1704067200.001000	192.0.2.1	40001	192.0.2.2	80	0.076400	100	300	SF	0	^hADadFf	5	300	5	508
1704067200.577500	192.0.2.1	40002	192.0.2.2	80	0.010000	0	0	REJ	0	Hr	1	48	1	40
1704067201.087500	192.0.2.1	40003	192.0.2.2	8443	0.076500	100	300	SF	0	Hs^ADadFf	6	348	5	508
