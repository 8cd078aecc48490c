# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255181.235453	192.0.2.1	40002	192.0.2.2	5002	0.300553	100	0	SF	0	ShADaFf	5	368	4	216
