import type { PromptSegment } from "../answer/conversation.js";

/** A response kept because it was created with `store` true (Mantle's default, facts §1.9). */
export interface StoredResponse {
  readonly id: string;
  readonly modelId: string;
  /** The final response object, as `GET /v1/responses/{id}` returns it. */
  readonly response: Record<string, unknown>;
  /** The whole conversation so far (previous turns, this input, this output), for `previous_response_id`. */
  readonly segments: readonly PromptSegment[];
  /** Function-call ids the conversation has produced, so a later `function_call_output` can refer to them. */
  readonly callIds: readonly string[];
}

const MAX_STORED = 10_000;

/** Stored responses, oldest evicted first once the bound is reached. */
export class ResponseStore {
  private readonly responses = new Map<string, StoredResponse>();

  put(stored: StoredResponse): void {
    this.responses.set(stored.id, stored);
    if (this.responses.size > MAX_STORED) {
      const oldest = this.responses.keys().next();
      if (!oldest.done) this.responses.delete(oldest.value);
    }
  }

  get(id: string): StoredResponse | undefined {
    return this.responses.get(id);
  }

  delete(id: string): boolean {
    return this.responses.delete(id);
  }
}
