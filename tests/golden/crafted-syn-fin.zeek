# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1704067200.001000	192.0.2.1	40001	192.0.2.2	80	-	-	-	SH	0	Q	1	48	0	0
1704067201.001000	192.0.2.1	40001	192.0.2.2	80	-	-	-	SH	0	Q	1	48	0	0
1704067201.501000	192.0.2.1	40002	192.0.2.2	80	-	-	-	OTH	0	Q	1	48	0	0
1704067202.001000	192.0.2.1	40003	192.0.2.2	80	0.076200	60	200	SF	0	SThAdFaf	5	276	4	368
1704067202.577300	192.0.2.1	40004	192.0.2.2	80	0.085500	60	200	SF	0	SThADadFf	6	376	5	408
