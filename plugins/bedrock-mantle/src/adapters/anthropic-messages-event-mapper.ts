import type { Usage } from "@bedrock-kit/plugin-host";
import { countField, isJsonObject, objectField, stringField, type JsonObject } from "./json-guards.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";
import { anthropicErrorCode, streamFailureError } from "./map-stream-error.js";
import { parseToolCallArguments } from "./parse-tool-call-arguments.js";
import { StreamEventSink } from "./stream-event-sink.js";
import { parseEventJson, type WireEventMapper } from "./wire-event-mapper.js";

interface ToolUseState {
  id: string;
  name: string;
  /** `input_json_delta` fragments, joined and parsed once at `content_block_stop`. */
  fragments: string[];
}

/**
 * Anthropic Messages stream events → contract events, for one call. Block indexes are the wire's
 * content block indexes. Usage: `message_start` gives input and cache counts (Anthropic's
 * `input_tokens` already excludes cache reads and writes), `message_delta` the final output count.
 */
export class AnthropicMessagesEventMapper implements WireEventMapper {
  readonly sink = new StreamEventSink();
  readonly responseId: string | undefined = undefined;
  private readonly toolUses: Array<ToolUseState | undefined> = [];
  private readonly usage: Usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  private stopReason: string | undefined;

  handleMessage(data: string): void {
    const event = parseEventJson(data, this.sink);
    if (event !== undefined) this.handleEvent(event);
  }

  /** One parsed stream event. */
  handleEvent(event: unknown): void {
    if (!isJsonObject(event)) {
      this.sink.corrupt("A Messages stream event is not a JSON object.");
      return;
    }
    switch (event.type) {
      case "content_block_delta":
        this.handleBlockDelta(event);
        break;
      case "content_block_start":
        this.handleBlockStart(event);
        break;
      case "content_block_stop":
        this.handleBlockStop(blockIndex(event));
        break;
      case "message_start": {
        const message = objectField(event, "message");
        this.readUsage(message === undefined ? undefined : objectField(message, "usage"));
        break;
      }
      case "message_delta": {
        const delta = objectField(event, "delta");
        const stopReason = delta === undefined ? undefined : stringField(delta, "stop_reason");
        if (stopReason !== undefined) this.stopReason = stopReason;
        this.readUsage(objectField(event, "usage"));
        break;
      }
      case "message_stop":
        this.sink.finish(mapAnthropicStopReason(this.stopReason), this.usage);
        break;
      case "error": {
        const error = objectField(event, "error") ?? {};
        const type = stringField(error, "type");
        this.sink.fail(streamFailureError(anthropicErrorCode(type), `Upstream ${type ?? "error"}: ${stringField(error, "message") ?? "the model failed mid-stream."}`));
        break;
      }
      default:
        // ping, and event types newer than this adapter.
        break;
    }
  }

  handleEnd(): void {
    this.sink.corrupt("The Messages stream ended before message_stop.");
  }

  /** Counts are cumulative; a later event's count replaces the earlier one when present. */
  private readUsage(usage: JsonObject | undefined): void {
    if (usage === undefined) return;
    if (typeof usage.input_tokens === "number") this.usage.input = countField(usage, "input_tokens");
    if (typeof usage.output_tokens === "number") this.usage.output = countField(usage, "output_tokens");
    if (typeof usage.cache_read_input_tokens === "number") this.usage.cacheRead = countField(usage, "cache_read_input_tokens");
    if (typeof usage.cache_creation_input_tokens === "number") this.usage.cacheWrite = countField(usage, "cache_creation_input_tokens");
  }

  private handleBlockStart(event: JsonObject): void {
    const index = blockIndex(event);
    const block = objectField(event, "content_block");
    if (block === undefined) return;
    switch (block.type) {
      case "text": {
        const text = stringField(block, "text");
        if (text !== undefined && text.length > 0) this.sink.push({ type: "text-delta", index, text });
        break;
      }
      case "thinking": {
        const text = stringField(block, "thinking");
        if (text !== undefined && text.length > 0) this.sink.push({ type: "reasoning-delta", index, text });
        break;
      }
      case "redacted_thinking": {
        const data = stringField(block, "data");
        if (data !== undefined) this.sink.push({ type: "reasoning-delta", index, text: "", redacted: data });
        break;
      }
      case "tool_use":
        this.toolUses[index] = { id: stringField(block, "id") ?? `toolu_${index}`, name: stringField(block, "name") ?? "", fragments: [] };
        break;
      default:
        break;
    }
  }

  private handleBlockDelta(event: JsonObject): void {
    const index = blockIndex(event);
    const delta = objectField(event, "delta");
    if (delta === undefined) return;
    switch (delta.type) {
      case "text_delta": {
        const text = stringField(delta, "text");
        if (text !== undefined && text.length > 0) this.sink.push({ type: "text-delta", index, text });
        break;
      }
      case "thinking_delta": {
        const text = stringField(delta, "thinking");
        if (text !== undefined && text.length > 0) this.sink.push({ type: "reasoning-delta", index, text });
        break;
      }
      case "signature_delta": {
        const signature = stringField(delta, "signature");
        if (signature !== undefined) this.sink.push({ type: "reasoning-delta", index, text: "", signature });
        break;
      }
      case "input_json_delta": {
        const state = this.toolUses[index];
        const argumentsDelta = stringField(delta, "partial_json");
        if (state === undefined) {
          this.sink.corrupt(`Tool input arrived for block ${index}, which is not a tool_use block.`);
          return;
        }
        if (argumentsDelta === undefined || argumentsDelta.length === 0) return;
        state.fragments.push(argumentsDelta);
        this.sink.push({ type: "tool-call-delta", index, id: state.id, name: state.name, argumentsDelta });
        break;
      }
      default:
        // citations_delta and newer delta types.
        break;
    }
  }

  private handleBlockStop(index: number): void {
    const state = this.toolUses[index];
    if (state === undefined) return;
    this.toolUses[index] = undefined;
    this.sink.push({ type: "tool-call", index, id: state.id, name: state.name, arguments: parseToolCallArguments(state.fragments.join("")) });
  }
}

function blockIndex(event: JsonObject): number {
  const index = event.index;
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : 0;
}
