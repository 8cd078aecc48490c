# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255185.480212	192.0.2.1	40003	192.0.2.2	5003	0.200438	100	0	SF	0	ShADaFf	5	368	3	164
