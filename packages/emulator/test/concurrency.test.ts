import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";

let emulator: RunningEmulator;
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  agent.destroy();
  await emulator.close();
});

function stream(url: string, body: unknown): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks)));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

describe("load", () => {
  it("serves 1,000 concurrent streams on loopback, each complete", async () => {
    const chat = { model: "openai.gpt-oss-20b", stream: true, messages: [{ role: "user", content: "concurrent stream test" }] };
    const converse = { messages: [{ role: "user", content: [{ text: "concurrent stream test" }] }] };
    const started = Date.now();
    const bodies = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        index % 2 === 0
          ? stream(`${emulator.mantleUrl}/v1/chat/completions`, chat)
          : stream(`${emulator.runtimeUrl}/model/amazon.nova-lite-v1%3A0/converse-stream`, converse),
      ),
    );
    const chatBodies = bodies.filter((_, index) => index % 2 === 0).map((body) => body.toString("utf8"));
    expect(chatBodies.every((text) => text.endsWith("data: [DONE]\n\n"))).toBe(true);
    expect(bodies.filter((_, index) => index % 2 === 1).every((body) => body.includes("metadata"))).toBe(true);
    // A generous bound that only proves nothing hangs or serialises badly.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(emulator.stats().requests["mantle.chat"]).toBe(500);
  });
});
