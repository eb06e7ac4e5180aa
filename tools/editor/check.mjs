// Runs the real YAML language server (npm yaml-language-server, pinned in package-lock.json)
// headless over stdio on scenario files, as an editor would, and prints its diagnostics as
// FILE:LINE:COLUMN: message. A scenario names its schema on its first line:
//   # yaml-language-server: $schema=../docs/scenario.schema.json
// Usage: node tools/editor/check.mjs SCENARIO.yaml [...]   (exit 1 if any diagnostic)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const serverPath = require.resolve("yaml-language-server/bin/yaml-language-server");
const files = process.argv.slice(2).map((f) => resolve(f));
if (files.length === 0) {
  console.error("usage: node tools/editor/check.mjs SCENARIO.yaml [...]");
  process.exit(2);
}

const server = spawn(process.execPath, [serverPath, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map(); // uri -> diagnostics of the latest publish

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((done) => pending.set(id, done));
}
const settings = { yaml: { validate: true, completion: true, hover: true, schemas: {} } };

server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.subarray(headerEnd + 4 + length);
    if (message.id !== undefined && message.method) {
      // A request from the server: its configuration, or anything else answered empty.
      const result = message.method === "workspace/configuration"
        ? message.params.items.map((item) => (item.section ? settings[item.section] ?? null : settings))
        : null;
      send({ id: message.id, result });
    } else if (message.id !== undefined) {
      pending.get(message.id)?.(message.result);
    } else if (message.method === "textDocument/publishDiagnostics") {
      diagnostics.set(message.params.uri, message.params.diagnostics);
    }
  }
});

const root = pathToFileURL(process.cwd()).href;
await request("initialize", {
  processId: process.pid,
  rootUri: root,
  capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
});
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings } });

let count = 0;
for (const file of files) {
  const uri = pathToFileURL(file).href;
  send({
    method: "textDocument/didOpen",
    params: { textDocument: { uri, languageId: "yaml", version: 1, text: readFileSync(file, "utf8") } },
  });
  // Validation is asynchronous (the schema is read first): wait for this file's diagnostics,
  // then a little longer in case a second, complete publish follows the first.
  for (let waited = 0; waited < 20000 && !diagnostics.has(uri); waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const d of diagnostics.get(uri) ?? []) {
    count++;
    const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    console.log(`${where}: ${d.severity === 1 ? "error" : "warning"}: ${d.message.replace(/\n/g, " ")}`);
  }
}
await request("shutdown", null);
send({ method: "exit" });
process.exit(count > 0 ? 1 : 0);
