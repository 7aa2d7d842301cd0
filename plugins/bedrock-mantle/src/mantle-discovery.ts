import pMemoize from "p-memoize";
import { BedrockKitError, type Clock, type RuntimeAuth, type Transport, type TransportResponse } from "@bedrock-kit/plugin-host";
import { classifyMantleHttpError } from "./classify-mantle-http-error.js";
import { classifyMantleError } from "./classify-mantle-error.js";
import { ExpiringCache } from "./expiring-cache.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { parseMantleModelsList } from "./parse-mantle-models-list.js";

/** Largest `/v1/models` body read (peers cap it at 4 MiB too); more is a failure, not a truncated list. */
export const DISCOVERY_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** One discovery call. */
export interface MantleDiscoveryRequest {
  /** Host root (`https://bedrock-mantle.us-east-1.api.aws`). */
  root: string;
  /** Region (part of the cache key). */
  region: string;
  /** Auth for the call (discovery goes through `prepareRuntimeAuth` like every other path). */
  auth: RuntimeAuth;
  /** Non-secret identity of the credential (part of the cache key). */
  identity: string;
  /** HTTP transport. */
  transport: Transport;
  /** Bound on the whole call (connect, headers and body), in ms. */
  timeoutMs: number;
  /** How long a good list stays fresh, in ms. */
  ttlMs: number;
  /** Extra headers from config. */
  headers?: Record<string, string>;
  /**
   * Stops this caller's wait. The request itself is shared by every concurrent caller, so one
   * caller's cancellation never fails the others; it is bounded by `timeoutMs` alone.
   */
  signal?: AbortSignal;
}

/** What discovery found. */
export interface MantleDiscoveryResult {
  /** Model ids as Mantle lists them. */
  ids: string[];
  /** True when the upstream failed and this is the last good list. */
  stale: boolean;
}

interface DiscoveredList {
  ids: string[];
  expiresAt: number;
}

/**
 * `GET {root}/v1/models`, memoized with p-memoize: one request per region and credential identity
 * per TTL however many callers ask at once (single-flight), TTL on the injected clock. Failures are
 * never cached; on an outage (a retryable failure) the last good list is served instead, and
 * otherwise (a refused credential, no list yet) the call throws a classified
 * error for the catalog to turn into a silent skip.
 */
export class MantleDiscovery {
  private readonly lastGood = new Map<string, string[]>();
  private readonly fetchList: (key: string, request: MantleDiscoveryRequest) => Promise<DiscoveredList>;

  constructor(private readonly clock: Clock) {
    this.fetchList = pMemoize((_key: string, request: MantleDiscoveryRequest) => this.fetchUncached(request), {
      cacheKey: ([key]) => key,
      cache: new ExpiringCache<string, DiscoveredList>(clock),
    });
  }

  /** The model ids at an endpoint (fresh, cached, or the last good list). */
  async list(request: MantleDiscoveryRequest): Promise<MantleDiscoveryResult> {
    const endpointKey = `${request.root}|${request.region}`;
    try {
      const list = await abortable(this.fetchList(`${endpointKey}|${request.identity}`, request), request.signal);
      this.lastGood.set(endpointKey, list.ids);
      return { ids: list.ids, stale: false };
    } catch (error) {
      // An outage serves the last good list; a refused credential does not, or a rotated-to-bad key
      // would stay hidden until every call fails (the skip then says why at call time).
      const lastGood = this.lastGood.get(endpointKey);
      if (lastGood !== undefined && classifyMantleError(error).retryable) return { ids: lastGood, stale: true };
      throw error;
    }
  }

  private async fetchUncached(request: MantleDiscoveryRequest): Promise<DiscoveredList> {
    const url = `${request.root}/v1/models`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), request.timeoutMs);
    const signal = timeout.signal;
    let response: TransportResponse | undefined;
    try {
      const headers: Record<string, string> = { accept: "application/json", ...request.headers, ...request.auth.headers };
      if (request.auth.sign !== undefined) Object.assign(headers, request.auth.sign({ method: "GET", url, headers }));
      response = await request.transport({
        method: "GET",
        url,
        headers,
        signal,
        timeouts: { connectMs: request.timeoutMs, firstByteMs: request.timeoutMs, idleMs: request.timeoutMs },
        maxBodyBytes: DISCOVERY_MAX_BODY_BYTES,
      });
      if (response.status < 200 || response.status > 299) {
        response.cancel();
        throw classifyMantleHttpError({ status: response.status, headers: response.headers, bodyText: "" }, { region: request.region });
      }
      const ids = parseMantleModelsList(await response.text());
      if (ids.length === 0) throw discoveryError("unavailable", `Mantle at ${request.root} lists no models.`);
      return { ids, expiresAt: this.clock.now() + request.ttlMs };
    } catch (error) {
      response?.cancel();
      if (timeout.signal.aborted) {
        throw discoveryError("timeout", `Mantle model discovery at ${request.root} took longer than ${request.timeoutMs} ms.`);
      }
      if (BedrockKitError.isInstance(error)) throw error;
      throw discoveryError("unavailable", `Mantle model discovery at ${request.root} failed: ${(error as Error).message}`, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Wait for a shared promise unless this caller's signal fires first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function abortedError(): BedrockKitError {
  return new BedrockKitError({
    code: "aborted",
    message: "Mantle model discovery was cancelled by the caller.",
    hint: "Nothing to do: the caller stopped waiting (the host's catalog timeout?); the shared request goes on and its list is cached.",
    provider: MANTLE_PROVIDER_ID,
    retryable: false,
  });
}

function discoveryError(code: "timeout" | "unavailable", message: string, cause?: unknown): BedrockKitError {
  return new BedrockKitError({
    code,
    message,
    hint: "Discovery is skipped until the endpoint answers; check the region, baseUrl and network access, or set discovery.enabled: false and list models in config.",
    provider: MANTLE_PROVIDER_ID,
    ...(cause !== undefined && { cause }),
  });
}
