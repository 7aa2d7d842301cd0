/** Loader hook for `import-probe --count-modules`: reports the URL of every module loaded. */
import type { MessagePort } from "node:worker_threads";

let port: MessagePort | undefined;

export function initialize(data: { port: MessagePort }): void {
  port = data.port;
}

export async function load(
  url: string,
  context: unknown,
  nextLoad: (url: string, context: unknown) => Promise<unknown>,
): Promise<unknown> {
  port?.postMessage(url);
  return nextLoad(url, context);
}
