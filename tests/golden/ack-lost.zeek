# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255252.839728	192.0.2.1	40014	192.0.2.2	5014	2.401167	100	300	SF	300	ShADadgFf	7	472	5	576
