# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255247.998480	192.0.2.1	40013	192.0.2.2	5013	3.063773	100	300	SF	300	ShADadgFf	9	600	8	756
