// amazon-cognito-identity-js: runs its own flows (SRP sign-in, which also confirms a new device and
// proves a remembered one; the answers to its MFA challenges; sign-up, the device calls, refresh,
// sign-out with or without revocation). Under Node it needs a Storage
// object; each case-run gets its own, kept across the steps of that run by `session`, the way a
// browser's localStorage would be. One CognitoUser per username per session, as a single-page app
// keeps it: the flows after a sign-in use the session it left on that object.
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
// makes (its own retry loops included): the operation, the sign-in flow or challenge it answers,
// whether it carried an Authorization header, and the status of the answer.
let wire = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options = {}) => {
  const headers = options.headers ?? {};
  const op = (headers['X-Amz-Target'] ?? '').split('.').pop();
  let body = {};
  try { body = JSON.parse(options.body ?? '{}'); } catch { /* recorded without detail */ }
  const detail = body.AuthFlow ?? body.ChallengeName;
  const entry = {
    call: detail ? `${op}(${detail})` : op,
    signed: Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'),
    status: null,
  };
  wire.push(entry);
  const response = await realFetch(url, options);
  entry.status = response.status;
  return response;
};

// callback-map flows ({onSuccess, onFailure}) of a signed-in user, their result as output
const userCall = (method, output = (result) => ({ Result: result })) => (s, input) => new Promise((resolve) => {
  const user = s.user(input.Username);
  user[method]({
    onSuccess: (result) => resolve({ ok: true, output: { ...output(result), DeviceKey: user.deviceKey ?? null } }),
    onFailure: (err) => resolve(failure(err)),
  });
});

// The callback map of a sign-in: onSuccess, onFailure, and one callback per challenge the library
// hands back to the app. A challenge ends the step with the name of the callback that fired and the
// challenge parameters it was given; the user object keeps the challenge's Session, so a later step
// answers it on the same object (sendMFACode, sendMFASelectionAnswer, associateSoftwareToken...).
function signInCallbacks(user, resolve) {
  const challenge = (callback, name) => (challengeName, challengeParameters) => resolve({
    ok: true,
    output: {
      Challenge: challengeName ?? name,
      Callback: callback,
      ChallengeParameters: challengeParameters ?? {},
      DeviceKey: user.deviceKey ?? null,
    },
  });
  return {
    onSuccess: (session, userConfirmationNecessary) => resolve({
      ok: true,
      output: {
        ...describeSession(session, user),
        // Passed only when ConfirmDevice answered UserConfirmationNecessary: true.
        ...(userConfirmationNecessary === undefined ? {} : { UserConfirmationNecessary: userConfirmationNecessary }),
      },
    }),
    onFailure: (err) => resolve(failure(err)),
    mfaRequired: challenge('mfaRequired', 'SMS_MFA'),
    totpRequired: challenge('totpRequired', 'SOFTWARE_TOKEN_MFA'),
    selectMFAType: challenge('selectMFAType', 'SELECT_MFA_TYPE'),
    mfaSetup: challenge('mfaSetup', 'MFA_SETUP'),
    // These two are called with other arguments than (challengeName, challengeParameters).
    newPasswordRequired: (userAttributes, requiredAttributes) => resolve({
      ok: true,
      output: { Challenge: 'NEW_PASSWORD_REQUIRED', Callback: 'newPasswordRequired', UserAttributes: userAttributes, RequiredAttributes: requiredAttributes },
    }),
    customChallenge: (challengeParameters) => resolve({
      ok: true,
      output: { Challenge: 'CUSTOM_CHALLENGE', Callback: 'customChallenge', ChallengeParameters: challengeParameters ?? {} },
    }),
  };
}

const flows = {
  // CognitoUser.authenticateUser: USER_SRP_AUTH; then DEVICE_SRP_AUTH when Storage holds a device the
  // server knows; then ConfirmDevice when the answer carries NewDeviceMetadata. A challenge the app must
  // answer (MFA, new password) ends the step: see signInCallbacks.
  authenticateUser: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    const details = new AuthenticationDetails({ Username: input.Username, Password: input.Password });
    user.authenticateUser(details, signInCallbacks(user, resolve));
  }),
  // The answer to a pending SMS_MFA (MfaType omitted, the library's default) or SOFTWARE_TOKEN_MFA
  // challenge, with the DEVICE_KEY the library holds; then DEVICE_SRP_AUTH or ConfirmDevice as the
  // answer calls for.
  sendMFACode: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    user.sendMFACode(input.Code, signInCallbacks(user, resolve), input.MfaType);
  }),
  // SELECT_MFA_TYPE answered with SMS_MFA or SOFTWARE_TOKEN_MFA; the library then calls mfaRequired or totpRequired.
  sendMFASelectionAnswer: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    user.sendMFASelectionAnswer(input.Answer, signInCallbacks(user, resolve));
  }),
  // With the pending MFA_SETUP challenge's Session, or with the signed-in user's access token.
  associateSoftwareToken: (s, input) => new Promise((resolve) => {
    s.user(input.Username).associateSoftwareToken({
      associateSecretCode: (secretCode) => resolve({ ok: true, output: { SecretCode: secretCode } }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
  // In an MFA_SETUP challenge: VerifySoftwareToken with the Session, then RespondToAuthChallenge(MFA_SETUP),
  // and the session it ends with. Signed in: VerifySoftwareToken with the access token, and its answer.
  verifySoftwareToken: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    const signedIn = Boolean(user.getSignInUserSession()?.isValid());
    user.verifySoftwareToken(input.Code, input.FriendlyDeviceName, {
      onSuccess: (result) => resolve({ ok: true, output: signedIn ? { Result: result } : describeSession(result, user) }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
  signUp: (s, input) => new Promise((resolve) => {
    const attributes = (input.UserAttributes ?? []).map((a) => new CognitoUserAttribute(a));
    s.pool.signUp(input.Username, input.Password, attributes, null, (err, result) => resolve(err
      ? failure(err)
      : { ok: true, output: { UserConfirmed: result.userConfirmed, UserSub: result.userSub, CodeDeliveryDetails: result.codeDeliveryDetails ?? null } }));
  }),
  // The self-service flows of an account (no sign-in needed): ConfirmSignUp (ForceAliasCreation as given),
  // ResendConfirmationCode, ForgotPassword (the library calls inputVerificationCode with the answer) and
  // ConfirmForgotPassword. Each takes Username, and acts on that user's CognitoUser.
  confirmRegistration: (s, input) => new Promise((resolve) => {
    s.user(input.Username).confirmRegistration(input.Code, input.ForceAliasCreation ?? false, (err, result) => resolve(err
      ? failure(err)
      : { ok: true, output: { Result: result } }));
  }),
  resendConfirmationCode: (s, input) => new Promise((resolve) => {
    s.user(input.Username).resendConfirmationCode((err, result) => resolve(err ? failure(err) : { ok: true, output: result }));
  }),
  forgotPassword: (s, input) => new Promise((resolve) => {
    s.user(input.Username).forgotPassword({
      onSuccess: (data) => resolve({ ok: true, output: { Callback: 'onSuccess', ...data } }),
      onFailure: (err) => resolve(failure(err)),
      inputVerificationCode: (data) => resolve({ ok: true, output: { Callback: 'inputVerificationCode', ...data } }),
    });
  }),
  confirmPassword: (s, input) => new Promise((resolve) => {
    s.user(input.Username).confirmPassword(input.Code, input.NewPassword, {
      onSuccess: (result) => resolve({ ok: true, output: { Result: result } }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
  // The flows of a signed-in user (an earlier authenticateUser of the session), by its access token.
  // ChangePassword (OldPassword, NewPassword).
  changePassword: (s, input) => new Promise((resolve) => {
    s.user(input.Username).changePassword(input.OldPassword, input.NewPassword, (err, result) => resolve(err
      ? failure(err)
      : { ok: true, output: { Result: result } }));
  }),
  // UpdateUserAttributes (UserAttributes: [{Name, Value}]); the library then reads the user back (GetUser) and
  // refreshes its session. Output: the operation's answer (CodeDeliveryDetailsList) as the library passes it on.
  updateAttributes: (s, input) => new Promise((resolve) => {
    const attributes = input.UserAttributes.map((a) => new CognitoUserAttribute(a));
    s.user(input.Username).updateAttributes(attributes, (err, result, details) => resolve(err
      ? failure(err)
      : { ok: true, output: { Result: result, ...details } }));
  }),
  // GetUserAttributeVerificationCode (AttributeName); the library hands the answer to inputVerificationCode.
  getAttributeVerificationCode: (s, input) => new Promise((resolve) => {
    s.user(input.Username).getAttributeVerificationCode(input.AttributeName, {
      onSuccess: (result) => resolve({ ok: true, output: { Callback: 'onSuccess', Result: result } }),
      onFailure: (err) => resolve(failure(err)),
      inputVerificationCode: (data) => resolve({ ok: true, output: { Callback: 'inputVerificationCode', ...data } }),
    });
  }),
  // VerifyUserAttribute (AttributeName, Code).
  verifyAttribute: (s, input) => new Promise((resolve) => {
    s.user(input.Username).verifyAttribute(input.AttributeName, input.Code, {
      onSuccess: (result) => resolve({ ok: true, output: { Result: result } }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
  // GetUser: the user's attributes as {name: value}, as an app reads its profile.
  getUserAttributes: (s, input) => new Promise((resolve) => {
    s.user(input.Username).getUserAttributes((err, attributes) => resolve(err
      ? failure(err)
      : { ok: true, output: { Attributes: Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()])) } }));
  }),
  // DeleteUser; the library then drops the user's tokens from Storage, so the next page load finds no
  // current user (CurrentUser: the pool's getCurrentUser, read from Storage).
  deleteUser: (s, input) => new Promise((resolve) => {
    s.user(input.Username).deleteUser((err, result) => resolve(err
      ? failure(err)
      : { ok: true, output: { Result: result, CurrentUser: s.pool.getCurrentUser()?.getUsername() ?? null } }));
  }),
  // The flows below need a signed-in user from an earlier authenticateUser step of the same session.
  listDevices: (s, input) => new Promise((resolve) => {
    s.user(input.Username).listDevices(input.Limit ?? 60, input.PaginationToken ?? null, {
      onSuccess: (result) => resolve({ ok: true, output: result }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
  // The device calls act on the user's current device (the one in Storage).
  getDevice: userCall('getDevice', (result) => result),
  setDeviceStatusRemembered: userCall('setDeviceStatusRemembered'),
  setDeviceStatusNotRemembered: userCall('setDeviceStatusNotRemembered'),
  forgetDevice: userCall('forgetDevice'),
  globalSignOut: userCall('globalSignOut'),
  forgetSpecificDevice: (s, input) => new Promise((resolve) => {
    s.user(input.Username).forgetSpecificDevice(input.DeviceKey, {
      onSuccess: (result) => resolve({ ok: true, output: { Result: result } }),
      onFailure: (err) => resolve(failure(err)),
    });
  }),
  // REFRESH_TOKEN_AUTH with the refresh token of the user's last session (kept on the CognitoUser even
  // when a failed refresh has cleared Storage), and the DEVICE_KEY the library finds in Storage.
  refreshSession: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    const refreshToken = user.getSignInUserSession()?.getRefreshToken();
    if (!refreshToken) return resolve({ ok: false, client_error: 'refreshSession: no session to refresh (sign in first)' });
    return user.refreshSession(refreshToken, (err, session) => resolve(err
      ? failure(err)
      : { ok: true, output: describeSession(session, user) }));
  }),
  // signOut with a callback: RevokeToken on the session's refresh token (when the access token has an
  // origin_jti), then the session is dropped from the object and from Storage.
  signOut: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    user.signOut((err) => resolve(err
      ? failure(err)
      : { ok: true, output: { HasSession: user.getSignInUserSession() != null } }));
  }),
  // The cached session while it is valid, else a refresh; what an app calls on every page load.
  getSession: (s, input) => new Promise((resolve) => {
    const user = s.user(input.Username);
    user.getSession((err, session) => resolve(err ? failure(err) : { ok: true, output: describeSession(session, user) }));
  }),
};

function describeSession(session, user) {
  return {
    AccessToken: session.getAccessToken().decodePayload(),
    IdToken: session.getIdToken().decodePayload(),
    HasRefreshToken: Boolean(session.getRefreshToken().getToken()),
    DeviceKey: user.deviceKey ?? null,
    // The tokens themselves, for later steps that use them through another client.
    Jwt: { AccessToken: session.getAccessToken().getJwtToken(), RefreshToken: session.getRefreshToken().getToken() },
  };
}

function failure(err) {
  // The library's own errors (no request made, e.g. "User is not authenticated") carry no code.
  if (!err.code && !wire.length) return { ok: false, client_error: `${err.name}: ${err.message}` };
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
  if (result.ok) result.status = last ? last.status : null;
  // The flow's requests in order, for cases to assert on (`requests`). No attempt count: the client
  // has legitimate repeats (the DEVICE_KEY-null retry of docs/behaviour.md §9, refreshSession's backoff), so a
  // loop shows only here.
  result.calls = wire.map((w) => w.call);
  result.signed = wire.length === 0 ? null : wire.every((w) => w.signed === wire[0].signed) ? wire[0].signed : 'mixed';
  result.wire = wire.map((w) => `${w.call}:${w.status}`);
  return result;
}
