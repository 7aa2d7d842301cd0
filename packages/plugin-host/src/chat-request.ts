/** Plain text content. */
export interface TextPart {
  /** Discriminant. */
  type: "text";
  /** The text. */
  text: string;
}

/** An image, inline as base64. */
export interface ImagePart {
  /** Discriminant. */
  type: "image";
  /** IANA media type: `image/png`, `image/jpeg`, `image/gif` or `image/webp`. */
  mediaType: string;
  /** Base64 of the image bytes (no `data:` prefix). */
  data: string;
}

/** Reasoning a model produced earlier, replayed in an assistant turn. */
export interface ReasoningPart {
  /** Discriminant. */
  type: "reasoning";
  /** The reasoning text as the model streamed it. */
  text: string;
  /** Provider signature that lets the model verify its own reasoning; reasoning without one is not replayed where the API requires it. */
  signature?: string;
  /** Opaque encrypted reasoning (Anthropic `redacted_thinking`, Converse `redactedContent`), base64. */
  redacted?: string;
}

/** A tool call the assistant made earlier, replayed in an assistant turn. */
export interface ToolCallPart {
  /** Discriminant. */
  type: "tool-call";
  /** The call id the model assigned. */
  id: string;
  /** The tool's name. */
  name: string;
  /** The parsed arguments object. */
  arguments: unknown;
}

/** The result of a tool call, sent back in a `tool` message. */
export interface ToolResultPart {
  /** Discriminant. */
  type: "tool-result";
  /** The id of the tool call this answers. */
  toolCallId: string;
  /** The tool's name (some APIs need it). */
  name?: string;
  /** The result: text, or text and images. */
  content: string | Array<TextPart | ImagePart>;
  /** True when the tool failed and `content` describes the failure. */
  isError?: boolean;
}

/** A user turn. */
export interface UserMessage {
  /** Discriminant. */
  role: "user";
  /** Text, or a list of text and image parts. */
  content: string | Array<TextPart | ImagePart>;
}

/** An assistant turn, replayed as history. */
export interface AssistantMessage {
  /** Discriminant. */
  role: "assistant";
  /** Text, or a list of reasoning, text and tool-call parts in the order the model produced them. */
  content: string | Array<TextPart | ReasoningPart | ToolCallPart>;
}

/** Tool results answering the previous assistant turn's tool calls. */
export interface ToolMessage {
  /** Discriminant. */
  role: "tool";
  /** One result per answered call. */
  content: ToolResultPart[];
}

/** One conversation turn. */
export type Message = UserMessage | AssistantMessage | ToolMessage;

/** A function tool the model may call. */
export interface ToolDefinition {
  /** Name; most APIs require `^[a-zA-Z0-9_-]{1,64}$`. */
  name: string;
  /** What the tool does, for the model. */
  description?: string;
  /** JSON Schema (an `object` schema) of the arguments. */
  parameters: Record<string, unknown>;
  /** Ask the API to enforce the schema strictly, where it supports that. */
  strict?: boolean;
}

/** How the model may use the offered tools. */
export type ToolChoice =
  /** The model decides. */
  | "auto"
  /** The model must not call a tool. */
  | "none"
  /** The model must call some tool. */
  | "required"
  /** The model must call this tool. */
  | { name: string };

/** How much the model should reason; mapped per API (effort, budget or adaptive thinking). */
export type ReasoningLevel = "minimal" | "low" | "medium" | "high" | "xhigh";

/** Every {@link ReasoningLevel}, for validation and help text. */
export const REASONING_LEVELS: readonly ReasoningLevel[] = ["minimal", "low", "medium", "high", "xhigh"];

/** Ask for output that validates against a JSON Schema. */
export interface ResponseFormat {
  /** Discriminant; only JSON Schema output is supported. */
  type: "json-schema";
  /** A short name for the schema (OpenAI requires one). */
  name: string;
  /** The JSON Schema the output must satisfy. */
  schema: Record<string, unknown>;
  /** Ask the API to enforce the schema strictly. */
  strict?: boolean;
}

/** One model call, in the same shape for every API. */
export interface ChatRequest {
  /** System prompt. */
  system?: string;
  /** The conversation, oldest first; must not be empty. */
  messages: Message[];
  /** Tools the model may call. */
  tools?: ToolDefinition[];
  /** How the model may use `tools`; default `auto`. */
  toolChoice?: ToolChoice;
  /** Maximum output tokens; default a realistic share of the model's cap (not the cap itself: Mantle counts it against quota). */
  maxTokens?: number;
  /** Sampling temperature; dropped for models that reject it. */
  temperature?: number;
  /** Nucleus sampling; dropped for models that reject it. */
  topP?: number;
  /** Stop sequences. */
  stop?: string[];
  /** Reasoning level for reasoning models; ignored for others. */
  reasoning?: ReasoningLevel;
  /** Structured output. */
  responseFormat?: ResponseFormat;
  /** Responses API: continue a stored response (implies `store: true`). */
  previousResponseId?: string;
  /** Responses API: store the response upstream; default false. */
  store?: boolean;
  /**
   * Provider-specific options merged verbatim into the wire body, keyed by provider family:
   * `openai`, `anthropic`, `bedrock`.
   */
  providerOptions?: Record<string, Record<string, unknown>>;
}
