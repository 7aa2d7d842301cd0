import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { postJson } from "./helpers.js";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

function call(path: string, model: string) {
  const body = path.endsWith("/responses") ? { model, input: "hi" } : { model, messages: [{ role: "user", content: "hi" }] };
  return postJson(`${emulator.mantleUrl}${path}`, emulator.apiKey, body);
}

const berm = { code: "access_denied", message: "Berm is not enabled for this account", param: null, type: "permission_denied_error" };

describe("models fail on the wrong Mantle surface as they do on AWS (facts §1.3, §5)", () => {
  it.each([
    ["/v1/chat/completions", "google.gemma-4-31b-it", 401, berm.message],
    ["/v1/responses", "xai.grok-4.3", 401, berm.message],
    ["/openai/v1/chat/completions", "openai.gpt-oss-120b", 401, "The security token included in the request is invalid"],
    ["/openai/v1/responses", "openai.gpt-oss-20b", 401, "The security token included in the request is invalid"],
    ["/v1/responses", "openai.gpt-5.5", 400, "The model 'openai.gpt-5.5' does not support the '/v1/responses' API"],
    ["/v1/chat/completions", "openai.gpt-5.5", 400, "model openai.gpt-5.5 isn't supported on this route"],
    ["/openai/v1/chat/completions", "openai.gpt-5.4", 400, "The model 'openai.gpt-5.4' does not support the '/v1/chat/completions' API"],
    ["/v1/responses", "qwen.qwen3-235b-a22b-2507", 400, "The model 'qwen.qwen3-235b-a22b-2507' does not support the '/v1/responses' API"],
    ["/openai/v1/chat/completions", "deepseek.v3.1", 400, "model deepseek.v3.1 isn't supported on this route"],
    ["/v1/chat/completions", "anthropic.claude-opus-4-7", 400, "The model 'anthropic.claude-opus-4-7' does not support the '/v1/chat/completions' API"],
    ["/v1/chat/completions", "us.anthropic.claude-opus-4-7", 404, "The model 'us.anthropic.claude-opus-4-7' does not exist"],
    ["/openai/v1/responses", "openai.gpt-5.6-terra", 404, "The model 'openai.gpt-5.6-terra' does not exist"],
  ])("%s with %s → %i", async (path, model, status, message) => {
    const response = await call(path, model);
    expect(response.status).toBe(status);
    expect(response.json().error.message).toBe(message);
    expect(response.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers Berm with the verbatim envelope", async () => {
    expect((await call("/v1/chat/completions", "google.gemma-4-31b-it")).json()).toEqual({ error: berm });
  });

  it.each([
    ["/v1/chat/completions", "openai.gpt-oss-120b"],
    ["/v1/responses", "openai.gpt-oss-120b"],
    ["/v1/chat/completions", "google.gemma-3-27b-it"],
    ["/openai/v1/chat/completions", "google.gemma-4-31b-it"],
    ["/openai/v1/responses", "google.gemma-4-31b-it"],
    ["/openai/v1/responses", "openai.gpt-5.5"],
    ["/openai/v1/chat/completions", "xai.grok-4.3"],
  ])("%s with %s → 200", async (path, model) => {
    expect((await call(path, model)).status).toBe(200);
  });

  it("answers an unknown path with OpenAI's invalid-URL error", async () => {
    const response = await postJson(`${emulator.mantleUrl}/v1/embeddings`, emulator.apiKey, {});
    expect(response.status).toBe(404);
    expect(response.json().error.message).toBe("Invalid URL (POST /v1/embeddings)");
  });

  it("records the surface and model of each request for tests to inspect", async () => {
    await call("/openai/v1/responses", "openai.gpt-5.5");
    const last = emulator.stats().recent.at(-1);
    expect(last).toMatchObject({ route: "mantle.responses", path: "/openai/v1/responses", model: "openai.gpt-5.5", status: 200, authKind: "api-key" });
  });
});
