import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import type { PreparedConverseRequest } from "./build-converse-request-body.js";
import { ConverseCallTracker, abortedError, toBedrockKitError } from "./converse-call-tracker.js";
import { ConverseEventMapper, type ConverseEventMapperOptions } from "./converse-event-mapper.js";
import { classifyHttpFailure, converseSendRequest, isSuccessStatus } from "./converse-http.js";
import { converseResponseToEvents } from "./converse-response-to-events.js";
import type { ConverseCallInput } from "./converse-wire.js";

/**
 * Map a `/converse` response body to contract events (pure): the answer is rebuilt as the
 * ConverseStream events it corresponds to and fed through the same {@link ConverseEventMapper} as
 * the stream, so both paths agree event for event. Ends with one `finish` or `error`.
 */
export function mapConverseResponseBody(bodyText: string, options: ConverseEventMapperOptions = {}): StreamEvent[] {
  const out: StreamEvent[] = [];
  const mapper = new ConverseEventMapper(options);
  let response: unknown;
  try {
    response = JSON.parse(bodyText);
  } catch {
    mapper.fail(
      new BedrockKitError({
        code: "stream-corrupt",
        message: "Converse answered with a body that is not valid JSON.",
        hint: "Retry the call; if it repeats, check that baseUrl points at the Bedrock runtime and no proxy rewrites the response.",
        retryable: true,
      }),
      out,
    );
    return out;
  }
  for (const event of converseResponseToEvents(response)) {
    mapper.handleEvent(event.eventType, event.payload, out);
    if (mapper.terminated) return out;
  }
  mapper.end(out);
  return out;
}

/**
 * Call `/converse` and yield its answer as stream events (`start`, deltas, one terminal). Used by
 * `completeConverse` and by `streamConverse` for models that cannot stream tool use. Failures
 * before the body has been read reject the first `next()`, as on the streaming path.
 */
export async function* replayConverse(
  input: ConverseCallInput,
  prepared: PreparedConverseRequest,
  startedAt: number,
): AsyncGenerator<StreamEvent, void, undefined> {
  if (input.signal?.aborted) throw abortedError();
  const response = await input.send(converseSendRequest(input.model.wireId, "converse", prepared.body));
  if (!isSuccessStatus(response.status)) throw await classifyHttpFailure(response, input);
  const tracker = new ConverseCallTracker(input.model, input.clock, startedAt, response.headers["x-amzn-requestid"]);
  let bodyText: string;
  try {
    bodyText = await response.text();
  } catch (error) {
    throw tracker.stampError(input.signal?.aborted ? abortedError() : toBedrockKitError(error));
  } finally {
    response.cancel();
  }
  if (input.signal?.aborted) throw tracker.stampError(abortedError());
  yield { type: "start", model: input.model.wireId, api: "bedrock-converse-stream" };
  const events = mapConverseResponseBody(bodyText, {
    structuredOutputToolName: prepared.structuredOutputToolName,
    cost: input.model.cost,
  });
  for (const event of events) yield tracker.observe(event);
}
