# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255195.114390	192.0.2.1	40017	192.0.2.2	5017	0.802869	500	1500	SF	0	DadAFf	12	1124	8	1916
