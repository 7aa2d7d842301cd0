import http from "node:http";

/** What the mock's `GET /__stats` reports. */
export interface MockServerStats {
  /** Server process CPU (user + system), µs. */
  cpuMicros: number;
  /** Bench requests served. */
  requestCount: number;
  /** TCP connections accepted, this stats request's own included. */
  connectionCount: number;
}

/** Reads the mock's counters over a fresh connection (never the client's pool). */
export function readMockServerStats(baseUrl: string): Promise<MockServerStats> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}/__stats`, { agent: false }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve(JSON.parse(text) as MockServerStats));
      })
      .on("error", reject);
  });
}
