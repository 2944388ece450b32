import { ApiObject, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { Container, DataMap, JobSpec, PodSpec, WireObject } from './k8s-wire';
import { RootPasswordSource } from './password-source';
import { INIT_PASSWORD_SCRIPT } from './script';
import { ComponentKind } from '../cluster/component-kind';
import { IStarRocksCluster, IStarRocksComponent } from '../cluster/reference';
import { StarRocksApiObject } from '../common/api-object';
import { DEFAULT_IMAGE_TAG, DEFAULT_REPOSITORY } from '../common/constants';
import { contributeEnvVar } from '../common/env-contributions';
import { checkImage, ImageReference } from '../common/image';
import { checkAffinity, checkAnnotations, checkLabels, checkToleration } from '../common/k8s-rules';
import type { TolerationRuleInput } from '../common/k8s-rules';
import { LABEL_CLUSTER, libraryLabels, mergeLabels } from '../common/labels';
import { renderResources, ResourcesWire } from '../common/quantity';
import { checkBoolean, checkDnsLabel, checkDnsSubdomain, copyStringMap, fail } from '../common/validate';
import { warn } from '../common/warnings';
import { wireValue } from '../common/wire';
import type { StarRocksResources } from '../components/options';

/** Name of the environment variable through which StarRocks components log in as root. @internal */
export const MYSQL_PWD = 'MYSQL_PWD';
/** Key of the script in the ConfigMap, and its file name in the container. @internal */
export const SCRIPT_KEY = 'fe_initpwd.sh';
/** Where the Job mounts the script. @internal */
export const SCRIPT_PATH = `/opt/starrocks/${SCRIPT_KEY}`;
/** The chart's `backoffLimit` of the Job. @internal */
export const JOB_BACKOFF_LIMIT = 10;

/** Options of the root password of a StarRocks cluster and the Job that sets it. */
export interface InitPasswordJobOptions {
  /**
   * Where the root password comes from: `RootPasswordSource.fromSecret(secret)` (recommended) or
   * `RootPasswordSource.fromValue(password)`, which creates the Secret `<cluster>-credential`.
   */
  readonly password: RootPasswordSource;
  /**
   * Whether to define the Job `<cluster>-initpwd` and its script ConfigMap
   * `<cluster>-initpwd-shell` (the chart's `initPassword.isInstall`).
   *
   * The Job only needs to run once. Set this to `false` after the first deployment when a GitOps
   * tool re-applies every manifest: the pod template of a Job is immutable, so re-applying a
   * changed Job is rejected by the API server, and a deleted Job would be created and run again.
   * The Secret and the `MYSQL_PWD` variables stay either way. With Argo CD,
   * `StarRocksGitOps.argoCd(chart)` makes the Job a hook instead, so it can stay; with Flux,
   * `StarRocksGitOps.flux(chart)` lets Flux replace it.
   *
   * @default true
   */
  readonly emitJob?: boolean;
  /**
   * Whether to define the script ConfigMap `<cluster>-initpwd-shell`. The kube-starrocks chart
   * keeps it when it leaves the Job out (`initPassword.isInstall: false`): `emitJob: false` with
   * `emitScriptConfigMap: true` gives the chart's objects. It cannot be `false` while the Job is
   * emitted, because the Job mounts it.
   *
   * @default - the same as `emitJob`
   */
  readonly emitScriptConfigMap?: boolean;
  /**
   * Image of the Job's container; it needs `bash` and the `mysql` client.
   *
   * @default - the cluster's FE image (which has both); `starrocks/fe-ubuntu:4.1-latest` for a
   *   cluster defined elsewhere
   */
  readonly image?: string;
  /**
   * Resources of the Job's container.
   *
   * @default - none (the chart's default)
   */
  readonly resources?: StarRocksResources;
  /**
   * Names of the pod's resource claims (dynamic resource allocation) the Job's container uses:
   * its `resources.claims`.
   *
   * @default - none
   */
  readonly resourceClaims?: string[];
  /**
   * Annotations of the Job (for example Argo CD hook annotations).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Annotations of the Job's pod.
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Labels added to the Job, the ConfigMap and the Secret.
   *
   * @default - only `cluster: <cluster>` and the library's `app.kubernetes.io/*` labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * Whether the Job, its ConfigMap and the Secret carry the labels the library adds by default:
   * `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance: <name>` and
   * `app.kubernetes.io/managed-by: cdk8s-starrocks`. `false` leaves them out; the chart's `cluster:
   * <cluster>` label stay either way.
   *
   * @default true
   */
  readonly defaultLabels?: boolean;
  /**
   * Names of the image pull Secrets of the Job's pod; `[]` for none.
   *
   * @default - the cluster's FE image pull Secrets (FE's own, else the shared ones)
   */
  readonly imagePullSecrets?: string[];
  /**
   * Affinity of the Job's pod; `{}` for none.
   *
   * @default - the cluster's FE affinity (FE's own, else the shared one)
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Tolerations of the Job's pod; `[]` for none.
   *
   * @default - the cluster's FE tolerations (FE's own, else the shared ones)
   */
  readonly tolerations?: k8s.Toleration[];
}

/** Properties of an `InitPasswordJob`. */
export interface InitPasswordJobProps extends InitPasswordJobOptions {
  /** The cluster whose root password is set. */
  readonly cluster: IStarRocksCluster;
}

/**
 * Sets the password of the StarRocks `root` user and hands it to the FE, BE and CN pods, like the
 * kube-starrocks chart's `initPassword`.
 *
 * Defines, in the cluster's namespace:
 *
 * - `Secret <cluster>-credential` (key `password`), only for `RootPasswordSource.fromValue`;
 * - `Job <cluster>-initpwd` (the default child, id `Resource`), which waits for FE pod 0 and sets
 *   the password over the MySQL protocol, retrying up to 10 times; left out with `emitJob: false`;
 * - `ConfigMap <cluster>-initpwd-shell` holding the Job's script (key `fe_initpwd.sh`), with the Job.
 *
 * It also gives FE, BE and CN of a cluster defined in this app the environment variable
 * `MYSQL_PWD` (from the Secret), except where the component has a variable of that name of the
 * user's (in its `envVars` or through `addEnvVar`, before or after this construct); the operator
 * and the StarRocks start scripts log in with it.
 *
 * Once a cluster has a root password, keep this construct (at least with `emitJob: false`):
 * removing it removes `MYSQL_PWD`, and pods that restart can no longer register with the FE.
 *
 * Labels: the library adds `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
 * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks` to the Job, its ConfigMap and the
 * Secret, besides the chart's `cluster: <cluster>` label, which stays; `defaultLabels: false`
 * leaves them out.
 *
 * @example
 * new InitPasswordJob(chart, 'RootPassword', {
 *   cluster,
 *   password: RootPasswordSource.fromSecret(kplus.Secret.fromSecretName(chart, 'Root', 'sr-root')),
 * });
 */
export class InitPasswordJob extends Construct {
  /** The Job (also `ApiObject.of(this)`), or undefined with `emitJob: false`. */
  public readonly apiObject?: ApiObject;
  /** The Secret the library created for `RootPasswordSource.fromValue`, if any. */
  public readonly secret?: ApiObject;
  /** Name of the Secret holding the password. */
  public readonly secretName: string;
  /** The key of the Secret that holds the password. */
  public readonly secretKey: string;
  /** Name of the Job (`<cluster>-initpwd`), also when the Job is not emitted. */
  public readonly jobName: string;

  private readonly props: InitPasswordJobProps;
  private readonly labels: { [key: string]: string };
  // copies of the caller's collections, in wire form
  private readonly resources?: ResourcesWire;
  private readonly podAnnotations?: { [key: string]: string };
  private readonly imagePullSecrets?: string[];
  private readonly affinity?: WireObject;
  private readonly tolerations?: WireObject[];
  private _scriptConfigMap?: ApiObject;

  constructor(scope: Construct, id: string, props: InitPasswordJobProps) {
    super(scope, id);
    if (!props || !props.cluster) {
      fail('cluster', 'the StarRocks cluster whose root password is set', props?.cluster);
    }
    if (!(props.password instanceof RootPasswordSource)) {
      // the value is never shown: a plain string here is most likely the password itself
      fail('password', 'a RootPasswordSource (RootPasswordSource.fromSecret(...) or RootPasswordSource.fromValue(...)); '
        + 'the chart would create the Secret with an empty password', props.password === undefined ? undefined : `<redacted ${typeof props.password}>`);
    }
    this.props = props;
    const cluster = props.cluster;
    const c = cluster.clusterName;
    this.jobName = checkDnsLabel('jobName', `${c}-initpwd`);
    this.secretName = props.password.secretName ?? checkDnsLabel('secretName', `${c}-credential`);
    this.secretKey = props.password.key;
    if (props.image !== undefined) {
      checkImage('image', props.image);
    }
    this.resources = props.resources === undefined && props.resourceClaims === undefined ? undefined
      : renderResources('resources', props.resources ?? {}, props.resourceClaims === undefined ? undefined : { prop: 'resourceClaims', names: props.resourceClaims });
    this.podAnnotations = copyStringMap('podAnnotations', props.podAnnotations);
    this.imagePullSecrets = props.imagePullSecrets?.map((name, i) => checkDnsSubdomain(`imagePullSecrets[${i}]`, name));
    this.affinity = wireObject(props.affinity, 'affinity');
    this.tolerations = wireList(props.tolerations, 'tolerations');
    const labels = copyStringMap('labels', props.labels);
    // the API server's rules for the fields given here (those inherited from FE are checked there)
    checkLabels('labels', labels);
    checkAnnotations('podAnnotations', this.podAnnotations);
    if (this.affinity !== undefined) {
      checkAffinity('affinity', this.affinity);
    }
    this.tolerations?.forEach((t, i) => checkToleration(`tolerations[${i}]`, t as TolerationRuleInput));
    // the script ConfigMap's name is the name of the Job's volume too: a DNS label
    checkDnsLabel('scriptConfigMapName', this.scriptConfigMapName);
    this.labels = mergeLabels(libraryLabels(c, props.defaultLabels), { [LABEL_CLUSTER]: c }, labels);

    if (props.password._plaintext !== undefined) {
      warn(this, `the root password is given as a value: it is written, base64-encoded, into the Secret ${this.secretName} `
        + 'of the synthesized YAML; use RootPasswordSource.fromSecret with a Secret managed elsewhere');
      this.secret = new StarRocksApiObject(this, 'Secret', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: this.secretName, namespace: cluster.clusterNamespace, labels: { ...this.labels } },
        type: 'Opaque',
        data: { [this.secretKey]: Buffer.from(props.password._plaintext, 'utf8').toString('base64') },
      });
    }

    const emitJob = checkBoolean('emitJob', props.emitJob, true);
    const emitScript = checkBoolean('emitScriptConfigMap', props.emitScriptConfigMap, emitJob);
    if (emitJob && !emitScript) {
      fail('emitScriptConfigMap', 'true or unset while emitJob is true (the Job mounts the script ConfigMap)', emitScript);
    }
    const annotations = copyStringMap('annotations', props.annotations);
    checkAnnotations('annotations', annotations);
    if (emitJob) {
      this.apiObject = new StarRocksApiObject(this, 'Resource', {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: this.jobName,
          namespace: cluster.clusterNamespace,
          labels: { ...this.labels },
          annotations,
        },
        spec: Lazy.any({ produce: () => this.renderJobSpec() }),
      });
    }
    if (emitScript) {
      this.createScriptConfigMap();
    }

    this.injectEnv(cluster);
  }

  /**
   * The ConfigMap holding the Job's script, unless it is left out (`emitScriptConfigMap`).
   *
   * @default - none: `emitScriptConfigMap` is false
   */
  public get scriptConfigMap(): ApiObject | undefined {
    return this._scriptConfigMap;
  }

  /** Name of the ConfigMap holding the Job's script (`<cluster>-initpwd-shell`). */
  public get scriptConfigMapName(): string {
    return `${this.props.cluster.clusterName}-initpwd-shell`;
  }

  private createScriptConfigMap(): ApiObject {
    if (this._scriptConfigMap === undefined) {
      this._scriptConfigMap = new StarRocksApiObject(this, 'Script', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: this.scriptConfigMapName, namespace: this.props.cluster.clusterNamespace, labels: { ...this.labels } },
        data: Lazy.any({ produce: (): DataMap => ({ [SCRIPT_KEY]: INIT_PASSWORD_SCRIPT }) }),
      });
    }
    return this._scriptConfigMap;
  }

  /**
   * Contributes `MYSQL_PWD` to every component: resolved when the component is rendered, so that
   * a variable of that name the user gives the component, before or after, wins.
   */
  private injectEnv(cluster: IStarRocksCluster): void {
    if (!cluster.definedInApp) {
      warn(this, `cluster ${cluster.clusterName} is defined elsewhere: give its FE, BE and CN the environment variable `
        + `${MYSQL_PWD} from Secret ${this.secretName} (key ${this.secretKey}) yourself`);
      return;
    }
    for (const kind of [ComponentKind.FE, ComponentKind.BE, ComponentKind.CN]) {
      const component = cluster.tryFindComponent(kind);
      if (component === undefined) {
        continue;
      }
      const envVar = { name: MYSQL_PWD, valueFrom: { secretKeyRef: { name: this.secretName, key: this.secretKey } } };
      // a component of another implementation takes no contributions: added now, unless it has one
      if (!contributeEnvVar(component, this, envVar) && !component.hasEnvVar(MYSQL_PWD)) {
        component.addEnvVar(envVar);
      }
    }
  }

  private renderJobSpec(): JobSpec {
    const p = this.props;
    const cluster = p.cluster;
    // the pod settings the chart's Job inherits from the cluster's FE (its own, else the shared ones)
    const fe: IStarRocksComponent | undefined = cluster.tryFindComponent(ComponentKind.FE);
    const c = cluster.clusterName;
    const container: Container = {
      name: this.jobName,
      image: p.image ?? fe?.image ?? ImageReference.of(DEFAULT_REPOSITORY.fe, DEFAULT_IMAGE_TAG).toString(),
      imagePullPolicy: 'IfNotPresent',
      resources: this.resources !== undefined && Object.keys(this.resources).length > 0 ? this.resources : undefined,
      command: ['/bin/bash'],
      args: [SCRIPT_PATH, `${c}-fe-0.${cluster.feSearchServiceName}`, String(cluster.feQueryPort)],
      env: [{ name: 'INIT_PWD', valueFrom: { secretKeyRef: { key: this.secretKey, name: this.secretName } } }],
      volumeMounts: [{ mountPath: SCRIPT_PATH, name: this.scriptConfigMapName, subPath: SCRIPT_KEY }],
    };

    const pullSecrets = this.imagePullSecrets ?? fe?.imagePullSecrets;
    const affinity = this.affinity ?? wireObject(fe?.affinity, 'fe.affinity');
    const tolerations = this.tolerations ?? wireList(fe?.tolerations, 'fe.tolerations');
    const podSpec: PodSpec = {
      imagePullSecrets: pullSecrets !== undefined && pullSecrets.length > 0 ? pullSecrets.map((name) => ({ name })) : undefined,
      affinity: affinity !== undefined && Object.keys(affinity).length > 0 ? affinity : undefined,
      tolerations: tolerations !== undefined && tolerations.length > 0 ? tolerations : undefined,
      containers: [container],
      volumes: [{
        configMap: {
          defaultMode: 0o644,
          items: [{ key: SCRIPT_KEY, path: SCRIPT_KEY }],
          name: this.scriptConfigMapName,
          optional: false,
        },
        name: this.scriptConfigMapName,
      }],
      restartPolicy: 'OnFailure',
    };
    const annotations = this.podAnnotations;
    return {
      template: {
        spec: podSpec,
        metadata: annotations !== undefined && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : undefined,
      },
      backoffLimit: JOB_BACKOFF_LIMIT,
    };
  }
}

/** The wire form of a cdk8s-plus-27 object (`wireValue` gives plain data). */
function wireObject(value: object | undefined, path: string): WireObject | undefined {
  const wire = wireValue(value, path);
  if (wire === undefined || wire === null) {
    return undefined;
  }
  if (!isWireObject(wire)) {
    return fail(path, 'an object', wire);
  }
  return wire;
}

/** The wire form of a list of cdk8s-plus-27 objects. */
function wireList(value: object[] | undefined, path: string): WireObject[] | undefined {
  const wire = wireValue(value, path);
  if (wire === undefined || wire === null) {
    return undefined;
  }
  if (!Array.isArray(wire)) {
    return fail(path, 'a list', wire);
  }
  return wire.map((item: unknown, i) => isWireObject(item) ? item : fail(`${path}[${i}]`, 'an object', item));
}

function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
