# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255993.881279	2001:db8::1	40007	2001:db8::2	5007	0.103079	100	300	RSTO	300	ShADadgR	5	468	3	524
