import path from "node:path";
import { Duplex } from "node:stream";
import { Worker } from "node:worker_threads";

/**
 * The embedded database (PGlite) on a thread of its own, spoken to with the PostgreSQL wire
 * protocol through an in-memory socket: the app uses the same driver (postgres.js) as with a
 * PostgreSQL server, and the database's work (WebAssembly, synchronous) no longer stops the app's
 * event loop, so a sync keeps fetching while it stores. One connection at a time, as PGlite has
 * one session.
 */
export type EmbeddedDatabase = {
  /** A connection's socket, for postgres.js's `socket` option. */
  socket: () => Duplex;
  close: () => Promise<void>;
};

type Status = { type: "ready" | "closed" } | { type: "failed" | "error"; message: string };

const workerFile = () => path.join(process.cwd(), "db", "pglite-worker.mjs");

export async function startEmbeddedDatabase(options: { dataDir: string | null; sharedBuffers: string }): Promise<EmbeddedDatabase> {
  const worker = new Worker(workerFile(), { workerData: options });
  let connection: Duplex | undefined;
  let stopped: Error | undefined;
  let onClosed: (() => void) | undefined;

  const fail = (error: Error) => {
    stopped ??= error;
    connection?.destroy(error);
  };

  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      worker.off("message", onStatus).off("error", settle).off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const onStatus = (status: Status) =>
      settle(status.type === "ready" ? undefined : new Error(`The embedded database did not start: ${"message" in status ? status.message : status.type}`));
    const onExit = (code: number) => settle(new Error(`The embedded database stopped while starting (exit code ${code}).`));
    worker.on("message", onStatus).on("error", settle).on("exit", onExit);
  });

  worker.on("message", (message: Uint8Array | Status) => {
    if (message instanceof Uint8Array) {
      connection?.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength));
    } else if (message.type === "closed") {
      onClosed?.();
    } else if (message.type === "error" || message.type === "failed") {
      fail(new Error(`The embedded database failed: ${message.message}`));
    }
  });
  worker.on("error", (error) => fail(new Error(`The embedded database failed: ${error.message}`)));
  worker.on("exit", (code) => {
    fail(new Error(`The embedded database stopped (exit code ${code}); restart the app.`));
    onClosed?.();
  });

  return {
    socket() {
      if (connection && !connection.destroyed) connection.destroy();
      const socket = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, callback) {
          if (stopped) return callback(stopped);
          worker.postMessage(chunk);
          callback();
        },
        final(callback) {
          callback();
          socket.push(null);
        },
        destroy(error, callback) {
          if (connection === socket) {
            connection = undefined;
            if (!stopped) worker.postMessage("reset");
          }
          callback(error);
        },
      });
      // postgres.js checks this before sending its goodbye.
      Object.assign(socket, { readyState: "open" });
      connection = socket;
      if (stopped) queueMicrotask(() => socket.destroy(stopped));
      return socket;
    },
    async close() {
      connection?.destroy();
      if (stopped) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage("close");
      });
      await worker.terminate();
    },
  };
}
