/**
 * The ports the operator derives from a component's config file, and the check that each has its
 * own number.
 */
import { checkDistinctPorts, derivePorts } from '../../src/components/ports';
import { StarRocksConfig } from '../../src/config/config';

describe('derivePorts', () => {
  test('defaults without a config', () => {
    expect(derivePorts('fe', undefined)).toStrictEqual({ 'http': 8030, 'rpc': 9020, 'query': 9030, 'edit-log': 9010 });
    expect(derivePorts('cn', undefined)).toStrictEqual({ thrift: 9060, webserver: 8040, heartbeat: 9050, brpc: 8060 });
  });

  test('the first config key of a port that is set wins; arrow flight only when configured', () => {
    // GIVEN
    const config = StarRocksConfig.fromEntries({ be_port: '9061', thrift_port: '9062', be_http_port: '8041', arrow_flight_port: '9408' });

    // WHEN
    const ports = derivePorts('cn', config);

    // THEN
    expect(ports).toStrictEqual({ 'thrift': 9062, 'webserver': 8041, 'heartbeat': 9050, 'brpc': 8060, 'arrow-flight': 9408 });
  });

  test('fails for a port that is not a number, naming the config key', () => {
    expect(() => derivePorts('be', StarRocksConfig.fromEntries({ brpc_port: '80a' }))).toThrow(/'be.config.brpc_port' must be a port number from 1 to 65535, got "80a"/);
  });

  test('lenient (rendering) takes the default for a port that is not a number', () => {
    // GIVEN
    const config = StarRocksConfig.fromEntries({ brpc_port: '80a', arrow_flight_port: '0' });

    // WHEN
    const ports = derivePorts('be', config, true);

    // THEN
    expect(ports).toStrictEqual({ be: 9060, webserver: 8040, heartbeat: 9050, brpc: 8060 });
  });
});

describe('checkDistinctPorts', () => {
  test('accepts distinct numbers', () => {
    expect(() => checkDistinctPorts('fe', { a: 1, b: 2 })).not.toThrow();
  });

  test('fails for two ports with one number, naming both', () => {
    expect(() => checkDistinctPorts('fe', { http: 9030, query: 9030 })).toThrow(/'fe.config' must be to give each port its own number .*http and query are both, got 9030/);
  });
});
