// The baseline for the HTTP benchmark: raw node:http answering every request with one fixed response.
// Usage: node --import tsx bench/baseline-server.ts <port> <response-file>
// The response file is JSON: { status, headers: [name, value, …], body (base64) }, the target's own answer.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const [port = "0", responseFile = ""] = process.argv.slice(2);
const response = JSON.parse(readFileSync(responseFile, "utf8")) as { status: number; headers: string[]; body: string };
const body = Buffer.from(response.body, "base64");
createServer((_req, res) => {
  res.writeHead(response.status, response.headers);
  res.end(response.status === 304 ? undefined : body);
}).listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
