// AWS SDK for JavaScript v3: one client per endpoint, the SDK's own paginator where it has one.
import * as sdk from '@aws-sdk/client-cognito-identity-provider';

const MAX_PAGES = 100;
const clients = new Map();

// Whether each HTTP attempt carried an Authorization header. The deserialize step runs below
// finalizeRequest, where the SDK signs (and retries), so it sees every attempt as it goes out. The
// driver runs one call at a time, so one list serves every client.
// It also keeps the headers of the last answer (moto hands out its forgot-password code in one).
let signedAttempts = [];
let answerHeaders = {};
const recordSigning = (next) => async (args) => {
  const headers = args.request?.headers ?? {};
  signedAttempts.push(Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'));
  const out = await next(args);
  answerHeaders = Object.fromEntries(Object.entries(out.response?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return out;
};

function clientFor(endpoint) {
  if (!clients.has(endpoint)) {
    const client = new sdk.CognitoIdentityProviderClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    client.middlewareStack.add(recordSigning, { step: 'deserialize', name: 'interopRecordSigning', priority: 'low' });
    clients.set(endpoint, client);
  }
  return clients.get(endpoint);
}

function signed() {
  if (signedAttempts.length === 0) return null;
  return signedAttempts.every((a) => a === signedAttempts[0]) ? signedAttempts[0] : 'mixed';
}

export async function runJs({ endpoint, op, input, paginate }) {
  const Command = sdk[`${op}Command`];
  if (!Command) return { ok: false, client_error: `the SDK has no ${op}Command` };
  const client = clientFor(endpoint);
  signedAttempts = [];
  answerHeaders = {};
  const pages = [];
  let attempts = 0;
  try {
    const paginator = paginate && sdk[`paginate${op}`];
    if (paginator) {
      for await (const page of paginator({ client }, input)) {
        attempts += page.$metadata.attempts;
        pages.push(page);
      }
    } else {
      let token;
      do {
        const page = await client.send(new Command(token ? { ...input, [paginate.token]: token } : input));
        attempts += page.$metadata.attempts;
        pages.push(page);
        token = paginate ? page[paginate.token] : undefined;
      } while (token && pages.length < MAX_PAGES);
    }
  } catch (err) {
    if (!err.$metadata || err.$metadata.httpStatusCode === undefined) {
      return { ok: false, client_error: `${err.name}: ${err.message}` };
    }
    const Modeled = sdk[err.name];
    return {
      ok: false,
      attempts: attempts + (err.$metadata.attempts ?? 1),
      requests: pages.length + 1,
      signed: signed(),
      headers: answerHeaders,
      error: {
        code: err.name,
        message: err.message,
        status: err.$metadata.httpStatusCode,
        typed: typeof Modeled === 'function' && Modeled.prototype instanceof Error ? err instanceof Modeled : null,
      },
    };
  }
  const strip = pages.map(({ $metadata, ...rest }) => rest);
  const output = paginate
    ? { [paginate.items]: strip.flatMap((p) => p[paginate.items] ?? []), _pages: strip.length }
    : strip[0];
  return { ok: true, output, attempts, requests: pages.length, status: pages.at(-1).$metadata.httpStatusCode, signed: signed(), headers: answerHeaders };
}
