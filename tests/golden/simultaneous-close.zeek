# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255205.693195	192.0.2.1	40006	192.0.2.2	5006	1.688219	100	300	SF	300	ShADadgFf	6	420	5	568
