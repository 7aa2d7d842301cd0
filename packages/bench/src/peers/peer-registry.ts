import { createAiSdkConverseSession, createAiSdkMantleChatSession, createAiSdkMantleResponsesSession } from "./ai-sdk-clients.js";
import { createAnthropicSdkSession } from "./anthropic-sdk-client.js";
import { createAwsSdkConverseSession } from "./aws-sdk-converse-client.js";
import { createFloorEventStreamSession } from "./floor-event-stream-client.js";
import { createFloorSseSession } from "./floor-sse-client.js";
import { createOpenAIChatSession, createOpenAIResponsesSession } from "./openai-sdk-clients.js";
import { createOursSession } from "./ours-plugin-clients.js";
import type { PeerDefinition } from "./peer-definition.js";

/** Every client under test, floors first, then ours, then the SDKs and the framework. */
export const PEERS: readonly PeerDefinition[] = [
  {
    id: "floor-chat",
    label: "floor: node:http + SSE split + JSON.parse (Chat)",
    kind: "floor",
    format: "openai-chat",
    importTarget: "floor",
    signsRequests: false,
    create: async (baseUrl) => createFloorSseSession(baseUrl, "openai-chat"),
  },
  {
    id: "floor-responses",
    label: "floor: node:http + SSE split + JSON.parse (Responses)",
    kind: "floor",
    format: "openai-responses",
    importTarget: "floor",
    signsRequests: false,
    create: async (baseUrl) => createFloorSseSession(baseUrl, "openai-responses"),
  },
  {
    id: "floor-anthropic",
    label: "floor: node:http + SSE split + JSON.parse (Anthropic)",
    kind: "floor",
    format: "anthropic-messages",
    importTarget: "floor",
    signsRequests: false,
    create: async (baseUrl) => createFloorSseSession(baseUrl, "anthropic-messages"),
  },
  {
    id: "floor-converse",
    label: "floor: node:http + event-stream framer (zlib.crc32) + JSON.parse",
    kind: "floor",
    format: "converse-stream",
    importTarget: "floor",
    signsRequests: false,
    create: async (baseUrl) => createFloorEventStreamSession(baseUrl),
  },
  {
    id: "ours-mantle-chat",
    label: "ours: Mantle provider, Chat Completions",
    kind: "ours",
    format: "openai-chat",
    importTarget: "ours-mantle",
    signsRequests: false,
    create: (baseUrl) => createOursSession({ plugin: "mantle", api: "openai-completions" }, baseUrl),
  },
  {
    id: "ours-mantle-responses",
    label: "ours: Mantle provider, Responses",
    kind: "ours",
    format: "openai-responses",
    importTarget: "ours-mantle",
    signsRequests: false,
    create: (baseUrl) => createOursSession({ plugin: "mantle", api: "openai-responses" }, baseUrl),
  },
  {
    id: "ours-mantle-anthropic",
    label: "ours: Mantle provider, Anthropic Messages",
    kind: "ours",
    format: "anthropic-messages",
    importTarget: "ours-mantle",
    signsRequests: false,
    create: (baseUrl) => createOursSession({ plugin: "mantle", api: "anthropic-messages" }, baseUrl),
  },
  {
    id: "ours-converse",
    label: "ours: Converse provider, bearer",
    kind: "ours",
    format: "converse-stream",
    importTarget: "ours-converse",
    signsRequests: false,
    create: (baseUrl) => createOursSession({ plugin: "converse", auth: "bearer" }, baseUrl),
  },
  {
    id: "ours-converse-sigv4",
    label: "ours: Converse provider, SigV4",
    kind: "ours",
    format: "converse-stream",
    importTarget: "ours-converse",
    signsRequests: true,
    create: (baseUrl) => createOursSession({ plugin: "converse", auth: "sigv4" }, baseUrl),
  },
  {
    id: "openai-chat",
    label: "openai SDK chat.completions.create({stream})",
    kind: "sdk",
    format: "openai-chat",
    importTarget: "openai",
    signsRequests: false,
    create: createOpenAIChatSession,
  },
  {
    id: "openai-responses",
    label: "openai SDK responses.create({stream})",
    kind: "sdk",
    format: "openai-responses",
    importTarget: "openai",
    signsRequests: false,
    create: createOpenAIResponsesSession,
  },
  {
    id: "anthropic-sdk",
    label: "@anthropic-ai/sdk messages.create({stream})",
    kind: "sdk",
    format: "anthropic-messages",
    importTarget: "anthropic-sdk",
    signsRequests: false,
    create: createAnthropicSdkSession,
  },
  {
    id: "aws-sdk-converse",
    label: "@aws-sdk/client-bedrock-runtime ConverseStream (SigV4)",
    kind: "sdk",
    format: "converse-stream",
    importTarget: "aws-sdk",
    signsRequests: true,
    create: createAwsSdkConverseSession,
  },
  {
    id: "ai-sdk-converse",
    label: "@ai-sdk/amazon-bedrock Converse doStream",
    kind: "framework",
    format: "converse-stream",
    importTarget: "ai-sdk-bedrock",
    signsRequests: false,
    create: createAiSdkConverseSession,
  },
  {
    id: "ai-sdk-mantle-chat",
    label: "@ai-sdk/amazon-bedrock/mantle chat doStream",
    kind: "framework",
    format: "openai-chat",
    importTarget: "ai-sdk-mantle",
    signsRequests: false,
    create: createAiSdkMantleChatSession,
  },
  {
    id: "ai-sdk-mantle-responses",
    label: "@ai-sdk/amazon-bedrock/mantle responses doStream",
    kind: "framework",
    format: "openai-responses",
    importTarget: "ai-sdk-mantle",
    signsRequests: false,
    create: createAiSdkMantleResponsesSession,
  },
];

/** The peer with this id; throws for an unknown id. */
export function peerById(id: string): PeerDefinition {
  const peer = PEERS.find((candidate) => candidate.id === id);
  if (peer === undefined) throw new Error(`unknown peer ${id}; known: ${PEERS.map((candidate) => candidate.id).join(", ")}`);
  return peer;
}

/** The floor peer of a wire format. */
export function floorOf(peer: PeerDefinition): PeerDefinition {
  const floor = PEERS.find((candidate) => candidate.kind === "floor" && candidate.format === peer.format);
  if (floor === undefined) throw new Error(`no floor for ${peer.format}`);
  return floor;
}
