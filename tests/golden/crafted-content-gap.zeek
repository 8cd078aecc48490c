# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1704067200.001000	192.0.2.1	40001	192.0.2.2	80	0.086400	200	250	SF	150	ShADaGdgFf	6	348	5	408
1704067200.587500	192.0.2.1	40002	192.0.2.2	80	0.086400	200	300	SF	100	ShADadFGf	6	348	5	508
