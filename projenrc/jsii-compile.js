#!/usr/bin/env node
/**
 * The compile task: runs jsii with every warning shown (projen's default silences the
 * reserved-word ones), and fails when jsii reports a reserved word this file does not accept.
 *
 * jsii warns (JSII5018) when a public name is a keyword in one of the target languages. The
 * generated bindings escape such names, and for properties the word is never written as is (C#
 * and Go capitalise property names: `Namespace`, `Type`), so a warning is a prompt to review, not
 * a defect. The words below were reviewed; a new one fails the compile until it is renamed or
 * added here with its reason.
 *
 * Usage: node projenrc/jsii-compile.js [jsii arguments...]
 */
'use strict';
const { spawnSync } = require('child_process');

/** Reserved words kept in the public API, and why. */
const ACCEPTED = {
  // C#: a keyword only in lower case; properties are `Namespace` in C#, `namespace` in every other
  // target. It is the Kubernetes field name (metadata.namespace), and cdk8s itself uses it
  // (ApiObjectMetadata.namespace, ChartProps.namespace).
  namespace: 'the Kubernetes name; a C# property is Namespace, not the keyword',
  // Go: a keyword only in lower case; struct fields are `Type` in Go. It is the Kubernetes field name
  // (Service spec.type, hostPath.type), and cdk8s-plus uses it (ServiceProps.type).
  type: 'the Kubernetes name; a Go field is Type, not the keyword',
};

const WARNING = /^(\S+?):(\d+):(\d+) - warning JSII5018: "([^"]+)" is a reserved word in ([^.]+)\./;

const res = spawnSync('jsii', process.argv.slice(2), { encoding: 'utf8', shell: false, maxBuffer: 64 * 1024 * 1024 });
if (res.error) {
  console.error(`jsii-compile: could not run jsii: ${res.error.message}`);
  process.exit(1);
}
process.stdout.write(res.stdout);
process.stderr.write(res.stderr);

// jsii colours its output on a terminal: compare the text without the colour codes
// eslint-disable-next-line no-control-regex
const plain = `${res.stdout}\n${res.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
const found = plain.split('\n').map(line => WARNING.exec(line.trim())).filter(Boolean);
const refused = found.filter(m => !Object.prototype.hasOwnProperty.call(ACCEPTED, m[4]));
if (found.length > 0) {
  const words = [...new Set(found.map(m => m[4]))].sort();
  console.error(`jsii-compile: ${found.length} reserved-word warning(s), for ${words.map(w => `"${w}"`).join(', ')}`);
}
if (refused.length > 0) {
  for (const m of refused) {
    console.error(`jsii-compile: ${m[1]}:${m[2]}: "${m[4]}" is a reserved word in ${m[5]}: rename it, or accept it with its reason in projenrc/jsii-compile.js`);
  }
  process.exit(1);
}
process.exit(res.status === null ? 1 : res.status);
