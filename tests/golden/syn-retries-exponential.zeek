# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255221.894982	192.0.2.1	40011	192.0.2.2	5011	3.022393	0	0	S0	0	S	3	180	0	0
1795255229.077421	192.0.2.1	40011	192.0.2.2	5011	-	-	-	S0	0	S	1	60	0	0
