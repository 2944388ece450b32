import { runConvert } from '../src/cli/convert';
let out = ''; let err = '';
const rc = runConvert(process.argv.slice(2), { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: process.cwd() });
console.log(rc, err); console.log(out);
