# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255990.278686	2001:db8::1	40006	2001:db8::2	5006	1.678771	100	300	SF	300	ShADadgFf	6	540	5	668
