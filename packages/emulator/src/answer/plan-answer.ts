import type { EmulatedModel } from "../emulator-types.js";
import { type Conversation, countWords, type OfferedTool, splitIntoWordDeltas } from "./conversation.js";

/** A tool call the answer makes. */
export interface PlannedToolCall {
  readonly name: string;
  /** The complete arguments JSON. */
  readonly argumentsJson: string;
  /** The arguments JSON in a few fragments (they join to `argumentsJson`). */
  readonly argumentChunks: readonly string[];
}

/** Why the answer stops. */
export type PlannedStop = "end" | "length" | "tool";

/** Token counts (words), before any surface-specific folding of cached tokens. */
export interface PlannedUsage {
  /** Every word of the prompt, cached or not. */
  readonly promptWords: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  /** Output words, reasoning included. */
  readonly output: number;
  readonly reasoning: number;
}

/** The deterministic answer to a conversation, ready for any surface to render. */
export interface AnswerPlan {
  readonly reasoning: readonly string[];
  readonly text: readonly string[];
  readonly toolCall?: PlannedToolCall;
  readonly stop: PlannedStop;
  readonly usage: PlannedUsage;
}

/** Prompt-cache outcome for the request. */
export interface CacheUsage {
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

function chooseTool(conversation: Conversation): OfferedTool | undefined {
  const { tools, toolChoice, lastTurn } = conversation;
  if (tools.length === 0 || toolChoice.kind === "none") return undefined;
  if (toolChoice.kind === "tool") return tools.find((tool) => tool.name === toolChoice.name) ?? { name: toolChoice.name };
  if (toolChoice.kind === "any") return tools[0];
  // `auto` calls the first tool for a user turn, and answers a tool result with text so loops end.
  return lastTurn.kind === "user" ? tools[0] : undefined;
}

function splitIntoThree(text: string): string[] {
  if (text.length < 3) return [text];
  const size = Math.ceil(text.length / 3);
  return [text.slice(0, size), text.slice(size, 2 * size), text.slice(2 * size)].filter((chunk) => chunk.length > 0);
}

function reasoningText(conversation: Conversation, tool: OfferedTool | undefined): string {
  if (tool) return `The user needs ${tool.name}, so I will call it.`;
  if (conversation.lastTurn.kind === "tool-result") return "The tool answered, so I will report its result.";
  return `The user wrote ${countWords(conversation.lastTurn.text)} words, so I will repeat them.`;
}

/**
 * Plans the answer: reasoning when the model reasons and it was asked for (or always reasons), then
 * either a call to the chosen tool (arguments from the prompt) or an echo of the last user text (or
 * of the tool result). Words are tokens; the max-tokens budget truncates reasoning, then text, and
 * a truncated answer stops with `length`.
 */
export function planAnswer(conversation: Conversation, model: EmulatedModel, cache: CacheUsage): AnswerPlan {
  const promptWords = Math.max(1, conversation.segments.reduce((sum, segment) => sum + countWords(segment.text), 0));
  const budget = conversation.maxTokens ?? Number.POSITIVE_INFINITY;
  const reasons = model.reasoning === "always" || (model.reasoning === "on-request" && conversation.reasoningRequested);
  const tool = chooseTool(conversation);

  const reasoningWords = reasons ? splitIntoWordDeltas(reasoningText(conversation, tool)) : [];
  const reasoning = reasoningWords.slice(0, Math.max(0, Math.min(reasoningWords.length, budget)));
  let remaining = budget - reasoning.length;
  let stop: PlannedStop = reasoning.length < reasoningWords.length ? "length" : "end";
  let text: string[] = [];
  let toolCall: PlannedToolCall | undefined;
  let toolWords = 0;

  if (stop !== "length" && tool) {
    if (remaining <= 0) stop = "length";
    else {
      const argumentValue = conversation.lastTurn.text;
      const argumentsJson = JSON.stringify(tool.firstStringProperty ? { [tool.firstStringProperty]: argumentValue } : {});
      toolCall = { name: tool.name, argumentsJson, argumentChunks: splitIntoThree(argumentsJson) };
      toolWords = Math.max(1, countWords(argumentValue));
      stop = "tool";
    }
  } else if (stop !== "length") {
    const fallback = conversation.lastTurn.kind === "tool-result" ? "Done." : "Hello.";
    const words = splitIntoWordDeltas(conversation.lastTurn.text.trim() === "" ? fallback : conversation.lastTurn.text.trimStart());
    text = words.slice(0, Math.max(0, Math.min(words.length, remaining)));
    remaining -= text.length;
    if (text.length < words.length) stop = "length";
  }

  return {
    reasoning,
    text,
    ...(toolCall ? { toolCall } : {}),
    stop,
    usage: {
      promptWords,
      cacheRead: cache.cacheRead,
      cacheWrite: cache.cacheWrite,
      output: Math.max(1, reasoning.length + text.length + toolWords),
      reasoning: reasoning.length,
    },
  };
}
