# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255189.263624	192.0.2.1	40004	192.0.2.2	5004	0.603903	100	400	SF	0	ShADaFdf	10	628	8	824
