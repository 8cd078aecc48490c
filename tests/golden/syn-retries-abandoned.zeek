# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255239.119523	192.0.2.1	40012	192.0.2.2	5012	4.101914	0	0	S0	0	S	5	300	0	0
1795255244.245391	192.0.2.1	40012	192.0.2.2	5012	-	-	-	S0	0	S	1	60	0	0
