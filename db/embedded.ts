import path from "node:path";
import { Duplex } from "node:stream";
import { Worker } from "node:worker_threads";

/**
 * The embedded database (PGlite) on a thread of its own, spoken to with the PostgreSQL wire
 * protocol through in-memory sockets: the app uses the same driver (postgres.js) as with a
 * PostgreSQL server, and the database's work (WebAssembly, synchronous) no longer stops the app's
 * event loop, so a sync keeps fetching while it stores. PGlite has one session: the app keeps one
 * connection (a cancel request opens a second, answered by closing it).
 */
export type EmbeddedDatabase = {
  /** A new connection's socket, for postgres.js's `socket` option. */
  socket: () => Duplex;
  close: () => Promise<void>;
};

type FromWorker =
  | { connection: number; data: Uint8Array }
  | { type: "ready" }
  | { type: "closed"; error?: string }
  | { type: "failed"; message: string }
  | { type: "error" | "hangup"; connection: number; message?: string };

const workerFile = () => path.join(process.cwd(), "db", "pglite-worker.mjs");

/** How long a closing database may take to write what it holds before its thread is stopped. */
const CLOSE_TIMEOUT_MS = 15_000;

export async function startEmbeddedDatabase(options: {
  dataDir: string | null;
  sharedBuffers: string;
}): Promise<EmbeddedDatabase> {
  const worker = new Worker(workerFile(), { workerData: options });
  const connections = new Map<number, Duplex>();
  let nextConnection = 1;
  let stopped: Error | undefined;
  let onClosed: (() => void) | undefined;

  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      worker.off("message", onStatus).off("error", settle).off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const onStatus = (status: FromWorker) =>
      settle(
        "type" in status && status.type === "ready"
          ? undefined
          : new Error(`The embedded database did not start: ${"message" in status ? status.message : "no answer"}`),
      );
    const onExit = (code: number) =>
      settle(new Error(`The embedded database stopped while starting (exit code ${code}).`));
    worker.on("message", onStatus).on("error", settle).on("exit", onExit);
  });

  // The thread is gone or broken: every connection fails now, and every later one at once.
  const stop = (error: Error) => {
    stopped ??= error;
    for (const socket of connections.values()) socket.destroy(stopped);
    onClosed?.();
  };

  worker.on("message", (message: FromWorker) => {
    if ("data" in message) {
      // An answer for a connection that has ended meanwhile is dropped, not handed to the next one.
      connections
        .get(message.connection)
        ?.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
    } else if (message.type === "closed") {
      onClosed?.();
    } else if (message.type === "hangup") {
      connections.get(message.connection)?.destroy();
    } else if (message.type === "error") {
      // PGlite itself failed on this connection's message (not an SQL error): end the connection; the driver opens a new one.
      connections.get(message.connection)?.destroy(new Error(`The embedded database failed: ${message.message}`));
    } else if (message.type === "failed") {
      stop(new Error(`The embedded database failed: ${message.message}`));
    }
  });
  worker.on("error", (error) => stop(new Error(`The embedded database failed: ${error.message}; restart the app.`)));
  worker.on("exit", (code) => stop(new Error(`The embedded database stopped (exit code ${code}); restart the app.`)));

  return {
    socket() {
      const id = nextConnection++;
      const socket = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, callback) {
          if (stopped) return callback(stopped);
          worker.postMessage({ type: "data", connection: id, data: chunk });
          callback();
        },
        final(callback) {
          callback();
          socket.push(null);
        },
        destroy(error, callback) {
          if (connections.delete(id) && !stopped) worker.postMessage({ type: "reset", connection: id });
          callback(error);
        },
      });
      // postgres.js checks this before sending its goodbye.
      Object.assign(socket, { readyState: "open" });
      connections.set(id, socket);
      if (stopped) queueMicrotask(() => socket.destroy(stopped));
      return socket;
    },
    async close() {
      for (const socket of connections.values()) socket.destroy();
      try {
        if (!stopped) {
          await new Promise<void>((resolve) => {
            onClosed = resolve;
            setTimeout(resolve, CLOSE_TIMEOUT_MS).unref();
            worker.postMessage({ type: "close" });
          });
        }
      } finally {
        stopped ??= new Error("The embedded database is closed.");
        await worker.terminate();
      }
    },
  };
}
