import { randomBytes } from "node:crypto";
import type { EmulatedCredentials, IamAction } from "../emulator-types.js";
import type { Principal } from "./principal.js";

/** A secret the emulator can verify signatures with. */
export interface StoredCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for STS-issued credentials; requests must carry it. */
  readonly sessionToken?: string;
  /** Epoch ms after which STS-issued credentials are expired. */
  readonly expiresAt?: number;
  readonly principal: Principal;
}

/** A new STS session for a principal. */
export interface IssuedSession extends StoredCredential {
  readonly sessionToken: string;
  readonly expiresAt: number;
}

const MAX_SESSIONS = 10_000;
const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Random characters from `alphabet` (an alphabet of 32 keeps the mapping unbiased). */
export function randomCharacters(count: number, alphabet = UPPER_ALPHANUMERIC): string {
  const bytes = randomBytes(count);
  let result = "";
  for (const byte of bytes) result += alphabet[byte % alphabet.length];
  return result;
}

/** A fresh AKIA… pair in AWS's formats. */
export function generateLongTermCredentials(): EmulatedCredentials {
  return {
    accessKeyId: `AKIA${randomCharacters(16)}`,
    secretAccessKey: randomBytes(30).toString("base64").replace(/[+/=]/g, "x"),
  };
}

/** A fresh long-term Bedrock API key in AWS's `ABSK…` format (base64 of `BedrockAPIKey-…-at-<account>:<secret>`). */
export function generateApiKey(accountId: string): string {
  const identity = `BedrockAPIKey-${randomCharacters(4).toLowerCase()}-at-${accountId}`;
  return `ABSK${Buffer.from(`${identity}:${randomBytes(30).toString("base64")}`).toString("base64")}`;
}

/**
 * The identities the emulator knows: configured API keys and IAM users, and the temporary
 * credentials its STS route has issued. Sessions are bounded so a long benchmark cannot grow memory.
 */
export class CredentialStore {
  private readonly longTerm = new Map<string, StoredCredential>();
  private readonly sessions = new Map<string, IssuedSession>();
  private readonly apiKeys = new Map<string, Principal>();

  constructor(
    readonly accountId: string,
    credentials: readonly EmulatedCredentials[],
    apiKeys: readonly string[],
  ) {
    credentials.forEach((credential, index) => {
      this.longTerm.set(credential.accessKeyId, {
        accessKeyId: credential.accessKeyId,
        secretAccessKey: credential.secretAccessKey,
        principal: {
          arn: `arn:aws:iam::${accountId}:user/emulator${index === 0 ? "" : `-${index + 1}`}`,
          deniedActions: new Set(credential.deniedActions ?? []),
        },
      });
    });
    for (const key of apiKeys) {
      this.apiKeys.set(key, { arn: `arn:aws:iam::${accountId}:user/BedrockAPIKey-emulator`, deniedActions: new Set() });
    }
  }

  /** The principal of a configured long-term bearer key. */
  findApiKey(key: string): Principal | undefined {
    return this.apiKeys.get(key);
  }

  /** Long-term or STS-issued credentials by access key id. */
  findAccessKey(accessKeyId: string): StoredCredential | undefined {
    return this.longTerm.get(accessKeyId) ?? this.sessions.get(accessKeyId);
  }

  /** Issues temporary credentials acting as `principal` until `expiresAt`. */
  issueSession(principalArn: string, deniedActions: readonly IamAction[], expiresAt: number): IssuedSession {
    const session: IssuedSession = {
      accessKeyId: `ASIA${randomCharacters(16)}`,
      secretAccessKey: randomBytes(30).toString("base64").replace(/[+/=]/g, "x"),
      // Real session tokens are long opaque base64; length matters to clients that size headers.
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(240).toString("base64")}`,
      expiresAt,
      principal: { arn: principalArn, deniedActions: new Set(deniedActions) },
    };
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
    this.sessions.set(session.accessKeyId, session);
    return session;
  }
}
