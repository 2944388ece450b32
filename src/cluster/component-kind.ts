/** The parts of a StarRocks cluster that run as their own pods. */
export enum ComponentKind {
  /** The frontend: metadata, SQL parsing and planning. */
  FE = 'fe',
  /** The backend: storage and execution (shared-nothing clusters). */
  BE = 'be',
  /** The compute node: execution without local data (shared-data clusters, warehouses). */
  CN = 'cn',
  /** The FE proxy: nginx in front of the FE HTTP port. */
  FE_PROXY = 'fe-proxy',
}

/**
 * The ports of a component, by the names the operator gives them on the component's Services.
 * Which ports a component has: FE `HTTP`, `RPC`, `QUERY`, `EDIT_LOG`; BE `BE`, `WEBSERVER`,
 * `HEARTBEAT`, `BRPC`; CN `THRIFT`, `WEBSERVER`, `HEARTBEAT`, `BRPC`; each also `ARROW_FLIGHT`
 * when its config sets `arrow_flight_port`.
 */
export enum StarRocksPort {
  /** FE HTTP port (`http_port`, default 8030); also serves `/metrics`. */
  HTTP = 'http',
  /** FE thrift RPC port (`rpc_port`, default 9020). */
  RPC = 'rpc',
  /** FE MySQL protocol port (`query_port`, default 9030). */
  QUERY = 'query',
  /** FE edit log port (`edit_log_port`, default 9010). */
  EDIT_LOG = 'edit-log',
  /** Arrow Flight SQL port (`arrow_flight_port`): only when the config sets it. */
  ARROW_FLIGHT = 'arrow-flight',
  /** BE thrift port (`be_port`, default 9060). */
  BE = 'be',
  /** BE/CN HTTP port (`webserver_port`, default 8040); also serves `/metrics`. */
  WEBSERVER = 'webserver',
  /** BE/CN heartbeat port (`heartbeat_service_port`, default 9050). */
  HEARTBEAT = 'heartbeat',
  /** BE/CN bRPC port (`brpc_port`, default 8060). */
  BRPC = 'brpc',
  /** CN thrift port (`thrift_port`, default 9060). */
  THRIFT = 'thrift',
}
