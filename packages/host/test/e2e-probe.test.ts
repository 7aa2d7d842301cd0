import { startEmulator } from "@bedrock-kit/emulator";
import { it } from "vitest";
import { drain, hostWith, MANTLE_KEY_VAR, providersFor, toolRequest } from "./helpers/e2e-harness.js";

it("probe", async () => {
  const emulator = await startEmulator();
  const host = await hostWith(providersFor(emulator), { [MANTLE_KEY_VAR]: emulator.apiKey, AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey });
  const models = await host.listModels();
  console.log(models.map((m) => `${m.ref} ${m.api} ${m.wireId} ${m.baseUrl}`).join("\n"));
  for (const ref of ["amazon-bedrock-mantle/openai.gpt-oss-120b", "amazon-bedrock-mantle/openai.gpt-5.5", "amazon-bedrock-mantle/anthropic.claude-sonnet-4-6", "amazon-bedrock/anthropic.claude-sonnet-4-6"]) {
    try {
      const plain = await drain(host.stream(ref, { messages: [{ role: "user", content: "hello there world" }], maxTokens: 100 }));
      const tool = await drain(host.stream(ref, toolRequest("Paris")));
      console.log(ref, JSON.stringify(plain.text), plain.finish?.reason, JSON.stringify(plain.finish?.usage), plain.error?.error.message, "TOOL", JSON.stringify(tool.toolCalls), tool.text, tool.finish?.reason, tool.error?.error.message);
    } catch (error) { console.log(ref, "THROW", (error as Error).message); }
  }
  console.log(JSON.stringify(emulator.stats().authKinds));
  await emulator.close();
});
