import { describe, expect, it, vi } from "vitest";
import { createAssumeRoleProvider, type CredentialProvidersModule } from "../src/assume-role-provider.js";
import { createDefaultCredentialProvider, type CredentialChainModule } from "../src/aws-credential-chain.js";

const SOURCE = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-invoker";

describe("assume-role settings", () => {
  it("passes external id, session name, duration, the STS endpoint and region to STS", async () => {
    const fromTemporaryCredentials = vi.fn<CredentialProvidersModule["fromTemporaryCredentials"]>(() => async () => ({ ...SOURCE, accessKeyId: "ASIAROLE", sessionToken: "s" }));
    const provider = createAssumeRoleProvider({
      roleArn: ROLE_ARN,
      externalId: "ext-123",
      sessionName: "gateway",
      durationSeconds: 900,
      stsEndpoint: "http://127.0.0.1:9",
      region: "eu-west-1",
      sourceCredentials: async () => SOURCE,
      env: { AWS_REGION: "us-east-1" },
      loadCredentialProviders: async () => ({ fromTemporaryCredentials }),
    });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: "ASIAROLE" });
    expect(fromTemporaryCredentials.mock.calls[0]?.[0]).toMatchObject({
      params: { RoleArn: ROLE_ARN, ExternalId: "ext-123", RoleSessionName: "gateway", DurationSeconds: 900 },
      clientConfig: { region: "eu-west-1", endpoint: "http://127.0.0.1:9" },
    });
  });

  it("omits unset settings rather than sending empty values", async () => {
    const fromTemporaryCredentials = vi.fn<CredentialProvidersModule["fromTemporaryCredentials"]>(() => async () => ({ ...SOURCE, sessionToken: "s" }));
    await createAssumeRoleProvider({ roleArn: ROLE_ARN, externalId: " ", sourceCredentials: async () => SOURCE, env: {}, loadCredentialProviders: async () => ({ fromTemporaryCredentials }) })();
    const options = fromTemporaryCredentials.mock.calls[0]?.[0];
    expect(options?.params).not.toHaveProperty("ExternalId");
    expect(options?.params).not.toHaveProperty("DurationSeconds");
    expect(options?.clientConfig).toEqual({ region: "us-east-1" });
  });

  it("points the chain's profile-role STS calls at AWS_ENDPOINT_URL_STS from the injected env", async () => {
    const defaultProvider = vi.fn<CredentialChainModule["defaultProvider"]>(() => async () => SOURCE);
    const provider = createDefaultCredentialProvider({
      env: { AWS_PROFILE: "gateway", AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9", AWS_REGION: "us-west-2" },
      loadChain: async () => ({ defaultProvider }),
    });
    await provider();
    expect(defaultProvider.mock.calls[0]?.[0]).toMatchObject({ profile: "gateway", clientConfig: { endpoint: "http://127.0.0.1:9", region: "us-west-2" } });
  });
});
