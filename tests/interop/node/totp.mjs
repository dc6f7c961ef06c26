// TOTP codes from otpauth (npm), an implementation nobody here wrote: RFC 6238 with the parameters
// AssociateSoftwareToken's secrets are used with (SHA-1, 6 digits, 30-second steps).
//   {"client": "totp", "input": {"Secret": base32, "Timestamp": ms since the epoch}} -> {"ok", "output": {"Code"}}
import * as OTPAuth from 'otpauth';

export async function runTotp({ input }) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(input.Secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return { ok: true, output: { Code: totp.generate({ timestamp: input.Timestamp }) } };
}
