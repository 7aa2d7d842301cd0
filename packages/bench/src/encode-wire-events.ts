import type { WireFormat } from "./bench-scenario.js";
import { converseEventHeaders, encodeEventStreamMessage } from "./encode-event-stream-message.js";

/** A response body split into the parts the mock schedules separately. */
export interface EncodedStream {
  /** Everything before the first text delta (message start, block start…). */
  preamble: Buffer;
  /** One encoded wire event per text delta, in order. */
  deltas: Buffer[];
  /** Everything after the last text delta (block stop, finish, usage, `[DONE]`). */
  epilogue: Buffer;
}

/** Fixed ids so bodies are byte-identical across runs. */
const CHAT_ID = "chatcmpl-bench";
const RESPONSE_ID = "resp_bench00000000000000000000000000001";
const ITEM_ID = "msg_bench00000000000000000000000000001";
const MESSAGE_ID = "msg_bench01XkQ7w3T9rV2pLm8NzYa";
const CREATED = 1760000000;
const INPUT_TOKENS = 12;

/** Target size of one Converse `contentBlockDelta` frame, as Bedrock's random `p` padding makes it. */
export const CONVERSE_DELTA_FRAME_BYTES = 194;
const PADDING_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".repeat(8);

function sse(data: unknown, event?: string): Buffer {
  const json = JSON.stringify(data);
  return Buffer.from(event === undefined ? `data: ${json}\n\n` : `event: ${event}\ndata: ${json}\n\n`);
}

function chatChunk(model: string, delta: Record<string, unknown>, finishReason: string | null): unknown {
  return {
    id: CHAT_ID,
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function encodeOpenAIChat(model: string, texts: readonly string[]): EncodedStream {
  const fullLength = texts.length;
  return {
    preamble: sse(chatChunk(model, { role: "assistant", content: "" }, null)),
    deltas: texts.map((text) => sse(chatChunk(model, { content: text }, null))),
    epilogue: Buffer.concat([
      sse(chatChunk(model, {}, "stop")),
      sse({
        id: CHAT_ID,
        object: "chat.completion.chunk",
        created: CREATED,
        model,
        choices: [],
        usage: { prompt_tokens: INPUT_TOKENS, completion_tokens: fullLength, total_tokens: INPUT_TOKENS + fullLength },
      }),
      Buffer.from("data: [DONE]\n\n"),
    ]),
  };
}

function encodeOpenAIResponses(model: string, texts: readonly string[]): EncodedStream {
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>) => sse({ type, sequence_number: sequence++, ...fields }, type);
  const baseResponse = {
    id: RESPONSE_ID,
    object: "response",
    created_at: CREATED,
    model,
    output: [] as unknown[],
    parallel_tool_calls: true,
    store: false,
    tool_choice: "auto",
    tools: [],
  };
  const preamble = Buffer.concat([
    event("response.created", { response: { ...baseResponse, status: "in_progress", usage: null } }),
    event("response.in_progress", { response: { ...baseResponse, status: "in_progress", usage: null } }),
    event("response.output_item.added", {
      output_index: 0,
      item: { id: ITEM_ID, type: "message", status: "in_progress", role: "assistant", content: [] },
    }),
    event("response.content_part.added", {
      item_id: ITEM_ID,
      output_index: 0,
      content_index: 0,
      part: { type: "output_text", text: "", annotations: [] },
    }),
  ]);
  const deltas = texts.map((text) =>
    event("response.output_text.delta", { item_id: ITEM_ID, output_index: 0, content_index: 0, delta: text, logprobs: [] }),
  );
  // The real API repeats the whole text in the closing events; a client parses it four more times.
  const fullText = texts.join("");
  const part = { type: "output_text", text: fullText, annotations: [] };
  const item = { id: ITEM_ID, type: "message", status: "completed", role: "assistant", content: [part] };
  const epilogue = Buffer.concat([
    event("response.output_text.done", { item_id: ITEM_ID, output_index: 0, content_index: 0, text: fullText, logprobs: [] }),
    event("response.content_part.done", { item_id: ITEM_ID, output_index: 0, content_index: 0, part }),
    event("response.output_item.done", { output_index: 0, item }),
    event("response.completed", {
      response: {
        ...baseResponse,
        status: "completed",
        output: [item],
        usage: {
          input_tokens: INPUT_TOKENS,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: texts.length,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: INPUT_TOKENS + texts.length,
        },
      },
    }),
  ]);
  return { preamble, deltas, epilogue };
}

function encodeAnthropicMessages(model: string, texts: readonly string[]): EncodedStream {
  return {
    preamble: Buffer.concat([
      sse(
        {
          type: "message_start",
          message: {
            id: MESSAGE_ID,
            type: "message",
            role: "assistant",
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: INPUT_TOKENS, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
          },
        },
        "message_start",
      ),
      sse({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start"),
      sse({ type: "ping" }, "ping"),
    ]),
    deltas: texts.map((text) => sse({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }, "content_block_delta")),
    epilogue: Buffer.concat([
      sse({ type: "content_block_stop", index: 0 }, "content_block_stop"),
      sse(
        { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: texts.length } },
        "message_delta",
      ),
      sse({ type: "message_stop" }, "message_stop"),
    ]),
  };
}

function converseFrame(eventType: string, body: Record<string, unknown>, targetBytes = 0): Buffer {
  const headers = converseEventHeaders(eventType);
  const unpadded = encodeEventStreamMessage(headers, Buffer.from(JSON.stringify({ ...body, p: "" })));
  const paddingLength = Math.max(4, Math.min(PADDING_ALPHABET.length, targetBytes - unpadded.length));
  return encodeEventStreamMessage(headers, Buffer.from(JSON.stringify({ ...body, p: PADDING_ALPHABET.slice(0, paddingLength) })));
}

function encodeConverseStream(texts: readonly string[]): EncodedStream {
  return {
    preamble: converseFrame("messageStart", { role: "assistant" }, 80),
    deltas: texts.map((text) =>
      converseFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }, CONVERSE_DELTA_FRAME_BYTES),
    ),
    epilogue: Buffer.concat([
      converseFrame("contentBlockStop", { contentBlockIndex: 0 }, 100),
      converseFrame("messageStop", { stopReason: "end_turn" }, 100),
      converseFrame(
        "metadata",
        {
          usage: { inputTokens: INPUT_TOKENS, outputTokens: texts.length, totalTokens: INPUT_TOKENS + texts.length },
          metrics: { latencyMs: 42 },
        },
        120,
      ),
    ]),
  };
}

/** Encodes a successful text stream of the given deltas in one wire format. */
export function encodeWireStream(format: WireFormat, model: string, texts: readonly string[]): EncodedStream {
  switch (format) {
    case "openai-chat":
      return encodeOpenAIChat(model, texts);
    case "openai-responses":
      return encodeOpenAIResponses(model, texts);
    case "anthropic-messages":
      return encodeAnthropicMessages(model, texts);
    case "converse-stream":
      return encodeConverseStream(texts);
  }
}

/** The response content type of a wire format. */
export function wireContentType(format: WireFormat): string {
  return format === "converse-stream" ? "application/vnd.amazon.eventstream" : "text/event-stream; charset=utf-8";
}
