# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255201.659056	2001:db8::1	40005	2001:db8::2	5005	-	-	-	S0	0	S	1	80	0	0
1795255201.659120	2001:db8::2	5005	2001:db8::1	40005	-	-	-	S0	0	S	1	80	0	0
1795255202.677391	2001:db8::1	40005	2001:db8::2	5005	-	-	-	S0	0	S	1	80	0	0
1795255202.677421	2001:db8::2	5005	2001:db8::1	40005	-	-	-	S0	0	S	1	80	0	0
1795255203.701359	2001:db8::1	40005	2001:db8::2	5005	-	-	-	S0	0	S	1	80	0	0
1795255203.701411	2001:db8::2	5005	2001:db8::1	40005	0.301595	300	100	SF	300	ShaAdDGfF	7	832	6	552
