// The baseline for the HTTP benchmark: raw node:http answering every request with fixed bytes.
// Usage: node --import tsx bench/baseline-server.ts <port> <content-type> <body-file> [status]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const [port = "0", contentType = "text/plain", bodyFile = "", status = "200"] = process.argv.slice(2);
const body = readFileSync(bodyFile);
createServer((_req, res) => {
  res.writeHead(Number(status), { "Content-Type": contentType, "Content-Length": body.length });
  res.end(status === "304" ? undefined : body);
}).listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
