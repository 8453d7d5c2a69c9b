import net from "node:net";

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * One HTTP/1.1 connection driven by hand (node:net), for what Playwright's request client hides:
 * keep-alive reuse, a chunked body written while the server already answers, the server closing.
 */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  readonly socket: net.Socket;
  /** Resolves when the server closed (or reset) the connection. */
  readonly closed: Promise<void>;
  isClosed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on("data", (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.wake();
    });
    socket.on("error", () => {}); // a reset shows as `closed`
    this.closed = new Promise((resolve) =>
      socket.on("close", () => {
        this.isClosed = true;
        this.wake();
        resolve();
      }),
    );
  }

  static open(baseURL: string): Promise<RawConnection> {
    const { hostname, port } = new URL(baseURL);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Writes, waiting for the socket to drain; false once the server has closed or reset it. */
  async write(data: string | Buffer): Promise<boolean> {
    if (this.isClosed || this.socket.destroyed) return false;
    return new Promise((resolve) => {
      const ok = this.socket.write(data, (error) => {
        if (error) resolve(false);
      });
      if (ok) resolve(true);
      else {
        const done = () => resolve(!this.socket.destroyed);
        this.socket.once("drain", done);
        this.closed.then(() => resolve(false));
      }
    });
  }

  /** The next whole response on the connection; throws after `timeoutMs` or if the connection ends first. */
  async readResponse(timeoutMs: number): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = this.parse();
      if (parsed) return parsed;
      if (this.isClosed)
        throw new Error(`connection closed before a whole response (${this.buffer.length} bytes read)`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no whole response within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private parse(): RawResponse | undefined {
    const headEnd = this.buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) return undefined;
    const [statusLine, ...lines] = this.buffer.subarray(0, headEnd).toString("latin1").split("\r\n");
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(":")).trim().toLowerCase(),
        line.slice(line.indexOf(":") + 1).trim(),
      ]),
    );
    let offset = headEnd + 4;
    const chunks: Buffer[] = [];
    if (headers["transfer-encoding"]?.toLowerCase() === "chunked") {
      for (;;) {
        const lineEnd = this.buffer.indexOf("\r\n", offset);
        if (lineEnd < 0) return undefined;
        const size = parseInt(this.buffer.subarray(offset, lineEnd).toString("latin1"), 16);
        if (this.buffer.length < lineEnd + 2 + size + 2) return undefined;
        chunks.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        offset = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
    } else {
      const length = Number(headers["content-length"] ?? 0);
      if (this.buffer.length < offset + length) return undefined;
      chunks.push(this.buffer.subarray(offset, offset + length));
      offset += length;
    }
    this.buffer = this.buffer.subarray(offset);
    return { status: Number(statusLine.split(" ")[1]), headers, body: Buffer.concat(chunks).toString("utf8") };
  }

  close() {
    this.socket.destroy();
  }
}
