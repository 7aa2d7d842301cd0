import {
  BedrockKitError,
  computeUsageCost,
  emptyUsage,
  type FinishReason,
  type ModelCost,
  type StreamEvent,
  type Usage,
} from "@bedrock-kit/plugin-host";
import { mapConverseStopReason } from "./map-converse-stop-reason.js";

/** Options of {@link ConverseEventMapper}. */
export interface ConverseEventMapperOptions {
  /**
   * Name of the synthetic structured-output tool (see `buildConverseRequestBody`): its arguments
   * are the answer, so they are emitted as text and never as a tool call. Unset when not used.
   */
  structuredOutputToolName?: string;
  /** The model's prices, to fill `usage.cost`; unset leaves the cost unknown. */
  cost?: ModelCost;
}

/** A tool-use block whose input fragments are still arriving. */
interface OpenToolBlock {
  id: string;
  name: string;
  fragments: string[];
  /** The synthetic structured-output tool: fragments go out as text. */
  isAnswer: boolean;
}

type Fields = Record<string, unknown>;

/**
 * Turns ConverseStream events (`:event-type` and parsed payload) into contract events. Pure and
 * synchronous: the stream wiring feeds it decoded frames, the non-streaming path feeds it the same
 * events rebuilt from a `/converse` answer, so both produce identical events.
 *
 * It emits the terminal `finish` once both `messageStop` and `metadata` have arrived (in either
 * order), or at {@link end} when only `messageStop` came. After a terminal event it ignores input.
 */
export class ConverseEventMapper {
  private readonly toolBlocks = new Map<number, OpenToolBlock>();
  private stopReason: unknown;
  private sawMessageStop = false;
  private usage: Usage | undefined;
  private calledRealTool = false;
  private done = false;

  constructor(private readonly options: ConverseEventMapperOptions = {}) {}

  /** True once a `finish` or `error` was emitted. */
  get terminated(): boolean {
    return this.done;
  }

  /** Map one event; pushes zero or more contract events onto `out`. */
  handleEvent(eventType: string | undefined, payload: unknown, out: StreamEvent[]): void {
    if (this.done) return;
    if (typeof payload !== "object" || payload === null) {
      this.fail(corrupt(`A ${eventType ?? "Converse"} event carried no JSON object.`), out);
      return;
    }
    const fields = payload as Fields;
    switch (eventType) {
      case "contentBlockDelta":
        this.onBlockDelta(fields, out);
        return;
      case "contentBlockStart":
        this.onBlockStart(fields, out);
        return;
      case "contentBlockStop":
        this.onBlockStop(fields, out);
        return;
      case "messageStop":
        this.stopReason = fields.stopReason;
        this.sawMessageStop = true;
        if (this.usage !== undefined) this.finish(out);
        return;
      case "metadata":
        this.usage = readUsage(fields.usage, this.options.cost);
        if (this.sawMessageStop) this.finish(out);
        return;
      default:
        // messageStart carries only the role; unknown event types are newer API members.
        return;
    }
  }

  /** Emit a terminal `error` (an in-stream exception, a decode failure, a transport failure). */
  fail(error: BedrockKitError, out: StreamEvent[]): void {
    if (this.done) return;
    this.done = true;
    out.push({ type: "error", error });
  }

  /** The body ended: emit `finish` if `messageStop` came, else a `stream-corrupt` error. */
  end(out: StreamEvent[]): void {
    if (this.done) return;
    if (this.sawMessageStop) {
      this.finish(out);
      return;
    }
    this.fail(corrupt("The response stream ended before its messageStop event."), out);
  }

  private onBlockStart(fields: Fields, out: StreamEvent[]): void {
    const start = fields.start as Fields | undefined;
    const toolUse = start?.toolUse as Fields | undefined;
    if (toolUse === undefined) return;
    const index = blockIndex(fields);
    if (typeof toolUse.toolUseId !== "string" || typeof toolUse.name !== "string") {
      this.fail(corrupt("A toolUse block started without its toolUseId or name."), out);
      return;
    }
    const isAnswer = toolUse.name === this.options.structuredOutputToolName;
    if (!isAnswer) this.calledRealTool = true;
    this.toolBlocks.set(index, { id: toolUse.toolUseId, name: toolUse.name, fragments: [], isAnswer });
  }

  private onBlockDelta(fields: Fields, out: StreamEvent[]): void {
    const delta = fields.delta as Fields | undefined;
    if (typeof delta !== "object" || delta === null) {
      this.fail(corrupt("A contentBlockDelta event carried no delta."), out);
      return;
    }
    const index = blockIndex(fields);
    if (typeof delta.text === "string") {
      if (delta.text !== "") out.push({ type: "text-delta", index, text: delta.text });
      return;
    }
    const toolUse = delta.toolUse as Fields | undefined;
    if (toolUse !== undefined) {
      const block = this.toolBlocks.get(index);
      if (block === undefined) {
        this.fail(corrupt(`Tool input arrived for content block ${index}, which never started a toolUse.`), out);
        return;
      }
      const fragment = typeof toolUse.input === "string" ? toolUse.input : "";
      if (fragment === "") return;
      if (block.isAnswer) {
        out.push({ type: "text-delta", index, text: fragment });
        return;
      }
      block.fragments.push(fragment);
      out.push({ type: "tool-call-delta", index, id: block.id, name: block.name, argumentsDelta: fragment });
      return;
    }
    const reasoning = delta.reasoningContent as Fields | undefined;
    if (reasoning !== undefined) {
      if (typeof reasoning.text === "string") {
        if (reasoning.text !== "") out.push({ type: "reasoning-delta", index, text: reasoning.text });
      } else if (typeof reasoning.signature === "string") {
        out.push({ type: "reasoning-delta", index, text: "", signature: reasoning.signature });
      } else if (typeof reasoning.redactedContent === "string") {
        out.push({ type: "reasoning-delta", index, text: "", redacted: reasoning.redactedContent });
      }
    }
    // Other delta kinds (citations, images) are not part of the contract yet.
  }

  private onBlockStop(fields: Fields, out: StreamEvent[]): void {
    const index = blockIndex(fields);
    const block = this.toolBlocks.get(index);
    if (block === undefined) return;
    this.toolBlocks.delete(index);
    this.closeToolBlock(index, block, out);
  }

  private closeToolBlock(index: number, block: OpenToolBlock, out: StreamEvent[]): void {
    if (block.isAnswer) return;
    // Arguments are parsed exactly once, from all fragments joined, when the block ends.
    const text = block.fragments.length === 1 ? block.fragments[0]! : block.fragments.join("");
    out.push({ type: "tool-call", index, id: block.id, name: block.name, arguments: parseToolArguments(text) });
  }

  private finish(out: StreamEvent[]): void {
    // A block the stream never closed still completes its tool call before the finish.
    for (const [index, block] of this.toolBlocks) this.closeToolBlock(index, block, out);
    this.toolBlocks.clear();
    this.done = true;
    out.push({ type: "finish", reason: this.finishReason(), usage: this.usage ?? emptyUsage() });
  }

  private finishReason(): FinishReason {
    const reason = mapConverseStopReason(this.stopReason);
    // The synthetic structured-output tool is how the answer arrived, not a call to run.
    if (reason === "tool-calls" && this.options.structuredOutputToolName !== undefined && !this.calledRealTool) return "stop";
    return reason;
  }
}

/**
 * Empty text is a call without arguments (`{}`). Text that is not valid JSON (cut off at
 * `max_tokens`, a model's slip) is delivered as the raw string, as the Mantle adapters do
 * (docs/adr/0401): the stream is intact, and the host can answer the call with an error result so
 * the model corrects itself. Valid arguments are objects, so a string always means "did not parse".
 */
function parseToolArguments(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "string" ? text : parsed;
  } catch {
    return text;
  }
}

function blockIndex(fields: Fields): number {
  return typeof fields.contentBlockIndex === "number" ? fields.contentBlockIndex : 0;
}

/**
 * Converse usage to the contract's. Converse's `inputTokens` already excludes prompt-cache reads
 * and writes (they come separately), which is what `Usage.input` means.
 */
function readUsage(value: unknown, cost: ModelCost | undefined): Usage {
  const fields = (typeof value === "object" && value !== null ? value : {}) as Fields;
  const usage: Usage = {
    input: count(fields.inputTokens),
    output: count(fields.outputTokens),
    cacheRead: count(fields.cacheReadInputTokens),
    cacheWrite: count(fields.cacheWriteInputTokens),
  };
  const price = computeUsageCost(usage, cost);
  if (price !== undefined) usage.cost = price;
  return usage;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

function corrupt(message: string): BedrockKitError {
  return new BedrockKitError({
    code: "stream-corrupt",
    message,
    hint: "The response did not follow the ConverseStream protocol; retry the call, and report it if it repeats.",
    retryable: true,
  });
}
