# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255209.158804	192.0.2.1	40007	192.0.2.2	5007	0.100808	100	300	RSTO	300	ShADadgR	5	368	3	464
