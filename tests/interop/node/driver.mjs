// Long-lived driver for the JavaScript clients, so node starts once per run, not once per case.
// Writes {"ready": true} once it has loaded, then reads one JSON request per line on stdin and answers one
// JSON line on stdout, in the result shape of harness/clients/__init__.py.
//   {"id", "client": "js", "endpoint", "op", "input", "paginate"?}           AWS SDK for JS v3
//   {"id", "client": "cognito-js", "endpoint", "op": <flow>, "input", "session"?}  amazon-cognito-identity-js
//   {"id", "client": "amplify", "endpoint", "op": <auth API>, "input", "session"?} Amplify JS v6 (aws-amplify)
//   {"id", "client": "totp", "input": {"Secret", "Timestamp"}}                    a TOTP code from otpauth
import readline from 'node:readline';
import { runJs } from './js-v3.mjs';
import { runCognitoJs } from './cognito-js.mjs';
import { runTotp } from './totp.mjs';
// After cognito-js: Amplify wraps the fetch that cognito-js has wrapped, and sets up its globals.
import { runAmplify } from './amplify.mjs';

const handlers = { js: runJs, 'cognito-js': runCognitoJs, amplify: runAmplify, totp: runTotp };

// Reached only once every import above has loaded: the harness waits for this line before the first call,
// so a driver that cannot load its packages fails at once instead of leaving each call to time out.
process.stdout.write(JSON.stringify({ ready: true }) + '\n');

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let result;
  try {
    result = await handlers[request.client](request);
  } catch (err) {
    result = { ok: false, client_error: `driver: ${err && err.stack ? err.stack.split('\n').slice(0, 3).join(' ') : err}` };
  }
  process.stdout.write(JSON.stringify({ id: request.id, result: tagDates(result) }) + '\n');
}

// Dates the client parsed become {"__date__": iso}, so the harness can check that they were dates.
function tagDates(value) {
  if (value instanceof Date) return { __date__: isNaN(value) ? 'Invalid Date' : value.toISOString() };
  if (Array.isArray(value)) return value.map(tagDates);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tagDates(v)]));
  }
  return value;
}
