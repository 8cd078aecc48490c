# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796166641.239660	192.0.2.1	40021	192.0.2.2	5021	1.002479	24000	0	SF	23892	ShADaGwGFf	39	26036	22	1152
