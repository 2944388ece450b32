/**
 * Storage of FE, BE and CN: the standard persistent volumes (meta, data, log, spill) with their
 * default sizes and paths, the StarRocks settings added for non-default paths, emptyDir and
 * hostPath volumes, and raw storage volumes.
 */
import { Size, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { warningsOf } from '../../src/common/warnings';
import { StarRocksConfig } from '../../src/config/config';
import { checkMountPath, renderStorageVolume } from '../../src/storage/storage';
import { describeShared, readShared } from '../util/shared';
import { find, synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

/** Builds cluster `sr` and returns the synthesized output, its CR spec and the warnings. */
function build(props: StarRocksClusterProps): { manifests: any[]; spec: any; warnings: string[]; cluster: StarRocksCluster } {
  const chart = Testing.chart();
  const cluster = new StarRocksCluster(chart, 'Sr', props);
  const manifests = synthValid(chart);
  return { manifests, spec: find(manifests, 'StarRocksCluster', 'sr').spec, warnings: warningsOf(chart), cluster };
}

describe('standard persistent volumes', () => {
  test('FE meta and log with the chart\'s default sizes and the operator\'s default paths', () => {
    // GIVEN / WHEN
    const { spec, warnings } = build({ fe: { metaStorage: {}, logStorage: {} } });

    // THEN
    expect(spec.starRocksFeSpec.storageVolumes).toStrictEqual([
      { name: 'fe-meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '10Gi' },
      { name: 'fe-log', mountPath: '/opt/starrocks/fe/log', storageSize: '5Gi' },
    ]);
    expect(warnings).toStrictEqual([]);
  });

  test('BE data, log and spill with the chart\'s default sizes and the operator\'s default paths', () => {
    // GIVEN / WHEN
    const { spec, warnings } = build({ be: { dataStorage: {}, logStorage: {}, spillStorage: {} } });

    // THEN
    expect(spec.starRocksBeSpec.storageVolumes).toStrictEqual([
      { name: 'be-data', mountPath: '/opt/starrocks/be/storage', storageSize: '1Ti' },
      { name: 'be-log', mountPath: '/opt/starrocks/be/log', storageSize: '20Gi' },
      { name: 'be-spill', mountPath: '/opt/starrocks/be/spill', storageSize: '0Gi' },
    ]);
    expect(warnings).toStrictEqual([]);
  });

  test('CN data, log and spill use the CN paths', () => {
    // GIVEN / WHEN
    const { spec } = build({ cn: { dataStorage: { size: Size.gibibytes(500) }, logStorage: {}, spillStorage: { size: Size.gibibytes(30) } } });

    // THEN
    expect(spec.starRocksCnSpec.storageVolumes).toStrictEqual([
      { name: 'cn-data', mountPath: '/opt/starrocks/cn/storage', storageSize: '500Gi' },
      { name: 'cn-log', mountPath: '/opt/starrocks/cn/log', storageSize: '20Gi' },
      { name: 'cn-spill', mountPath: '/opt/starrocks/cn/spill', storageSize: '30Gi' },
    ]);
  });

  test('storage class and size as given; the size is written in the unit it was given in', () => {
    // GIVEN / WHEN
    const { spec } = build({
      fe: { metaStorage: { storageClassName: 'fast-ssd', size: Size.gibibytes(20) }, logStorage: { storageClassName: 'standard', size: Size.mebibytes(8192) } },
    });

    // THEN
    expect(spec.starRocksFeSpec.storageVolumes).toStrictEqual([
      { name: 'fe-meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '20Gi', storageClassName: 'fast-ssd' },
      { name: 'fe-log', mountPath: '/opt/starrocks/fe/log', storageSize: '8192Mi', storageClassName: 'standard' },
    ]);
  });

  test('volumeNamePrefix names the volumes as the chart\'s storageSpec.name does', () => {
    // GIVEN / WHEN
    const { spec } = build({ fe: { volumeNamePrefix: 'starrocks', metaStorage: {} }, be: { volumeNamePrefix: 'data', dataStorage: {}, logStorage: {} } });

    // THEN
    expect(spec.starRocksFeSpec.storageVolumes).toStrictEqual([{ name: 'starrocks-meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '10Gi' }]);
    expect(spec.starRocksBeSpec.storageVolumes).toStrictEqual([
      { name: 'data-data', mountPath: '/opt/starrocks/be/storage', storageSize: '1Ti' },
      { name: 'data-log', mountPath: '/opt/starrocks/be/log', storageSize: '20Gi' },
    ]);
  });

  test('no storage options: no storageVolumes at all (the operator\'s emptyDirs)', () => {
    // GIVEN / WHEN
    const { spec } = build({ cn: {} });

    // THEN
    expect(spec.starRocksFeSpec).not.toHaveProperty('storageVolumes');
    expect(spec.starRocksBeSpec).not.toHaveProperty('storageVolumes');
    expect(spec.starRocksCnSpec).not.toHaveProperty('storageVolumes');
  });
});

describe('several data volumes (dataVolumeCount)', () => {
  test('names <prefix><i>-data mounted at <path><i>, and storage_root_path lists them all in an entries config', () => {
    // GIVEN / WHEN
    const { spec, manifests, warnings } = build({
      be: { config: StarRocksConfig.fromEntries({ be_port: '9060' }), dataStorage: { storageClassName: 'local-nvme', size: Size.tebibytes(2) }, dataVolumeCount: 3 },
    });

    // THEN
    expect(spec.starRocksBeSpec.storageVolumes).toStrictEqual([
      { name: 'be0-data', mountPath: '/opt/starrocks/be/storage0', storageSize: '2Ti', storageClassName: 'local-nvme' },
      { name: 'be1-data', mountPath: '/opt/starrocks/be/storage1', storageSize: '2Ti', storageClassName: 'local-nvme' },
      { name: 'be2-data', mountPath: '/opt/starrocks/be/storage2', storageSize: '2Ti', storageClassName: 'local-nvme' },
    ]);
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data['be.conf']).toBe(
      'be_port = 9060\nstorage_root_path = /opt/starrocks/be/storage0;/opt/starrocks/be/storage1;/opt/starrocks/be/storage2\n',
    );
    expect(warnings).toStrictEqual([]);
  });

  test('dataVolumeCount 1 is the single volume', () => {
    // GIVEN / WHEN
    const { spec } = build({ cn: { dataStorage: {}, dataVolumeCount: 1 } });

    // THEN
    expect(spec.starRocksCnSpec.storageVolumes).toStrictEqual([{ name: 'cn-data', mountPath: '/opt/starrocks/cn/storage', storageSize: '1Ti' }]);
  });

  test('fails for dataVolumeCount without dataStorage', () => {
    expect(() => new StarRocksCluster(Testing.chart(), 'Sr', { be: { dataVolumeCount: 2 } })).toThrow(/'be.dataVolumeCount' must be used together with dataStorage, got 2/);
  });

  test('fails for dataVolumeCount 0', () => {
    expect(() => new StarRocksCluster(Testing.chart(), 'Sr', { be: { dataStorage: {}, dataVolumeCount: 0 } })).toThrow(/'be.dataVolumeCount' must be a whole number from 1 to 64, got 0/);
  });
});

describe('StarRocks settings for non-default paths (V49)', () => {
  test('an entries config gets meta_dir and sys_log_dir for FE', () => {
    // GIVEN / WHEN
    const { manifests, spec, cluster } = build({
      fe: {
        config: StarRocksConfig.fromEntries({ query_port: '9030' }),
        metaStorage: { mountPath: '/opt/starrocks/fe/meta-data' },
        logStorage: { mountPath: '/opt/starrocks/fe/logs' },
      },
    });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').data['fe.conf']).toBe(
      'meta_dir = /opt/starrocks/fe/meta-data\nquery_port = 9030\nsys_log_dir = /opt/starrocks/fe/logs\n',
    );
    expect(spec.starRocksFeSpec.annotations['app.starrocks.io/fe-config-hash']).toBe(cluster.fe.config!.hash);
    expect(cluster.fe.config!.get('meta_dir')).toBe('/opt/starrocks/fe/meta-data');
  });

  test('an entries config gets storage_root_path, sys_log_dir and spill_local_storage_dir for CN', () => {
    // GIVEN / WHEN
    const { manifests } = build({
      cn: {
        config: StarRocksConfig.fromEntries({}),
        dataStorage: { mountPath: '/opt/starrocks/cn/cache' },
        logStorage: { mountPath: '/opt/starrocks/cn/logs' },
        spillStorage: { mountPath: '/opt/starrocks/cn/spill-data', size: Size.gibibytes(30) },
      },
    });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-cn-cm').data['cn.conf']).toBe([
      'spill_local_storage_dir = /opt/starrocks/cn/spill-data',
      'storage_root_path = /opt/starrocks/cn/cache',
      'sys_log_dir = /opt/starrocks/cn/logs',
      '',
    ].join('\n'));
  });

  test('an entries config that already sets the key to the path is left as it is', () => {
    // GIVEN / WHEN
    const { manifests, warnings } = build({
      be: { config: StarRocksConfig.fromEntries({ storage_root_path: '/data' }), dataStorage: { mountPath: '/data' } },
    });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data['be.conf']).toBe('storage_root_path = /data\n');
    expect(warnings).toStrictEqual([]);
  });

  test('a text config is not changed; a warning names the key to set', () => {
    // GIVEN
    const text = '# my be.conf\nbe_port = 9060\n';

    // WHEN
    const { manifests, warnings } = build({ be: { config: StarRocksConfig.fromText(text), dataStorage: { mountPath: '/data' } } });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data['be.conf']).toBe(text);
    expect(warnings).toContainEqual(expect.stringMatching(/'be.dataStorage.mountPath' is \/data, which is not the default; set storage_root_path = \/data in be.conf/));
  });

  test('without any config a warning names the key to set', () => {
    // GIVEN / WHEN
    const { manifests, warnings } = build({ fe: { logStorage: { mountPath: '/logs' } } });

    // THEN
    expect(manifests.filter((o) => o.kind === 'ConfigMap')).toStrictEqual([]);
    expect(warnings).toContainEqual(expect.stringMatching(/'fe.logStorage.mountPath' is \/logs, .*set sys_log_dir = \/logs in fe.conf/));
  });

  test('default paths need no setting', () => {
    // GIVEN / WHEN
    const { manifests, warnings } = build({ be: { config: StarRocksConfig.fromEntries({ sys_log_level: 'INFO' }), dataStorage: {}, logStorage: {}, spillStorage: {} } });

    // THEN
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data['be.conf']).toBe('sys_log_level = INFO\n');
    expect(warnings).toStrictEqual([]);
  });
});

describe('emptyDir, hostPath and raw storage volumes', () => {
  test('emptyDirs become storage class emptyDir', () => {
    // GIVEN / WHEN
    const { spec } = build({ fe: { emptyDirs: [{ name: 'scratch', mountPath: '/scratch' }, { name: 'tmp', mountPath: '/tmp' }] } });

    // THEN
    expect(spec.starRocksFeSpec.storageVolumes).toStrictEqual([
      { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptyDir' },
      { name: 'tmp', mountPath: '/tmp', storageClassName: 'emptyDir' },
    ]);
  });

  test('hostPaths become storage class hostPath with the node path and type', () => {
    // GIVEN / WHEN
    const { spec } = build({
      be: {
        hostPaths: [
          { name: 'disk1', mountPath: '/disk1', path: '/mnt/disk1', type: 'DirectoryOrCreate' },
          { name: 'disk2', mountPath: '/disk2', path: '/mnt/disk2' },
        ],
      },
    });

    // THEN
    expect(spec.starRocksBeSpec.storageVolumes).toStrictEqual([
      { name: 'disk1', mountPath: '/disk1', storageClassName: 'hostPath', hostPath: { path: '/mnt/disk1', type: 'DirectoryOrCreate' } },
      { name: 'disk2', mountPath: '/disk2', storageClassName: 'hostPath', hostPath: { path: '/mnt/disk2' } },
    ]);
  });

  test('raw storage volumes pass through with class, size and subPath', () => {
    // GIVEN / WHEN
    const { spec } = build({
      cn: {
        storageVolumes: [
          { name: 'cache', mountPath: '/opt/starrocks/cn/storage', storageClassName: 'cache-ssd', storageSize: Size.gibibytes(500), subPath: 'cn' },
          { name: 'node-disk', mountPath: '/disk', hostPath: { path: '/mnt/disk', type: 'Directory' } },
          { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptydir' },
        ],
      },
    });

    // THEN
    expect(spec.starRocksCnSpec.storageVolumes).toStrictEqual([
      { name: 'cache', mountPath: '/opt/starrocks/cn/storage', storageClassName: 'cache-ssd', storageSize: '500Gi', subPath: 'cn' },
      { name: 'node-disk', mountPath: '/disk', hostPath: { path: '/mnt/disk', type: 'Directory' } },
      { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptydir' },
    ]);
  });

  test('order: standard volumes, then emptyDirs, hostPaths and raw storage volumes', () => {
    // GIVEN / WHEN
    const { spec } = build({
      be: {
        storageVolumes: [{ name: 'raw', mountPath: '/raw', storageClassName: 'emptyDir' }],
        hostPaths: [{ name: 'host', mountPath: '/host', path: '/mnt/host' }],
        emptyDirs: [{ name: 'empty', mountPath: '/empty' }],
        spillStorage: {},
        dataStorage: {},
      },
    });

    // THEN
    expect(spec.starRocksBeSpec.storageVolumes.map((v: any) => v.name)).toStrictEqual(['be-data', 'be-spill', 'empty', 'host', 'raw']);
  });

  test('the caller\'s volume list is copied', () => {
    // GIVEN
    const emptyDirs = [{ name: 'scratch', mountPath: '/scratch' }];
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { fe: { emptyDirs } });

    // WHEN
    emptyDirs.push({ name: 'later', mountPath: '/later' });

    // THEN
    expect(find(synthValid(chart), 'StarRocksCluster', 'sr').spec.starRocksFeSpec.storageVolumes).toStrictEqual([
      { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptyDir' },
    ]);
  });
});

describe('renderStorageVolume and checkMountPath', () => {
  test('a claim with a size', () => {
    expect(renderStorageVolume('x', { name: 'v', mountPath: '/v', storageSize: Size.gibibytes(1) })).toStrictEqual({ name: 'v', mountPath: '/v', storageSize: '1Gi' });
  });

  test('fails for a relative mount path', () => {
    expect(() => renderStorageVolume('fe.storageVolumes[0]', { name: 'v', mountPath: 'v', storageClassName: 'emptyDir' })).toThrow(/'fe.storageVolumes\[0\].mountPath' must be an absolute path without ":" or ".." segments, got "v"/);
  });

  test.each(['/a', '/opt/starrocks/be/storage', '/a/b.c/d..e', '/'])('checkMountPath accepts %j', (p) => {
    expect(checkMountPath('p', p)).toBe(p);
  });

  test.each(['', 'a/b', '/a/../b', '/a/..', '/a:b', 'C:/x'])('checkMountPath fails for %j', (p) => {
    expect(() => checkMountPath('fe.emptyDirs[0].mountPath', p)).toThrow(new RegExp(`'fe.emptyDirs\\[0\\].mountPath' must be an absolute path without ":" or ".." segments, got ${JSON.stringify(p).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });
});

describeShared('parity with the kube-starrocks chart (conformance case 07-storage)', () => {
  test('the same storageSpec settings give the chart\'s storageVolumes', () => {
    // GIVEN
    const expected = YAML.parseAllDocuments(readShared('conformance/cases/07-storage/expected.yaml')).map((d) => d.toJS()).filter((d) => d);
    const theirs = find(expected, 'StarRocksCluster', 'kube-starrocks').spec;

    // WHEN
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', {
      name: 'kube-starrocks',
      fe: {
        metaStorage: { storageClassName: 'fast-ssd', size: Size.gibibytes(20), mountPath: '/opt/starrocks/fe/meta-data' },
        logStorage: { storageClassName: 'standard', size: Size.gibibytes(8), mountPath: '/opt/starrocks/fe/logs' },
      },
      be: {
        dataStorage: { storageClassName: 'local-nvme', size: Size.tebibytes(2), mountPath: '/opt/starrocks/be/storage' },
        dataVolumeCount: 3,
        logStorage: { storageClassName: 'standard', size: Size.gibibytes(50), mountPath: '/opt/starrocks/be/logs' },
        spillStorage: { storageClassName: 'scratch', size: Size.gibibytes(100), mountPath: '/opt/starrocks/be/spill-data' },
      },
      cn: {
        dataStorage: { storageClassName: 'cache-ssd', size: Size.gibibytes(500), mountPath: '/opt/starrocks/cn/cache' },
        logStorage: { storageClassName: 'standard', size: Size.gibibytes(10), mountPath: '/opt/starrocks/cn/logs' },
        spillStorage: { storageClassName: 'scratch', size: Size.gibibytes(30), mountPath: '/opt/starrocks/cn/spill-data' },
      },
    });
    const ours = find(synthValid(chart), 'StarRocksCluster', 'kube-starrocks').spec;

    // THEN
    expect(ours.starRocksFeSpec.storageVolumes).toStrictEqual(theirs.starRocksFeSpec.storageVolumes);
    expect(ours.starRocksBeSpec.storageVolumes).toStrictEqual(theirs.starRocksBeSpec.storageVolumes);
    expect(ours.starRocksCnSpec.storageVolumes).toStrictEqual(theirs.starRocksCnSpec.storageVolumes);
  });
});
