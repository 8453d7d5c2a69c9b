// The embedded database's thread: PGlite (PostgreSQL compiled to WebAssembly) answering the
// PostgreSQL wire protocol for one client connection at a time (see db/embedded.ts). Plain
// JavaScript, so that a worker thread can load it as it is, in development and in production.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const PROTOCOL_V3 = 196608;
const TERMINATE = 0x58; // 'X'

/** @type {{ dataDir: string | null, sharedBuffers: string }} */
const { dataDir, sharedBuffers } = workerData;

/** @type {PGlite} */
let db;
try {
  db = dataDir
    ? new PGlite(dataDir, { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] })
    : new PGlite();
  await db.waitReady;
} catch (error) {
  parentPort.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

let pending = Buffer.alloc(0);
let queue = Promise.resolve();

/** Runs each complete message of the connection's byte stream; answers with everything PGlite said. */
async function receive(chunk) {
  pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const answers = [];
  while (pending.length >= 5) {
    const startup = pending[0] === 0 && pending.length >= 8 && pending.readInt32BE(4) === PROTOCOL_V3;
    const length = startup ? pending.readInt32BE(0) : 1 + pending.readInt32BE(1);
    if (pending.length < length) break;
    const message = new Uint8Array(pending.subarray(0, length));
    pending = pending.subarray(length);
    // A client's goodbye ends its connection, not the database.
    if (!startup && message[0] === TERMINATE) continue;
    answers.push(await db.execProtocolRaw(message));
  }
  if (!answers.length) return;
  // A buffer of its own, handed over without a copy (PGlite's answers may be views of its memory).
  const out = new Uint8Array(answers.reduce((n, a) => n + a.byteLength, 0));
  let at = 0;
  for (const a of answers) {
    out.set(a, at);
    at += a.byteLength;
  }
  parentPort.postMessage(out, [out.buffer]);
}

/** A connection ended: what it left open must not leak into the next one. */
async function reset() {
  pending = Buffer.alloc(0);
  if (db.isInTransaction()) await db.exec("rollback");
  await db.exec("deallocate all");
}

parentPort.on("message", (message) => {
  queue = queue
    .then(async () => {
      if (message === "reset") return reset();
      if (message === "close") {
        await db.close();
        parentPort.postMessage({ type: "closed" });
        return;
      }
      return receive(message);
    })
    .catch((error) => parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) }));
});

parentPort.postMessage({ type: "ready" });
