// The mock's outbox, read from the node side: the `readMessage` op of the cognito-js and amplify clients, so
// a browser story can take a code from the message that carried it (GET /_mock/messages, CognitoMock's own
// endpoint; moto and cognito-local have none, and the step fails there saying so).
// It goes through node:http, not fetch: the clients' fetch wrappers record only the clients' own requests.
// Kept apart so that it can give way to a harness step of its own (harness/run.py) once there is one.
import http from 'node:http';

function get(url) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', reject);
    request.setTimeout(30000, () => request.destroy(new Error('no answer within 30s')));
  });
}

// Input: {UserPoolId?, Username?, DeliveryMedium?} (Username: the stored username). Output: the newest
// message that matches, {UserPoolId, Username, DeliveryMedium, Destination, Subject, Message, Code,
// TriggerSource, SentAt}, with Count (how many match so far) and WrongCode (six digits that are not Code).
export async function readMessage(endpoint, input) {
  const url = new URL('/_mock/messages', endpoint);
  if (url.hostname !== '127.0.0.1') return { ok: false, client_error: `readMessage: ${endpoint} is not on loopback` };
  for (const [name, key] of [['userPoolId', 'UserPoolId'], ['username', 'Username'], ['deliveryMedium', 'DeliveryMedium']]) {
    if (input[key] != null) url.searchParams.set(name, input[key]);
  }
  let answer;
  try {
    answer = await get(url);
  } catch (err) {
    return { ok: false, client_error: `readMessage: GET ${url.pathname}: ${err.message}` };
  }
  if (answer.status !== 200) {
    return { ok: false, client_error: `readMessage: the target has no outbox to read (GET /_mock/messages is CognitoMock's own endpoint): HTTP ${answer.status}` };
  }
  const messages = JSON.parse(answer.body);
  if (!messages.length) {
    return { ok: false, client_error: `readMessage: no message matches ${JSON.stringify(input)}` };
  }
  const newest = messages.at(-1);
  const code = newest.Code ?? '';
  const wrong = /^[0-9]+$/.test(code) ? String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0') : '000000';
  return { ok: true, status: 200, output: { ...newest, Count: messages.length, WrongCode: wrong } };
}
