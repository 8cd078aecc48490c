# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
1795255257.040995	192.0.2.1	40015	192.0.2.2	5015	3.524779	100	300	SF	300	ShADadgFf	11	680	4	516
