// The embedded database's thread: PGlite (PostgreSQL compiled to WebAssembly) answering the
// PostgreSQL wire protocol (see db/embedded.ts). PGlite has one session; the app holds one
// connection, and a cancel request arrives on a second one. Plain JavaScript, so that a worker
// thread can load it as it is, in development and in production.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const TERMINATE = 0x58; // 'X'
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_V3 = 196608;
const REFUSED = Uint8Array.of(0x4e); // 'N': no encryption, go on in the clear

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

/** Bytes received per connection that do not yet make a whole message. */
const pending = new Map();
/** Connections that started a session (a cancel request's connection never does). */
const sessions = new Set();
let queue = Promise.resolve();

/**
 * Runs each complete message of a connection's byte stream, in order, and answers with
 * everything PGlite said. Messages before the startup have no type byte: their length comes first.
 */
async function receive(connection, chunk) {
  const before = pending.get(connection);
  let buffer = before ? Buffer.concat([before, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const answers = [];
  while (buffer.length >= 5 || (buffer.length >= 4 && buffer[0] === 0)) {
    const untyped = buffer[0] === 0;
    const length = untyped ? buffer.readInt32BE(0) : 1 + buffer.readInt32BE(1);
    if (buffer.length < length) break;
    const message = new Uint8Array(buffer.subarray(0, length));
    buffer = buffer.subarray(length);
    const code =
      untyped && length >= 8 ? message[4] * 2 ** 24 + message[5] * 2 ** 16 + message[6] * 2 ** 8 + message[7] : 0;
    if (untyped && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
      answers.push(new Uint8Array(REFUSED));
      continue;
    }
    // A statement in WebAssembly cannot be interrupted: the cancel is dropped with its connection.
    if (untyped && code === CANCEL_REQUEST) {
      parentPort.postMessage({ type: "hangup", connection });
      continue;
    }
    if (untyped && code === PROTOCOL_V3) sessions.add(connection);
    // A client's goodbye ends its connection, not the database.
    if (!untyped && message[0] === TERMINATE) continue;
    // A copy: PGlite may answer with a view of a buffer its next message reuses.
    answers.push(new Uint8Array(await db.execProtocolRaw(message)));
  }
  if (buffer.length) pending.set(connection, Buffer.from(buffer));
  else pending.delete(connection);
  if (!answers.length) return;
  const out = answers.length === 1 ? answers[0] : new Uint8Array(Buffer.concat(answers));
  parentPort.postMessage({ connection, data: out }, [out.buffer]);
}

/** A connection ended: what it left open (a transaction, settings, prepared statements) must not reach the next one. */
async function reset(connection) {
  pending.delete(connection);
  if (!sessions.delete(connection)) return;
  if (db.isInTransaction()) await db.exec("rollback");
  await db.exec("discard all");
}

parentPort.on("message", (message) => {
  queue = queue
    .then(async () => {
      if (message.type === "data") return await receive(message.connection, message.data);
      if (message.type === "reset") return await reset(message.connection);
      if (message.type === "close") {
        await db.close();
        parentPort.postMessage({ type: "closed" });
      }
    })
    .catch((error) => {
      const text = error instanceof Error ? error.message : String(error);
      if (message.type === "close") parentPort.postMessage({ type: "closed", error: text });
      else parentPort.postMessage({ type: "error", connection: message.connection, message: text });
    });
});

parentPort.postMessage({ type: "ready" });
