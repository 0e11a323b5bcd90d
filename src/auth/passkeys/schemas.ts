import { Type } from 'typebox';
import { Nullable } from '../../platform/http/schemas.js';

// The browser's answers, as @simplewebauthn/browser sends them (base64url strings). Checked in full by
// @simplewebauthn/server; here only their shape, so the types reach the web app.

const B64 = Type.String({ maxLength: 16_384, description: 'base64url' });
const ClientExtensionResults = Type.Object({}, { additionalProperties: true });

export const AuthenticationResponse = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1024 }),
    rawId: B64,
    type: Type.Literal('public-key'),
    response: Type.Object({
      clientDataJSON: B64,
      authenticatorData: B64,
      signature: B64,
      userHandle: Type.Optional(B64),
    }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
    clientExtensionResults: ClientExtensionResults,
  },
  { description: 'what navigator.credentials.get answered (startAuthentication)' },
);

export const RegistrationResponse = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1024 }),
    rawId: B64,
    type: Type.Literal('public-key'),
    response: Type.Object({
      clientDataJSON: B64,
      attestationObject: B64,
      authenticatorData: Type.Optional(B64),
      transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
      publicKeyAlgorithm: Type.Optional(Type.Integer()),
      publicKey: Type.Optional(B64),
    }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
    clientExtensionResults: ClientExtensionResults,
  },
  { description: 'what navigator.credentials.create answered (startRegistration)' },
);

export const Attempt = Type.String({
  format: 'uuid',
  description: 'the ceremony the answer is for, from the options call: good once, for 5 minutes',
});

export const CeremonyOptions = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'options for @simplewebauthn/browser (optionsJSON)',
  },
);

export const PasskeyCeremony = Type.Object({
  attempt: Attempt,
  expiresAt: Type.String(),
  options: CeremonyOptions,
});

/** A passkey as its agent (or an admin) sees it: never the key itself. */
export const Passkey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  deviceType: Type.Union([Type.Literal('singleDevice'), Type.Literal('multiDevice')], {
    description: 'multiDevice: a synced passkey (a password manager, a phone’s cloud keychain)',
  }),
  backedUp: Type.Boolean(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
});
