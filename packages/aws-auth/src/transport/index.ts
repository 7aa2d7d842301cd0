export { createNodeHttpTransport, defaultTransport, isLoopbackUrl, type NodeHttpTransportOptions } from "./node-http-transport.js";
