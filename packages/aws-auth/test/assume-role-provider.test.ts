import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAssumeRoleProvider, type CredentialProvidersModule } from "../src/assume-role-provider.js";
import { resolveCredential } from "../src/credential-sources.js";
import { testSecretResolver } from "./support/test-secret-resolver.js";

const SOURCE = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-invoker";

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function assumeRoleResponse(expiration: string): string {
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/bedrock-invoker/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
<Credentials><AccessKeyId>ASIAASSUMEDROLEKEY01</AccessKeyId><SecretAccessKey>assumedSecretKeyassumedSecretKeyassumed1</SecretAccessKey>
<SessionToken>assumed-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials>
</AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

describe("roleArn: assumed-role credentials", () => {
  it("calls STS AssumeRole with the source credentials (through the real SDK, against nock) and caches the result", async () => {
    nock.disableNetConnect();
    let authorization = "";
    let body = "";
    const sts = nock("https://sts.us-west-2.amazonaws.com")
      .post("/", (requestBody: unknown) => {
        body = typeof requestBody === "string" ? requestBody : new URLSearchParams(requestBody as Record<string, string>).toString();
        return true;
      })
      .reply(function reply() {
        authorization = String(this.req.headers.authorization);
        return [200, assumeRoleResponse(new Date(Date.now() + 3_600_000).toISOString()), { "content-type": "text/xml" }];
      });
    const provider = createAssumeRoleProvider({ roleArn: ROLE_ARN, sourceCredentials: async () => SOURCE, env: { AWS_REGION: "us-west-2" } });
    const credentials = await provider();
    expect(credentials).toMatchObject({ accessKeyId: "ASIAASSUMEDROLEKEY01", sessionToken: "assumed-session-token" });
    expect(credentials.expiration).toBeInstanceOf(Date);
    expect(authorization).toContain(`Credential=${SOURCE.accessKeyId}/`);
    expect(decodeURIComponent(body)).toContain(`RoleArn=${ROLE_ARN}`);
    await provider();
    expect(sts.isDone()).toBe(true);
  });

  it("resolveCredential wraps the chain with the role when roleArn is set, loading the providers lazily", async () => {
    const fromTemporaryCredentials = vi.fn<CredentialProvidersModule["fromTemporaryCredentials"]>(() => async () => ({ ...SOURCE, accessKeyId: "ASIAROLE", sessionToken: "s" }));
    const loadCredentialProviders = vi.fn(async () => ({ fromTemporaryCredentials }));
    const resolved = await resolveCredential({
      sources: ["aws-sigv4"],
      env: {},
      resolveSecret: testSecretResolver({}),
      credentialProvider: async () => SOURCE,
      roleArn: ROLE_ARN,
      loadCredentialProviders,
    });
    expect(resolved.kind).toBe("aws");
    if (resolved.kind !== "aws") return;
    await expect(resolved.credentialProvider()).resolves.toMatchObject({ accessKeyId: "ASIAROLE" });
    expect(fromTemporaryCredentials.mock.calls[0]?.[0].params.RoleArn).toBe(ROLE_ARN);
    expect(loadCredentialProviders).toHaveBeenCalledTimes(1);
  });
});
