/**
 * The default cn.conf of the charts' values.yaml (kube-starrocks and warehouse 1.11.5), written
 * out here as the tests' own expectation (the operator's official examples use the same text).
 */
export const CHART_CN_CONF = [
  'sys_log_level = INFO',
  '# ports for admin, web, heartbeat service',
  'thrift_port = 9060',
  'webserver_port = 8040',
  'heartbeat_service_port = 9050',
  'brpc_port = 8060',
  '',
].join('\n');
