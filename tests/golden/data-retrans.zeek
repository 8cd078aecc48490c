# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1796166636.047469	192.0.2.1	40020	192.0.2.2	5020	1.686526	100	300	SF	300	ShADTadgFf	10	1028	4	516
