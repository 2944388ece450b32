import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkBoolean, fail } from '../common/validate';
import { InitPasswordJob } from '../init-password/init-password-job';
import { StarRocksOperator } from '../operator/operator';

/** Argo CD's annotations. */
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const HOOK = 'argocd.argoproj.io/hook';
const HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
/** Flux's (kustomize-controller) annotations. */
const FLUX_PRUNE = 'kustomize.toolkit.fluxcd.io/prune';
const FLUX_FORCE = 'kustomize.toolkit.fluxcd.io/force';

/**
 * The Argo CD sync waves of the StarRocks objects. Argo CD applies a wave only when every object
 * of the waves before it is applied and healthy; objects without a wave are in wave 0.
 */
export interface ArgoCdSyncWaves {
  /**
   * Wave of the CustomResourceDefinitions (any CRD in the scope, e.g. those a `StarRocksOperator`
   * includes): before the operator, which only starts its warehouse controller if the
   * StarRocksWarehouse CRD exists.
   *
   * @default -2
   */
  readonly crds?: number;

  /**
   * Wave of the operator's objects (Deployment, ServiceAccount, RBAC). (Not called `operator`,
   * a reserved word in C#.)
   *
   * @default -1
   */
  readonly operatorObjects?: number;

  /**
   * Wave of each StarRocksCluster. Its ConfigMaps and Secrets stay in wave 0 and must not come
   * later: within a wave Argo CD applies ConfigMaps and Secrets before custom resources.
   *
   * @default 0
   */
  readonly clusters?: number;

  /**
   * Wave of each StarRocksWarehouse: after the cluster it belongs to.
   *
   * @default 1
   */
  readonly warehouses?: number;

  /**
   * Wave of the init-password Job. As a hook (the default) it orders the Job among the PostSync
   * hooks; otherwise among the objects, after the cluster and warehouses.
   *
   * @default 2
   */
  readonly initPasswordJob?: number;
}

/** Options of `StarRocksGitOps.argoCd`. */
export interface ArgoCdOptions {
  /**
   * The sync waves.
   *
   * @default - CRDs -2, operator -1, clusters 0, warehouses 1, init-password Job 2
   */
  readonly syncWaves?: ArgoCdSyncWaves;

  /**
   * Whether the init-password Job runs as an Argo CD `PostSync` hook: created after every object
   * of the sync is applied and healthy, deleted when it succeeds (`HookSucceeded`), replaced
   * before the next run if it failed (`BeforeHookCreation`). The Job is then never out of sync
   * and never re-applied (its pod template is immutable). Argo CD runs PostSync hooks after every
   * sync; the Job's script succeeds at once when root already has a password.
   *
   * @default true
   */
  readonly initPasswordJobAsHook?: boolean;

  /**
   * Whether CRDs carry the sync option `ServerSideApply=true`. The API server then merges the CRD
   * by field ownership, so each sync upgrades it in place (a CRD left at an old version silently
   * drops the fields a newer operator or cluster spec writes), and no copy of the object is kept in
   * the `kubectl.kubernetes.io/last-applied-configuration` annotation (118 KB for the
   * StarRocksCluster CRD of v1.11.5; all annotations of an object must stay under 256 KiB).
   *
   * @default true
   */
  readonly serverSideApplyCrds?: boolean;

  /**
   * Whether CRDs carry the sync option `Prune=false`, so that removing them from Git never
   * deletes them: deleting a CRD deletes every StarRocksCluster and StarRocksWarehouse.
   *
   * @default true
   */
  readonly keepCrdsOnPrune?: boolean;
}

/** Options of `StarRocksGitOps.flux`. */
export interface FluxOptions {
  /**
   * Whether CRDs carry `kustomize.toolkit.fluxcd.io/prune: disabled`, so that Flux never deletes
   * them when they leave the source: deleting a CRD deletes every StarRocksCluster and
   * StarRocksWarehouse. (Flux always applies server-side.)
   *
   * @default true
   */
  readonly keepCrdsOnPrune?: boolean;

  /**
   * Whether the init-password Job carries `kustomize.toolkit.fluxcd.io/force: enabled`, so that
   * Flux replaces it instead of failing when its (immutable) pod template changed. Flux re-creates
   * a deleted Job; the Job's script succeeds at once when root already has a password.
   *
   * @default true
   */
  readonly recreateInitPasswordJob?: boolean;
}

/** The place of an API object in the ordering. */
enum Place {
  CRD,
  OPERATOR,
  CLUSTER,
  WAREHOUSE,
  INIT_JOB,
}

/**
 * Annotations for GitOps tools on the StarRocks objects of a scope (an app or a chart): opt-in,
 * deterministic, and never replacing an annotation the object already has.
 *
 * Call it after the StarRocks constructs are defined; objects defined later are reported when
 * the app synthesizes.
 *
 * @example
 * import { Chart } from 'cdk8s';
 * import { OperatorCrdSource, StarRocksGitOps, StarRocksOperator } from 'cdk8s-starrocks';
 *
 * declare const chart: Chart;
 * new StarRocksOperator(chart, 'Operator', {
 *   crds: [OperatorCrdSource.fromFile('crds/starrocks.com_starrocksclusters.yaml')],
 * });
 * StarRocksGitOps.argoCd(chart);
 */
export class StarRocksGitOps {
  /**
   * Argo CD: sync waves ordering CRDs, operator, clusters, warehouses and the init-password Job;
   * the init-password Job as a `PostSync` hook deleted when it succeeds; CRDs applied server-side
   * and kept on prune.
   *
   * @param scope the app or chart whose objects are annotated
   * @param options waves and switches
   */
  public static argoCd(scope: IConstruct, options: ArgoCdOptions = {}): void {
    const p = 'argoCd';
    const waves = options.syncWaves ?? {};
    const wave = (prop: keyof ArgoCdSyncWaves, dflt: number) => checkWave(`${p}.syncWaves.${prop}`, waves[prop], dflt);
    const waveOf: { [place in Place]: number } = {
      [Place.CRD]: wave('crds', -2),
      [Place.OPERATOR]: wave('operatorObjects', -1),
      [Place.CLUSTER]: wave('clusters', 0),
      [Place.WAREHOUSE]: wave('warehouses', 1),
      [Place.INIT_JOB]: wave('initPasswordJob', 2),
    };
    const asHook = checkBoolean(`${p}.initPasswordJobAsHook`, options.initPasswordJobAsHook, true);
    const crdOptions: string[] = [];
    if (checkBoolean(`${p}.keepCrdsOnPrune`, options.keepCrdsOnPrune, true)) {
      crdOptions.push('Prune=false');
    }
    if (checkBoolean(`${p}.serverSideApplyCrds`, options.serverSideApplyCrds, true)) {
      crdOptions.push('ServerSideApply=true');
    }

    const annotate = (obj: ApiObject, place: Place) => {
      setIfAbsent(obj, SYNC_WAVE, String(waveOf[place]));
      if (place === Place.CRD && crdOptions.length > 0) {
        addSyncOptions(obj, crdOptions);
      }
      if (place === Place.INIT_JOB && asHook) {
        setIfAbsent(obj, HOOK, 'PostSync');
        setIfAbsent(obj, HOOK_DELETE_POLICY, 'BeforeHookCreation,HookSucceeded');
      }
    };
    annotateAll(scope, 'StarRocksGitOps.argoCd()', annotate);
  }

  /**
   * Flux: CRDs kept on prune and a replaceable init-password Job. Flux orders by `dependsOn`
   * between Kustomizations, not by annotations: put CRDs, the operator and each cluster into
   * charts (files) of their own and give each its own Kustomization.
   *
   * @param scope the app or chart whose objects are annotated
   * @param options switches
   */
  public static flux(scope: IConstruct, options: FluxOptions = {}): void {
    const keep = checkBoolean('flux.keepCrdsOnPrune', options.keepCrdsOnPrune, true);
    const force = checkBoolean('flux.recreateInitPasswordJob', options.recreateInitPasswordJob, true);
    annotateAll(scope, 'StarRocksGitOps.flux()', (obj, place) => {
      if (place === Place.CRD && keep) {
        setIfAbsent(obj, FLUX_PRUNE, 'disabled');
      }
      if (place === Place.INIT_JOB && force) {
        setIfAbsent(obj, FLUX_FORCE, 'enabled');
      }
    });
  }

  private constructor() {
  }
}

/**
 * Annotates the objects of the scope with a role, and checks at synth time that no such object
 * was defined after the call (it would miss its annotations).
 */
function annotateAll(scope: IConstruct, caller: string, annotate: (obj: ApiObject, place: Place) => void): void {
  if (scope === null || typeof scope !== 'object' || typeof scope.node?.findAll !== 'function') {
    fail(`${caller} scope`, 'a construct (an App or a Chart)', scope);
  }
  const done = new Set<ApiObject>();
  for (const [obj, place] of classify(scope)) {
    annotate(obj, place);
    done.add(obj);
  }
  scope.node.addValidation({
    validate: () => classify(scope)
      .filter(([obj]) => !done.has(obj))
      .map(([obj]) => `${obj.kind} ${obj.name} (${obj.node.path}) was defined after ${caller} and lacks its annotations: call it after defining every StarRocks object`),
  });
}

/** The API objects of the scope that have a role, in construct order. */
function classify(scope: IConstruct): Array<[ApiObject, Place]> {
  const out: Array<[ApiObject, Place]> = [];
  for (const c of scope.node.findAll()) {
    if (!(c instanceof ApiObject)) {
      continue;
    }
    const place = placeOf(c);
    if (place !== undefined) {
      out.push([c, place]);
    }
  }
  return out;
}

function placeOf(obj: ApiObject): Place | undefined {
  if (obj.kind === 'CustomResourceDefinition' && obj.apiVersion.startsWith('apiextensions.k8s.io/')) {
    return Place.CRD;
  }
  if (obj.apiVersion.startsWith('starrocks.com/')) {
    if (obj.kind === 'StarRocksCluster') {
      return Place.CLUSTER;
    }
    if (obj.kind === 'StarRocksWarehouse') {
      return Place.WAREHOUSE;
    }
  }
  for (const ancestor of obj.node.scopes) {
    if (StarRocksOperator.isStarRocksOperator(ancestor)) {
      return Place.OPERATOR;
    }
    if (ancestor instanceof InitPasswordJob && ancestor.apiObject === obj) {
      return Place.INIT_JOB;
    }
  }
  return undefined;
}

function annotationsOf(obj: ApiObject): { [key: string]: string } {
  return (obj.metadata.toJson() as { annotations?: { [key: string]: string } }).annotations ?? {};
}

function setIfAbsent(obj: ApiObject, key: string, value: string): void {
  if (annotationsOf(obj)[key] === undefined) {
    obj.metadata.addAnnotation(key, value);
  }
}

/** Adds sync options to the comma-separated list an object may already have. */
function addSyncOptions(obj: ApiObject, add: string[]): void {
  const current = annotationsOf(obj)[SYNC_OPTIONS];
  const list = current === undefined ? [] : current.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const names = new Set(list.map((o) => o.split('=')[0]));
  for (const option of add) {
    if (!names.has(option.split('=')[0])) {
      list.push(option);
    }
  }
  obj.metadata.addAnnotation(SYNC_OPTIONS, list.join(','));
}

function checkWave(prop: string, value: number | undefined, dflt: number): number {
  if (value === undefined) {
    return dflt;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail(prop, 'a whole number', value);
  }
  return value;
}
