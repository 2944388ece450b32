/**
 * The ports of a Service the operator creates, after the user's overrides: each name, number and
 * node port once (core `ValidateService`), naming both ports that clash.
 */
import { Testing } from 'cdk8s';
import { StarRocksCluster } from '../../src/cluster/cluster';
import { ServiceType } from '../../src/components/options';
import { renderServiceOptions } from '../../src/components/services';
import { propErrorOf } from '../util/errors';

const FE_PORTS = { 'http': 8030, 'rpc': 9020, 'query': 9030, 'edit-log': 9010 };

type PortOverride = { name?: string; containerPort?: number; port?: number; nodePort?: number };

function render(ports: PortOverride[], known: { [name: string]: number } | null = FE_PORTS) {
  return renderServiceOptions('fe.service', { type: ServiceType.NODE_PORT, ports }, known === null ? undefined : () => known, () => 'a known port');
}

describe('service ports', () => {
  test('accepts overrides that keep every number distinct', () => {
    expect(render([{ name: 'query', port: 19030, nodePort: 30030 }, { containerPort: 8030, port: 18030 }]).ports).toHaveLength(2);
    // swapping two numbers in one go is fine: the result has each once
    expect(() => render([{ name: 'http', port: 9030 }, { name: 'query', port: 8030 }])).not.toThrow();
  });

  test('fails for an override whose port clashes with a default port, naming both', () => {
    const e = propErrorOf(() => render([{ name: 'http', port: 9030 }]));
    expect(e.prop).toBe('fe.service.ports');
    expect(e.message).toBe('\'fe.service.ports\' must give each port of the Service its own number (the API server refuses two ports of one number), '
      + 'but fe.service.ports[0].port for http and its default port query (9030) are both 9030');
  });

  test('fails for two overrides with one port, naming both', () => {
    expect(propErrorOf(() => render([{ name: 'http', port: 7000 }, { name: 'rpc', port: 7000 }])).message)
      .toContain('but fe.service.ports[0].port for http and fe.service.ports[1].port for rpc are both 7000');
  });

  test('two overrides of one port both apply, the later port checked', () => {
    expect(() => render([{ name: 'query', nodePort: 30030 }, { containerPort: 9030, port: 19030 }])).not.toThrow();
    expect(propErrorOf(() => render([{ name: 'query', port: 19030 }, { containerPort: 9030, port: 8030 }])).message)
      .toContain('but fe.service.ports[1].port for query and its default port http (8030) are both 8030');
  });

  test('fails for two entries with one name or one nodePort, naming both', () => {
    expect(propErrorOf(() => render([{ name: 'query', port: 1 }, { name: 'query', port: 2 }], null)).message)
      .toBe('\'fe.service.ports[1]\' must be a port whose name differs from that of fe.service.ports[0] (the API server refuses a Service with two ports of one name), got "query"');
    expect(propErrorOf(() => render([{ name: 'query', nodePort: 30001 }, { name: 'http', nodePort: 30001 }])).message)
      .toContain('whose nodePort differs from that of fe.service.ports[0]');
  });

  test('fails for two entries with one port without the known ports', () => {
    expect(propErrorOf(() => render([{ name: 'query', port: 7 }, { name: 'http', port: 7 }], null)).prop).toBe('fe.service.ports[1]');
  });

  test('fails at synth for a component override clashing with its config\'s ports', () => {
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { be: { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'webserver', port: 9060 }] } } });
    expect(() => Testing.synth(chart)).toThrow(/be.service.ports.*be.service.ports\[0\].port for webserver and its default port be \(9060\) are both 9060/);
  });

  test('fails for FE proxy overrides with one nodePort', () => {
    const chart = Testing.chart();
    expect(() => {
      new StarRocksCluster(chart, 'Sr', { feProxy: { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'http-port', nodePort: 30080 }, { containerPort: 8080, nodePort: 30080 }] } } });
      Testing.synth(chart);
    }).toThrow(/feProxy.service.ports\[1\]' must be a port whose nodePort differs from that of feProxy.service.ports\[0\]/);
  });
});
