// amazon-cognito-identity-js: runs its own flows (SRP sign-in, which also confirms a new device,
// sign-up, device listing). Under Node it needs a Storage object; each case-run gets its own, kept
// across the steps of that run by `session`, the way a browser's localStorage would be.
import cognito from 'amazon-cognito-identity-js';

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = cognito;

class MemoryStorage {
  constructor() { this.items = new Map(); }
  setItem(k, v) { this.items.set(k, String(v)); }
  getItem(k) { return this.items.has(k) ? this.items.get(k) : null; }
  removeItem(k) { this.items.delete(k); }
  clear() { this.items.clear(); }
}

const sessions = new Map();

// The client calls the global fetch at request time, so wrapping it shows every HTTP attempt it
// makes (its own retry loop included) and the status of each answer.
let wire = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options = {}) => {
  const target = (options.headers && options.headers['X-Amz-Target']) || '';
  const response = await realFetch(url, options);
  wire.push({ op: target.split('.').pop(), status: response.status });
  return response;
};

const flows = {
  // CognitoUser.authenticateUser: USER_SRP_AUTH, then ConfirmDevice when the answer carries NewDeviceMetadata.
  authenticateUser: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    const details = new AuthenticationDetails({ Username: input.Username, Password: input.Password });
    const challenge = (name) => () => resolve({ ok: true, output: { Challenge: name } });
    user.authenticateUser(details, {
      onSuccess: (session) => resolve({ ok: true, output: describeSession(session, user) }),
      onFailure: (err) => resolve(failure(err)),
      newPasswordRequired: challenge('NEW_PASSWORD_REQUIRED'),
      mfaRequired: challenge('SMS_MFA'),
      totpRequired: challenge('SOFTWARE_TOKEN_MFA'),
      mfaSetup: challenge('MFA_SETUP'),
      selectMFAType: challenge('SELECT_MFA_TYPE'),
      customChallenge: challenge('CUSTOM_CHALLENGE'),
    });
  }),
  signUp: (s, input) => new Promise((resolve) => {
    const attributes = (input.UserAttributes ?? []).map((a) => new CognitoUserAttribute(a));
    s.pool.signUp(input.Username, input.Password, attributes, null, (err, result) => resolve(err
      ? failure(err)
      : { ok: true, output: { UserConfirmed: result.userConfirmed, UserSub: result.userSub } }));
  }),
  // Needs a signed-in user from an earlier authenticateUser step of the same session.
  listDevices: (s, input) => new Promise((resolve) => {
    s.user(input.Username).listDevices(input.Limit ?? 60, input.PaginationToken ?? null, {
      onSuccess: (result) => resolve({ ok: true, output: result }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
};

function describeSession(session, user) {
  return {
    AccessToken: session.getAccessToken().decodePayload(),
    IdToken: session.getIdToken().decodePayload(),
    HasRefreshToken: Boolean(session.getRefreshToken().getToken()),
    DeviceKey: user.deviceKey ?? null,
  };
}

function failure(err) {
  return { ok: false, error: { code: err.code ?? err.name, message: err.message, typed: null } };
}

function sessionFor(key, { UserPoolId, ClientId }, endpoint) {
  const id = key ?? Symbol('one-off');
  if (!sessions.has(id)) {
    const Storage = new MemoryStorage();
    const pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint, Storage });
    const users = new Map();
    const user = (Username) => {
      if (!users.has(Username)) users.set(Username, new CognitoUser({ Username, Pool: pool, Storage }));
      return users.get(Username);
    };
    sessions.set(id, { pool, user });
  }
  return sessions.get(id);
}

export async function runCognitoJs({ endpoint, op, input, session }) {
  const flow = flows[op];
  if (!flow) return { ok: false, client_error: `no cognito-js flow ${op}` };
  wire = [];
  const result = await flow(sessionFor(session, input, endpoint), input);
  const last = wire.at(-1);
  if (!result.ok && result.error && last) result.error.status = last.status;
  if (result.ok) {
    result.status = last ? last.status : null;
    // The flow's requests in order, for cases to assert on. No attempt count: the client has
    // legitimate repeats (the DEVICE_KEY-null retry of SEMANTICS §9), so a loop shows only here.
    result.output = { ...result.output, Requests: wire.map((w) => w.op) };
  }
  result.wire = wire.map((w) => `${w.op}:${w.status}`);
  return result;
}
