// Amplify JS v6 (aws-amplify, its Auth category for Cognito user pools), run in Node the way a web app runs
// it: Amplify.configure with the pool, its app client and `userPoolEndpoint` (Amplify's own option for a
// custom endpoint), then its auth APIs by name (signUp, confirmSignUp, signIn, confirmSignIn,
// fetchAuthSession, rememberDevice...).
//
// Amplify is one global: one configuration, one token provider, one pending sign-in. The driver answers one
// request at a time, so each request puts its case run's state in place before it runs and keeps what it
// left after: the configuration (the case run's pool and client), the key-value storage that holds the
// tokens and the device (an in-memory one per case run, as a browser's localStorage would be), and the
// state of a sign-in waiting for its next step (a challenge answered by a later confirmSignIn step).
//
// Amplify names a device it confirms from `navigator.userAgent`, and without a global navigator it skips
// ConfirmDevice without a word. Node 20 has none, so each Amplify request runs with one (USER_AGENT), and
// only those: amazon-cognito-identity-js names its devices `nodejs` when there is none.
//
// Every HTTP request Amplify sends goes through the global fetch, wrapped here: each is recorded (the
// operation, the sign-in flow or challenge, a device key it carried, whether it was signed, the status), and
// one to any host but 127.0.0.1 is not sent at all and fails the step.
import { Amplify } from 'aws-amplify';
import * as auth from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
// Not public: the store of a sign-in in progress. Pinned with aws-amplify in package-lock.json; this is the
// same module instance the auth APIs use (one file, one module).
import { signInStore, setActiveSignInState, resetActiveSignInState } from '../node_modules/@aws-amplify/auth/dist/esm/client/utils/store/signInStore.mjs';

export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) CognitoMockInterop/1.0';

// Amplify's logger writes its warnings with console.warn (stderr, the driver's log); anything it would print
// with console.log must not reach stdout, which carries the driver's answers.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

class MemoryKeyValueStorage {
  constructor() { this.items = new Map(); }
  async setItem(k, v) { this.items.set(k, String(v)); }
  async getItem(k) { return this.items.has(k) ? this.items.get(k) : null; }
  async removeItem(k) { this.items.delete(k); }
  async clear() { this.items.clear(); }
}

const sessions = new Map();
let wire = null; // the requests of the Amplify call in progress; null between Amplify calls

const innerFetch = globalThis.fetch;
globalThis.fetch = async (url, options = {}) => {
  if (wire === null) return innerFetch(url, options);
  const headers = options.headers ?? {};
  const header = (name) => Object.entries(headers).find(([h]) => h.toLowerCase() === name)?.[1];
  const op = String(header('x-amz-target') ?? '').split('.').pop();
  let body = {};
  try { body = JSON.parse(options.body ?? '{}'); } catch { /* recorded without detail */ }
  const detail = body.AuthFlow ?? body.ChallengeName;
  const target = new URL(String(url));
  const entry = {
    call: detail ? `${op}(${detail})` : op,
    deviceKey: body.DeviceKey ?? body.AuthParameters?.DEVICE_KEY ?? body.ChallengeResponses?.DEVICE_KEY ?? null,
    signed: Boolean(header('authorization')),
    url: target.origin,
    status: null,
  };
  wire.push(entry);
  if (target.hostname !== '127.0.0.1') {
    entry.status = 'not sent';
    throw new TypeError(`the harness sends nothing beyond loopback: ${target.origin}`);
  }
  const response = await innerFetch(url, options);
  entry.status = response.status;
  return response;
};

function sessionFor(key, { UserPoolId, ClientId }, endpoint) {
  const id = key ?? Symbol('one-off');
  if (!sessions.has(id)) {
    sessions.set(id, {
      config: { Auth: { Cognito: { userPoolId: UserPoolId, userPoolClientId: ClientId, userPoolEndpoint: endpoint } } },
      storage: new MemoryKeyValueStorage(),
      signIn: null,
    });
  }
  return sessions.get(id);
}

// What the app holds in its storage after the call: the last user signed in, their refresh token and the
// device Amplify keeps for them (Amplify's own keys, CognitoIdentityServiceProvider.<client>.<user>.<item>).
function stored(session) {
  const { items } = session.storage;
  const prefix = `CognitoIdentityServiceProvider.${session.config.Auth.Cognito.userPoolClientId}`;
  const user = items.get(`${prefix}.LastAuthUser`) ?? null;
  const item = (name) => (user === null ? null : items.get(`${prefix}.${user}.${name}`) ?? null);
  return {
    LastAuthUser: user,
    HasAccessToken: item('accessToken') !== null,
    RefreshToken: item('refreshToken'),
    DeviceKey: item('deviceKey'),
    DeviceGroupKey: item('deviceGroupKey'),
  };
}

const payloadOf = (jwt) => jwt?.payload ?? null;

const flows = {
  signUp: (input) => auth.signUp({
    username: input.Username,
    password: input.Password,
    options: { userAttributes: input.UserAttributes ?? {} },
  }),
  confirmSignUp: (input) => auth.confirmSignUp({ username: input.Username, confirmationCode: input.Code }),
  resendSignUpCode: (input) => auth.resendSignUpCode({ username: input.Username }),
  // USER_SRP_AUTH unless AuthFlowType says otherwise; with a device Amplify keeps for the user, DEVICE_SRP_AUTH
  // too; ConfirmDevice when the answer carries NewDeviceMetadata.
  signIn: (input) => auth.signIn({
    username: input.Username,
    password: input.Password,
    options: input.AuthFlowType ? { authFlowType: input.AuthFlowType } : undefined,
  }),
  confirmSignIn: (input) => auth.confirmSignIn({ challengeResponse: input.ChallengeResponse }),
  signOut: (input) => auth.signOut(input.Global ? { global: true } : undefined),
  getCurrentUser: () => auth.getCurrentUser(),
  // The tokens as the app gets them (their claims), and the raw access token for later steps.
  fetchAuthSession: async (input) => {
    const session = await auth.fetchAuthSession({ forceRefresh: Boolean(input.ForceRefresh) });
    return {
      AccessToken: payloadOf(session.tokens?.accessToken),
      IdToken: payloadOf(session.tokens?.idToken),
      UserSub: session.userSub ?? null,
      Jwt: { AccessToken: session.tokens?.accessToken?.toString() ?? null },
    };
  },
  fetchUserAttributes: () => auth.fetchUserAttributes(),
  updateUserAttributes: (input) => auth.updateUserAttributes({ userAttributes: input.UserAttributes }),
  sendUserAttributeVerificationCode: (input) => auth.sendUserAttributeVerificationCode({ userAttributeKey: input.AttributeKey }),
  confirmUserAttribute: (input) => auth.confirmUserAttribute({ userAttributeKey: input.AttributeKey, confirmationCode: input.Code }),
  updatePassword: (input) => auth.updatePassword({ oldPassword: input.OldPassword, newPassword: input.NewPassword }),
  resetPassword: (input) => auth.resetPassword({ username: input.Username }),
  confirmResetPassword: (input) => auth.confirmResetPassword({
    username: input.Username, confirmationCode: input.Code, newPassword: input.NewPassword,
  }),
  deleteUser: () => auth.deleteUser(),
  // The device calls act on the device Amplify keeps in storage, forgetDevice on another one when DeviceId is given.
  rememberDevice: () => auth.rememberDevice(),
  forgetDevice: (input) => auth.forgetDevice(input.DeviceId ? { device: { id: input.DeviceId } } : undefined),
  fetchDevices: () => auth.fetchDevices(),
  setUpTOTP: async () => ({ SharedSecret: (await auth.setUpTOTP()).sharedSecret }),
  verifyTOTPSetup: (input) => auth.verifyTOTPSetup({ code: input.Code, options: input.FriendlyDeviceName ? { friendlyDeviceName: input.FriendlyDeviceName } : undefined }),
  updateMFAPreference: (input) => auth.updateMFAPreference({ totp: input.Totp, sms: input.Sms }),
  fetchMFAPreference: () => auth.fetchMFAPreference(),
};

function failure(err) {
  if (!err || !err.name) return { ok: false, client_error: `amplify: ${err}` };
  // A service error keeps Cognito's code as its name and message. An error Amplify raises itself (a missing
  // input, a user already signed in) is reported the same way, without a status: `requests` shows that
  // nothing was sent.
  return {
    ok: false,
    error: { code: err.name, message: err.message, typed: null, status: null },
  };
}

export async function runAmplify({ endpoint, op, input, session: key }) {
  const flow = flows[op];
  if (!flow) return { ok: false, client_error: `no amplify flow ${op}` };
  const session = sessionFor(key, input, endpoint);
  Amplify.configure(session.config);
  cognitoUserPoolsTokenProvider.setKeyValueStorage(session.storage);
  if (session.signIn) setActiveSignInState(session.signIn);
  else resetActiveSignInState();
  globalThis.navigator = { userAgent: USER_AGENT };
  wire = [];
  let result;
  try {
    result = { ok: true, output: { Result: (await flow(input)) ?? null } };
  } catch (err) {
    result = failure(err);
  } finally {
    delete globalThis.navigator;
  }
  const sent = wire;
  wire = null;
  session.signIn = { ...signInStore.getState() };
  const offLoopback = sent.filter((w) => w.status === 'not sent');
  if (offLoopback.length) {
    return { ok: false, client_error: `Amplify tried to send ${offLoopback.map((w) => `${w.call} to ${w.url}`).join(', ')}; only 127.0.0.1 is allowed` };
  }
  const last = sent.at(-1);
  if (result.ok) {
    // Amplify ignores some answers on purpose (a failed ConfirmDevice, RevokeToken as it signs out): a call it
    // reports as done shows 200 when any of its requests got 200, and Sent has the status of each.
    result.status = sent.some((w) => w.status === 200) ? 200 : last ? last.status : null;
    // What the app holds afterwards, and what each request carried that a case may check (the device key).
    result.output.Stored = stored(session);
    result.output.Sent = sent.map((w) => ({ Operation: w.call, DeviceKey: w.deviceKey, Status: w.status }));
  } else if (result.error && last) {
    result.error.status = last.status;
  }
  result.calls = sent.map((w) => w.call);
  result.signed = sent.length === 0 ? null : sent.every((w) => w.signed === sent[0].signed) ? sent[0].signed : 'mixed';
  result.wire = sent.map((w) => `${w.call}:${w.status}`);
  return result;
}
